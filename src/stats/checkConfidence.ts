/**
 * Validates a two-sided confidence level and returns the upper tail probability used for its
 * critical value, computed as PHEindicatormethods does (`confidence + (1 - confidence) / 2`,
 * e.g. 0.975 for 0.95) so that quantiles match its output to the last digit.
 *
 * Internal to `stats/`: every interval function calls it before computing anything.
 *
 * @param confidence - confidence level, strictly between 0 and 1 (0.95, not 95)
 * @param name - the argument name to report in the error
 * @returns the upper critical probability, `confidence + (1 - confidence) / 2`
 * @throws {TypeError} when `confidence` is not a number
 * @throws {RangeError} when `confidence` is not strictly between 0 and 1
 * @example
 * checkConfidence(0.95); // => 0.975
 */
export function checkConfidence(confidence: number, name = 'confidence'): number {
  if (typeof confidence !== 'number') {
    throw new TypeError(`${name} must be a number, got ${typeof confidence}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(
      `${name} must be strictly between 0 and 1 (e.g. 0.95, not 95), got ${confidence}`,
    );
  }
  return confidence + (1 - confidence) / 2;
}
