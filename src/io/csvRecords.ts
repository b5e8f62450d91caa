import { Parser } from 'csv-parse';
import {
  type Break,
  countChar,
  describeParseError,
  describeSwallowed,
  describeUnfinished,
  isBlank,
  swallowedRecords,
} from './brokenRecord.js';
import { splitRegularLine } from './regularLine.js';

/**
 * Turns the decoded bytes of one CSV file, in order, into its header and records with the physical
 * line each starts on, reading every byte a bounded number of times however many records are
 * broken.
 *
 * Regular lines (see splitRegularLine) are split directly; from the first line that is not
 * regular, csv-parse's synchronous core (`Parser#api.parse`, pinned to csv-parse 7.0.3) reads on,
 * so every quoting problem is read by csv-parse's rules. A broken record (see brokenRecord.ts) is
 * reported at its first line; reading then resumes on the next line, by direct split again, from
 * the bytes already in memory: the file is read once, never again from its start.
 *
 * What keeps the work linear is when csv-parse is asked to stop. A record still open
 * `maxFieldLines` lines after its start, with any text in it, is certainly broken (a record over
 * that many lines is rejected, whatever it turns out to hold); reading on only finds where it ends,
 * for the message. Every line after it is read again once reading resumes, so records that overlap
 * (a run of unclosed quotes each swallowing the same long stretch) would cost the square of the
 * file's size. So tides reads past that point, in all, at most `describeLimit` bytes (twice the
 * file's size by default: more than any ordinary file needs); beyond it, a broken record is
 * reported as running over more than `maxFieldLines` lines without looking for its end. Whether a
 * record is stopped depends only on the bytes before it, never on how the file was read in chunks.
 */
export interface RecordEvents {
  /** The header fields (first non-blank record) and its line. */
  header(fields: string[], line: number): void;
  /** A data record and the physical line it starts on. */
  record(fields: string[], line: number): void;
  /** A broken record; returns whether reading goes on from the line after it. */
  broken(problem: Break): boolean;
  /**
   * Offered each line after the header, as its bytes bytes[start, end) (without its line break),
   * before it is split into fields: returns true when it took the line as a record of its own,
   * false to have it split (or parsed) and handed to `record` as usual. A reader that knows the
   * file's columns reads plain lines this way without making a string of each field.
   */
  readonly plainRecord?: (bytes: Buffer, start: number, end: number, line: number) => boolean;
}

/** Bytes handed to each reading path, for tests that check the work stays linear. */
export interface ScanMeter {
  split: number;
  parsed: number;
}

export interface RecordReaderSettings {
  /** Largest record accepted, in characters. */
  readonly maxRecordSize: number;
  /** A quoted field spanning more physical lines than this is taken as an unclosed quote. */
  readonly maxFieldLines: number;
  /** Split regular lines directly instead of through csv-parse (false for tests). */
  readonly splitRegularLines: boolean;
  /** Bytes that may be read, in all, past the points where records are known to be broken. */
  readonly describeLimit: number;
  readonly meter: ScanMeter | null;
}

interface ParserCore {
  parse(
    buf: Buffer | undefined,
    end: boolean,
    push: (record: string[]) => void,
    close: () => void,
  ): Error | undefined;
  /** `bytes`: where the last record pushed ended, counted from the parser's first byte. */
  readonly info: { readonly bytes: number };
}

/**
 * csv-parse 7.0.3 holds back at most the last 3 bytes it is given (the longest delimiter, escape
 * or white-space character it may have to look at, `__needMoreData`); a decision taken this many
 * bytes past a point is sure that everything before the point has been parsed.
 */
const LOOKAHEAD = 8;
/**
 * Bytes handed on at a time where reading may stop early (at an irregular line, a broken record):
 * regular lines are decoded and split in windows that start at one line and double, and csv-parse
 * is fed slices no larger than what it has already read since it started (at least FIRST_SLICE),
 * so what is handed on and not used when reading stops is at most what was used.
 */
