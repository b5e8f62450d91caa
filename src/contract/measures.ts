/**
 * The ids of the built-in measures, as the `measure` column of an outcome file names them (the
 * README's data contract). A config may adjust their meaningful change but not redefine them;
 * measures/builtin.ts defines each (a test checks that the two lists agree).
 */
export const BUILTIN_MEASURE_IDS: readonly string[] = [
  'wemwbs',
  'swemwbs',
  'ons_life_satisfaction',
  'ons_worthwhile',
  'ons_happiness',
  'ons_anxiety',
];
