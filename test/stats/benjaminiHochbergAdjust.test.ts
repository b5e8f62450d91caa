import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochbergAdjust } from '../../src/stats/benjaminiHochbergAdjust.js';

// Reference values: R 4.2.2 `p.adjust(p, method = "BH")`, e.g.
//   Rscript -e 'options(digits=17); p.adjust(c(0.01,0.04,0.03,0.005,NA,0.2,0.04,0.9), "BH")'
describe('benjaminiHochbergAdjust', () => {
  it('matches R with NA (excluded from n) and ties', () => {
    const result = benjaminiHochbergAdjust([0.01, 0.04, 0.03, 0.005, Number.NaN, 0.2, 0.04, 0.9]);
    const expected = [
      0.035,
      0.055999999999999994,
      0.055999999999999994,
      0.035,
      Number.NaN,
      0.23333333333333336,
      0.055999999999999994,
      0.9,
    ];
    expect(result[4]).toBeNaN();
    expected.forEach((value, i) => {
      if (!Number.isNaN(value)) expect(result[i]).toBeCloseTo(value, 15);
    });
  });

  it('matches R on hand-checkable cases', () => {
    // p.adjust(c(0.01, 0.04, 0.03), "BH") => 0.03 0.04 0.04
    const result = benjaminiHochbergAdjust([0.01, 0.04, 0.03]);
    expect(result[0]).toBeCloseTo(0.03, 15);
    expect(result[1]).toBeCloseTo(0.04, 15);
    expect(result[2]).toBeCloseTo(0.04, 15);
    // p.adjust(c(0.5, 0.6, 0.7, 0.8), "BH") => 0.8 0.8 0.8 0.8
    expect(benjaminiHochbergAdjust([0.5, 0.6, 0.7, 0.8])).toEqual([0.8, 0.8, 0.8, 0.8]);
  });

  it('returns the input unchanged with at most one non-missing p (as R)', () => {
    expect(benjaminiHochbergAdjust([])).toEqual([]);
    expect(benjaminiHochbergAdjust([Number.NaN, 0.3])).toEqual([Number.NaN, 0.3]);
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => benjaminiHochbergAdjust([2])).toThrow(/p\[0\] must be in \[0, 1\]/);
  });

  it('property: p ≤ BH-adjusted ≤ 1, and BH ≤ Holm-style bound m·p', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 50 }), (p) => {
        const adjusted = benjaminiHochbergAdjust(p);
        return adjusted.every(
          (q, i) => q >= (p[i] as number) && q <= 1 && q <= p.length * (p[i] as number) + 1e-15,
        );
      }),
    );
  });
});
