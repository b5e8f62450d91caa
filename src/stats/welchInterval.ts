import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkConfidence } from './checkConfidence.js';

/** Summary of one group: size, mean and sample standard deviation (divisor n − 1). */
export interface GroupSummary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
}

/** Difference of two means (a − b) with a Welch t interval and two-sided test. */
export interface WelchInterval {
  /** a.mean − b.mean; NaN when either group is empty. */
  readonly difference: number;
  /** √(s_a²/n_a + s_b²/n_b); NaN when either n < 2. */
  readonly se: number;
  /** Welch–Satterthwaite degrees of freedom; NaN when either n < 2 or both SDs are 0. */
  readonly df: number;
  readonly lower: number;
  readonly upper: number;
  /** difference/se; NaN when either n < 2 or se is (essentially) 0. */
  readonly t: number;
  /** Two-sided p-value; NaN when t is NaN. */
  readonly pValue: number;
}

/**
 * Welch's unequal-variances interval for a.mean − b.mean, as R `t.test(a, b)` (var.equal = FALSE)
 * computed from summaries:
 *
 *   se = √(s_a²/n_a + s_b²/n_b),
 *   df = se⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1))   (Welch–Satterthwaite),
 *   t = (x̄_a − x̄_b)/se,  p = 2·P(T_df ≤ −|t|),  CI = (x̄_a − x̄_b) ± t(1 − α/2, df)·se.
 *
 * Edge cases: NaN for everything but the difference when either n < 2 (R stops: "not enough
 * observations"). When both SDs are 0 (R: "data are essentially constant", also when
 * se < 10·ε·max(|x̄_a|, |x̄_b|)), t, df and pValue are NaN and lower = upper = difference.
 *
 * Sources: Welch BL (1947) Biometrika 34:28–35; Satterthwaite FE (1946) Biometrics Bulletin
 * 2:110–114; R `stats:::t.test.default`.
 *
 * @param a - first group summary (e.g. baseline of people with follow-up)
 * @param b - second group summary (e.g. baseline of people without follow-up)
 * @param confidence - two-sided confidence level in (0, 1); default 0.95
 * @throws {TypeError} when a or b is not an object with numeric n, mean and sd
 * @throws {RangeError} when n is not a whole number ≥ 0, a mean is not finite (n ≥ 1), an SD is
 *   negative or not finite (n ≥ 2), or confidence ∉ (0, 1)
 * @example
 * welchInterval({ n: 10, mean: 5, sd: 1 }, { n: 12, mean: 4, sd: 2 });
 * // => { difference: 1, se: 0.6583..., df: 16.748..., t: 1.5191..., pValue: 0.1474..., ... }
 */
export function welchInterval(a: GroupSummary, b: GroupSummary, confidence = 0.95): WelchInterval {
  checkGroup(a, 'a');
  checkGroup(b, 'b');
  const upperProbability = checkConfidence(confidence);
  const nan = Number.NaN;
  const difference = a.n > 0 && b.n > 0 ? a.mean - b.mean : nan;
  if (a.n < 2 || b.n < 2) {
    return { difference, se: nan, df: nan, lower: nan, upper: nan, t: nan, pValue: nan };
  }
  const varianceA = (a.sd * a.sd) / a.n;
  const varianceB = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(varianceA + varianceB);
  // R: if (stderr < 10 * .Machine$double.eps * max(abs(mx), abs(my))) stop("data are essentially constant")
  if (se === 0 || se < 10 * Number.EPSILON * Math.max(Math.abs(a.mean), Math.abs(b.mean))) {
    return { difference, se, df: nan, lower: difference, upper: difference, t: nan, pValue: nan };
  }
  const df =
    (varianceA + varianceB) ** 2 / (varianceA ** 2 / (a.n - 1) + varianceB ** 2 / (b.n - 1));
  const t = difference / se;
  const margin = tQuantile(upperProbability, df) * se;
  return {
    difference,
    se,
    df,
    lower: difference - margin,
    upper: difference + margin,
    t,
    pValue: 2 * tCdf(-Math.abs(t), df),
  };
}

function checkGroup(group: GroupSummary, name: string): void {
  if (group === null || typeof group !== 'object') {
    throw new TypeError(`${name} must be an object with n, mean and sd`);
  }
  for (const key of ['n', 'mean', 'sd'] as const) {
    if (typeof group[key] !== 'number') {
      throw new TypeError(`${name}.${key} must be a number, got ${typeof group[key]}`);
    }
  }
  if (!Number.isInteger(group.n) || group.n < 0) {
    throw new RangeError(`${name}.n must be a whole number ≥ 0, got ${group.n}`);
  }
  if (group.n >= 1 && !Number.isFinite(group.mean)) {
    throw new RangeError(`${name}.mean must be a finite number, got ${group.mean}`);
  }
  if (group.n >= 2 && !(Number.isFinite(group.sd) && group.sd >= 0)) {
    throw new RangeError(`${name}.sd must be a finite number ≥ 0, got ${group.sd}`);
  }
}
