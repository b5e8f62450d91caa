import type { Timepoint } from '../contract/codes.js';
import { CodedColumn } from './codedColumn.js';
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

/** The largest line position an Int32 source column holds; past it the columns widen. */
const INT32_LIMIT = 2_147_483_647;

/**
 * Where kept records came from, one number per record: its position in the outcome files read so
 * far (the file's start position plus its line), negated for a record tides derived from the row
 * at that position. Half the memory of a file column and a line column.
 */
class Sources {
  readonly position: [Column<Int32Array | Float64Array>, Column<Int32Array | Float64Array>] = [
    new Column<Int32Array | Float64Array>(Int32Array),
    new Column<Int32Array | Float64Array>(Int32Array),
  ];
  /** Start position of each file begun (by file index), and the files in the order begun. */
  private readonly startOf: number[] = [];
  private readonly starts: number[] = [];
  private readonly files: number[] = [];
  private next = 1;
  private current = -1;
  private widened = false;

  constructor(private readonly limit: number) {}

  /** Starts the records of a file (after every record of the files before it), once. */
  beginFile(file: number): void {
    if (file === this.current) return;
    const start = this.next;
    this.startOf[file] = start;
    this.starts.push(start);
    this.files.push(file);
    this.current = file;
    this.next = start + 1;
  }

  /** The file begun last has records on lines up to `line`. */
  reachLine(line: number): void {
    const start = this.startOf[this.current] as number;
    this.next = Math.max(this.next, start + line + 1);
    if (this.next > this.limit) this.widen();
  }

  encode(file: number, line: number): number {
    if (file === DERIVED) return -((this.startOf[this.current] as number) + line);
    const start = this.startOf[file];
    if (start === undefined)
      throw new Error(`records of file ${file} were offered before it began`);
    return start + line;
  }

  /** The file (DERIVED for a derived record) and line of an encoded position. */
  decode(position: number): { file: number; line: number } {
    const at = Math.abs(position);
    // The last file that starts at or before the position.
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= at) low = mid;
      else high = mid - 1;
    }
    const line = at - (this.starts[low] as number);
    return { file: position < 0 ? DERIVED : (this.files[low] as number), line };
  }

  /** Past the Int32 range (some 2 billion lines of outcome files): positions become doubles. */
  private widen(): void {
    if (this.widened) return;
    this.widened = true;
    for (const t of [0, 1] as const) {
      const narrow = this.position[t];
      const wide = new Column<Int32Array | Float64Array>(Float64Array, Math.max(narrow.length, 1));
      for (let i = 0; i < narrow.length; i++) wide.push(narrow.get(i));
      this.position[t] = wide;
    }
  }
}

/** The usual offer's result (the first record of its timepoint), shared: no object per row. */
const KEPT: Offer = Object.freeze({ kept: true, displaced: null });

/**
 * Baseline and follow-up per episode × measure, in columns. Pairing rule (the README's data contract):
 * the earliest baseline and the latest follow-up. A dated record beats an undated one; between
 * undated records (or on the same date) the first baseline read and the last follow-up read win.
 * A record sent by the partner always beats one tides derived.
 *
 * About 13 bytes a pair once read: episode 4, measure 1, two scores and two days 2 each (coded:
 * see CodedColumn). While reading, 12 more: where each record came from (released
 * at the end of loading) and the index that finds an episode's pairs (see releaseReadingState).
 */
export class PairStore {
  readonly episode = new Column(Int32Array);
  readonly measure = new Column(Uint8Array);
  readonly score: [CodedColumn, CodedColumn] = [new CodedColumn(), new CodedColumn()];
  readonly day: [CodedColumn, CodedColumn] = [new CodedColumn(UNDATED), new CodedColumn(UNDATED)];
  /**
   * Where each kept record came from: needed while records are offered, to name the record that
   * won and to move a superseded row to rejected; released after reading.
   */
  private sources: Sources | null;
  /**
   * Each episode's pairs as a chain: slot + 1 of its latest pair (0: none), and for each slot
   * slot + 1 of the episode's pair before it. An episode has a pair per measure it was scored
   * on, a handful, so a lookup walks a few steps instead of hashing. Released after reading.
   */
  private chain: { readonly latest: Int32Array; readonly before: Column<Int32Array> } | null;

  /**
   * @param sourceLimit - the largest source position kept in 32 bits (smaller only in tests)
   */
  constructor(
    readonly measureCount: number,
    readonly episodeCount: number,
    sourceLimit = INT32_LIMIT,
  ) {
    this.sources = new Sources(sourceLimit);
    this.chain = { latest: new Int32Array(episodeCount), before: new Column(Int32Array) };
  }

  get count(): number {
    return this.episode.length;
  }

  /**
   * Starts the records of an outcome file, at its first piece (the later pieces of the file
   * being read continue it); see `reachLine`.
   */
  beginFile(file: number): void {
    this.openSources().beginFile(file);
  }

  /** The records of the file begun last run up to `line` (before any of them is offered). */
  reachLine(line: number): void {
    this.openSources().reachLine(line);
  }

  /** The slot of an episode × measure, created empty on first use. */
  slot(episode: number, measure: number): number {
    const chain = this.openChain();
    const latest = chain.latest[episode] as number;
    for (let slot = latest - 1; slot >= 0; slot = chain.before.get(slot) - 1) {
      if (this.measure.get(slot) === measure) return slot;
    }
    const slot = this.episode.push(episode);
    this.measure.push(measure);
    chain.before.push(latest);
    chain.latest[episode] = slot + 1;
    const sources = this.openSources();
    for (const t of [0, 1] as const) {
      this.score[t].push(Number.NaN);
      this.day[t].push(UNDATED);
      sources.position[t].push(0);
    }
    return slot;
  }

  has(slot: number, t: 0 | 1): boolean {
    return !Number.isNaN(this.score[t].get(slot));
  }

  /** A kept record, with its source (only while reading: see releaseSources). */
  get(slot: number, t: 0 | 1): Observation {
    const sources = this.openSources();
    const { file, line } = sources.decode(sources.position[t].get(slot));
    return { score: this.score[t].get(slot), day: this.day[t].get(slot), file, line };
  }

  /** Drops the records' sources once reading is done: the analysis needs none of them. */
  releaseSources(): void {
    this.sources = null;
  }

  /** Drops the index from an episode to its pairs (`slot` no longer works). */
  releaseIndex(): void {
    this.chain = null;
  }

  private openSources(): Sources {
    if (this.sources === null) throw new Error("the pairs' sources were released after reading");
    return this.sources;
  }

  private openChain(): NonNullable<PairStore['chain']> {
    if (this.chain === null) throw new Error("the pairs' index was released after reading");
    return this.chain;
  }

  clear(slot: number, t: 0 | 1): void {
    this.score[t].set(slot, Number.NaN);
    this.day[t].set(slot, UNDATED);
    this.openSources().position[t].set(slot, 0);
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

  /**
   * Keeps a record in an empty place (`has(slot, t)` false): what `offer` does there, without
   * an object for the record (the merge offers millions, nearly all to empty places).
   */
  putFirst(slot: number, t: 0 | 1, score: number, day: number, file: number, line: number): void {
    this.score[t].set(slot, score);
    this.day[t].set(slot, day);
    const sources = this.openSources();
    sources.position[t].set(slot, sources.encode(file, line));
  }

  private put(slot: number, t: 0 | 1, obs: Observation): void {
    this.putFirst(slot, t, obs.score, obs.day, obs.file, obs.line);
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
