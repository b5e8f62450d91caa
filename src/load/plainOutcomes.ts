import { TIMEPOINT } from '../contract/codes.js';
import { ITEM_COLUMNS } from '../contract/columns.js';
import type { ResolvedHeader } from '../contract/header.js';
import {
  isIdentifier,
  MAX_ID_LENGTH,
  parseCode,
  parseYesNo,
  plainDay,
} from '../contract/values.js';
import { scoreItems } from '../measures/scoring.js';
import {
  type SwemwbsScoreMode,
  swemwbsMetric,
  swemwbsOfWemwbs,
  swemwbsScore,
} from '../measures/swemwbs.js';
import type { MeasureDefinition } from '../measures/types.js';
import type { Column } from '../model/columnar.js';
import { UNDATED } from '../model/pairs.js';
import type { ScoringCounts } from '../model/programme.js';
import type { CandidateColumns } from './candidates.js';
import type { PlainRecordReader } from './table.js';

/**
 * Reading a long outcome file's plain records straight from their bytes.
 *
 * Nearly every record of a return is plain: printable ASCII without quotes or spaces, one field
 * per column, an id, a known partner, measure and timepoint, an empty or `YYYY-MM-DD` date, and
 * answers in range. Such a record has no issue, and its values are read here from the bytes of
 * its line, without a string for each field (reading strings was most of the time taken by a
 * programme of a million people). Anything else is declined, having changed nothing, and is read
 * as text by readOutcomeRows, which finds and reports what is wrong: a record this reader takes
 * gives exactly what the text reading would, which the tests check on whole programmes and on
 * random records.
 */

/** The scoring a file's reading counts (derived SWEMWBS scores are counted when paired). */
export type FileScoring = Omit<ScoringCounts, 'swemwbsDerived'>;

/** Where a file's outcome candidates are collected, in row order. */
export interface OutcomeSink {
  readonly candidates: CandidateColumns;
  readonly measure: Column<Uint8Array>;
  readonly timepoint: Column<Uint8Array>;
  readonly day: Column<Int32Array>;
  readonly score: Column<Float64Array>;
  readonly derivedSwemwbs: Column<Float64Array>;
  readonly counts: FileScoring;
}

/** A measure as a file names it: its definition (none when unknown) and its registry index. */
export interface NamedMeasure {
  readonly measure: MeasureDefinition | undefined;
  readonly index: number;
}

export interface PlainOutcomeContext {
  readonly partnerIndex: ReadonlyMap<string, number>;
  readonly today: number;
  /** The measure a cell's text names (text as read, trimmed; '' for an empty cell). */
  readonly measureNamed: (text: string) => NamedMeasure;
  /** How a SWEMWBS score cell is read (config `swemwbs_score`). */
  readonly swemwbsMode: SwemwbsScoreMode;
}

const COMMA = 44;
const QUOTE = 34;
const DOT = 46;
const DASH = 45;
const ZERO = 48;
const NINE = 57;
const SPACE = 32;
const DELETE = 127;
/** Distinct values of one column a reader remembers (partners, measures, timepoints, answers). */
const REMEMBERED = 16;

/**
 * A reader of a long outcome file's plain records given its resolved header, or null when the
 * header lacks a column this reader needs (the text reading then reports it).
 */