const FIRST_SLICE = 64;
const LARGEST_STEP = 64 * 1024;
/** Thrown from csv-parse's push callback to stop it after the record it just gave. */
const STOP = Symbol('stop');

/**
 * Where the record csv-parse is reading stands. Offsets count bytes from the start of the file's
 * decoded text; each point is found once, by scanning forward from where the last scan stopped.
 */
class RecordWatch {
  /** Just past the `maxFieldLines`-th line break after `start`, once seen. */
  linesAt: number | null = null;
  private lineBreaks = 0;
  private lineScan: number;
  /** Just past the first character that is not white space, a comma or a quote, once seen. */
  textAt: number | null = null;
  private textScan: number;
  /** Parsing has gone past `linesAt`: this record is the last this parser reads. */
  last = false;
  /** Where the record was known to be broken. */
  certainAt: number | null = null;

  constructor(readonly start: number) {
    this.lineScan = start;
    this.textScan = start;
  }

  findLines(text: Buffer, base: number, lines: number): number | null {
    while (this.linesAt === null) {
      const at = text.indexOf(10, this.lineScan - base);
      if (at === -1) {
        this.lineScan = base + text.length;
        return null;
      }
      this.lineScan = base + at + 1;
      if (++this.lineBreaks >= lines) this.linesAt = this.lineScan;
    }
    return this.linesAt;
  }

  findText(text: Buffer, base: number, limit: number): number | null {
    if (this.textAt !== null || this.textScan >= limit) return this.textAt;
    const at = afterNonBlank(text, this.textScan - base, limit - base);
    if (at === -1) this.textScan = limit;
    else this.textAt = base + at;
    return this.textAt;
  }
}

type Mode = 'split' | 'parse' | 'skip' | 'stopped';

/** Where reading resumes once csv-parse is stopped. */
interface Resume {
  /** The line that starts at `at`. */
  readonly line: number;
  /** An offset, or `after` to resume after the first line break at or after that offset. */
  readonly at: number;
  readonly afterLineBreak: boolean;
}

const EMPTY = Buffer.alloc(0);

export class RecordReader {
  private mode: Mode = 'split';
  private width = -1;
  /** The physical line on which the previous record ended. */
  private lastEnd = 0;
  /** Decoded bytes received so far. */
  private total = 0;
  private budget: number;
  /** Bytes after the last line break, held while lines are split directly. */
  private carry: Buffer | null = null;
  /** Bytes still to read after csv-parse was stopped (owned). */
  private next: Buffer | null = null;

  private parser: ParserCore | null = null;
  private parserStart = 0;
  /** The bytes from `pendingStart` (at most the current record's start) to `total`, owned. */
  private pending: Buffer = EMPTY;
  private pendingStart = 0;
  /** Bytes given to csv-parse up to here. */
  private fed = 0;
  private watch: RecordWatch = new RecordWatch(0);
  private resume: Resume | null = null;

  constructor(
    private readonly settings: RecordReaderSettings,
    private readonly events: RecordEvents,
  ) {
    this.budget = settings.describeLimit;
  }

  /** Reads the next decoded bytes; `bytes` may be reused by the caller afterwards. */
  write(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.total += bytes.length;
    this.take(bytes, false);
  }

  /** Reads what is left at the end of the file. */
  finish(): void {
    for (;;) {
      if (this.mode === 'split' && this.carry !== null) {
        // The last line has no line break. A trailing CR is left to csv-parse's end-of-file rules.
        const last = this.carry;
        this.carry = null;
        if (last[last.length - 1] === 13) this.beginParse(last, this.total - last.length, true);
        else this.split(last, true, true);
      }
      if (this.mode === 'parse') {
        this.drive();
        if (this.mode === 'parse') this.parseEnd();
      }
      const next = this.next;
      if (next === null) return;
      this.take(next, true);
    }
  }

  private take(first: Buffer, owned: boolean): void {
    let bytes: Buffer | null = first;
    let own = owned;
    while (bytes !== null) {
      this.next = null;
      if (this.mode === 'split') this.split(bytes, own, false);
      else if (this.mode === 'parse') this.append(bytes);
      else if (this.mode === 'skip') this.skip(bytes, own);
      bytes = this.next;
      own = true;
    }
  }

