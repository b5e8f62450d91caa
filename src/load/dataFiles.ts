import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TidesConfig } from '../config/types.js';
import type { InputFile } from '../io/discover.js';
import { buildMeasureRegistry } from '../measures/registry.js';
import { aliasResolver } from './aliases.js';
import { PIECE_ISSUES } from './candidates.js';
import type { DeprivationLookup } from './deprivation.js';
import type { LocalContext } from './localContext.js';
import { type OutcomeRows, readOutcomeRows } from './outcomeRows.js';
import { type ParticipantRows, readParticipantRows } from './participantRows.js';
import { recodeResolver } from './recode.js';

export type DataRows = ParticipantRows | OutcomeRows;

/** What a reader, in this thread or a worker, needs to read any data file: plain data only. */
export interface ReaderSetup {
  readonly config: TidesConfig;
  readonly partnerIds: readonly string[];
  readonly deprivation: DeprivationLookup;
  readonly today: number;
  readonly digests: boolean;
  /** Candidate rows per piece of a file (see LocalContext). */
  readonly pieceRows: number;
  /** Whether pieces list every issue (see LocalContext). */
  readonly listIssues: boolean;
  /** Whether plain records are read from their bytes (see LocalContext). */
  readonly plainRecords: boolean;
  /** Bytes read from a CSV file at a time (see LocalContext). */
  readonly chunkSize?: number;
}

/** Candidate rows per piece of a file: some 6 MB of an outcome file's rows. */
export const PIECE_ROWS = 131_072;

/**
 * Reads any participant or outcome file given a setup: hands each full piece of its rows to
 * `emit` as it is read, and resolves to the final piece.
 */
export type FileReader = (file: InputFile, emit: (piece: DataRows) => void) => Promise<DataRows>;

export function fileReader(setup: ReaderSetup): FileReader {
  const context: LocalContext = {
    partnerIndex: new Map(setup.partnerIds.map((id, i) => [id, i])),
    deprivation: setup.deprivation,
    measures: buildMeasureRegistry(setup.config),
    today: setup.today,
    dates: { twoDigitYears: setup.config.two_digit_years === true },
    layouts: setup.config.layouts ?? {},
    digests: setup.digests,
    pieceRows: setup.pieceRows,
    listIssues: setup.listIssues,
    plainRecords: setup.plainRecords,
    ...(setup.chunkSize === undefined ? {} : { chunkSize: setup.chunkSize }),
  };
  const aliasesFor = aliasResolver(setup.config);
  const recodesFor = recodeResolver(setup.config);
  return (file, emit) =>
    file.kind === 'participants'
      ? readParticipantRows(file, aliasesFor(file), recodesFor(file), context, emit)
      : readOutcomeRows(file, aliasesFor(file), recodesFor(file), context, emit);
}

/**
 * Below this much data, starting worker threads costs more than it saves: each loads the
 * readers and warms them up on its own, and the main thread, idle meanwhile, reads as fast once
 * warm. On two cores (2026-12-06), reading in the main thread was faster up to the bench's
 * 200,000 participants (57 MB: `validate` the same, `analyse` 0.5 s faster, with 40–80 MB less
 * memory), and two workers faster from 400,000 (113 MB: `validate` 3.2–3.5 s against 4.1 s).
 */
const PARALLEL_FROM_BYTES = 64 * 1024 * 1024;
/**
 * How far the workers read ahead of the file being merged: at most this many files per worker,
 * and at most READ_AHEAD_BYTES of input beyond one file per worker. Small files gain from reading
 * far ahead (the merge of one is quick, and the workers must not wait for it); a national
 * programme's files of 100 MB and more would hold hundreds of MB of rows waiting to be merged.
 */
const READ_AHEAD_PER_WORKER = 8;
const READ_AHEAD_BYTES = 256 * 1024 * 1024;
/**
 * A worker's young generation (MB). Reading makes strings that live for one row: a small young
 * generation collects them as often, and keeps each worker's memory some tens of MB smaller at
 * no cost in time (measured on the 1,000,000 and 10,000,000 benchmarks).
 */
