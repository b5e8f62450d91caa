import { type DayNumber, dayParts } from './values.js';

/** Ages, in whole years, that a participant file may give (the README's data contract). */
export const AGE_YEARS = { min: 0, max: 120 } as const;

/** IMD deciles: 1 is the most deprived 10% of LSOAs in England, 10 the least. */
export const IMD_DECILES = { min: 1, max: 10 } as const;

/** Age bands of the README's Methods. */
export const AGE_BANDS: readonly string[] = [
  '0-15',
  '16-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65-74',
  '75+',
];
const AGE_BAND_STARTS = [0, 16, 25, 35, 45, 55, 65, 75];

/** The age band of an age in whole years. */
export function ageBand(age: number): string {
  let band = 0;
  for (let i = 0; i < AGE_BAND_STARTS.length; i++) {
    if (age >= (AGE_BAND_STARTS[i] as number)) band = i;
  }
  return AGE_BANDS[band] as string;
}

/** IMD quintile from decile: ceil(decile / 2), 1 = most deprived 20%. */
export function imdQuintile(decile: number): number {
  return Math.ceil(decile / 2);
}

/** Core20: the nationally most deprived 20% of LSOAs, IMD deciles 1–2 (NHS England Core20PLUS5). */
export function isCore20(decile: number): boolean {
  return decile >= 1 && decile <= 2;
}

/**
 * UK financial year of a date, labelled `2017-18`: 1 April to 31 March.
 * @example financialYear(dayNumber(2018, 3, 31)) // '2017-18'
 */
export function financialYear(day: DayNumber): string {
  const { year, month } = dayParts(day);
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
