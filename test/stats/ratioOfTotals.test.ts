import { describe, expect, it } from 'vitest';
import { ratioOfTotals } from '../../src/stats/ratioOfTotals.js';

/**
 * GP appointments in 3 months for 40 people, before and after. Fieller's interval is the set of
 * ratios ρ for which a t test does not reject a mean of zero for after − ρ·before; the reference
 * inverts that test with scipy 1.17.1, independently of the closed form tides uses:
 *   f = lambda r: stats.ttest_1samp(a - r * b, 0).pvalue - 0.05
 *   brentq(f, 0.3, R), brentq(f, R, 0.9)  →  0.5325516388450309, 0.6652320594348834
 * (the closed form in numpy gives 0.532551638845284, 0.6652320594345409). For comparison, a
 * paired percentile bootstrap (scipy.stats.bootstrap, 100,000 resamples) gives 0.536 to 0.663.
 * The estimate is exact: 63 / 106.
 */
const before = [
  4, 2, 0, 6, 3, 1, 0, 5, 2, 2, 8, 1, 0, 3, 4, 2, 1, 0, 7, 3, 2, 2, 5, 1, 0, 4, 3, 2, 6, 1, 0, 2, 3,
  9, 1, 2, 0, 4, 2, 3,
];
const after = [
  2, 1, 0, 4, 3, 0, 1, 2, 2, 1, 5, 1, 0, 1, 2, 2, 0, 1, 4, 2, 1, 1, 3, 0, 0, 2, 2, 1, 3, 1, 1, 1, 2,
  5, 0, 1, 0, 2, 1, 2,
];

describe('ratioOfTotals (Fieller, paired)', () => {
  it('gives the ratio of the totals with the limits of the inverted t test', () => {
    const r = ratioOfTotals(before, after);
    expect(r.estimate).toBe(63 / 106);
    expect(r.lower).toBeCloseTo(0.5325516388450309, 10);
    expect(r.upper).toBeCloseTo(0.6652320594348834, 10);
  });

  it('widens with fewer people as published, and at a higher confidence', () => {
    const r = ratioOfTotals(before, after);
    const fewer = ratioOfTotals(before, after, { people: 35 });
    expect(fewer.lower).toBeLessThan(r.lower);
    expect(fewer.upper).toBeGreaterThan(r.upper);
    const wider = ratioOfTotals(before, after, { confidence: 0.99 });
    expect(wider.lower).toBeLessThan(r.lower);
  });

  it('has no ratio when nobody had any use at baseline, and refuses unpaired data', () => {
    expect(ratioOfTotals([0, 0], [1, 2]).estimate).toBeNaN();
    expect(ratioOfTotals([], []).estimate).toBeNaN();
    expect(() => ratioOfTotals([1], [1, 2])).toThrow(RangeError);
  });

  it('gives no limits when the baseline mean is not clearly above zero', () => {
    // One person of 40 with any use at baseline: the interval is unbounded (g ≥ 1).
    const sparse = Array.from({ length: 40 }, (_, i) => (i === 0 ? 3 : 0));
    const r = ratioOfTotals(sparse, sparse);
    expect(r.estimate).toBe(1);
    expect(r.lower).toBeNaN();
    expect(r.upper).toBeNaN();
  });

  it('gives limits when everyone had the same use at baseline', () => {
    // No variance at baseline (v₁₁ = 0): R ± t·√v₂₂ / x̄, as a t interval of the mean of after.
    const r = ratioOfTotals([2, 2, 2, 2], [1, 2, 3, 2]);
    expect(r.estimate).toBe(1);
    // t.ppf(0.975, 3) = 3.182446305284263; sd(after) = √(2/3); x̄ = 2
    const half = (3.182446305284263 * Math.sqrt(2 / 3 / 4)) / 2;
    expect(r.lower).toBeCloseTo(1 - half, 12);
    expect(r.upper).toBeCloseTo(1 + half, 12);
  });
});
