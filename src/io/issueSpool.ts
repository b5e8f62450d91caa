import {
  closeSync,
  mkdtempSync,
  openSync,
  readSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { compareIssues, type Issue, type IssueSink } from '../contract/issues.js';
import type { RuleId, Severity } from '../contract/rules.js';
import { UnusableInputError } from '../errors.js';
import { describeFsError, isFsError } from './outputDir.js';

/**
 * Issues held in memory before they are sorted and written out as a run: some 20 MB. The
 * programme's issues are then never held whole, however many there are.
 */
const RUN_ISSUES = 65_536;
/**
 * Runs merged into one as soon as there are this many of a size: 4 M issues before any issue is
 * written twice; at most a few hundred files open for billions.
 */
const FAN_IN = 64;
/** Bytes read from a run at a time while merging (FAN_IN of them: 4 MB). */
const READ_BYTES = 64 * 1024;
/** Text written to a run at a time. */
const WRITE_CHARS = 1024 * 1024;

/** A sorted run of issues in a temporary file: one JSON array per line. */
interface Run {
  readonly fd: number;
  /** Each merge of FAN_IN runs of one level makes one of the next. */
  readonly level: number;
  /** Where the file is, if it could not be unlinked while open (removed on close). */
  readonly leftover: string | null;
}

/**
 * Every issue of a programme, handed back in report order (compareIssues; issues it ties in the
 * order they were found, as a stable sort gives) however many there are: an external merge sort.
 * Issues are kept in memory up to RUN_ISSUES, then sorted and written to a temporary file, and
 * the files are merged as they are read back. Runs of the same size are merged as soon as there
 * are FAN_IN of them, so that the files open and the passes over the data both grow with the
 * logarithm of the number of issues. A run's file is unlinked as soon as it is opened: nothing is left
 * behind, even if tides is killed.
 */
export class IssueSpool implements IssueSink {
  private buffer: Issue[] = [];
  private readonly runs: Run[] = [];
  private finished = false;
  private readonly dir: string;
  private readonly runIssues: number;
  private readonly fanIn: number;

  /**
   * `dir`: where the runs go (default: the system's temporary folder, `TMPDIR`); `runIssues` and
   * `fanIn` are smaller in tests.
   */
  constructor(options: { dir?: string; runIssues?: number; fanIn?: number } = {}) {
    this.dir = options.dir ?? tmpdir();
    this.runIssues = options.runIssues ?? RUN_ISSUES;
    this.fanIn = Math.max(2, options.fanIn ?? FAN_IN);
  }

  /** Issues held in memory: never more than a run's worth. */
  get held(): number {
    return this.buffer.length;
  }

  accept(issue: Issue): void {
    if (this.finished) throw new Error('an issue came after the spool was read');
    this.buffer.push(issue);
    if (this.buffer.length >= this.runIssues) this.spill();
  }

  /** Every issue accepted, in report order; may be read more than once. */
  *sorted(): Generator<Issue> {
    if (!this.finished) {
      this.finished = true;
      if (this.runs.length > 0 && this.buffer.length > 0) this.spill();
      else this.buffer.sort(compareIssues);
    }
    if (this.runs.length === 0) {
      yield* this.buffer;
      return;
    }
    for (const line of mergeRuns(this.runs)) yield line.issue;
  }

  /** Closes the runs' files. */
  close(): void {
    for (const run of this.runs.splice(0)) {
      closeSync(run.fd);
      if (run.leftover !== null) rmSync(run.leftover, { recursive: true, force: true });
    }
    this.buffer = [];
  }

  private spill(): void {
    // Array.prototype.sort is stable (ECMAScript 2019): ties keep the order found.
    const issues = this.buffer.sort(compareIssues);
    this.buffer = [];
    this.writeRun(
      (function* () {
        for (const issue of issues) yield encodeIssue(issue);
      })(),
      0,
    );
    while (this.runs.length >= this.fanIn) {
      const last = this.runs.slice(-this.fanIn);
      const level = (last[0] as Run).level;
      if (!last.every((r) => r.level === level)) break;
      this.runs.splice(-this.fanIn);
      try {
        this.writeRun(
          (function* () {
            for (const line of mergeRuns(last)) yield line.text;
          })(),
          level + 1,
        );
      } finally {
        for (const run of last) closeSync(run.fd);
      }
    }
  }

  private writeRun(lines: Iterable<string>, level: number): void {
    const run = this.openRun(level);
    this.runs.push(run);
    try {
      let chunk = '';
      for (const line of lines) {
        chunk += `${line}\n`;
        if (chunk.length >= WRITE_CHARS) {
          writeAll(run.fd, chunk);
          chunk = '';
        }
      }
      if (chunk !== '') writeAll(run.fd, chunk);
    } catch (error) {
      throw this.unusable(error);
    }
  }

  private openRun(level: number): Run {
    let folder: string;
    let fd: number;
    try {
      folder = mkdtempSync(join(this.dir, 'tides-issues-'));
    } catch (error) {
      throw this.unusable(error);
    }
    try {
      fd = openSync(join(folder, 'run'), 'w+', 0o600);
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw this.unusable(error);
    }
    try {
      unlinkSync(join(folder, 'run'));
      rmdirSync(folder);
      return { fd, level, leftover: null };
    } catch {
      return { fd, level, leftover: folder };
    }
  }

  private unusable(error: unknown): unknown {
    if (!isFsError(error)) return error;
    return new UnusableInputError(
      `the list of issues cannot be written to a temporary file in ${this.dir} (${describeFsError(error)}); set TMPDIR to a folder with more space`,
    );
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * One issue as a line of its run: the fields as a JSON array, which escapes line breaks and
 * lone surrogates, so the line reads back as exactly the same strings.
 */
function encodeIssue(i: Issue): string {
  const fields = [i.file, i.line, i.column, i.value, i.rule, i.severity, i.message];
  return JSON.stringify(i.cell === undefined ? fields : [...fields, i.cell]);
}

function decodeIssue(text: string): Issue {
  const [file, line, column, value, rule, severity, message, cell] = JSON.parse(text) as [
    string,
    number | null,
    string | null,
    string | null,
    RuleId,
    Severity,
    string,
    string | undefined,
  ];
  // The keys in the order IssueLog makes them: `validate --json` prints them in this order.
  const issue = { file, line, column, value, rule, severity, message };
  return cell === undefined ? issue : { ...issue, cell };
}

interface RunLine {
  readonly issue: Issue;
  readonly text: string;
  /** The run's place in the merge: ties go to the earlier run, which holds earlier issues. */
  readonly run: number;
}

/** The lines of sorted runs, merged in report order. */
function* mergeRuns(runs: readonly Run[]): Generator<RunLine> {
  const readers = runs.map((run) => runLines(run.fd));
  const heap: RunLine[] = [];
  const next = (run: number) => {
    const step = (readers[run] as Generator<string>).next();
    if (!step.done) heapPush(heap, { issue: decodeIssue(step.value), text: step.value, run });
  };
  for (let run = 0; run < readers.length; run++) next(run);
  while (heap.length > 0) {
    const line = heapPop(heap);
    yield line;
    next(line.run);
  }
}

/** The lines of a run's file, read from its start. */
function* runLines(fd: number): Generator<string> {
  const bytes = Buffer.allocUnsafe(READ_BYTES);
  const decoder = new StringDecoder('utf8');
  let position = 0;
  let rest = '';
  for (;;) {
    const read = readSync(fd, bytes, 0, READ_BYTES, position);
    if (read === 0) break;
    position += read;
    const text = rest + decoder.write(bytes.subarray(0, read));
    const lines = text.split('\n');
    rest = lines.pop() as string;
    yield* lines;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

function before(a: RunLine, b: RunLine): boolean {
  const order = compareIssues(a.issue, b.issue);
  return order < 0 || (order === 0 && a.run < b.run);
}

function heapPush(heap: RunLine[], line: RunLine): void {
  let at = heap.length;
  heap.push(line);
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!before(line, heap[parent] as RunLine)) break;
    heap[at] = heap[parent] as RunLine;
    at = parent;
  }
  heap[at] = line;
}

function heapPop(heap: RunLine[]): RunLine {
  const top = heap[0] as RunLine;
  const last = heap.pop() as RunLine;
  if (heap.length === 0) return top;
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child =
      right < heap.length && before(heap[right] as RunLine, heap[left] as RunLine) ? right : left;
    if (!before(heap[child] as RunLine, last)) break;
    heap[at] = heap[child] as RunLine;
    at = child;
  }
  heap[at] = last;
  return top;
}
