import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdListBuilder, IdTable, idText } from '../../src/model/idTable.js';

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
});
