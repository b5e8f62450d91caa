/**
 * Validates p-values for the multiplicity adjustments and returns the indices of the non-NaN
 * ones sorted by p-value (stable, so ties keep their input order as R's `order()` does).
 *
 * Internal to `stats/`.
 *
 * @param p - p-values in [0, 1]; NaN marks a missing value (R's NA)
 * @param name - the argument name to report in errors
 * @throws {TypeError} when p is not array-like
 * @throws {RangeError} when an element is neither NaN nor a number in [0, 1]
 * @example
 * checkPValues([0.3, Number.NaN, 0.1]); // => [2, 0]
 */
export function checkPValues(p: ArrayLike<number>, name = 'p'): number[] {
  if (p === null || typeof p !== 'object' || typeof p.length !== 'number') {
    throw new TypeError(`${name} must be an array of numbers`);
  }
  const present: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const value = p[i] as number;
    if (typeof value !== 'number') {
      throw new TypeError(`${name}[${i}] must be a number, got ${typeof value}`);
    }
    if (Number.isNaN(value)) continue;
    if (!(value >= 0 && value <= 1)) {
      throw new RangeError(`${name}[${i}] must be in [0, 1] or NaN, got ${value}`);
    }
    present.push(i);
  }
  return present.sort((i, j) => (p[i] as number) - (p[j] as number));
}
