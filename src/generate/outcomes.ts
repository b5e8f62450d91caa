import type { Random } from '../stats/random.js';
import type { Day } from './dates.js';
import type { Episode } from './episodes.js';
import type { ProgrammePlan } from './programme.js';

export type Timepoint = 'baseline' | 'followup';

export const ONS4_MEASURES = [
  'ons_life_satisfaction',
  'ons_worthwhile',
  'ons_happiness',
  'ons_anxiety',
] as const;

/** One questionnaire answered at one timepoint: a total score, or item responses (null = missing). */
export interface OutcomeRecord {
  readonly measure: string;
  readonly timepoint: Timepoint;
  readonly day: Day;
  readonly score: number | null;
  readonly items: readonly (number | null)[] | null;
  /** The value as the partner writes it, when not the score's digits (`Yes` for a yes/no 1). */
  readonly text?: string;
}

export interface EpisodeOutcomes {
  readonly records: readonly OutcomeRecord[];
  readonly baselineDay: Day | null;
  readonly followupDay: Day | null;
}

/** Overrides used to plant faults on the right kind of episode. */
export interface OutcomeControls {
  /** No questionnaire at all. */
  readonly none?: boolean;
  /** A baseline even for people who would not have completed one. */
  readonly complete?: boolean;
  readonly baselineOnly?: boolean;
  /** A follow-up, even past the end date (the fault that uses it moves it before the baseline). */
  readonly followup?: boolean;
  readonly completeItems?: boolean;
}

/** Wellbeing questionnaires are not given to children under 11 (WEMWBS is validated from 13). */
export const MIN_AGE_FOR_OUTCOMES = 11;
/** Share of eligible people who complete a baseline questionnaire. */
const BASELINE_COMPLETION = 0.93;
/** Follow-up 6–20 weeks after baseline. */
const FOLLOWUP_MIN_DAYS = 42;
const FOLLOWUP_SPREAD_DAYS = 99;

/**
 * Planted effects, on the WEMWBS scale (14–70): baseline mean 42 in IMD decile 1 rising by 0.7 a
 * decile (a deprivation gradient), person SD 6; average improvement 4.4 points in decile 1
 * falling by 0.36 a decile (larger gains where deprivation is greatest), scaled by the partner's
 * effect; each measurement carries noise of SD 3.5 (near WEMWBS's SEM of about 3, Maheswaran et
 * al. 2012), so regression to the mean is present as in real data.
 */
const BASELINE_DECILE_1 = 42;
const BASELINE_PER_DECILE = 0.7;
const GAIN_DECILE_1 = 4.4;
const GAIN_PER_DECILE = 0.36;
const TRAIT_SD = 6;
const MEASUREMENT_SD = 3.5;
/** Follow-up: log-odds 0.8 at a baseline of 44, +0.05 a point (lower baseline, more drop-out). */
const FOLLOWUP_LOG_ODDS = 0.8;
const FOLLOWUP_PER_POINT = 0.05;

/** Small item-level differences so that item profiles are not flat. */
const ITEM_OFFSETS = [0.1, 0.2, 0, -0.2, 0.1, -0.1, 0.2, -0.1, 0, -0.2, 0.1, 0.1, -0.1, -0.1];

/**
 * The questionnaires of one episode. Every random draw is made up front, so that the controls
 * change only the episode they are applied to.
 */
