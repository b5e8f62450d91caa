import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mcnemarChiSquareP,
  mcnemarExactP,
  pairedProportionDifference,
} from '../../src/stats/pairedProportions.js';

/**
 * Reference values.
 *
 * Newcombe's interval. The published one: Fagerland, Lydersen & Laake, Statistical Analysis of
 * Contingency Tables (2017), ch. 8, Cavo et al. (2012) complete response before and after
 * consolidation, table [[59, 6], [16, 80]]: "Newcombe square-and-add CI: estimate = -0.0621
 * (95% CI -0.1186 to -0.0046)" for baseline − follow-up (the book's R package contingencytables,
 * tests/testthat/test-ch8.R); tides reports follow-up − baseline, so the signs turn over. The
 * others, to 1e-12: the package's Newcombe_square_and_add_CI_paired_2x2 transcribed into Python
 * 3.11 with scipy 1.17.1 (z for the Wilson limits), negated for follow-up − baseline:
 *   from math import sqrt; from scipy.stats import norm; z = norm.ppf(0.975)
 *   def wil(x, n):
 *       r = z * sqrt(z*z + 4*x*(1 - x/n)); m = 2*(n + z*z)
 *       return x/n, (0 if x == 0 else (2*x + z*z - r)/m), (1 if x == n else (2*x + z*z + r)/m)
 *   def nc(a, b, c, d):
 *       N = a+b+c+d; p1, l1, u1 = wil(a+b, N); p2, l2, u2 = wil(a+c, N); est = p1 - p2
 *       if 0 in (a+b, c+d, a+c, b+d): psi = 0
 *       else:
 *           A = a*d - b*c; q = sqrt((a+b)*(c+d)*(a+c)*(b+d))
 *           psi = (A - N/2)/q if A > N/2 else (0 if A >= 0 else A/q)
 *       L = est - sqrt((p1-l1)**2 + (u2-p2)**2 - 2*psi*(p1-l1)*(u2-p2))
 *       U = est + sqrt((p2-l2)**2 + (u1-p1)**2 - 2*psi*(p2-l2)*(u1-p1))
 *       return -est, -U, -L
 *
 * McNemar: scipy 1.17.1, as R's binom.test and mcnemar.test(correct = TRUE) compute them:
 *   python3 -c 'from scipy.stats import binomtest, chi2;
 *     print(binomtest(b, b + c, 0.5).pvalue, chi2.sf((abs(b - c) - 1) ** 2 / (b + c), 1))'
 */
const NEWCOMBE: ReadonlyArray<readonly [number, number, number, number, number, number, number]> = [
  // a (yes, yes), b (yes → no), c (no → yes), d (no, no), estimate, lower, upper
  [59, 6, 16, 80, 0.06211180124223603, 0.004625113933050061, 0.11862119563870994],
  [1, 1, 7, 12, 0.2857142857142857, 0.02555912416485978, 0.506920226686141],
  // A margin of 0: φ = 0.
  [0, 0, 5, 5, 0.5, 0.11736746745022214, 0.7634069094874361],
  [10, 0, 0, 10, 0, -0.08975665937768057, 0.08975665937768057],
  // ad − bc < 0: φ negative, uncorrected.
  [3, 9, 1, 7, -0.4, -0.6144065494134852, -0.10023617948809],
  [120, 14, 31, 85, 0.068, 0.015451632004725768, 0.11974429727337324],
];

const MCNEMAR: ReadonlyArray<readonly [number, number, number, number]> = [
  // b, c, exact p (binom.test), chi-square p (mcnemar.test)
  [6, 16, 0.052478790283203125, 0.055008833629265896],
  [1, 7, 0.0703125, 0.07709987174354202],
  [0, 3, 0.25, 0.24821307898992026],
  // b = c: exact p is 1; R's correction still makes X² = 1 / (b + c).
  [5, 5, 1, 0.7518296340458492],
  [2, 0, 0.5, 0.47950012218695337],
  [40, 25, 0.08168153394154003, 0.08247788747320971],
];

describe('pairedProportionDifference (Newcombe 1998, method 10)', () => {
  it('matches the published Cavo et al. interval to its 4 decimals', () => {
    const r = pairedProportionDifference({ a: 59, b: 6, c: 16, d: 80 });
    expect(r.estimate.toFixed(4)).toBe('0.0621');
    expect(r.lower.toFixed(4)).toBe('0.0046');
    expect(r.upper.toFixed(4)).toBe('0.1186');
  });

  it.each(NEWCOMBE)(
    '(%d, %d, %d, %d) matches the transcribed reference',
    (a, b, c, d, e, lo, up) => {
      const r = pairedProportionDifference({ a, b, c, d });
      expect(r.estimate).toBeCloseTo(e, 12);
      expect(r.lower).toBeCloseTo(lo, 12);
      expect(r.upper).toBeCloseTo(up, 12);
    },
  );

  it('gives NaN for no pairs and refuses a negative or fractional count', () => {
    expect(pairedProportionDifference({ a: 0, b: 0, c: 0, d: 0 }).estimate).toBeNaN();
    expect(() => pairedProportionDifference({ a: -1, b: 0, c: 0, d: 0 })).toThrow(RangeError);
    expect(() => pairedProportionDifference({ a: 1.5, b: 0, c: 0, d: 0 })).toThrow(RangeError);
  });

  it('holds the estimate within its limits, and the limits within −1 and 1', () => {
    const count = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(count, count, count, count, (a, b, c, d) => {
        fc.pre(a + b + c + d > 0);
        const r = pairedProportionDifference({ a, b, c, d });
        expect(r.lower).toBeLessThanOrEqual(r.estimate + 1e-12);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate - 1e-12);
        expect(r.lower).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(r.upper).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('turns over when baseline and follow-up swap', () => {
    const r = pairedProportionDifference({ a: 7, b: 3, c: 11, d: 9 });
    const s = pairedProportionDifference({ a: 7, b: 11, c: 3, d: 9 });
    expect(s.estimate).toBeCloseTo(-r.estimate, 14);
    expect(s.lower).toBeCloseTo(-r.upper, 14);
    expect(s.upper).toBeCloseTo(-r.lower, 14);
  });
});

describe('McNemar tests', () => {
  it.each(MCNEMAR)('b = %d, c = %d match R binom.test and mcnemar.test', (b, c, exact, chi) => {
    expect(mcnemarExactP(b, c)).toBeCloseTo(exact, 14);
    expect(mcnemarChiSquareP(b, c)).toBeCloseTo(chi, 12);
  });

  it('is symmetric in b and c, and NaN with no discordant pair', () => {
    expect(mcnemarExactP(16, 6)).toBe(mcnemarExactP(6, 16));
    expect(mcnemarExactP(0, 0)).toBeNaN();
    expect(mcnemarChiSquareP(0, 0)).toBeNaN();
  });

  it('stays finite and at most 1 for thousands of discordant pairs', () => {
    // scipy 1.17.1: binomtest(4900, 10000).pvalue
    expect(mcnemarExactP(4900, 5100)).toBeCloseTo(0.04658552770494645, 12);
  });
});
