import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEX, TIMEPOINT } from '../../src/contract/codes.js';
import {
  dayNumber,
  formatDay,
  formatLongDay,
  isIdentifier,
  MAX_ID_LENGTH,
  parseCode,
  parseDate,
  parseIntegerInRange,
  parseLsoa,
  parseNumber,
} from '../../src/contract/values.js';

describe('parseDate', () => {
  it('reads ISO and UK dates to the same day', () => {
    const iso = parseDate('2017-04-03');
    const uk = parseDate('03/04/2017');
    expect(iso).toEqual({ ok: true, value: dayNumber(2017, 4, 3) });
    expect(uk).toEqual(iso);
    expect(parseDate('3/4/2017')).toEqual(iso);
    expect(formatDay(dayNumber(2017, 4, 3))).toBe('2017-04-03');
    expect(formatLongDay(dayNumber(2017, 4, 3))).toBe('3 April 2017');
    expect(formatLongDay(dayNumber(2026, 12, 4))).toBe('4 December 2026');
  });

  it('numbers days exactly as JavaScript dates do, 1900–2100', () => {
    // Independent reference: the platform's own calendar (Date.UTC), in whole days since 1970.
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (date) => {
          const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
          const expected = Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
          expect(dayNumber(y, m, d)).toBe(expected);
          const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(parseDate(iso)).toEqual({ ok: true, value: expected });
          expect(parseDate(`${d}/${m}/${y}`)).toEqual({ ok: true, value: expected });
        },
      ),
      { numRuns: 2000 },
    );
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumber(2000, 3, 1)).toBe(11017); // date -d 2000-03-01 +%s / 86400
  });

  it('ignores a time of day that spreadsheets append', () => {
    expect(parseDate('2017-04-03 00:00:00')).toEqual(parseDate('2017-04-03'));
    expect(parseDate('2017-04-03T10:15:00Z')).toEqual(parseDate('2017-04-03'));
    expect(parseDate('03/04/2017 00:00')).toEqual(parseDate('2017-04-03'));
  });

  it.each([
    ['31/02/2017', 'day 31 does not exist in February 2017'],
    ['29/02/2017', 'day 29 does not exist in February 2017'],
    ['2017-13-45', 'month 13 does not exist'],
    ['2017-02-30', 'day 30 does not exist in February 2017'],
    ['04/13/2017', 'month 13 does not exist'],
    ['00/01/2017', 'day 0 does not exist in January 2017'],
    ['1899-12-31', 'year 1899 is outside 1900–2100'],
  ])('never rolls %s over into a valid date', (text, reason) => {
    expect(parseDate(text)).toEqual({ ok: false, reason });
  });

  it('accepts 29 February in leap years only (2000 yes, 1900 no)', () => {
    expect(parseDate('29/02/2016').ok).toBe(true);
    expect(parseDate('2000-02-29').ok).toBe(true);
    expect(parseDate('1900-02-29').ok).toBe(false);
  });

  it.each([
    '20170403',
    '03-04-2017',
    '2017/04-03',
    '3 Aprl 2017',
    'April 3 2017',
    '',
    'NaN',
    '2017-4',
  ])('rejects the format %j', (text) => {
    expect(parseDate(text).ok).toBe(false);
  });

  it.each([
    '2017/04/03',
    '2017/4/3',
    '3-Apr-2017',
    '03-Apr-17',
    '3 April 2017',
    '3rd April 2017',
    '3 Apr. 2017',
    '3 apr, 2017',
    '03-APR-2017 00:00',
  ])('reads %j, whose order is plain, as 3 April 2017', (text) => {
    expect(parseDate(text)).toEqual({ ok: true, value: dayNumber(2017, 4, 3) });
  });

  it('reads September as Sep, Sept or September, and no other name', () => {
    for (const name of ['Sep', 'Sept', 'September', 'sEpTeMbEr']) {
      expect(parseDate(`1 ${name} 2016`)).toEqual({ ok: true, value: dayNumber(2016, 9, 1) });
    }
    expect(parseDate('1 Septem 2016')).toEqual({
      ok: false,
      reason: 'Septem is not the name of a month',
    });
    expect(parseDate('31-Apr-2017')).toEqual({
      ok: false,
      reason: 'day 31 does not exist in April 2017',
    });
  });

  it('reads DD/MM/YY only when the config allows two-digit years, as 20YY', () => {
    expect(parseDate('03/04/17').ok).toBe(false);
    expect(parseDate('03/04/17', { twoDigitYears: true })).toEqual({
      ok: true,
      value: dayNumber(2017, 4, 3),
    });
    // US order is never guessed, two digits or four.
    expect(parseDate('04/13/17', { twoDigitYears: true }).ok).toBe(false);
  });
});

