import { financialYear } from '../contract/dimensions.js';
import type { Programme } from '../load/loadProgramme.js';
import { UNDATED } from '../load/pairs.js';

/**
 * The date a pair counts in, for `--period` and `--by year`: outcome change counts in the
 * financial year of the follow-up (../shared/METHODS.md); a baseline without follow-up in the
 * year of the baseline; undated records in the year of enrolment.
 */
export function changeDay(programme: Programme, slot: number): number {
  const { pairs, episodes } = programme;
  const followDay = pairs.day[1].get(slot);
  if (pairs.has(slot, 1) && followDay !== UNDATED) return followDay;
  const baseDay = pairs.day[0].get(slot);
  if (baseDay !== UNDATED) return baseDay;
  return episodes.enrolledOn.get(pairs.episode.get(slot));
}

/** The pair slots of one measure that the analysis uses (baseline present, in the period). */
export function baselineSlots(
  programme: Programme,
  measure: number,
  period: string | null,
): number[] {
  const { pairs } = programme;
  const slots: number[] = [];
  for (let slot = 0; slot < pairs.count; slot++) {
    if (pairs.measure.get(slot) !== measure || !pairs.has(slot, 0)) continue;
    if (period !== null && financialYear(changeDay(programme, slot)) !== period) continue;
    slots.push(slot);
  }
  return slots;
}

/**
 * One slot per person: the slot of the person's first episode (earliest enrolment) among those
 * with a baseline for the measure. Used for every total (`All`) and for inequality, so a person
 * at two partners counts once.
 */
export function personSlots(programme: Programme, slots: readonly number[]): number[] {
  const { pairs, episodes } = programme;
  const best = new Int32Array(episodes.people.size).fill(-1);
  for (const slot of slots) {
    const episode = pairs.episode.get(slot);
    const person = episodes.person.get(episode);
    const current = best[person] as number;
    if (current < 0) {
      best[person] = slot;
      continue;
    }
    // Earliest enrolment; on the same day the episode read first, as in every other total.
    const other = pairs.episode.get(current);
    const day = episodes.enrolledOn.get(episode);
    const otherDay = episodes.enrolledOn.get(other);
    if (day < otherDay || (day === otherDay && episode < other)) best[person] = slot;
  }
  const chosen: number[] = [];
  for (const slot of best) if (slot >= 0) chosen.push(slot);
  return chosen.sort((a, b) => a - b);
}

/** The slots of one measure in the analysis, and one slot per person among them. */
export interface MeasureSlots {
  readonly slots: readonly number[];
  readonly people: readonly number[];
}

const cache = new WeakMap<Programme, Map<string, MeasureSlots>>();

/**
 * `baselineSlots` and `personSlots` of a measure, worked out once per programme, measure and
 * period: wellbeing change, inequality, cost and social value all start from them.
 */
export function measureSlots(
  programme: Programme,
  measure: number,
  period: string | null,
): MeasureSlots {
  let byKey = cache.get(programme);
  if (!byKey) {
    byKey = new Map();
    cache.set(programme, byKey);
  }
  const key = `${measure}\u0001${period ?? ''}`;
  let found = byKey.get(key);
  if (!found) {
    const slots = baselineSlots(programme, measure, period);
    found = { slots, people: personSlots(programme, slots) };
    byKey.set(key, found);
  }
  return found;
}