  // --- Regular lines, split directly ---

  private split(bytes: Buffer, owned: boolean, atEnd: boolean): void {
    const data = this.carry === null ? bytes : Buffer.concat([this.carry, bytes]);
    const own = owned || this.carry !== null;
    this.carry = null;
    const start = this.total - data.length;
    if (!this.settings.splitRegularLines) {
      this.beginParse(data, start, own);
      return;
    }
    const cut = atEnd ? data.length : data.lastIndexOf(10) + 1;
    const irregular = this.splitLines(data, cut);
    if (irregular !== -1) {
      this.beginParse(data.subarray(irregular), start + irregular, own);
      return;
    }
    if (cut < data.length) {
      const partial = data.subarray(cut);
      // A partial line beyond the size limit goes to csv-parse, which reports it as too long.
      if (partial.length > this.settings.maxRecordSize) this.beginParse(partial, start + cut, own);
      else this.carry = Buffer.from(partial);
    }
  }

  /** Splits the lines of data[0, cut) a window at a time; the offset of the first irregular line, or -1. */
  private splitLines(data: Buffer, cut: number): number {
    if (this.events.plainRecord !== undefined) return this.offerLines(data, cut);
    let step = 1;
    for (let from = 0; from < cut; step = Math.min(2 * step, LARGEST_STEP)) {
      const to = windowEnd(data, from, cut, step);
      if (this.settings.meter) this.settings.meter.split += to - from;
      const text = data.toString('utf8', from, to);
      let quote = text.indexOf('"');
      let pos = 0;
      while (pos < text.length) {
        const newline = text.indexOf('\n', pos);
        const next = newline === -1 ? text.length : newline + 1;
        let end = newline === -1 ? text.length : newline;
        if (end > pos && text.charCodeAt(end - 1) === 13) end--;
        if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
        const fields =
          end - pos > this.settings.maxRecordSize ? null : splitRegularLine(text, pos, end, quote);
        if (fields === null) return from + Buffer.byteLength(text.slice(0, pos));
        this.lastEnd++;
        this.accept(fields, this.lastEnd, 1);
        pos = next;
      }
      from = to;
    }
    return -1;
  }

  /**
   * As splitLines, offering each line after the header to `plainRecord` first: a line it declines
   * is decoded and split on its own. The offset of the first irregular line, or -1.
   */
  private offerLines(data: Buffer, cut: number): number {
    const plain = this.events.plainRecord as NonNullable<RecordEvents['plainRecord']>;
    const { maxRecordSize, meter } = this.settings;
    if (meter) meter.split += cut;
    let pos = 0;
    while (pos < cut) {
      const newline = data.indexOf(10, pos);
      const next = newline === -1 || newline >= cut ? cut : newline + 1;
      let end = next === cut && data[cut - 1] !== 10 ? cut : next - 1;
      if (end > pos && data[end - 1] === 13) end--;
      const line = this.lastEnd + 1;
      if (this.width >= 0 && end - pos <= maxRecordSize && plain(data, pos, end, line)) {
        this.lastEnd = line;
        pos = next;
        continue;
      }
      const text = data.toString('utf8', pos, end);
      const fields =
        text.length > maxRecordSize
          ? null
          : splitRegularLine(text, 0, text.length, text.indexOf('"'));
      if (fields === null) return pos;
      this.lastEnd = line;
      this.accept(fields, line, 1);
      pos = next;
    }
    return -1;
  }

  /** After a broken record whose next line had not yet arrived: drops bytes up to its start. */
  private skip(bytes: Buffer, owned: boolean): void {
    const at = bytes.indexOf(10);
    if (at === -1) return;
    this.mode = 'split';
    this.next = owned ? bytes.subarray(at + 1) : Buffer.from(bytes.subarray(at + 1));
  }

  // --- csv-parse, from the first irregular line ---

