import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Column, Interner } from '../../src/model/columnar.js';

describe('Column', () => {
  it('keeps every value across block boundaries, as a plain array would', () => {
    // Lengths around the first block's doublings and the 65,536-value blocks after it.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 1, max: 5000 }),
        (length, capacity) => {
          const column = new Column(Int32Array, capacity);
          const reference: number[] = [];
          for (let i = 0; i < length; i++) {
            const value = (i * 2654435761) | 0;
            if (column.push(value) !== i) throw new Error(`push ${i} returned another index`);
            reference.push(value);
          }
          if (length > 0) {
            column.set(length - 1, 7);
            reference[length - 1] = 7;
          }
          let mismatches = 0;
          for (let i = 0; i < length; i++) if (column.get(i) !== reference[i]) mismatches++;
          const lengthBefore = column.length;
          const copy = column.take();
          for (let i = 0; i < length; i++) if (copy[i] !== reference[i]) mismatches++;
          // Taken, the column is empty, and fills again from scratch.
          const lengthAfter = column.length;
          column.push(5);
          column.push(6);
          expect({
            length: lengthBefore,
            copied: copy.length,
            mismatches,
            after: [lengthAfter, column.length, column.get(0), column.get(1)],
          }).toEqual({ length, copied: length, mismatches: 0, after: [0, 2, 5, 6] });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives an exact-length copy for an empty column', () => {
    expect(new Column(Float64Array).take()).toEqual(new Float64Array(0));
  });
});

describe('Interner', () => {
  it('numbers strings in first-seen order', () => {
    const interner = new Interner();
    expect(['b', 'a', 'b', 'c'].map((s) => interner.intern(s))).toEqual([0, 1, 0, 2]);
    expect(interner.find('c')).toBe(2);
    expect(interner.find('z')).toBe(-1);
    expect(interner.values).toEqual(['b', 'a', 'c']);
  });

  it('gives the strings first seen since it was last asked, piece after piece', () => {
    const interner = new Interner();
    for (const s of ['b', 'a', 'b']) interner.intern(s);
    expect(interner.takeNew()).toEqual(['b', 'a']);
    expect(interner.takeNew()).toEqual([]);
    for (const s of ['a', 'c', 'b', 'd']) interner.intern(s);
    expect(interner.takeNew()).toEqual(['c', 'd']);
  });

  it('relabels a value in place, and never onto a value it already has', () => {
    const interner = new Interner();
    for (const s of ['All', 'All (cohort)']) interner.intern(s);
    interner.relabel('All', 'All (cohort 2)');
    expect(interner.values).toEqual(['All (cohort 2)', 'All (cohort)']);
    expect([interner.find('All (cohort 2)'), interner.find('All')]).toEqual([0, -1]);
    expect(() => interner.relabel('All (cohort 2)', 'All (cohort)')).toThrow(/cannot relabel/);
  });
});
