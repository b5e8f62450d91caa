import type { MeasureDefinition } from './types.js';

/** The built-in measures are wellbeing scores. */
const WELLBEING_SCORE = {
  type: 'score',
  area: 'wellbeing',
  recallPeriod: null,
  unitCost: null,
} as const;

const WEMWBS_SOURCE =
  'WEMWBS: 14 items scored 1–5, total 14–70 (Warwick Medical School, "Collect, score, analyse and ' +
  'interpret WEMWBS"); meaningful change 3 points (Maheswaran et al. 2012, HQLO 10:156: SEM ' +
  '2.4–3.1); bands ≤40 probable depression, 41–44 possible depression, 45–59 average, ≥60 high.';

/**
 * WEMWBS. Missing items: up to `maxMissing` (default 3 of 14) are prorated from the mean of the
 * answered items; the Warwick user guide's exact rule could not be retrieved, so the limit is the
 * config option `max_missing_items` and the report states the rule used (the README's Methods).
 */
export function wemwbs(maxMissing: number, meaningfulChange = 3): MeasureDefinition {
  return {
    id: 'wemwbs',
    label: 'WEMWBS',
    ...WELLBEING_SCORE,
    min: 14,
    max: 70,
    direction: 'higher_better',
    meaningfulChange,
    items: { count: 14, min: 1, max: 5, maxMissing },
    wholeScores: false,
    // Continuous edges so that prorated (fractional) totals classify: ≤40, >40–≤44, >44–<60, ≥60.
    bands: [
      { label: 'probable depression', upTo: 40, inclusive: true },
      { label: 'possible depression', upTo: 44, inclusive: true },
      { label: 'average', upTo: 60, inclusive: false },
      { label: 'high', upTo: Number.POSITIVE_INFINITY, inclusive: false },
    ],
    source: WEMWBS_SOURCE,
  };
}

/**
 * SWEMWBS on the metric scale (7.00–35.00) after the Rasch conversion of complete raw totals, so
 * no item may be missing. Meaningful change 1 point by default (Shah et al. 2018, HQLO 16:239:
 * 1 SEM = 1.03; published range 1–3). Band edges on the metric score are unverified and
 * configurable: <18 probable depression, 18–<21 possible, 21–<28 average, ≥28 high.
 */
export function swemwbs(meaningfulChange = 1): MeasureDefinition {
  return {
    id: 'swemwbs',
    label: 'SWEMWBS (metric)',
    ...WELLBEING_SCORE,
    min: 7,
    max: 35,
    direction: 'higher_better',
    meaningfulChange,
    items: { count: 7, min: 1, max: 5, maxMissing: 0 },
    wholeScores: false,
    bands: [
      { label: 'probable depression', upTo: 18, inclusive: false },
      { label: 'possible depression', upTo: 21, inclusive: false },
      { label: 'average', upTo: 28, inclusive: false },
      { label: 'high', upTo: Number.POSITIVE_INFINITY, inclusive: false },
    ],
    source:
      'SWEMWBS: WEMWBS items 1, 2, 3, 6, 7, 9, 11; raw 7–35 converted to the metric score with ' +
      'Warwick’s conversion table; meaningful change 1 point (Shah et al. 2018, HQLO 16:239).',
  };
}

const ONS_SOURCE =
  'ONS personal well-being (0–10); thresholds from ONS "a set of annual UK SWB score ' +
  'distributions": life satisfaction, worthwhile, happiness low 0–4, medium 5–6, high 7–8, very ' +
  'high 9–10; anxiety very low 0–1, low 2–3, medium 4–5, high 6–10.';

const ONS_POSITIVE_BANDS = [
  { label: 'low', upTo: 4, inclusive: true },
  { label: 'medium', upTo: 6, inclusive: true },
  { label: 'high', upTo: 8, inclusive: true },
  { label: 'very high', upTo: Number.POSITIVE_INFINITY, inclusive: false },
] as const;

function onsPositive(id: string, label: string, meaningfulChange: number): MeasureDefinition {
  return {
    id,
    label,
    ...WELLBEING_SCORE,
    min: 0,
    max: 10,
    direction: 'higher_better',
    meaningfulChange,
    items: null,
    wholeScores: true,
    bands: ONS_POSITIVE_BANDS,
    source: ONS_SOURCE,
  };
}

export function onsMeasures(meaningfulChange: (id: string) => number): MeasureDefinition[] {
  return [
    onsPositive(
      'ons_life_satisfaction',
      'ONS life satisfaction',
      meaningfulChange('ons_life_satisfaction'),
    ),
    onsPositive('ons_worthwhile', 'ONS worthwhile', meaningfulChange('ons_worthwhile')),
    onsPositive('ons_happiness', 'ONS happiness', meaningfulChange('ons_happiness')),
    {
      id: 'ons_anxiety',
      label: 'ONS anxiety',
      ...WELLBEING_SCORE,
      min: 0,
      max: 10,
      direction: 'lower_better',
      meaningfulChange: meaningfulChange('ons_anxiety'),
      items: null,
      wholeScores: true,
      bands: [
        { label: 'very low', upTo: 1, inclusive: true },
        { label: 'low', upTo: 3, inclusive: true },
        { label: 'medium', upTo: 5, inclusive: true },
        { label: 'high', upTo: Number.POSITIVE_INFINITY, inclusive: false },
      ],
      source: ONS_SOURCE,
    },
  ];
}
