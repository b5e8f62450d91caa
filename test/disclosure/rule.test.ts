import { describe, expect, it } from 'vitest';
import {
  DisclosureOptionError,
  describeDisclosureRule,
  resolveDisclosureRule,
} from '../../src/disclosure/index.js';

describe('resolveDisclosureRule', () => {
  it('defaults to the standard rule: min_cell 5, no rounding', () => {
    expect(resolveDisclosureRule()).toEqual({
      enabled: true,
      minCell: 5,
      roundTo: null,
      preset: 'standard',
    });
  });

  it('knows the NHS Digital 2018 and secure research presets', () => {
    expect(resolveDisclosureRule({ preset: 'nhsd-2018' })).toEqual({
      enabled: true,
      minCell: 8,
      roundTo: 5,
      preset: 'nhsd-2018',
    });
    expect(resolveDisclosureRule({ preset: 'secure-research' })).toMatchObject({
      minCell: 10,
      roundTo: null,
    });
  });

  it('lets explicit options override the preset, including switching rounding off', () => {
    expect(resolveDisclosureRule({ preset: 'nhsd-2018', minCell: 10 })).toMatchObject({
      minCell: 10,
      roundTo: 5,
      preset: 'nhsd-2018',
    });
    expect(resolveDisclosureRule({ preset: 'nhsd-2018', roundTo: null })).toMatchObject({
      minCell: 8,
      roundTo: null,
    });
    expect(resolveDisclosureRule({ minCell: 3, roundTo: 10 })).toMatchObject({
      minCell: 3,
      roundTo: 10,
    });
  });

  it('resolves the rule but disables it with suppress: false', () => {
    expect(resolveDisclosureRule({ suppress: false, minCell: 7 })).toEqual({
      enabled: false,
      minCell: 7,
      roundTo: null,
      preset: 'standard',
    });
  });

  it('throws a RangeError naming the bad option', () => {
    const cases: [Parameters<typeof resolveDisclosureRule>[0], string, RegExp][] = [
      [{ preset: 'nhs' }, 'preset', /preset must be one of standard, nhsd-2018/],
      [{ preset: 'toString' }, 'preset', /got "toString"/],
      [{ minCell: 0 }, 'minCell', /minCell must be a whole number from 1 to 1000, got 0/],
      [{ minCell: 2.5 }, 'minCell', /got 2\.5/],
      [{ minCell: Number.NaN }, 'minCell', /got NaN/],
      [{ minCell: 5000 }, 'minCell', /minCell/],
      [{ roundTo: 1 }, 'roundTo', /roundTo must be a whole number from 2 to 1000 \(or none\)/],
      [{ roundTo: 0 }, 'roundTo', /roundTo/],
      [{ roundTo: -5 }, 'roundTo', /got -5/],
    ];
    for (const [options, option, message] of cases) {
      let thrown: unknown;
      try {
        resolveDisclosureRule(options);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RangeError);
      expect(thrown).toBeInstanceOf(DisclosureOptionError);
      expect((thrown as DisclosureOptionError).option).toBe(option);
      expect((thrown as Error).message).toMatch(message);
    }
  });
});

describe('describeDisclosureRule', () => {
  it('states the default rule in one sentence', () => {
    expect(describeDisclosureRule(resolveDisclosureRule())).toBe(
      'Counts from 1 to 4 and statistics based on fewer than 5 people are suppressed ([c]); ' +
        'where a suppressed count could be recovered from a total, the next smallest count is ' +
        'suppressed too.',
    );
  });

  it('names a preset, its rounding, and says when options changed it', () => {
    expect(describeDisclosureRule(resolveDisclosureRule({ preset: 'nhsd-2018' }))).toBe(
      'Following the NHS Digital 2018 rule (preset nhsd-2018): counts from 1 to 7 and ' +
        'statistics based on fewer than 8 people are suppressed ([c]), other counts are rounded ' +
        'to the nearest 5 (percentages and other statistics are calculated from unrounded ' +
        'counts); where a suppressed count could be recovered from a total, the next smallest ' +
        'count is suppressed too.',
    );
    expect(
      describeDisclosureRule(resolveDisclosureRule({ preset: 'nhsd-2018', minCell: 11 })),
    ).toMatch(/^Adapted from the NHS Digital 2018 rule \(preset nhsd-2018\): counts from 1 to 10/);
  });

  it('handles the smallest thresholds', () => {
    expect(describeDisclosureRule(resolveDisclosureRule({ minCell: 2 }))).toMatch(
      /^Counts of 1 and statistics based on fewer than 2 people/,
    );
    expect(describeDisclosureRule(resolveDisclosureRule({ minCell: 1, roundTo: 5 }))).toBe(
      'No counts are suppressed, counts are rounded to the nearest 5 (percentages and ' +
        'other statistics are calculated from unrounded counts).',
    );
  });

  it('says NOT FOR PUBLICATION when switched off', () => {
    expect(describeDisclosureRule(resolveDisclosureRule({ suppress: false }))).toMatch(
      /switched off.*NOT FOR PUBLICATION/,
    );
  });
});
