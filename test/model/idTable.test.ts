import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdListBuilder, IdTable, idText, sameIdAsPrevious } from '../../src/model/idTable.js';

describe('IdTable', () => {
  it('numbers ids in first-seen order and finds them again, as a Map would', () => {
    // Reference: a Map<string, number> filled in the same order.
    const id = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('007', '7', 'Łódź', '日本', 'TT0000001', 'a\u00e9', 'ae\u0301'),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const builder = new IdListBuilder();
        for (const text of ids) builder.add(text);
        const list = builder.finish();
        const table = new IdTable();
        const reference = new Map<string, number>();
        ids.forEach((text, i) => {
          expect(idText(list, i)).toBe(text);
          const expected = reference.get(text) ?? -1;
          expect(table.find(list, i)).toBe(expected);
          if (expected < 0) reference.set(text, reference.size);
          expect(table.intern(list, i)).toBe(reference.get(text));
        });
        expect(table.size).toBe(reference.size);
        for (const [text, n] of reference) {
          expect(table.findText(text)).toBe(n);
          expect(table.text(n)).toBe(text);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps leading zeros and case: 007, 7, ABC and abc are four people', () => {
    const builder = new IdListBuilder();
    for (const text of ['007', '7', 'ABC', 'abc', '007']) builder.add(text);
    const list = builder.finish();
    const table = new IdTable();
    expect([0, 1, 2, 3, 4].map((i) => table.intern(list, i))).toEqual([0, 1, 2, 3, 0]);
  });

  it('stays exact through many rehashes (100,000 ids)', () => {
    const builder = new IdListBuilder();
    for (let i = 0; i < 100_000; i++) builder.add(`P${i}`);
    const list = builder.finish();
    const table = new IdTable();
    for (let i = 0; i < 100_000; i++) expect(table.intern(list, i)).toBe(i);
    expect(table.findText('P99999')).toBe(99_999);
    expect(table.findText('P100000')).toBe(-1);
    expect(table.text(12_345)).toBe('P12345');
  });

  it('tells an id that repeats the one before it, as comparing their texts would', () => {
    // Reference: the ids' texts compared; short ids from few characters, so repeats, ids that
    // differ in one byte or in length, and empty ids are all common.
    const id = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', '0', '\u00e9'), maxLength: 4 }),
      fc.constantFrom('TT0000001', 'TT0000010', 'ab', 'ba'),
    );
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 60 }), (ids) => {
        const builder = new IdListBuilder();
        for (const text of ids) builder.add(text);
        const list = builder.finish();
        for (let i = 1; i < ids.length; i++) {
          expect(sameIdAsPrevious(list, i)).toBe(ids[i] === ids[i - 1]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart two ids with the same hash', () => {
    // 8BCP0NS and A02KBOA share their 32-bit FNV-1a hash, 0x32e28527 (found by a search over
    // random 7-character ids, python3: h = 0x811c9dc5; for b in s: h = ((h ^ b) * 0x01000193) % 2**32).
    const builder = new IdListBuilder();
    for (const text of ['8BCP0NS', 'A02KBOA', 'A02KBOA']) builder.add(text);
    const list = builder.finish();
    expect(list.hashes[0]).toBe(list.hashes[1]);
    expect(list.hashes[0]).toBe(0x32e28527 | 0);
    expect(sameIdAsPrevious(list, 1)).toBe(false);
    expect(sameIdAsPrevious(list, 2)).toBe(true);
    const table = new IdTable();
    expect([0, 1, 2].map((i) => table.intern(list, i))).toEqual([0, 1, 1]);
  });
});
