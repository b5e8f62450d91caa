/** Size, mean and sample standard deviation of a sample. */
export interface SampleMoments {
  readonly n: number;
  /** Arithmetic mean; NaN when n = 0. */
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1); NaN when n < 2. */
  readonly sd: number;
}

/**
 * Size, mean and sample standard deviation, s = √(Σ(xᵢ − x̄)² / (n − 1)), of finite values.
 *
 * Two passes, as R's `mean()` and `sd()` do: the mean is refined by the mean of the residuals
 * (R `summary.c`, `real_mean`), then the variance sums squared deviations from it, so constant
 * data give sd = 0 (or a value below R's "essentially constant" threshold) rather than rounding
 * noise from Σx² − n·x̄².
 *
 * Internal to `stats/`; used by the t-based functions.
 *
 * @param values - the sample; every element must be a finite number
 * @param name - the argument name to report in errors
 * @throws {TypeError} when `values` is not array-like
 * @throws {RangeError} when an element is not a finite number (naming its index)
 * @example
 * sampleMoments([2, 4, 4, 4, 5, 5, 7, 9]); // => { n: 8, mean: 5, sd: 2.138089935299395 }
 */
export function sampleMoments(values: ArrayLike<number>, name = 'values'): SampleMoments {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new TypeError(`${name} must be an array of numbers`);
  }
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${String(value)}`);
    }
    sum += value;
  }
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN };
  let mean = sum / n;
  let residual = 0;
  for (let i = 0; i < n; i++) residual += (values[i] as number) - mean;
  mean += residual / n;
  if (n < 2) return { n, mean, sd: Number.NaN };
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] as number) - mean;
    squares += deviation * deviation;
  }
  return { n, mean, sd: Math.sqrt(squares / (n - 1)) };
}
