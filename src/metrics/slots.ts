import { financialYear } from '../contract/dimensions.js';
import { UNDATED } from '../model/pairs.js';
import type { Programme } from '../model/programme.js';
import {
  allKey,
  compareGroupKeys,
  type Dimension,
  groupMembers,
  type Members,
} from './grouping.js';

/**
 * The date a pair counts in, for `--period` and `--by year`: outcome change counts in the
 * financial year of the follow-up (the README's Methods); a baseline without follow-up in the
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

/** Pair slots as members of a grouping: each counts in the year of its `changeDay`. */
export function slotMembers(programme: Programme, slots: Int32Array): Members {
  const episodes = programme.pairs.episode;
  return {
    ids: slots,
    episodeOf: (slot) => episodes.get(slot),
    dayOf: (slot) => changeDay(programme, slot),
    episodeColumn: episodes,
  };
}

/**
 * A measure's slots by group, in row order: the total's (its people, each once) and each group's
 * of `by` (its slots, an episode in each group it is in). No category reads `All`, the total's
 * label: the readers rename or refuse one (load/categories.ts), so no group shares the total's key.
 */
export function slotGroups(
  programme: Programme,
  by: readonly Dimension[],
  measure: { readonly slots: Int32Array; readonly people: Int32Array },
): [key: string, slots: ArrayLike<number>][] {
  const lists = new Map<string, ArrayLike<number>>([[allKey(by), measure.people]]);
  if (by.length > 0) {
    const members = slotMembers(programme, measure.slots);
    for (const [key, list] of groupMembers(programme, by, members)) {
      if (lists.has(key)) throw new Error(`a group has the total's key: ${key}`);
      lists.set(key, list);
    }
  }
  return [...lists.keys()]
    .sort(compareGroupKeys)
    .map((key) => [key, lists.get(key) as ArrayLike<number>]);
}

/**
 * The pair slots of each measure that the analysis uses (baseline present, in the period), in
 * order: every measure in one pass over the slots, then each measure's slots filled into an
 * array of the size counted.
 */
export function baselineSlots(programme: Programme, period: string | null): Int32Array[] {
  const { pairs } = programme;
  const slotCount = pairs.count;
  const used = new Uint8Array(slotCount);
  const counts = new Int32Array(programme.measures.measures.length);
  for (let slot = 0; slot < slotCount; slot++) {
    if (!pairs.has(slot, 0)) continue;
    if (period !== null && financialYear(changeDay(programme, slot)) !== period) continue;
    const measure = pairs.measure.get(slot);
    used[slot] = 1;
    counts[measure] = (counts[measure] as number) + 1;
  }
  const slots = Array.from(counts, (count) => new Int32Array(count));
  const filled = new Int32Array(counts.length);
  for (let slot = 0; slot < slotCount; slot++) {
    if (used[slot] === 0) continue;
    const measure = pairs.measure.get(slot);
    const at = filled[measure] as number;
    (slots[measure] as Int32Array)[at] = slot;
    filled[measure] = at + 1;
  }
  return slots;
}

/**
 * One slot per person: the slot of the person's first episode (earliest enrolment) among those
 * with a baseline for the measure (`slots`, in increasing order as `baselineSlots` gives them),
 * in the same order. Used for every total (`All`) and for inequality, so a person at two
 * partners counts once.
 *
 * `best` is scratch space of one entry per person, all -1, and is left so: an index works out
 * every measure's people with one (at national scale a person-sized array is some 40 MB, and
 * one for each measure cost more time to allocate and fill than to use).
 */
export function personSlots(
  programme: Programme,
  slots: Int32Array,
  best = new Int32Array(programme.episodes.personCount).fill(-1),
): Int32Array {
  const { pairs, episodes } = programme;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as number;
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
  const chosen = new Int32Array(slots.length);
  let n = 0;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as number;
    const person = episodes.person.get(pairs.episode.get(slot));
    // Each person's best slot is one of theirs: clearing it there leaves `best` all -1 again
    // (a later slot of the same person is not the best either way).
    if (best[person] === slot) {
      chosen[n++] = slot;
      best[person] = -1;
    }
  }
  return chosen.subarray(0, n);
}

/** The slots of one measure in the analysis, and one slot per person among them (shared: read only). */
export interface MeasureSlots {
  readonly slots: Int32Array;
  readonly people: Int32Array;
}

const NO_SLOTS: MeasureSlots = { slots: new Int32Array(0), people: new Int32Array(0) };

/**
 * `baselineSlots` and `personSlots` of every measure, worked out once per period when first
 * asked for: wellbeing change, inequality, cost and social value all start from them. One index
 * serves one analysis (`analyseProgramme` makes it and hands it to each metric).
 */
export class MeasureSlotIndex {
  private readonly byPeriod = new Map<string | null, MeasureSlots[]>();

  constructor(private readonly programme: Programme) {}

  /** The slots of measure `measure` (its index in the registry) in `period` (null: all). */
  of(measure: number, period: string | null): MeasureSlots {
    let found = this.byPeriod.get(period);
    if (!found) {
      const best = new Int32Array(this.programme.episodes.personCount).fill(-1);
      found = baselineSlots(this.programme, period).map((slots) => ({
        slots,
        people: personSlots(this.programme, slots, best),
      }));
      this.byPeriod.set(period, found);
    }
    return found[measure] ?? NO_SLOTS;
  }
}
