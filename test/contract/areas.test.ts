import { describe, expect, it } from 'vitest';
import { normalisePostcode, outwardCode, parseArea } from '../../src/contract/areas.js';

describe('parseArea', () => {
  it('reads English LSOA codes in any case', () => {
    expect(parseArea('e01006512')).toEqual({
      ok: true,
      value: { kind: 'lsoa', code: 'E01006512' },
    });
  });

  it('recognises the small areas of the other nations, whose indices are their own', () => {
    expect(parseArea('W01000001')).toMatchObject({ ok: true, value: { nation: 'Wales' } });
    expect(parseArea('S01006506')).toMatchObject({ ok: true, value: { nation: 'Scotland' } });
    expect(parseArea('95AA01S1')).toMatchObject({
      ok: true,
      value: { nation: 'Northern Ireland' },
    });
    expect(parseArea('N21000001')).toMatchObject({
      ok: true,
      value: { nation: 'Northern Ireland' },
    });
  });

  it('reads UK postcodes in any case and spacing, normalised', () => {
    for (const text of ['L1 8JQ', 'l18jq', ' L1  8JQ ', 'l1 8jq']) {
      expect(parseArea(text)).toEqual({
        ok: true,
        value: { kind: 'postcode', postcode: 'L1 8JQ' },
      });
    }
    expect(parseArea('SW1A1AA')).toEqual({
      ok: true,
      value: { kind: 'postcode', postcode: 'SW1A 1AA' },
    });
  });

  it('refuses what is neither', () => {
    for (const text of ['E0100651', 'E02006512', 'L1', 'not known', '12345']) {
      expect(parseArea(text).ok, text).toBe(false);
    }
  });
});

describe('postcodes', () => {
  it('normalise to the ONS form and quote only their outward code', () => {
    expect(normalisePostcode('m602lr')).toBe('M60 2LR');
    expect(normalisePostcode('M60')).toBeNull();
    expect(outwardCode('M60 2LR')).toBe('M60');
  });
});
