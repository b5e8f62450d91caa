import { TIMEPOINT } from '../contract/codes.js';
import { ITEM_COLUMNS } from '../contract/columns.js';
import type { ResolvedHeader } from '../contract/header.js';
import { isIdentifier, MAX_ID_LENGTH, parseCode, parseYesNo } from '../contract/values.js';
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
import {
  fieldOf,
  isoDay,
  plainDecimal,
  Remembered,
  splitPlainFields,
  wholeNumber,
} from './plainBytes.js';
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
  const at = (column: string) => fieldOf(header, column);
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
    if (!splitPlainFields(bytes, start, end, starts, ends)) return false;

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
