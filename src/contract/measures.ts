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

/**
 * Other names partners give the built-in measures in the `measure` column (matched as codes
 * are: any case, spaces and punctuation alike). A measure is also found by its id and label; a
 * config `recode` maps any other name.
 */
export const MEASURE_NAMES: Readonly<Record<string, readonly string[]>> = {
  wemwbs: [
    'Warwick-Edinburgh',
    'Warwick-Edinburgh Mental Wellbeing Scale',
    'Warwick-Edinburgh Mental Well-being Scale',
    'Warwick Edinburgh Mental Wellbeing',
    'WEMWBS 14',
    'WEMWBS-14',
  ],
  swemwbs: [
    'Short WEMWBS',
    'SWEMWBS metric',
    'Short Warwick-Edinburgh',
    'Short Warwick-Edinburgh Mental Wellbeing Scale',
    'Short Warwick-Edinburgh Mental Well-being Scale',
    'WEMWBS 7',
    'WEMWBS-7',
  ],
  ons_life_satisfaction: ['Life satisfaction', 'ONS life satisfaction', 'ONS4 life satisfaction'],
  ons_worthwhile: ['Worthwhile', 'ONS worthwhile', 'ONS4 worthwhile'],
  ons_happiness: ['Happiness', 'ONS happiness', 'ONS4 happiness'],
  ons_anxiety: ['Anxiety', 'ONS anxiety', 'ONS4 anxiety'],
};
