import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkConfidence } from './checkConfidence.js';
import { sampleMoments } from './sampleMoments.js';

/** Paired (one-sample) t-test of mean difference = 0, two-sided, with a confidence interval. */
export interface PairedTTest {
  /** Number of differences. */
  readonly n: number;
  /** Mean difference; NaN when n = 0. */
  readonly mean: number;
  /** Sample SD of the differences; NaN when n < 2. */
  readonly sd: number;
  /** sd/√n; NaN when n < 2. */
  readonly se: number;
  /** mean/se; NaN when n < 2 or the differences are (essentially) constant. */
  readonly t: number;
  /** n − 1; NaN when n < 2. */
  readonly df: number;
  /** Two-sided p-value; NaN when t is NaN. */
  readonly pValue: number;
  /** mean − t(1 − α/2, df)·se; NaN when n < 2; equals mean when sd = 0. */
  readonly lower: number;
  /** mean + t(1 − α/2, df)·se; NaN when n < 2; equals mean when sd = 0. */
  readonly upper: number;
}

/**
 * Paired t-test on differences d (follow-up − baseline), as R `t.test(d)` /
 * `t.test(after, before, paired = TRUE)`:
 *
 *   t = d̄ / (s/√n),  df = n − 1,  p = 2·P(T_df ≤ −|t|),
 *   CI = d̄ ± t(1 − α/2, df) · s/√n.
 *
 * Edge cases, following R where it answers and NaN where it errors:
 * - n = 0 or 1: R stops ("not enough 'x' observations"); here every statistic is NaN (the mean
 *   is still reported when n = 1).
 * - (essentially) constant differences: R stops with "data are essentially constant" when
 *   se < 10·ε·|d̄| (ε = 2.2e-16), and for all-zero differences returns t, p and the interval as
 *   NaN (0/0). Here t and pValue are NaN by the same rule (and for se = 0), while mean, lower
 *   and upper are still returned: lower = upper = mean when sd = 0, including [0, 0] for all-zero
 *   differences (a deliberate departure from R's NaN interval).
 *
 * Source: R `stats:::t.test.default`; Student (1908) Biometrika 6:1–25.
 * simple-statistics' `tTest` is not used: it divides by the population SD.
 *
 * @param differences - paired differences; every element must be a finite number
 * @param confidence - two-sided confidence level in (0, 1); default 0.95
 * @throws {TypeError} when differences is not array-like or confidence not a number
 * @throws {RangeError} when an element is not finite, or confidence ∉ (0, 1)
 * @example
 * pairedTTest([1, 2, 3, 4]); // => { n: 4, mean: 2.5, t: 3.8729..., df: 3, pValue: 0.03046..., ... }
 */
export function pairedTTest(differences: ArrayLike<number>, confidence = 0.95): PairedTTest {
  return tTestOfMoments(sampleMoments(differences, 'differences'), confidence);
}

/**
 * The paired t-test of {@link pairedTTest} from the differences' count, mean and SD. With n the
 * published (rounded) count of a disclosure-controlled table, t, df and the interval tell no
 * more of the count than the table shows.
 *
 * @throws {RangeError} when confidence ∉ (0, 1)
 * @example tTestOfMoments({ n: 4, mean: 2.5, sd: 1.2909944 }); // => t 3.8729…, df 3, as pairedTTest([1, 2, 3, 4])
 */
export function tTestOfMoments(
  moments: { readonly n: number; readonly mean: number; readonly sd: number },
  confidence = 0.95,
): PairedTTest {
  const { n, mean, sd } = moments;
  const upperProbability = checkConfidence(confidence);
  if (n < 2) {
    const nan = Number.NaN;
    return { n, mean, sd: nan, se: nan, t: nan, df: nan, pValue: nan, lower: nan, upper: nan };
  }
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  // R: if (stderr < 10 * .Machine$double.eps * abs(mx)) stop("data are essentially constant")
  const constant = se === 0 || se < 10 * Number.EPSILON * Math.abs(mean);
  const t = constant ? Number.NaN : mean / se;
  const pValue = constant ? Number.NaN : 2 * tCdf(-Math.abs(t), df);
  const margin = tQuantile(upperProbability, df) * se;
  return { n, mean, sd, se, t, df, pValue, lower: mean - margin, upper: mean + margin };
}
