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

interface Sources {
  readonly file: [Column<Int32Array>, Column<Int32Array>];
  readonly line: [Column<Int32Array>, Column<Int32Array>];
}

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
  /**
   * Where each kept record came from (file index, or DERIVED, and line): needed while records are
   * offered, to name the record that won and to move a superseded row to rejected; released
   * after reading (16 bytes a slot, some 370 MB at ten million people).
   */
  private sources: Sources | null = {
    file: [new Column(Int32Array), new Column(Int32Array)],
    line: [new Column(Int32Array), new Column(Int32Array)],
  };
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
        this.sources?.file[t].push(DERIVED);
        this.sources?.line[t].push(0);
      }
      slots[episode] = slot + 1;
    }
    return slot;
  }

  has(slot: number, t: 0 | 1): boolean {
    return !Number.isNaN(this.score[t].get(slot));
  }

  /** A kept record, with its source (only while reading: see releaseSources). */
  get(slot: number, t: 0 | 1): Observation {
    const sources = this.openSources();
    return {
      score: this.score[t].get(slot),
      day: this.day[t].get(slot),
      file: sources.file[t].get(slot),
      line: sources.line[t].get(slot),
    };
  }

  /** Drops the records' sources once reading is done: the analysis needs scores and days only. */
  releaseSources(): void {
    this.sources = null;
  }

  private openSources(): Sources {
    if (this.sources === null) throw new Error("the pairs' sources were released after reading");
    return this.sources;
  }

  clear(slot: number, t: 0 | 1): void {
    this.score[t].set(slot, Number.NaN);
    this.day[t].set(slot, UNDATED);
    const sources = this.openSources();
    sources.file[t].set(slot, DERIVED);
    sources.line[t].set(slot, 0);
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
    const sources = this.openSources();
    sources.file[t].set(slot, obs.file);
    sources.line[t].set(slot, obs.line);
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
