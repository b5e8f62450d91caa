import type { Timepoint } from '../contract/codes.js';
import { Column } from './columnar.js';

/** Day number standing for "no date recorded". */
export const UNDATED = -2147483648;
/** File index of an observation derived by tides (SWEMWBS from WEMWBS items), not read as a row. */
export const DERIVED = -1;

export interface Observation {
  readonly score: number;
  readonly day: number;
  readonly file: number;
  readonly line: number;
}

/** What happened when an observation was offered for a timepoint. */
export type Offer =
  | { readonly kept: true; readonly displaced: Observation | null }
  | { readonly kept: false; readonly winner: Observation };

/** The usual offer's result (the first record of its timepoint), shared: no object per row. */
const KEPT: Offer = Object.freeze({ kept: true, displaced: null });

/**
 * Baseline and follow-up per episode × measure, in columns. Pairing rule (../shared/CONTRACT.md):
 * the earliest baseline and the latest follow-up. A dated record beats an undated one; between
 * undated records (or on the same date) the first baseline read and the last follow-up read win.
 * A record sent by the partner always beats one tides derived.
 */
export class PairStore {
  readonly episode = new Column(Int32Array);
  readonly measure = new Column(Uint8Array);
  readonly score: [Column<Float64Array>, Column<Float64Array>] = [
    new Column(Float64Array),
    new Column(Float64Array),
  ];
  readonly day: [Column<Int32Array>, Column<Int32Array>] = [
    new Column(Int32Array),
    new Column(Int32Array),
  ];
  readonly file: [Column<Int32Array>, Column<Int32Array>] = [
    new Column(Int32Array),
    new Column(Int32Array),
  ];
  readonly line: [Column<Int32Array>, Column<Int32Array>] = [
    new Column(Int32Array),
    new Column(Int32Array),
  ];
  /** Per measure, slot + 1 of each episode (0: none yet): a direct lookup, no hashing. */
  private readonly slotOf: Int32Array[];

  constructor(
    readonly measureCount: number,
    readonly episodeCount: number,
  ) {
    this.slotOf = Array.from({ length: measureCount }, () => new Int32Array(0));
  }

  get count(): number {
    return this.episode.length;
  }

  /** The slot of an episode × measure, created empty on first use. */
  slot(episode: number, measure: number): number {
    let slots = this.slotOf[measure] as Int32Array;
    if (slots.length === 0) {
      slots = new Int32Array(this.episodeCount);
      this.slotOf[measure] = slots;
    }
    let slot = (slots[episode] as number) - 1;
    if (slot < 0) {
      slot = this.episode.push(episode);
      this.measure.push(measure);
      for (const t of [0, 1] as const) {
        this.score[t].push(Number.NaN);
        this.day[t].push(UNDATED);
        this.file[t].push(DERIVED);
        this.line[t].push(0);
      }
      slots[episode] = slot + 1;
    }
    return slot;
  }

  has(slot: number, t: 0 | 1): boolean {
    return !Number.isNaN(this.score[t].get(slot));
  }

  get(slot: number, t: 0 | 1): Observation {
    return {
      score: this.score[t].get(slot),
      day: this.day[t].get(slot),
      file: this.file[t].get(slot),
      line: this.line[t].get(slot),
    };
  }

  clear(slot: number, t: 0 | 1): void {
    this.score[t].set(slot, Number.NaN);
    this.day[t].set(slot, UNDATED);
    this.file[t].set(slot, DERIVED);
    this.line[t].set(slot, 0);
  }

  offer(slot: number, timepoint: Timepoint, obs: Observation): Offer {
    const t = timepoint === 'baseline' ? 0 : 1;
    if (!this.has(slot, t)) {
      this.put(slot, t, obs);
      return KEPT;
    }
    const current = this.get(slot, t);
    if (wins(obs, current, t)) {
      this.put(slot, t, obs);
      return { kept: true, displaced: current };
    }
    return { kept: false, winner: current };
  }

  private put(slot: number, t: 0 | 1, obs: Observation): void {
    this.score[t].set(slot, obs.score);
    this.day[t].set(slot, obs.day);
    this.file[t].set(slot, obs.file);
    this.line[t].set(slot, obs.line);
  }
}

/** Whether a newly read record replaces the current one (see the class comment). */
function wins(next: Observation, current: Observation, t: 0 | 1): boolean {
  const nextDerived = next.file === DERIVED;
  const currentDerived = current.file === DERIVED;
  if (nextDerived !== currentDerived) return currentDerived;
  const nextDated = next.day !== UNDATED;
  const currentDated = current.day !== UNDATED;
  if (nextDated !== currentDated) return nextDated;
  if (nextDated && next.day !== current.day) {
    return t === 0 ? next.day < current.day : next.day > current.day;
  }
  return t === 1; // same date or both undated: first baseline, last follow-up
}
