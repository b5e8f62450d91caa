import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../src/stats/holmAdjust.js';

// Reference values: R 4.2.2 `p.adjust(p, method = "holm")`, e.g.
//   Rscript -e 'options(digits=17); p.adjust(c(0.01,0.04,0.03,0.005,NA,0.2,0.04,0.9), "holm")'
describe('holmAdjust', () => {
  it('matches R with NA (excluded from n), ties and a value capped at 1', () => {
    const result = holmAdjust([0.01, 0.04, 0.03, 0.005, Number.NaN, 0.2, 0.04, 0.9]);
    const expected = [0.06, 0.16, 0.15, 0.035, Number.NaN, 0.4, 0.16, 0.9];
    expect(result[4]).toBeNaN();
    expected.forEach((value, i) => {
      if (!Number.isNaN(value)) expect(result[i]).toBeCloseTo(value, 15);
    });
  });

  it('matches R on a hand-checkable case', () => {
    // p.adjust(c(0.01, 0.04, 0.03), "holm") => 0.03 0.06 0.06
    const result = holmAdjust([0.01, 0.04, 0.03]);
    expect(result[0]).toBeCloseTo(0.03, 15);
    expect(result[1]).toBeCloseTo(0.06, 15);
    expect(result[2]).toBeCloseTo(0.06, 15);
    // p.adjust(c(0.5, 0.6, 0.7, 0.8), "holm") => 1 1 1 1
    expect(holmAdjust([0.5, 0.6, 0.7, 0.8])).toEqual([1, 1, 1, 1]);
  });

  it('returns the input unchanged with at most one non-missing p (as R)', () => {
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([0.3])).toEqual([0.3]);
    expect(holmAdjust([Number.NaN, 0.3])).toEqual([Number.NaN, 0.3]);
  });

  it('does not modify its input', () => {
    const p = [0.01, 0.04];
    holmAdjust(p);
    expect(p).toEqual([0.01, 0.04]);
  });

  it('rejects p-values outside [0, 1], naming the index', () => {
    expect(() => holmAdjust([0.1, 1.2])).toThrow(/p\[1\] must be in \[0, 1\]/);
    expect(() => holmAdjust([-0.1])).toThrow(RangeError);
    expect(() => holmAdjust([Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => holmAdjust(['0.1' as unknown as number])).toThrow(TypeError);
  });
});