export function episodeOutcomes(
  programme: ProgrammePlan,
  episode: Episode,
  controls: OutcomeControls = {},
): EpisodeOutcomes {
  const { rng, person, partner } = episode;
  const toDay = programme.options.toDay;
  const completes = rng.next() < BASELINE_COMPLETION;
  const sameDay = rng.next() < 0.6;
  const delay = 1 + rng.int(14);
  const zEpisode = rng.normal();
  const zBaseline = rng.normal();
  const zResponse = rng.normal();
  const zFollowup = rng.normal();
  const followU = rng.next();
  const gap = FOLLOWUP_MIN_DAYS + rng.int(FOLLOWUP_SPREAD_DAYS);

  const eligible = episode.age >= MIN_AGE_FOR_OUTCOMES && completes;
  if (controls.none || !(eligible || controls.complete)) {
    return { records: [], baselineDay: null, followupDay: null };
  }
  const baselineDay = Math.min(toDay, episode.enrolledOn + (sameDay ? 0 : delay));
  const decile = programme.city.lsoas[person.lsoa]?.decile ?? 1;
  const expected =
    BASELINE_DECILE_1 +
    BASELINE_PER_DECILE * (decile - 1) +
    partner.baselineOffset -
    (person.flags !== 0 ? 2 : 0) -
    (person.disabled ? 1.5 : 0) +
    0.03 * (Math.min(episode.age, 80) - 40);
  const level = expected + TRAIT_SD * person.trait + 2 * zEpisode;
  const baseline = level + MEASUREMENT_SD * zBaseline;
  const gain = partner.effect * (GAIN_DECILE_1 - GAIN_PER_DECILE * (decile - 1)) + 4 * zResponse;
  const followup = level + gain + MEASUREMENT_SD * zFollowup;
  const pFollow = logistic(
    FOLLOWUP_LOG_ODDS + partner.followupShift + FOLLOWUP_PER_POINT * (baseline - 44),
  );
  let followupDay: Day | null = baselineDay + gap;
  const followedUp =
    controls.followup || (!controls.baselineOnly && followU < pFollow && followupDay <= toDay);
  if (!followedUp) followupDay = null;

  const records: OutcomeRecord[] = [];
  const complete = controls.completeItems ?? false;
  addRecords(records, partner.measure, 'baseline', baselineDay, baseline, rng, complete);
  if (followupDay !== null)
    addRecords(records, partner.measure, 'followup', followupDay, followup, rng, complete);
  return { records, baselineDay, followupDay };
}

/** Appends the records of one timepoint for a wellbeing level on the WEMWBS scale. */
export function addRecords(
  records: OutcomeRecord[],
  measure: Episode['partner']['measure'],
  timepoint: Timepoint,
  day: Day,
  level: number,
  rng: Random,
  completeItems: boolean,
): void {
  switch (measure) {
    case 'wemwbs': {
      const items: (number | null)[] = wemwbsItems(clamp(Math.round(level), 14, 70), rng);
      const missingDraw = rng.next();
      if (!completeItems && missingDraw < 0.04) {
        const missing = 1 + rng.int(3);
        for (let k = 0; k < missing; k++) items[rng.int(14)] = null;
      }
      records.push({ measure, timepoint, day, score: null, items });
      return;
    }
    case 'swemwbs': {
      // SWEMWBS raw total (7 items, 7–35) sits at about half the WEMWBS total.
      const raw = clamp(Math.round(7 + (level - 14) / 2 + 0.8 * rng.normal()), 7, 35);
      records.push({ measure, timepoint, day, score: raw, items: null });
      return;
    }
    case 'ons4': {
      const x = level / 5.6;
      const scores = [
        x - 1.3 + rng.normal(),
        x - 1.0 + rng.normal(),
        x - 1.5 + 1.3 * rng.normal(),
        11.5 - level / 6 + 1.8 * rng.normal(),
      ];
      ONS4_MEASURES.forEach((name, i) => {
        const score = clamp(Math.round(scores[i] ?? 0), 0, 10);
        records.push({ measure: name, timepoint, day, score, items: null });
      });
      return;
    }
  }
}

/**
 * Fourteen item responses (1–5) that add up to `total` exactly: items scatter around total/14,
 * then random items are nudged until the sum is right.
 */
export function wemwbsItems(total: number, rng: Random): number[] {
  const mean = total / 14;
  const items = ITEM_OFFSETS.map((offset) =>
    clamp(Math.round(mean + offset + 0.6 * rng.normal()), 1, 5),
  );
  let sum = items.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const j = rng.int(14);
    const value = items[j] ?? 3;
    if (sum < total && value < 5) {
      items[j] = value + 1;
      sum++;
    } else if (sum > total && value > 1) {
      items[j] = value - 1;
      sum--;
    }
  }
  return items;
}

function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
