import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodedColumn } from '../../src/model/codedColumn.js';

/** Same double, bit for bit (Object.is tells 0 from −0 and matches NaN with NaN). */
function sameBits(a: number, b: number): boolean {
  return Object.is(a, b);
}

/** Pushes, then overwrites every third value, mirroring both in a plain array. */
function fill(column: CodedColumn, values: readonly number[]): number[] {
  const reference: number[] = [];
  values.forEach((value, i) => {
    expect(column.push(value)).toBe(i);
    reference.push(value);
  });
  for (let i = 0; i < values.length; i += 3) {
    const value = values[values.length - 1 - i] as number;
    column.set(i, value);
    reference[i] = value;
  }
  return reference;
}

function mismatches(column: CodedColumn, reference: readonly number[]): number {
  let wrong = 0;
  for (let i = 0; i < reference.length; i++) {
    if (!sameBits(column.get(i), reference[i] as number)) wrong++;
  }
  return wrong;
}

describe('CodedColumn', () => {
  it('gives back every double exactly, as a plain array would, before and after widening', () => {
    // Scores from a small scale (coded), any doubles at all (often widening), and -0/NaN.
    const score = fc.oneof(
      fc.integer({ min: 0, max: 70 }),
      fc.constantFrom(0, -0, Number.NaN, 9.51, 19.98, 70 / 13),
      fc.double(),
    );
    fc.assert(
      fc.property(
        fc.array(score, { maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom(Number.NaN, -2147483648, 0, -0, 35),
        (values, maxCodes, frequent) => {
          const column = new CodedColumn(frequent, maxCodes);
          const reference = fill(column, values);
          expect({ length: column.length, mismatches: mismatches(column, reference) }).toEqual({
            length: values.length,
            mismatches: 0,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('codes each distinct score once, and widens only past its limit', () => {
    // 300 distinct scores, each pushed twice and some set again: exactly at a limit of 300.
    const scale = Array.from({ length: 300 }, (_, i) => i / 4);
    const coded = new CodedColumn(Number.NaN, 300);
    const reference = fill(coded, [...scale, ...scale, Number.NaN]);
    expect(coded.widened).toBe(false);
    expect(mismatches(coded, reference)).toBe(0);

    const narrow = new CodedColumn(Number.NaN, 299);
    const narrowReference = fill(narrow, [...scale, ...scale]);
    expect(narrow.widened).toBe(true);
    expect(mismatches(narrow, narrowReference)).toBe(0);
  });

  it('gives back a frequent value given at construction, and every other', () => {
    const undated = -2147483648;
    const column = new CodedColumn(undated, 3);
    const values = [undated, 17000, 17000, undated, 17001, -0, 0, 17002, undated, 17003];
    const reference = fill(column, values);
    // Three values besides NaN have codes (the frequent one, 17000, 17001); −0 widens the column.
    expect(column.widened).toBe(true);
    expect(mismatches(column, reference)).toBe(0);
  });

  it('tells 0 from −0, and keeps NaN as "no score"', () => {
    const column = new CodedColumn();
    column.push(0);
    column.push(-0);
    column.push(Number.NaN);
    expect([Object.is(column.get(0), 0), Object.is(column.get(1), -0)]).toEqual([true, true]);
    expect(Number.isNaN(column.get(2))).toBe(true);
  });
});
