import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/io/jsonChunks.js';

const stringify = (value: unknown) => JSON.stringify(value, null, 2);
const chunked = (value: unknown, depth?: number) => [...jsonChunks(value, depth)].join('');

/**
 * metrics.json is written in chunks; its bytes must stay exactly those of
 * `JSON.stringify(metrics, null, 2)`, which tides wrote before (and `tides check` baselines hold).
 */
describe('jsonChunks', () => {
  it('gives the bytes of JSON.stringify(value, null, 2) for any JSON value, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => {
        expect(chunked(value, depth)).toBe(stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('follows JSON.stringify on undefined, functions, symbols, dates, boxed values and -0', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, Symbol('s'), -0, Number.NaN, Number.POSITIVE_INFINITY],
      d: new Date(0),
      e: Object(3),
      f: Object('text'),
      g: { nested: [[], {}, [{}], 'line\nbreak', '\u2028'] },
      [Symbol('key')]: 1,
    };
    expect(chunked(value)).toBe(stringify(value));
    expect(chunked(value, 0)).toBe(stringify(value));
    expect(chunked([])).toBe('[]');
    expect(chunked({})).toBe('{}');
    expect(chunked(null)).toBe('null');
  });

  it('writes a table of many rows row by row, reading each lazily made member once', () => {
    let reads = 0;
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ group: `g${i}`, n: i, p: i / 7 }));
    const tables = {};
    Object.defineProperty(tables, 'reach', {
      enumerable: true,
      get: () => {
        reads++;
        return rows;
      },
    });
    const metrics = { schema_version: 1, tables };
    const chunks = [...jsonChunks(metrics)];
    expect(reads).toBe(1);
    expect(chunks.join('')).toBe(stringify({ schema_version: 1, tables: { reach: rows } }));
    // No chunk holds more than one row: nothing grows with the number of rows.
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(100);
  });
});
