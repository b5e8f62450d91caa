import { sampleMoments } from './sampleMoments.js';

/**
 * Cohen's dz, the standardised mean of paired differences:
 *
 *   dz = d̄ / s_d,   s_d = sample SD of the differences (divisor n − 1).
 *
 * Source: Cohen J (1988) Statistical Power Analysis for the Behavioral Sciences, 2nd edn, §2.3;
 * Lakens D (2013) Front Psychol 4:863, eq. 6.
 *
 * NaN when n < 2, or when the differences are constant (s_d = 0) or essentially constant by the
 * same rule as {@link pairedTTest} (s_d/√n < 10·ε·|d̄|, R's t.test threshold), where the ratio
 * would be ±∞ or rounding noise.
 *
 * @param differences - paired differences; every element must be a finite number
 * @throws {TypeError} when differences is not array-like
 * @throws {RangeError} when an element is not a finite number
 * @example
 * cohensDz([1, 2, 3, 4]); // => 1.9364916731037085
 */
export function cohensDz(differences: ArrayLike<number>): number {
  const { n, mean, sd } = sampleMoments(differences, 'differences');
  if (n < 2) return Number.NaN;
  const se = sd / Math.sqrt(n);
  if (se === 0 || se < 10 * Number.EPSILON * Math.abs(mean)) return Number.NaN;
  return mean / sd;
}
