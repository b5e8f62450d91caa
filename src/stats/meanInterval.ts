import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkConfidence } from './checkConfidence.js';
import { sampleMoments } from './sampleMoments.js';

/** A sample mean with its Student's t confidence limits. */
export interface MeanInterval {
  readonly n: number;
  /** NaN when n = 0. */
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1); NaN when n < 2. */
  readonly sd: number;
  /** Standard error sd/√n; NaN when n < 2. */
  readonly se: number;
  /** NaN when n < 2. */
  readonly lower: number;
  /** NaN when n < 2. */
  readonly upper: number;
}

/**
 * Mean with a t-based confidence interval, as PHEindicatormethods `phe_mean` (`R/Means.R`):
 *
 *   x̄ ± |t(α/2, n − 1)| · s/√n,   α = 1 − confidence,  s = sample SD (divisor n − 1).
 *
 * Source: Student's t-distribution; PHE/OHID Fingertips technical guidance ("Means").
 *
 * @param values - the sample; every element must be a finite number
 * @param confidence - two-sided confidence level in (0, 1); default 0.95
 * @throws {TypeError} when values is not array-like or confidence not a number
 * @throws {RangeError} when an element is not finite, or confidence ∉ (0, 1)
 * @example
 * meanInterval([30, 40, 50, 60]); // => { n: 4, mean: 45, sd: 12.909..., se: 6.454...,
 *                                 //      lower: 24.458..., upper: 65.541... }
 */
export function meanInterval(values: ArrayLike<number>, confidence = 0.95): MeanInterval {
  const { n, mean, sd } = sampleMoments(values);
  checkConfidence(confidence);
  if (n < 2) {
    return { n, mean, sd: Number.NaN, se: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  }
  const se = sd / Math.sqrt(n);
  // PHE: abs(qt(p, n - 1)) with p = (1 - confidence) / 2.
  const margin = Math.abs(tQuantile((1 - confidence) / 2, n - 1)) * se;
  return { n, mean, sd, se, lower: mean - margin, upper: mean + margin };
}
