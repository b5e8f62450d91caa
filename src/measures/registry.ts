import type { CustomMeasureConfig, Direction, TidesConfig } from '../config/types.js';
import { MEASURE_NAMES } from '../contract/measures.js';
import { codeKey } from '../contract/values.js';
import { ownValue } from '../ownKeys.js';
import { onsMeasures, swemwbs, wemwbs } from './builtin.js';
import type { SwemwbsScoreMode } from './swemwbs.js';
import type { Band, MeasureDefinition } from './types.js';

/** Default number of WEMWBS items that may be missing and prorated (the README's Methods). */
export const DEFAULT_MAX_MISSING_ITEMS = 3;

/** The measures a programme uses: built-ins, adjusted and extended by the config. */
export interface MeasureRegistry {
  readonly measures: readonly MeasureDefinition[];
  readonly swemwbsScore: SwemwbsScoreMode;
  readonly maxMissingItems: number;
  get(id: string): MeasureDefinition | undefined;
  /**
   * The measure a partner's name for it gives: its id, label or another name it is known by
   * (`Warwick-Edinburgh`, `Life satisfaction`), in any case, spaces and punctuation alike.
   */
  byName(name: string): MeasureDefinition | undefined;
  /** Position of a measure in `measures`, for compact per-measure state. */
  indexOf(id: string): number;
}

export function buildMeasureRegistry(config: TidesConfig = {}): MeasureRegistry {
  const maxMissing = config.max_missing_items ?? DEFAULT_MAX_MISSING_ITEMS;
  const change = (id: string, fallback: number) =>
    ownValue(config.meaningful_change, id) ?? fallback;
  const measures: MeasureDefinition[] = [
    wemwbs(maxMissing, change('wemwbs', 3)),
    swemwbs(change('swemwbs', 1)),
    ...onsMeasures((id) => change(id, 1)),
  ];
  for (const [id, custom] of Object.entries(config.measures ?? {})) {
    if (custom.type === 'binary' || custom.type === 'count') {
      measures.push(eventMeasure(id, custom));
      continue;
    }
    const bands: Band[] = (custom.bands ?? []).map((b) => ({
      label: b.label,
      upTo: b.up_to ?? Number.POSITIVE_INFINITY,
      inclusive: b.inclusive ?? false,
    }));
    measures.push({
      id,
      label: custom.label ?? id,
      type: 'score',
      area: custom.area ?? 'wellbeing',
      recallPeriod: null,
      unitCost: null,
      min: custom.min as number,
      max: custom.max as number,
      direction: custom.direction as Direction,
      meaningfulChange: change(id, custom.meaningful_change as number),
      items:
        custom.items === undefined
          ? null
          : {
              count: custom.items,
              min: custom.item_min ?? Number.NEGATIVE_INFINITY,
              max: custom.item_max ?? Number.POSITIVE_INFINITY,
              maxMissing: Math.min(maxMissing, custom.items - 1),
            },
      wholeScores: false,
      bands,
      source: 'defined in tides.config.json',
    });
  }
  const byId = new Map(measures.map((m, i) => [m.id, i]));
  const names = new Map<string, number>();
  measures.forEach((m, i) => {
    for (const name of [m.label, ...(ownValue(MEASURE_NAMES, m.id) ?? [])]) {
      const key = codeKey(name);
      if (!names.has(key)) names.set(key, i);
    }
  });
  // An id wins over another measure's label or name.
  measures.forEach((m, i) => {
    names.set(codeKey(m.id), i);
  });
  return {
    measures,
    swemwbsScore: config.swemwbs_score ?? 'auto',
    maxMissingItems: maxMissing,
    get: (id) => {
      const i = byId.get(id);
      return i === undefined ? undefined : measures[i];
    },
    indexOf: (id) => byId.get(id) ?? -1,
    byName: (name) => {
      const i = byId.get(name) ?? names.get(codeKey(name));
      return i === undefined ? undefined : measures[i];
    },
  };
}

/**
 * A binary or count measure of the config (validated: a binary one has `better`, a count one
 * `direction` and `recall_period`). A binary answer is read as 1 (yes) or 0 (no); either is a
 * change of 1 when it moves, so the meaningful change is 1 for both types.
 */
function eventMeasure(id: string, custom: CustomMeasureConfig): MeasureDefinition {
  const binary = custom.type === 'binary';
  return {
    id,
    label: custom.label ?? id,
    type: binary ? 'binary' : 'count',
    area: custom.area ?? 'wellbeing',
    recallPeriod: binary ? null : (custom.recall_period ?? null),
    unitCost:
      !binary && custom.unit_cost_gbp !== undefined
        ? { gbp: custom.unit_cost_gbp, source: custom.unit_cost_source ?? '' }
        : null,
    min: 0,
    max: binary ? 1 : (custom.max ?? Number.POSITIVE_INFINITY),
    direction: binary
      ? custom.better === 'no'
        ? 'lower_better'
        : 'higher_better'
      : (custom.direction as Direction),
    meaningfulChange: 1,
    items: null,
    wholeScores: true,
    bands: [],
    source: 'defined in tides.config.json',
  };
}

/**
 * The index in `measure.bands` of the band a score falls in (the first band whose edge it is
 * below, or at when inclusive), or -1 when it is in none.
 */
export function bandIndexOf(measure: MeasureDefinition, score: number): number {
  return bandOf(bandEdges(measure), score);
}

/** A measure's band edges as typed arrays, for finding the bands of many scores (`bandOf`). */
export interface BandEdges {
  /** Each band's upper edge. */
  readonly upTo: Float64Array;
  /** 1 where a score at the edge is in the band. */
  readonly inclusive: Uint8Array;
}

export function bandEdges(measure: MeasureDefinition): BandEdges {
  return {
    upTo: Float64Array.from(measure.bands, (band) => band.upTo),
    inclusive: Uint8Array.from(measure.bands, (band) => (band.inclusive ? 1 : 0)),
  };
}

/** {@link bandIndexOf} on a measure's edges. */
export function bandOf(edges: BandEdges, score: number): number {
  const { upTo, inclusive } = edges;
  for (let i = 0; i < upTo.length; i++) {
    const edge = upTo[i] as number;
    if (score < edge || (inclusive[i] === 1 && score === edge)) return i;
  }
  return -1;
}
