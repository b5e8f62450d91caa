import { describe, expect, it } from 'vitest';
import { apportion } from '../../src/generate/city.js';
import { financialYear, isoDate, parseIsoDay, ukDate } from '../../src/generate/dates.js';
import { formatCount } from '../../src/generate/format.js';
import { IndexPermutation } from '../../src/generate/permutation.js';

describe('IndexPermutation', () => {
  it.each([1, 2, 7, 1_000, 4_097])('is a bijection of 0..%i-1', (size) => {
    const permutation = new IndexPermutation(size, 42);
    const seen = new Set(Array.from({ length: size }, (_, i) => permutation.at(i)));
    expect(seen.size).toBe(size);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(size - 1);
  });

  it('depends on its key', () => {
    const a = Array.from({ length: 20 }, (_, i) => new IndexPermutation(1_000, 1).at(i));
    const b = Array.from({ length: 20 }, (_, i) => new IndexPermutation(1_000, 2).at(i));
    expect(a).not.toEqual(b);
  });
});

describe('generator helpers', () => {
  it('apportions a total exactly, largest remainder first', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [5, 0, 2])).toEqual([5, 0, 2]);
  });

  it('formats dates and financial years without a locale', () => {
    const day = parseIsoDay('2017-03-31') as number;
    expect(isoDate(day)).toBe('2017-03-31');
    expect(ukDate(day)).toBe('31/03/2017');
    expect(financialYear(day)).toBe('2016-17');
    expect(financialYear(day + 1)).toBe('2017-18');
    expect(parseIsoDay('2017-02-29')).toBeNull();
  });

  it('formats every day from 1900 to 2100 as Date#toISOString does', () => {
    const first = parseIsoDay('1900-01-01') as number;
    const last = parseIsoDay('2100-12-31') as number;
    const wrong: number[] = [];
    for (let day = first; day <= last; day++) {
      if (isoDate(day) !== new Date(day * 86_400_000).toISOString().slice(0, 10)) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });

  it('groups thousands with commas', () => {
    expect(formatCount(50_000)).toBe('50,000');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });
});
