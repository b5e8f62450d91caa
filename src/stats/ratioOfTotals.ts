import { checkConfidence } from './checkConfidence.js';
import { createRandom } from './random.js';

export interface RatioOfTotals {
  /** Σ after ÷ Σ before; NaN when Σ before = 0. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface RatioOptions {
  readonly confidence?: number;
  /** Bootstrap resamples (default 2,000). */
  readonly resamples?: number;
  /** Seed of the resampling: the same data and seed give the same limits on every machine. */
  readonly seed: number;
}

/** Enough for limits stable to about a percentage point of the ratio at 95%. */
export const DEFAULT_RESAMPLES = 2000;

/**
 * The ratio of the totals of paired counts (follow-up total ÷ baseline total: GP appointments in
 * the 3 months before the last session against the 3 months before the first) with a paired
 * percentile bootstrap interval: people are drawn with replacement, each keeping both counts, the
 * ratio of the drawn totals is taken `resamples` times, and the limits are its (1 − c)/2 and
 * (1 + c)/2 quantiles (linear interpolation between order statistics, as numpy's percentile and
 * R's quantile type 7). A draw whose baseline total is 0 has no ratio; when more than the tail
 * share of draws have none, the limits are NaN. Source: Efron B & Tibshirani RJ (1993), An
 * Introduction to the Bootstrap, ch. 13 (percentile interval).
 *
 * @param before - each person's count at baseline
 * @param after - the same people's counts at follow-up, in the same order
 */
export function ratioOfTotals(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  options: RatioOptions,
): RatioOfTotals {
  const n = before.length;
  if (after.length !== n) throw new RangeError('before and after must hold the same people');
  const upperProbability = checkConfidence(options.confidence ?? 0.95);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a whole number ≥ 1, got ${resamples}`);
  }
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
  const random = createRandom(options.seed);
  const ratios = new Float64Array(resamples);
  let kept = 0;
  for (let r = 0; r < resamples; r++) {
    let b = 0;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const j = random.int(n);
      b += before[j] as number;
      a += after[j] as number;
    }
    if (b > 0) ratios[kept++] = a / b;
  }
  const tail = 1 - upperProbability;
  if (kept < resamples * (1 - tail)) return { estimate, lower: Number.NaN, upper: Number.NaN };
  const sorted = ratios.subarray(0, kept).sort();
  return {
    estimate,
    lower: quantile(sorted, tail),
    upper: quantile(sorted, upperProbability),
  };
}

/** The p quantile of sorted values, interpolating between order statistics (type 7). */
function quantile(sorted: Float64Array, p: number): number {
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return (
    (sorted[low] as number) + (at - low) * ((sorted[high] as number) - (sorted[low] as number))
  );
}
