import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, parseDate } from '../../src/contract/values.js';

/**
 * parseDate never accepts an impossible date (31/02, month 13, a time of 25:00, a year outside
 * 1900–2100) and never rolls one over into another day; every date it accepts round-trips
 * through formatDay. Validity is decided here independently, by the JavaScript calendar.
 */
function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const parts = fc.record({
  year: fc.oneof(fc.integer({ min: 1890, max: 2110 }), fc.constantFrom(1900, 2000, 2100, 2016)),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31)),
  style: fc.constantFrom('iso', 'iso-short', 'uk', 'uk-short'),
  time: fc.option(
    fc.record({
      hours: fc.integer({ min: 0, max: 25 }),
      minutes: fc.integer({ min: 0, max: 61 }),
      seconds: fc.option(fc.integer({ min: 0, max: 61 })),
      t: fc.boolean(),
    }),
  ),
});

type Parts = typeof parts extends fc.Arbitrary<infer T> ? T : never;

function write(p: Parts): string {
  const short = p.style.endsWith('short');
  const m = short ? String(p.month) : pad(p.month);
  const d = short ? String(p.day) : pad(p.day);
  const date = p.style.startsWith('iso') ? `${p.year}-${m}-${d}` : `${d}/${m}/${p.year}`;
  if (p.time === null) return date;
  const seconds = p.time.seconds === null ? '' : `:${pad(p.time.seconds)}`;
  const sep = p.time.t && p.style.startsWith('iso') ? 'T' : ' ';
  return `${date}${sep}${pad(p.time.hours)}:${pad(p.time.minutes)}${seconds}`;
}

function timeIsReal(p: Parts): boolean {
  if (p.time === null) return true;
  return p.time.hours <= 23 && p.time.minutes <= 59 && (p.time.seconds ?? 0) <= 59;
}

describe('parseDate', () => {
  it('accepts a date exactly when it is real, and round-trips it through formatDay', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const text = write(p);
        const parsed = parseDate(text);
        const real = isRealDate(p.year, p.month, p.day) && timeIsReal(p);
        expect(parsed.ok, text).toBe(real);
        if (parsed.ok) {
          const iso = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
          expect(formatDay(parsed.value)).toBe(iso);
          const again = parseDate(formatDay(parsed.value));
          expect(again.ok && again.value).toBe(parsed.value);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never accepts anything that is not a real day, whatever the text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 24 }),
      fc.stringMatching(/^[0-9]{1,5}[-/. ][0-9]{1,3}[-/. ][0-9]{1,5}( [0-9]{1,2}:[0-9]{2})?$/),
    );
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parseDate(t);
        if (!parsed.ok) return;
        // Whatever was accepted names a real day between 1900 and 2100, and reads back the same.
        const iso = formatDay(parsed.value);
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        expect(isRealDate(y, m, d), `${t} → ${iso}`).toBe(true);
        const again = parseDate(iso);
        expect(again.ok && again.value).toBe(parsed.value);
        // The day and month written in the text are the ones read: nothing rolled over.
        const digits = t.match(/\d+/g)?.map(Number) ?? [];
        const [a, b, c] = digits as [number, number, number];
        const read = t.includes('/') ? [c, b, a] : [a, b, c];
        expect(read, t).toEqual([y, m, d]);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects Excel serial numbers and the usual wrong formats', () => {
    for (const t of [
      '42828',
      '04-03-2017',
      '03.04.2017',
      '20170403',
      '31/02/2017',
      '2017-13-45',
      '2017-02-29',
      '1900-02-29',
      '2017-04-03 24:00',
      '03/04/17',
      ' 2017-04-03',
    ]) {
      expect(parseDate(t).ok, t).toBe(false);
    }
    for (const [t, iso] of [
      ['2017-4-3', '2017-04-03'],
      ['3/4/2017', '2017-04-03'],
      // Unambiguous orders partners' spreadsheets write (issue 16): read since then.
      ['2017/04/03', '2017-04-03'],
      ['3rd April 2017', '2017-04-03'],
      ['03-Apr-17', '2017-04-03'],
      ['2000-02-29', '2000-02-29'],
      ['2017-04-03T23:59:59Z', '2017-04-03'],
      ['03/04/2017 00:00:00', '2017-04-03'],
    ] as const) {
      const parsed = parseDate(t);
      expect(parsed.ok && formatDay(parsed.value), t).toBe(iso);
    }
  });
});