const WORKER_YOUNG_GENERATION_MB = 16;
/** Files a worker holds in its queue, so that it never waits for the next. */
const QUEUE_PER_WORKER = 3;
/**
 * Issues a worker may have sent and the merge not yet taken, when every issue is listed: a
 * worker that reaches it waits (see waitForIssuesTaken). Pieces of rows wait within the
 * read-ahead budget, but a row's issues can take 20 times the memory of the row (five issues of
 * some 300 bytes for a 70-byte row): without this, millions of issues would wait for the merge.
 * One piece's worth: a piece being merged and one waiting per worker. With four pieces' worth, two
 * workers' waiting issues (some 160,000 objects) filled a 64 MB heap in 3 runs of 4.
 */
const ISSUES_IN_FLIGHT = PIECE_ISSUES;

/** What each worker thread is given: the setup and its slot in the shared count of issues sent. */
export interface WorkerSetup {
  readonly setup: ReaderSetup;
  /** Int32 per worker: issues sent and not yet taken by the merge. */
  readonly issuesInFlight: SharedArrayBuffer;
  readonly slot: number;
}

/**
 * Blocks a worker thread while it has more than ISSUES_IN_FLIGHT issues sent and not yet taken.
 * It cannot block the merge: a worker reads its files in order, so the file the merge waits for
 * is the one its worker is reading, and that file's pieces are taken as they come.
 */
export function waitForIssuesTaken(inFlight: Int32Array, slot: number): void {
  for (;;) {
    const sent = Atomics.load(inFlight, slot);
    if (sent <= ISSUES_IN_FLIGHT) return;
    // The time-out is a safety net only: the merge wakes the worker as it takes a piece.
    Atomics.wait(inFlight, slot, sent, 1000);
  }
}

const WORKER_URL = new URL('./dataWorker.js', import.meta.url);

/**
 * How many worker threads to read `bytes` of data with: `requested` when given, else one per
 * core (at most 4) for inputs large enough to gain from it, else none. None either when the
 * worker script is not there (running from the TypeScript sources, as the tests do).
 */
export function workerCount(requested: number | undefined, bytes: number, files: number): number {
  if (!existsSync(fileURLToPath(WORKER_URL))) return 0;
  const wanted =
    requested ?? (bytes >= PARALLEL_FROM_BYTES ? Math.min(availableParallelism(), 4) : 0);
  const count = Math.min(wanted, files);
  return count >= 2 || (requested !== undefined && count === 1) ? count : 0;
}

/**
 * Reads data files and hands their rows to `consume` piece by piece, in file order: every piece
 * of a file, its final one last, before any piece of the next. With workers, files are read in
 * parallel (a few ahead of the consumer) and each piece is moved, not copied, to this thread; the
 * order of pieces, and so everything built from them, is the same as reading one file after
 * another in this thread. A piece of the file being consumed is handed on as soon as it is read;
 * pieces of files read ahead wait, within the read-ahead limits (READ_AHEAD_BYTES of input beyond
 * one file per worker).
 */
export async function readDataFiles(
  files: readonly InputFile[],
  setup: ReaderSetup,
  workers: number,
  consume: (rows: DataRows, index: number) => void,
  sizes: readonly number[] = [],
): Promise<void> {
  if (workers === 0) {
    const read = fileReader(setup);
    for (let i = 0; i < files.length; i++) {
      consume(await read(files[i] as InputFile, (piece) => consume(piece, i)), i);
    }
    return;
  }
  const pool = new ReaderPool(files, sizes, setup, workers, consume);
  try {
    await pool.finished;
  } finally {
    await pool.close();
  }
}

type WorkerReply =
  | { readonly index: number; readonly rows: DataRows }
  | { readonly index: number; readonly error: string };

class ReaderPool {
  private readonly workers: Worker[] = [];
  /** Files sent to each worker and not yet read to their end. */
  private readonly queued = new Map<Worker, number>();
  /** Pieces of files after the one being consumed, in the order they came, and their worker. */
  private readonly held = new Map<number, { rows: DataRows; slot: number }[]>();
  /** Per worker: issues sent and not yet consumed (see waitForIssuesTaken). */
  private readonly issuesInFlight: Int32Array;
  /** The file whose pieces are being consumed. */
  private current = 0;
  private next = 0;
  /** Bytes of the files sent to workers and not yet consumed to their end. */
  private ahead = 0;
  private failed = false;
  private closing = false;
  readonly finished: Promise<void>;
  private settle!: { resolve(): void; reject(error: Error): void };