  private beginParse(bytes: Buffer, start: number, owned: boolean): void {
    this.mode = 'parse';
    this.parser = newParser(this.settings.maxRecordSize);
    this.parserStart = start;
    this.fed = start;
    this.pending = owned ? bytes : Buffer.from(bytes);
    this.pendingStart = start;
    this.watch = new RecordWatch(start);
    this.drive();
  }

  private append(bytes: Buffer): void {
    const keep = this.pending.subarray(this.watch.start - this.pendingStart);
    this.pending = Buffer.concat([keep, bytes]);
    this.pendingStart = this.watch.start;
    this.drive();
  }

  /** Feeds csv-parse what has arrived, stopping at each point where the open record is judged. */
  private drive(): void {
    while (this.mode === 'parse' && this.fed < this.total) {
      const point = this.decisionPoint();
      if (point !== null && point <= this.fed) {
        this.decide(point);
        continue;
      }
      const watch = this.watch;
      const step = Math.min(LARGEST_STEP, Math.max(FIRST_SLICE, this.fed - this.parserStart));
      const limit = Math.min(point ?? this.total, this.total, this.fed + step);
      this.feed(limit);
      if (this.mode === 'parse' && this.watch === watch && this.fed === point) this.decide(point);
    }
  }

  /**
   * The next offset at which the open record is judged, or null while it cannot be known yet:
   * first `linesAt`, then where it is known to be broken, then where reading on for its end stops.
   */
  private decisionPoint(): number | null {
    const w = this.watch;
    const base = this.pendingStart;
    if (!w.last) {
      const lines = w.findLines(this.pending, base, Math.max(1, this.settings.maxFieldLines));
      return lines === null ? null : lines + LOOKAHEAD;
    }
    if (w.certainAt === null) {
      const text = w.findText(this.pending, base, this.total);
      return text === null ? null : Math.max(text, w.linesAt as number) + LOOKAHEAD;
    }
    return w.certainAt + this.budget;
  }

  /** The open record has not ended by `point` (everything before `point - LOOKAHEAD` is parsed). */
  private decide(point: number): void {
    const w = this.watch;
    if (!w.last) {
      w.last = true;
      const lines = w.linesAt as number;
      if (w.findText(this.pending, this.pendingStart, lines) !== null) w.certainAt = point;
    } else if (w.certainAt === null) {
      w.certainAt = point;
    } else {
      this.charge(this.budget);
      this.fail(describeUnfinished(this.lastEnd + 1, this.settings.maxFieldLines));
    }
  }

  private feed(limit: number): void {
    const slice = this.pending.subarray(this.fed - this.pendingStart, limit - this.pendingStart);
    if (this.settings.meter) this.settings.meter.parsed += slice.length;
    this.fed = limit;
    this.run(slice, false);
  }

  private parseEnd(): void {
    this.run(undefined, true);
    if (this.mode === 'parse') this.mode = 'split';
  }

  private run(slice: Buffer | undefined, end: boolean): void {
    const parser = this.parser as ParserCore;
    let error: Error | undefined;
    try {
      error = parser.parse(slice, end, this.push, noop);
    } catch (thrown) {
      if (thrown !== STOP) throw thrown;
      this.resumeReading();
      return;
    }
    if (error === undefined) return;
    const w = this.watch;
    if (w.certainAt !== null) {
      const code = (error as Error & { code?: string }).code;
      const reached =
        code === 'CSV_MAX_RECORD_SIZE' ? w.start + this.settings.maxRecordSize : this.total;
      this.charge(reached - w.certainAt);
    }
    this.fail(describeParseError(error, this.lastEnd + 1));
  }

