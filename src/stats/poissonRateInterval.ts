import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { checkConfidence } from './checkConfidence.js';

/** Options for {@link poissonRateInterval}. */
export interface PoissonRateOptions {
  /** Rate per this many of the denominator; default 1000. */
  readonly multiplier?: number;
  /** Two-sided confidence level in (0, 1); default 0.95. */
  readonly confidence?: number;
}

/** A rate per `multiplier` with its confidence limits and how they were made. */
export interface PoissonRateInterval {
  /** count / denominator × multiplier; NaN when the denominator is 0. */
  readonly rate: number;
  readonly lower: number;
  readonly upper: number;
  /** 'byar' for counts ≥ 10, 'exact' (χ² limits) for counts < 10. */
  readonly method: 'byar' | 'exact';
}

/** PHE switches from exact to Byar's limits at this count. */
const BYAR_FROM = 10;

/**
 * Crude rate with confidence limits for a Poisson count, as PHEindicatormethods `phe_rate`
 * (`R/Rates.R`, with `byars_lower` / `byars_upper` from `R/utils.R`), with
 * z = Φ⁻¹(1 − α/2) and O = count:
 *
 * - O ≥ 10, Byar's method: lower = O·(1 − 1/(9O) − z/(3√O))³,
 *   upper = (O + 1)·(1 − 1/(9(O + 1)) + z/(3√(O + 1)))³;
 * - O < 10, exact: lower = χ²(α/2; 2O)/2, upper = χ²(1 − α/2; 2O + 2)/2 (lower = 0 when O = 0);
 *
 * each divided by the denominator and multiplied by `multiplier`.
 *
 * Sources: Breslow NE & Day NE (1987) Statistical Methods in Cancer Research vol. II, IARC
 * (Byar's approximation); Armitage P & Berry G (2002) Statistical Methods in Medical Research,
 * 4th edn (exact limits).
 *
 * Differences from PHE: the default multiplier is 1000 (PHE: 100000); a zero denominator gives
 * NaN values instead of an error; a negative Byar lower limit (only at extreme confidence)
 * becomes NaN, where PHE gives NA. Counts need not be whole numbers, as in PHE.
 *
 * @param count - observed events, finite ≥ 0
 * @param denominator - population or person-time, finite ≥ 0
 * @param options - multiplier (finite > 0, default 1000) and confidence (default 0.95)
 * @throws {TypeError} when an argument is not a number
 * @throws {RangeError} when count or denominator is negative or not finite, multiplier ≤ 0, or
 *   confidence ∉ (0, 1)
 * @example
 * poissonRateInterval(65, 10000); // => { rate: 6.5, lower: 5.016..., upper: 8.284..., method: 'byar' }
 */
export function poissonRateInterval(
  count: number,
  denominator: number,
  options: PoissonRateOptions = {},
): PoissonRateInterval {
  checkNonNegative(count, 'count');
  checkNonNegative(denominator, 'denominator');
  const multiplier = options.multiplier ?? 1000;
  if (typeof multiplier !== 'number') {
    throw new TypeError(`options.multiplier must be a number, got ${typeof multiplier}`);
  }
  if (!(Number.isFinite(multiplier) && multiplier > 0)) {
    throw new RangeError(`options.multiplier must be a finite number > 0, got ${multiplier}`);
  }
  const confidence = options.confidence ?? 0.95;
  const upperProbability = checkConfidence(confidence, 'options.confidence');
  const method = count >= BYAR_FROM ? 'byar' : 'exact';
  if (denominator === 0) {
    return { rate: Number.NaN, lower: Number.NaN, upper: Number.NaN, method };
  }
  // Same order of operations as PHE: value / n * multiplier.
  const perMultiplier = (value: number): number => (value / denominator) * multiplier;
  const rate = perMultiplier(count);
  if (method === 'exact') {
    const lower = count === 0 ? 0 : chisquareQuantile((1 - confidence) / 2, 2 * count) / 2;
    const upper = chisquareQuantile(upperProbability, 2 * count + 2) / 2;
    return { rate, lower: perMultiplier(lower), upper: perMultiplier(upper), method };
  }
  const z = normalQuantile(upperProbability, 0, 1);
  const lower = count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
  const next = count + 1;
  const upper = next * (1 - 1 / (9 * next) + z / (3 * Math.sqrt(next))) ** 3;
  return {
    rate,
    lower: lower < 0 ? Number.NaN : perMultiplier(lower),
    upper: perMultiplier(upper),
    method,
  };
}

function checkNonNegative(value: number, name: string): void {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
}