  constructor(
    private readonly files: readonly InputFile[],
    private readonly sizes: readonly number[],
    setup: ReaderSetup,
    count: number,
    private readonly consume: (rows: DataRows, index: number) => void,
  ) {
    this.finished = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.issuesInFlight = new Int32Array(new SharedArrayBuffer(4 * count));
    for (let i = 0; i < count; i++) {
      const workerData: WorkerSetup = {
        setup,
        issuesInFlight: this.issuesInFlight.buffer as SharedArrayBuffer,
        slot: i,
      };
      const worker = new Worker(WORKER_URL, {
        workerData,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      worker.on('message', (reply: WorkerReply) => this.receive(worker, i, reply));
      worker.on('error', (error) => this.fail(error));
      // A worker that stops on its own (killed, out of memory) must not leave a file waiting.
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a reading thread stopped (exit code ${code})`));
      });
      this.workers.push(worker);
      this.queued.set(worker, 0);
    }
    if (files.length === 0) this.settle.resolve();
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closing = true;
    // Wakes any worker waiting for its issues to be taken, for good.
    this.issuesInFlight.fill(-(2 ** 30));
    for (let slot = 0; slot < this.workers.length; slot++) {
      Atomics.notify(this.issuesInFlight, slot);
    }
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /**
   * Sends files to the workers with the fewest queued, up to QUEUE_PER_WORKER each: a worker
   * that finishes a file starts its next at once instead of waiting for this thread, which may
   * be busy merging, to answer.
   */
  private dispatch(): void {
    const workers = this.workers.length;
    const limit = this.current + workers * READ_AHEAD_PER_WORKER;
    while (this.next < this.files.length && this.next < limit) {
      const size = this.sizes[this.next] ?? 0;
      if (this.next >= this.current + workers && this.ahead + size > READ_AHEAD_BYTES) return;
      let worker: Worker | null = null;
      for (const candidate of this.workers) {
        const queued = this.queued.get(candidate) as number;
        if (
          queued < QUEUE_PER_WORKER &&
          (worker === null || queued < (this.queued.get(worker) as number))
        ) {
          worker = candidate;
        }
      }
      if (worker === null) return;
      this.queued.set(worker, (this.queued.get(worker) as number) + 1);
      worker.postMessage({ index: this.next, file: this.files[this.next] });
      this.ahead += size;
      this.next++;
    }
  }

  private receive(worker: Worker, slot: number, reply: WorkerReply): void {
    if (this.failed) return;
    if ('error' in reply) {
      this.fail(new Error(`reading ${this.files[reply.index]?.display}: ${reply.error}`));
      return;
    }
    if (reply.rows.final) this.queued.set(worker, (this.queued.get(worker) as number) - 1);
    const piece = { rows: reply.rows, slot };
    if (reply.index === this.current) this.deliver(piece);
    else {
      const pieces = this.held.get(reply.index);
      if (pieces) pieces.push(piece);
      else this.held.set(reply.index, [piece]);
    }
    this.dispatch();
  }

  /** Consumes a piece of the current file; after its final piece, the held pieces of the next. */
  private deliver({ rows, slot }: { rows: DataRows; slot: number }): void {
    try {
      this.consume(rows, this.current);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (rows.issues.length > 0) {
      Atomics.sub(this.issuesInFlight, slot, rows.issues.length);
      Atomics.notify(this.issuesInFlight, slot);
    }
    if (!rows.final) return;
    this.ahead -= this.sizes[this.current] ?? 0;
    this.current++;
    if (this.current === this.files.length) {
      this.settle.resolve();
      return;
    }
    const pieces = this.held.get(this.current);
    if (!pieces) return;
    this.held.delete(this.current);
    for (const piece of pieces) {
      if (this.failed) return;
      this.deliver(piece);
    }
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.held.clear();
    this.settle.reject(error);
  }
}
