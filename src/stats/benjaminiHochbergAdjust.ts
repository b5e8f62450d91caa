import { checkPValues } from './checkPValues.js';

/**
 * Benjamini–Hochberg (false discovery rate) adjusted p-values, as R
 * `p.adjust(p, method = "BH")`:
 *
 *   with the m non-missing p-values sorted p₍₁₎ ≤ … ≤ p₍ₘ₎,
 *   p̃₍ᵢ₎ = min(1, min_{j ≥ i} (m/j)·p₍ⱼ₎).
 *
 * NaN (R's NA) is passed through and not counted in m, as in R. With m ≤ 1 the p-values are
 * returned unchanged.
 *
 * Source: Benjamini Y & Hochberg Y (1995) J R Stat Soc B 57:289–300; R `stats::p.adjust`.
 *
 * @param p - p-values in [0, 1], NaN for missing
 * @returns adjusted p-values in the input order
 * @throws {TypeError} when p is not an array of numbers
 * @throws {RangeError} when a p-value is outside [0, 1]
 * @example
 * benjaminiHochbergAdjust([0.01, 0.04, 0.03]); // => [0.03, 0.04, 0.04]
 */
export function benjaminiHochbergAdjust(p: ArrayLike<number>): number[] {
  const order = checkPValues(p);
  const adjusted = Array.from(p);
  const m = order.length;
  if (m <= 1) return adjusted;
  let running = Number.POSITIVE_INFINITY;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1] as number;
    running = Math.min(running, (m / rank) * (p[index] as number));
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
