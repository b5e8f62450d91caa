import { describe, expect, it } from 'vitest';
import { ratioOfTotals } from '../../src/stats/ratioOfTotals.js';

/**
 * GP appointments in 3 months for 40 people, before and after. Reference: scipy 1.17.1's paired
 * percentile bootstrap, 100,000 resamples, two seeds (numpy's generator, not tides'), so the
 * limits agree to Monte Carlo error only (about 0.003 here):
 *   bootstrap((b, a), lambda x, y: y.sum() / x.sum(), paired=True, vectorized=False,
 *             n_resamples=100000, method='percentile', random_state=np.random.default_rng(1))
 *   → 0.5362318840579711, 0.6632653061224489 (seed 2: 0.5365853658536586, 0.6631578947368421)
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

describe('ratioOfTotals (paired percentile bootstrap)', () => {
  it('gives the ratio of the totals, and limits within Monte Carlo error of scipy’s', () => {
    const r = ratioOfTotals(before, after, { seed: 7, resamples: 100_000 });
    expect(r.estimate).toBe(63 / 106);
    expect(Math.abs(r.lower - 0.5364)).toBeLessThan(0.005);
    expect(Math.abs(r.upper - 0.6632)).toBeLessThan(0.005);
  });

  it('gives the same limits for the same seed, and others for another', () => {
    const a = ratioOfTotals(before, after, { seed: 1 });
    expect(ratioOfTotals(before, after, { seed: 1 })).toEqual(a);
    expect(ratioOfTotals(before, after, { seed: 2 }).lower).not.toBe(a.lower);
  });

  it('has no ratio when nobody had any use at baseline, and refuses unpaired data', () => {
    expect(ratioOfTotals([0, 0], [1, 2], { seed: 1 }).estimate).toBeNaN();
    expect(ratioOfTotals([], [], { seed: 1 }).estimate).toBeNaN();
    expect(() => ratioOfTotals([1], [1, 2], { seed: 1 })).toThrow(RangeError);
  });

  it('gives no limits when most resamples have no baseline use', () => {
    // One person of 40 with any use at baseline: a third of draws miss them.
    const sparse = Array.from({ length: 40 }, (_, i) => (i === 0 ? 3 : 0));
    const r = ratioOfTotals(sparse, sparse, { seed: 1 });
    expect(r.estimate).toBe(1);
    expect(r.lower).toBeNaN();
  });
});