  private readonly push = (fields: string[]): void => {
    // Line breaks inside a record can only be inside its (quoted) fields, which keep them.
    const line = this.lastEnd + 1;
    let span = 1;
    for (const field of fields) span += countChar(field, '\n');
    this.lastEnd = line + span - 1;
    const end = this.parserStart + (this.parser as ParserCore).info.bytes;
    const w = this.watch;
    if (w.certainAt !== null) this.charge(end - w.certainAt);
    const problem = this.accept(fields, line, span);
    if (problem !== null) {
      this.stopAfter(problem, w.start);
      throw STOP;
    }
    if (w.last) {
      // Records after this one could pass their own decision points unseen: a new parser reads on.
      this.resume = { line: this.lastEnd + 1, at: end, afterLineBreak: false };
      throw STOP;
    }
    this.watch = new RecordWatch(end);
  };

  private fail(problem: Break): void {
    this.stopAfter(problem, this.watch.start);
    this.resumeReading();
  }

  private stopAfter(problem: Break, start: number): void {
    if (this.events.broken(problem)) {
      this.resume = { line: problem.line + 1, at: start, afterLineBreak: true };
    } else {
      this.resume = null;
      this.mode = 'stopped';
    }
  }

  /** Drops the parser and reads on, by direct split, from where `resume` says. */
  private resumeReading(): void {
    this.parser = null;
    const resume = this.resume;
    this.resume = null;
    const pending = this.pending;
    const base = this.pendingStart;
    this.pending = EMPTY;
    if (this.mode === 'stopped' || resume === null) {
      this.mode = 'stopped';
      return;
    }
    this.lastEnd = resume.line - 1;
    let at = resume.at - base;
    if (resume.afterLineBreak) {
      const lineBreak = pending.indexOf(10, at);
      if (lineBreak === -1) {
        this.mode = 'skip';
        return;
      }
      at = lineBreak + 1;
    }
    this.mode = 'split';
    if (at < pending.length) this.next = pending.subarray(at);
  }

  private charge(bytes: number): void {
    this.budget -= Math.min(this.budget, Math.max(0, bytes));
  }

  /** Takes a record: blank lines are skipped, the first other record is the header. */
  private accept(fields: string[], line: number, span: number): Break | null {
    if (isBlank(fields)) return null;
    if (span > 1) {
      // A header with a line break in a name is possible; one that swallowed records is not.
      const width = this.width < 0 ? fields.length : this.width;
      const why = swallowedRecords(fields, width, span, this.settings.maxFieldLines);
      if (why !== null) return describeSwallowed(line, span, why);
    }
    if (this.width < 0) {
      this.width = fields.length;
      this.events.header(fields, line);
    } else {
      this.events.record(fields, line);
    }
    return null;
  }
}

function newParser(maxRecordSize: number): ParserCore {
  const parser = new Parser({
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ['\r\n', '\n'],
    max_record_size: maxRecordSize,
  } as ConstructorParameters<typeof Parser>[0]) as unknown as { api: ParserCore };
  return parser.api;
}

function noop(): void {}

/** The end of the next window to split: whole lines, about `size` bytes. */
function windowEnd(data: Buffer, from: number, cut: number, size: number): number {
  if (cut - from <= size) return cut;
  const before = data.lastIndexOf(10, from + size - 1);
  if (before >= from) return before + 1;
  const after = data.indexOf(10, from + size);
  return after === -1 || after >= cut ? cut : after + 1;
}

/**
 * Bytes that leave a field blank or may be CSV syntax: white space (what String#trim removes, as
 * tides' blank-line test does), the comma and the double quote. Any other character in a record
 * ends up in one of its fields, so the record is not blank.
 */
const BLANK_ASCII = new Uint8Array(128);
for (const c of [9, 10, 11, 12, 13, 32, 34, 44]) BLANK_ASCII[c] = 1;
const WHITE_SPACE = /^\s$/u;

/** The offset just past the first character in text[from, to) that is not blank, or -1. */
function afterNonBlank(text: Buffer, from: number, to: number): number {
  let at = from;
  while (at < to) {
    const byte = text[at] as number;
    if (byte < 0x80) {
      if (BLANK_ASCII[byte] === 0) return at + 1;
      at++;
      continue;
    }
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    if (!WHITE_SPACE.test(text.toString('utf8', at, at + length))) return at + length;
    at += length;
  }
  return -1;
}
