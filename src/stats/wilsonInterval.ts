import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { checkConfidence } from './checkConfidence.js';

/** A proportion in [0, 1] with its Wilson score confidence limits. */
export interface WilsonInterval {
  /** x / n; NaN when n = 0. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Proportion x/n with the Wilson score interval, as PHEindicatormethods `phe_proportion`
 * (`wilson_lower` / `wilson_upper` in its `R/utils.R`):
 *
 *   lower, upper = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)),
 *   z = Φ⁻¹(confidence + (1 − confidence)/2)   (1.959964 for 95%).
 *
 * This is the same interval as METHODS.md's centre ± half-width form
 * ((p + z²/2n) ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
 *
 * Sources: Wilson EB (1927) J Am Stat Assoc 22:209–212; Newcombe RG & Altman DG, "Proportions
 * and their differences", in Statistics with Confidence (2nd edn, 2000), pp. 46–48.
 *
 * At x = 0 the lower limit is exactly 0 and at x = n the upper limit is exactly 1, as the formula
 * gives in exact arithmetic (evaluated in floating point it can miss by one unit in the last
 * place, e.g. 0.9999999999999999 < x/n = 1).
 * x need not be a whole number (PHE tests x = 0.445, n = 1).
 *
 * @param x - number with the attribute, 0 ≤ x ≤ n
 * @param n - sample size, n ≥ 0; n = 0 gives NaN for all three values
 * @param confidence - two-sided confidence level in (0, 1); default 0.95
 * @throws {TypeError} when x or n is not a number
 * @throws {RangeError} when x or n is negative or not finite, x > n, or confidence ∉ (0, 1)
 * @example
 * wilsonInterval(65, 100); // => { estimate: 0.65, lower: 0.5525..., upper: 0.7364... }
 */
export function wilsonInterval(x: number, n: number, confidence = 0.95): WilsonInterval {
  checkCount(x, 'x');
  checkCount(n, 'n');
  if (x > n) throw new RangeError(`x must be less than or equal to n, got x = ${x}, n = ${n}`);
  const upperProbability = checkConfidence(confidence);
  if (n === 0) return { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN };

  const z = normalQuantile(upperProbability, 0, 1);
  const z2 = z * z;
  const root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const denominator = 2 * (n + z2);
  return {
    estimate: x / n,
    lower: x === 0 ? 0 : (2 * x + z2 - root) / denominator,
    upper: x === n ? 1 : (2 * x + z2 + root) / denominator,
  };
}

function checkCount(value: number, name: string): void {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
}
