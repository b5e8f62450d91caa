import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkConfidence } from './checkConfidence.js';

export interface RatioOfTotals {
  /** Σ after ÷ Σ before; NaN when Σ before = 0. */
  readonly estimate: number;
  /** NaN when the interval is unbounded (the baseline mean is not clearly above 0). */
  readonly lower: number;
  readonly upper: number;
}

export interface RatioOptions {
  readonly confidence?: number;
  /**
   * The number of people the limits rest on (default: the people given). Under rounding, the
   * number as published, as for the t interval of the mean change (see
   * AnalysisOptions.statisticCount), so that the width does not give the exact number back.
   */
  readonly people?: number;
}

/**
 * The ratio of the totals of paired counts (follow-up total ÷ baseline total: GP appointments in
 * the 3 months before the last session against the 3 months before the first), which is the
 * ratio of the two means, with Fieller's confidence interval for a ratio of means of paired
 * data: the set of ratios ρ for which the mean of Y − ρX is not significantly different from 0
 * by a t test on n − 1 degrees of freedom. With x̄, ȳ the means, v₁₁, v₂₂ the variances of the
 * means and v₁₂ their covariance (sample (co)variances ÷ n), t the t quantile and
 * g = t²v₁₁/x̄², the limits are
 *   [R − g·v₁₂/v₁₁ ± (t/x̄)·√(v₂₂ − 2R·v₁₂ + R²·v₁₁ − g·(v₂₂ − v₁₂²/v₁₁))] ÷ (1 − g),
 * and there are none (the interval is unbounded) when g ≥ 1. Closed form, exact for normal
 * means, and the same on every machine. Sources: Fieller EC (1954) Some problems in interval
 * estimation, J R Stat Soc B 16:175–85; Franz VH (2007) Ratios: a short guide to confidence
 * limits and proper use, arXiv:0710.2024, eq. 6 (the paired case, with the covariance).
 *
 * @param before - each person's count at baseline
 * @param after - the same people's counts at follow-up, in the same order
 */
export function ratioOfTotals(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  options: RatioOptions = {},
): RatioOfTotals {
  const n = before.length;
  if (after.length !== n) throw new RangeError('before and after must hold the same people');
  const upperProbability = checkConfidence(options.confidence ?? 0.95);
  let totalBefore = 0;
  let totalAfter = 0;
  for (let i = 0; i < n; i++) {
    totalBefore += before[i] as number;
    totalAfter += after[i] as number;
  }
  if (n === 0 || totalBefore === 0) {
    return { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  }
  const estimate = totalAfter / totalBefore;
  const people = options.people ?? n;
  if (n < 2 || people < 2) return { estimate, lower: Number.NaN, upper: Number.NaN };
  const meanX = totalBefore / n;
  const meanY = totalAfter / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (before[i] as number) - meanX;
    const dy = (after[i] as number) - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // Variances of the means: sample (co)variances (n − 1 divisor) over the people.
  const v11 = sxx / (n - 1) / people;
  const v22 = syy / (n - 1) / people;
  const v12 = sxy / (n - 1) / people;
  const t = tQuantile(upperProbability, people - 1);
  const g = (t * t * v11) / (meanX * meanX);
  if (!(g < 1)) return { estimate, lower: Number.NaN, upper: Number.NaN };
  const centre = estimate - (v11 > 0 ? (g * v12) / v11 : 0);
  const inside =
    v22 -
    2 * estimate * v12 +
    estimate * estimate * v11 -
    (v11 > 0 ? g * (v22 - (v12 * v12) / v11) : 0);
  const half = (t / meanX) * Math.sqrt(Math.max(0, inside));
  return { estimate, lower: (centre - half) / (1 - g), upper: (centre + half) / (1 - g) };
}