describe('parseNumber', () => {
  it('reads plain decimals', () => {
    expect(parseNumber('42')).toEqual({ ok: true, value: 42 });
    expect(parseNumber('-3.5')).toEqual({ ok: true, value: -3.5 });
    expect(parseNumber('.5')).toEqual({ ok: true, value: 0.5 });
  });

  it.each([
    'NaN',
    'Infinity',
    '-Infinity',
    '1e3',
    '0x10',
    '1 000',
    '1,000',
    '',
    ' ',
    '12abc',
    '--1',
  ])('rejects %j, which Number() might accept', (text) => {
    expect(parseNumber(text).ok).toBe(false);
  });

  it('accepts thousands separators and £ only when asked', () => {
    expect(parseNumber('£12,500.00', { allowGrouping: true })).toEqual({ ok: true, value: 12500 });
    expect(parseNumber('1,234,567', { allowGrouping: true })).toEqual({ ok: true, value: 1234567 });
    expect(parseNumber('1,23', { allowGrouping: true }).ok).toBe(false);
  });

  it('checks whole numbers in range', () => {
    expect(parseIntegerInRange('10', 1, 10)).toEqual({ ok: true, value: 10 });
    expect(parseIntegerInRange('11', 1, 10)).toEqual({ ok: false, reason: 'outside 1–10' });
    expect(parseIntegerInRange('2.5', 1, 10)).toEqual({ ok: false, reason: 'not a whole number' });
  });
});

describe('parseCode', () => {
  it('matches case-insensitively with the accepted spellings', () => {
    expect(parseCode('F', SEX)).toEqual({ ok: true, value: 'female' });
    expect(parseCode('MALE', SEX)).toEqual({ ok: true, value: 'male' });
    expect(parseCode('Follow-up', TIMEPOINT)).toEqual({ ok: true, value: 'followup' });
    expect(parseCode('pre', TIMEPOINT)).toEqual({ ok: true, value: 'baseline' });
    expect(parseCode('1', TIMEPOINT)).toEqual({ ok: true, value: 'followup' });
  });

  it('reads sex and gender as partners record them (the README says how each counts)', () => {
    const cases: [string, string][] = [
      ['Woman', 'female'],
      ['Female (including trans woman)', 'female'],
      ['Trans man', 'male'],
      ['Non-binary', 'other'],
      ['In another way', 'other'],
      ['Prefer not to say', 'unknown'],
      ['1', 'male'],
      ['2', 'female'],
      ['9', 'other'],
    ];
    for (const [text, value] of cases)
      expect(parseCode(text, SEX), text).toEqual({ ok: true, value });
  });

  it('reads the timepoints partners name', () => {
    for (const text of ['Entry', 'Start', 'T1', 'Pre', 'First session', 'pre-course']) {
      expect(parseCode(text, TIMEPOINT), text).toEqual({ ok: true, value: 'baseline' });
    }
    for (const text of ['Exit', 'End', 'T2', 'Post', 'Last session', 'Follow up']) {
      expect(parseCode(text, TIMEPOINT), text).toEqual({ ok: true, value: 'followup' });
    }
    // T0/T1 numbering would make T1 the follow-up: T0 is refused, never guessed.
    expect(parseCode('T0', TIMEPOINT).ok).toBe(false);
  });

  it('rejects anything else', () => {
    expect(parseCode('X', SEX)).toEqual({
      ok: false,
      reason: 'not one of female, male, other, unknown',
    });
  });
});

describe('parseLsoa', () => {
  it('accepts E01 and six digits, in any case', () => {
    expect(parseLsoa('e01006512')).toEqual({ ok: true, value: 'E01006512' });
    expect(parseLsoa('E0100651').ok).toBe(false);
    expect(parseLsoa('W01000001').ok).toBe(false);
  });
});

describe('isIdentifier', () => {
  it('takes 1 to 64 printable characters, in any script', () => {
    expect(isIdentifier('007')).toBe(true);
    expect(isIdentifier('Zoë-12')).toBe(true);
    expect(isIdentifier('x'.repeat(MAX_ID_LENGTH))).toBe(true);
    expect(isIdentifier('x'.repeat(MAX_ID_LENGTH + 1))).toBe(false);
    expect(isIdentifier('')).toBe(false);
    expect(isIdentifier('A\n1')).toBe(false);
    expect(isIdentifier('A\u202e1')).toBe(false);
  });
});