export function plainOutcomeReader(
  header: ResolvedHeader,
  context: PlainOutcomeContext,
  sink: OutcomeSink,
): PlainRecordReader | null {
  const { width } = header;
  const at = (column: string): number => {
    const i = header.index[column];
    return i === undefined ? -1 : i;
  };
  const personAt = at('participant_id');
  const partnerAt = at('partner_id');
  const measureAt = at('measure');
  const timepointAt = at('timepoint');
  const dateAt = at('recorded_on');
  const scoreAt = at('score');
  const itemAt = ITEM_COLUMNS.map(at);
  if (personAt < 0 || partnerAt < 0 || measureAt < 0 || timepointAt < 0) return null;

  const partners = new Remembered((text) =>
    isIdentifier(text) ? (context.partnerIndex.get(text) ?? -1) : -1,
  );
  const measures = new Remembered(context.measureNamed);
  const timepoints = new Remembered((text) => {
    const parsed = text === '' ? null : parseCode(text, TIMEPOINT);
    return parsed?.ok ? (parsed.value === 'followup' ? 1 : 0) : -1;
  });
  const answers = new Remembered((text) => parseYesNo(text) ?? -1);
  const starts = new Int32Array(width);
  const ends = new Int32Array(width);
  const items: (number | null)[] = [];
  const { today, swemwbsMode } = context;
  const { counts } = sink;

  /** A single score cell's value, or NaN to decline the record. */
  const singleScore = (measure: MeasureDefinition, bytes: Buffer, from: number, to: number) => {
    if (measure.type === 'binary') {
      const answer = answers.get(bytes, from, to);
      return answer < 0 ? Number.NaN : answer;
    }
    if (measure.type === 'count') {
      const count = wholeNumber(bytes, from, to);
      return count < 0 || count > measure.max ? Number.NaN : count;
    }
    let score = plainDecimal(bytes, from, to);
    let converted = false;
    if (measure.id === 'swemwbs' && !Number.isNaN(score)) {
      // A raw total or a metric score, as the text reading takes it (swemwbsScore).
      const read = swemwbsScore(score, swemwbsMode);
      if (read === null) return Number.NaN;
      score = read.metric;
      converted = read.converted;
    }
    if (!(score >= measure.min && score <= measure.max)) return Number.NaN;
    if (measure.wholeScores && !Number.isInteger(score)) return Number.NaN;
    // Counted only for a record taken: nothing after the score declines one.
    if (converted) counts.swemwbsConverted++;
    return score;
  };

  return (bytes, start, end, line) => {
    let field = 0;
    starts[0] = start;
    for (let i = start; i < end; i++) {
      const byte = bytes[i] as number;
      if (byte === COMMA) {
        ends[field] = i;
        if (++field === width) return false;
        starts[field] = i + 1;
      } else if (byte <= SPACE || byte >= DELETE || byte === QUOTE) {
        return false;
      }
    }
    if (field !== width - 1) return false;
    ends[field] = end;

    const idFrom = starts[personAt] as number;
    const idTo = ends[personAt] as number;
    if (idTo === idFrom || idTo - idFrom > MAX_ID_LENGTH) return false;
    const partner = partners.get(bytes, starts[partnerAt] as number, ends[partnerAt] as number);
    if (partner < 0) return false;
    const { measure, index } = measures.get(
      bytes,
      starts[measureAt] as number,
      ends[measureAt] as number,
    );
    if (measure === undefined) return false;
    const timepoint = timepoints.get(
      bytes,
      starts[timepointAt] as number,
      ends[timepointAt] as number,
    );
    if (timepoint < 0) return false;
    let day = UNDATED;
    if (dateAt >= 0 && ends[dateAt] !== starts[dateAt]) {
      const read = isoDay(bytes, starts[dateAt] as number, ends[dateAt] as number);
      if (read === null || read > today) return false;
      day = read;
    }

    const rule = measure.items;
    const itemCount = rule?.count ?? 0;
    let answered = false;
    for (let i = 0; i < itemAt.length; i++) {
      const column = itemAt[i] as number;
      if (column < 0 || starts[column] === ends[column]) {
        if (i < itemCount) items[i] = null;
        continue;
      }
      if (rule === null || i >= itemCount) return false;
      const value = wholeNumber(bytes, starts[column] as number, ends[column] as number);
      if (value < 0 || value < rule.min || value > rule.max) return false;
      items[i] = value;
      answered = true;
    }
    const scoreFrom = scoreAt < 0 ? 0 : (starts[scoreAt] as number);
    const scoreTo = scoreAt < 0 ? 0 : (ends[scoreAt] as number);
    let score: number;
    let derived = Number.NaN;
    if (answered && rule !== null) {
      // A score beside the items is checked against them: read as text.
      if (scoreTo !== scoreFrom) return false;
      const scored = scoreItems(items, rule);
      if (!scored.ok) return false;
      if (scored.missing > 0) counts.prorated++;
      score = scored.score;
      if (measure.id === 'swemwbs') {
        score = swemwbsMetric(score);
        counts.swemwbsConverted++;
      } else if (measure.id === 'wemwbs') {
        derived = swemwbsOfWemwbs(items) ?? Number.NaN;
      }
    } else {
      if (scoreTo === scoreFrom) return false;
      score = singleScore(measure, bytes, scoreFrom, scoreTo);
      if (Number.isNaN(score)) return false;
    }

    sink.candidates.addBytes(bytes, idFrom, idTo, partner, true, line);
    sink.measure.push(index);
    sink.timepoint.push(timepoint);
    sink.day.push(day);
    sink.score.push(score);
    sink.derivedSwemwbs.push(derived);
    return true;
  };
}

/**
 * What a column's cells read as, for the few distinct cells a column has (one partner per file,
 * a few measures, two timepoints): found by their bytes, so that each cell is decoded once.
 */
class Remembered<T> {
  private readonly keys: Uint8Array[] = [];
  private readonly values: T[] = [];

  constructor(private readonly read: (text: string) => T) {}

  get(bytes: Buffer, from: number, to: number): T {
    const length = to - from;
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k] as Uint8Array;
      if (key.length === length && sameBytes(key, bytes, from)) return this.values[k] as T;
    }
    const value = this.read(bytes.toString('latin1', from, to));
    if (this.keys.length < REMEMBERED) {
      // A copy: the bytes are a chunk of the file that the next read overwrites.
      this.keys.push(Uint8Array.prototype.slice.call(bytes, from, to));
      this.values.push(value);
    }
    return value;
  }
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, from: number): boolean {
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[from + i]) return false;
  return true;
}

/** The number written by the digits bytes[from, to) (at most 9), or -1 for anything else. */
function wholeNumber(bytes: Uint8Array, from: number, to: number): number {
  if (to === from || to - from > 9) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = (bytes[i] as number) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A number written as digits with at most one decimal point (`12`, `3.5`, `4.`, `.5`), as
 * parseNumber reads it; NaN for anything else (a sign, an exponent: read as text).
 */
function plainDecimal(bytes: Buffer, from: number, to: number): number {
  let digits = 0;
  let point = -1;
  for (let i = from; i < to; i++) {
    const byte = bytes[i] as number;
    if (byte >= ZERO && byte <= NINE) digits++;
    else if (byte === DOT && point < 0) point = i;
    else return Number.NaN;
  }
  if (digits === 0) return Number.NaN;
  if (point < 0 && digits <= 9) return wholeNumber(bytes, from, to);
  return Number(bytes.toString('latin1', from, to));
}

/** The day number of a plain `YYYY-MM-DD` that is a real date (see parseDate), else null. */
function isoDay(bytes: Uint8Array, from: number, to: number): number | null {
  if (to - from !== 10 || bytes[from + 4] !== DASH || bytes[from + 7] !== DASH) return null;
  return plainDay(
    wholeNumber(bytes, from, from + 4),
    wholeNumber(bytes, from + 5, from + 7),
    wholeNumber(bytes, from + 8, from + 10),
  );
}
