import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Break } from '../../src/io/brokenRecord.js';
import {
  RecordReader,
  type RecordReaderSettings,
  type ScanMeter,
} from '../../src/io/csvRecords.js';

interface Read {
  header: number | null;
  records: number[];
  breaks: Break[];
  meter: ScanMeter;
  size: number;
}

/** Reads `text` with a RecordReader, `chunk` bytes at a time, recovering from every break. */
function read(text: string, settings: Partial<RecordReaderSettings> = {}, chunk = 65536): Read {
  const bytes = Buffer.from(text, 'utf8');
  const meter = { split: 0, parsed: 0 };
  const out: Read = { header: null, records: [], breaks: [], meter, size: bytes.length };
  const reader = new RecordReader(
    {
      maxRecordSize: 8 * 1024 * 1024,
      maxFieldLines: 5,
      splitRegularLines: true,
      describeLimit: 2 * bytes.length,
      meter,
      ...settings,
    },
    {
      header: (_fields, line) => {
        out.header = line;
      },
      record: (_fields, line) => out.records.push(line),
      broken: (problem) => out.breaks.push(problem) > 0,
    },
  );
  for (let at = 0; at < bytes.length; at += chunk) reader.write(bytes.subarray(at, at + chunk));
  reader.finish();
  return out;
}

/** Deterministic pseudo-random integers (a linear congruential generator), so the data is fixed. */
function lcg(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * below);
  };
}

/**
 * A partner export of `lines` rows in which `broken` rows open a quote they never close. They are
 * more than 5 lines apart: a quote closed by the next row's quote within 5 lines reads as a genuine
 * quoted line break, another matter.
 */
function exportWithUnclosedQuotes(lines: number, broken: number): { text: string; at: number[] } {
  const random = lcg(20150401);
  const chosen = new Set<number>();
  const near = (line: number) => [...chosen].some((c) => Math.abs(c - line) <= 5);
  while (chosen.size < broken) {
    const line = 2 + random(lines);
    if (!near(line)) chosen.add(line);
  }
  const rows = ['participant_id,cohort,enrolled_on'];
  for (let line = 2; line < lines + 2; line++) {
    const cohort = chosen.has(line) ? `"Tuesday group ${line}` : `Tuesday group ${line}`;
    rows.push(`TT${line},${cohort},2016-04-0${1 + (line % 9)}`);
  }
  return { text: `${rows.join('\n')}\n`, at: [...chosen].sort((a, b) => a - b) };
}

describe('RecordReader', () => {
  it('reads every byte a bounded number of times however many quotes are left open', () => {
    const { text, at } = exportWithUnclosedQuotes(20000, 500);
    const r = read(text);
    // Each broken row is reported where its quote opened and is the only row lost.
    expect(r.breaks.map((b) => b.line)).toEqual(at);
    expect(r.records.length).toBe(20000 - 500);
    // Linear work, counted rather than timed: a reader that went back for each broken record (to
    // the start of the file, or of the stretch a quote swallowed) would hand on hundreds of times
    // the file. Here every byte is split about once, and csv-parse reads the swallowed stretches.
    expect(r.meter.split + r.meter.parsed).toBeGreaterThanOrEqual(r.size);
    expect(r.meter.split + r.meter.parsed).toBeLessThanOrEqual(4 * r.size);
    // The messages say where each quote ended (the next broken row), as they always have.
    expect(r.breaks[0]?.cause).toBe(
      `a double quote opened on line ${at[0]} runs over ${(at[1] as number) - (at[0] as number) + 1} lines (more than 5 lines in one field)`,
    );
  });

  it('stays linear when every broken record swallows the same stretch, and says so past its limit', () => {
    // Each line closes the quoted field before it and opens another: csv-parse reads from any line
    // to the end of the file, and each of those records is broken.
    const lines = 5000;
    const text = `h1,h2,h3\n1,"a\n${'b","c\n'.repeat(lines)}`;
    const r = read(text);
    expect(r.breaks.map((b) => b.line)).toEqual(Array.from({ length: lines + 1 }, (_, i) => i + 2));
    expect(r.records).toEqual([]);
    // Linear: each record is read up to where it is known broken (its sixth line, 6 bytes each here,
    // and 8 bytes of csv-parse's look-ahead), and twice the file's size goes on describing the first.
    expect(r.meter.split + r.meter.parsed).toBeLessThanOrEqual(10 * r.size);
    // The first broken records are read to the end of the file (twice the file's size in all);
    // after that a record known to be broken is reported without looking for its end.
    const causes = r.breaks.map((b) => b.cause.replace(/\d+/g, 'N'));
    expect(causes[0]).toBe(
      'a double quote opened on line N is never closed (expected a closing quote before the end of the file)',
    );
    expect(causes[10]).toBe(
      'a double quote opened on line N runs over more than N lines (more than N lines in one field)',
    );
    // Without that limit such a file is read quadratically: every record to the end.
    const small = `h1,h2,h3\n1,"a\n${'b","c\n'.repeat(400)}`;
    const limited = read(small);
    const unlimited = read(small, { describeLimit: Number.POSITIVE_INFINITY });
    expect(unlimited.meter.parsed).toBeGreaterThan(100 * unlimited.size);
    expect(limited.meter.parsed).toBeLessThan(10 * limited.size);
    expect(unlimited.breaks.map((b) => b.line)).toEqual(limited.breaks.map((b) => b.line));
  });

  it('decides where to stop from the bytes alone, not from how they arrive', () => {
    const text = `h1,h2,h3\n1,"a\n${'b","c\n'.repeat(200)}2,"x\n${'3,y,z\n'.repeat(20)}`;
    const whole = read(text, { describeLimit: 3000 });
    expect(whole.breaks.some((b) => b.cause.includes('more than'))).toBe(true);
    for (const chunk of [1, 2, 7, 100, 4096]) {
      const r = read(text, { describeLimit: 3000 }, chunk);
      expect({ breaks: r.breaks, records: r.records }).toEqual({
        breaks: whole.breaks,
        records: whole.records,
      });
    }
  });

  it('reads records the same by direct split and by csv-parse, with many quotes left open', () => {
    // Rows that open quotes and never close them, close others' quotes, or carry quoted line
    // breaks, among regular rows: records, lines and breaks must not depend on the reading path,
    // and the work stays within a constant times the input.
    const row = fc.constantFrom(
      'a,b,c',
      '1,"open,x',
      '"open',
      'x,"y',
      'b","c',
      '"a""b',
      '1,"two\nlines",z',
      ' , ,',
      '"',
      '""',
      'p,"q"r,s',
    );
    const eol = fc.constantFrom('\n', '\r\n');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(row, eol), { maxLength: 120 }),
        fc.constantFrom(1, 3, 5),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom(0, 40, Number.POSITIVE_INFINITY),
        (rows, maxFieldLines, chunk, describeLimit) => {
          const text = `h1,h2,h3\n${rows.map(([r, e]) => r + e).join('')}`;
          const settings = { maxFieldLines, describeLimit };
          const split = read(text, settings, chunk);
          const parsed = read(text, { ...settings, splitRegularLines: false }, chunk);
          expect({ ...split, meter: null }).toEqual({ ...parsed, meter: null });
          if (describeLimit !== Number.POSITIVE_INFINITY) {
            const handed = split.meter.split + split.meter.parsed;
            expect(handed).toBeLessThanOrEqual((maxFieldLines + 6) * split.size + describeLimit);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
