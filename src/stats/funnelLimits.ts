import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Control limits of a funnel plot at one size n. */
export interface FunnelLimits {
  readonly lower: number;
  readonly upper: number;
}

/**
 * The funnel plot's control limits for a proportion at size `n` around the target proportion
 * `target`, as PHEindicatormethods' `calculate_funnel_limits(statistic = "proportion")` (its
 * `sigma_adjustment`, PHE Fingertips technical guidance): the observed proportions q whose Wilson
 * score interval at the two-sided level has `target` as its limit. With z = Φ⁻¹(probability),
 * A = target·(n + z²) − z²/2, the Wilson limit of q equals target where
 *
 *   n(n + z²)·q² − n(2A + z²)·q + A² − z⁴/4 = 0,
 *
 * whose smaller root is the lower limit and larger the upper (derived from the Wilson interval:
 * Wilson EB (1927) J Am Stat Assoc 22:209–212; Spiegelhalter DJ (2005) Stat Med 24:1185–1202
 * for funnel plots). Limits are held to [0, 1], as PHE does. `probability` is one-sided: 0.975
 * for the 95% limits, 0.999 for the 99.8% limits.
 *
 * @param target - the programme's proportion, in [0, 1]
 * @param n - the unit's denominator, > 0
 * @throws {RangeError} when target ∉ [0, 1], n ≤ 0 or not finite, or probability ∉ (0.5, 1)
 * @example
 * proportionFunnelLimits(0.80642448, 100, 0.975); // ≈ { lower: 0.7291, upper: 0.8834 }
 */
export function proportionFunnelLimits(
  target: number,
  n: number,
  probability: number,
): FunnelLimits {
  if (!(target >= 0 && target <= 1))
    throw new RangeError(`target must be in [0, 1], got ${target}`);
  checkSize(n);
  const z = quantile(probability);
  const z2 = z * z;
  const a = target * (n + z2) - z2 / 2;
  const b = n * (2 * a + z2);
  const c = a * a - (z2 * z2) / 4;
  const quadratic = n * (n + z2);
  const root = Math.sqrt(Math.max(0, b * b - 4 * quadratic * c));
  return {
    lower: clamp((b - root) / (2 * quadratic)),
    upper: clamp((b + root) / (2 * quadratic)),
  };
}

/**
 * The funnel plot's control limits for a mean at size `n`: target ± z·sd/√n, with `sd` the
 * programme's standard deviation (the normal approximation of Spiegelhalter 2005, as PHE's
 * funnel plots of means).
 *
 * @param sd - the programme's standard deviation, ≥ 0
 * @throws {RangeError} when target or sd is not finite, sd < 0, n ≤ 0, or probability ∉ (0.5, 1)
 */
export function meanFunnelLimits(
  target: number,
  sd: number,
  n: number,
  probability: number,
): FunnelLimits {
  if (!Number.isFinite(target)) throw new RangeError(`target must be finite, got ${target}`);
  if (!(sd >= 0 && Number.isFinite(sd))) throw new RangeError(`sd must be ≥ 0, got ${sd}`);
  checkSize(n);
  const half = (quantile(probability) * sd) / Math.sqrt(n);
  return { lower: target - half, upper: target + half };
}

/** Where a unit lies against its limits at 95% and 99.8%. */
export type FunnelFlag = 'above_99.8' | 'above_95' | 'within' | 'below_95' | 'below_99.8';

/**
 * A unit's place in the funnel: outside a limit only when strictly beyond it (as PHE's
 * `phe_funnel_significance`: a value on a limit is within).
 */
export function funnelFlag(
  value: number,
  limits95: FunnelLimits,
  limits998: FunnelLimits,
): FunnelFlag {
  if (value > limits998.upper) return 'above_99.8';
  if (value > limits95.upper) return 'above_95';
  if (value < limits998.lower) return 'below_99.8';
  if (value < limits95.lower) return 'below_95';
  return 'within';
}

/** One-sided probabilities of the funnel's two pairs of limits. */
export const FUNNEL_95 = 0.975;
export const FUNNEL_998 = 0.999;

function quantile(probability: number): number {
  if (!(probability > 0.5 && probability < 1)) {
    throw new RangeError(`probability must be in (0.5, 1), got ${probability}`);
  }
  return normalQuantile(probability, 0, 1);
}

function checkSize(n: number): void {
  if (!(n > 0 && Number.isFinite(n))) throw new RangeError(`n must be > 0, got ${n}`);
}

function clamp(p: number): number {
  return Math.min(1, Math.max(0, p));
}
