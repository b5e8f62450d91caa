import { checkPValues } from './checkPValues.js';

/**
 * Holm's step-down adjusted p-values, as R `p.adjust(p, method = "holm")`:
 *
 *   with the m non-missing p-values sorted p₍₁₎ ≤ … ≤ p₍ₘ₎,
 *   p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎).
 *
 * NaN (R's NA) is passed through and not counted in m, as R's default `n = length(p)` is
 * evaluated after the NAs are dropped. With m ≤ 1 the p-values are returned unchanged.
 *
 * Source: Holm S (1979) Scand J Statist 6:65–70; R `stats::p.adjust`.
 *
 * @param p - p-values in [0, 1], NaN for missing
 * @returns adjusted p-values in the input order
 * @throws {TypeError} when p is not an array of numbers
 * @throws {RangeError} when a p-value is outside [0, 1]
 * @example
 * holmAdjust([0.01, 0.04, 0.03]); // => [0.03, 0.06, 0.06]
 */
export function holmAdjust(p: ArrayLike<number>): number[] {
  const order = checkPValues(p);
  const adjusted = Array.from(p);
  const m = order.length;
  if (m <= 1) return adjusted;
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, (m - rank) * (p[index] as number));
    adjusted[index] = Math.min(1, running);
  });
  return adjusted;
}
