/**
 * SWEMWBS raw-to-metric conversion. The raw total of the 7 items (7–35) is converted with the
 * Rasch-based table published by Warwick Medical School ("SWEMWBS raw score to metric score
 * conversion table"; the project's methods notes checked these values against independent
 * public reproductions). The table applies to complete 7-item totals only.
 */
export const SWEMWBS_METRIC: Readonly<Record<number, number>> = {
  7: 7.0,
  8: 9.51,
  9: 11.25,
  10: 12.4,
  11: 13.33,
  12: 14.08,
  13: 14.75,
  14: 15.32,
  15: 15.84,
  16: 16.36,
  17: 16.88,
  18: 17.43,
  19: 17.98,
  20: 18.59,
  21: 19.25,
  22: 19.98,
  23: 20.73,
  24: 21.54,
  25: 22.35,
  26: 23.21,
  27: 24.11,
  28: 25.03,
  29: 26.02,
  30: 27.03,
  31: 28.13,
  32: 29.31,
  33: 30.7,
  34: 32.55,
  35: 35.0,
};

/** WEMWBS item numbers (1-based) that make up SWEMWBS, in SWEMWBS order. */
export const SWEMWBS_ITEMS_OF_WEMWBS: readonly number[] = [1, 2, 3, 6, 7, 9, 11];

/** Converts a complete raw SWEMWBS total (whole number 7–35) to the metric score. */
export function swemwbsMetric(raw: number): number {
  const metric = SWEMWBS_METRIC[raw];
  if (metric === undefined) {
    throw new RangeError(`raw SWEMWBS total must be a whole number from 7 to 35, got ${raw}`);
  }
  return metric;
}

/** How a `score` sent for swemwbs is read (config `swemwbs_score`). */
export type SwemwbsScoreMode = 'auto' | 'raw' | 'metric';

/**
 * Interprets a SWEMWBS `score` cell: `raw` converts it, `metric` takes it as it is, `auto`
 * converts whole numbers (a raw total) and takes anything else as already metric.
 */
export function swemwbsScore(
  score: number,
  mode: SwemwbsScoreMode,
): { metric: number; converted: boolean } | null {
  const asRaw = mode === 'raw' || (mode === 'auto' && Number.isInteger(score));
  if (asRaw) {
    const metric = SWEMWBS_METRIC[score];
    return metric === undefined ? null : { metric, converted: true };
  }
  return score >= 7 && score <= 35 ? { metric: score, converted: false } : null;
}

/** SWEMWBS metric score from WEMWBS items 1, 2, 3, 6, 7, 9, 11 when all seven are answered. */
export function swemwbsOfWemwbs(items: readonly (number | null)[]): number | null {
  let raw = 0;
  for (const item of SWEMWBS_ITEMS_OF_WEMWBS) {
    const v = items[item - 1];
    if (v === null || v === undefined) return null;
    raw += v;
  }
  return swemwbsMetric(raw);
}
