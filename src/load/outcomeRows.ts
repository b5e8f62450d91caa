import { TIMEPOINT, type Timepoint } from '../contract/codes.js';
import { ITEM_COLUMNS } from '../contract/columns.js';
import type { ResolvedHeader } from '../contract/header.js';
import { IssueLog } from '../contract/issues.js';
import { parseCode, parseNumber, parseYesNo } from '../contract/values.js';
import type { InputFile } from '../io/discover.js';
import { scoreItems } from '../measures/scoring.js';
import { swemwbsMetric, swemwbsOfWemwbs, swemwbsScore } from '../measures/swemwbs.js';
import type { MeasureDefinition } from '../measures/types.js';
import { Column } from '../model/columnar.js';
import { IssueTally } from '../model/issueTally.js';
import { UNDATED } from '../model/pairs.js';
import type { FileReport } from '../model/programme.js';
import { ownValue } from '../ownKeys.js';
import { CandidateColumns, type PieceOfFile, pieceIsFull, takePiece } from './candidates.js';
import { readDate } from './dates.js';
import { checkId } from './ids.js';
import type { LocalContext } from './localContext.js';
import { type FileScoring, type OutcomeSink, plainOutcomeReader } from './plainOutcomes.js';
import type { Recodes } from './recode.js';
import { type Row, readTable } from './table.js';
import { resolveWideHeader, type WideHeader } from './wideLayout.js';

/**
 * A piece of an outcome file read, scored and checked row by row, without reference to any other
 * data file: the first of the two steps of reading outcomes (mergeOutcomes is the second), so
 * files can be read in parallel. A file comes in pieces of `pieceRows` candidates, so a large
 * file is never held whole; its last piece (`final`) carries the file's report.
 *
 * Rows without a usable participant_id or a known partner_id are rejected here. The others are
 * *candidates*, in file order, counted as used for now: the merge finds each one's episode and
 * pairs it, or rejects it (no episode, an error of its own, a better record of the same timepoint).
 */
export interface OutcomeRows extends PieceOfFile {
  readonly kind: 'outcomes';
  /** Index into the measure registry (valid candidates only). */
  readonly measure: Uint8Array;
  /** 0 baseline, 1 follow-up (valid candidates only). */
  readonly timepoint: Uint8Array;
  readonly day: Int32Array;
  readonly score: Float64Array;
  /**
   * The SWEMWBS score of a complete set of the 7 WEMWBS items it shares, also for a candidate
   * whose WEMWBS could not be scored; NaN when none, or when the record itself is unusable.
   */
  readonly derivedSwemwbs: Float64Array;
  /** Scoring done on this piece's rows (the derived SWEMWBS scores are counted when paired). */
  readonly scoring: Readonly<FileScoring>;
}

/** Allowed difference between a `score` cell and the total of its items. */
const SCORE_TOLERANCE = 0.005;

/** Reads an outcome file, handing on each full piece to `emit`; returns the final piece. */
export async function readOutcomeRows(
  file: InputFile,
  aliases: ReadonlyMap<string, string>,
  recodes: Recodes | null,
  context: LocalContext,
  emit: (piece: OutcomeRows) => void,
): Promise<OutcomeRows> {
  const tally = context.listIssues ? null : new IssueTally();
  const log = new IssueLog(tally);
  const sink: OutcomeSink = {
    candidates: new CandidateColumns(),
    measure: new Column(Uint8Array),
    timepoint: new Column(Uint8Array),
    day: new Column(Int32Array),
    score: new Column(Float64Array),
    derivedSwemwbs: new Column(Float64Array),
    counts: { prorated: 0, swemwbsConverted: 0 },
  };
  const { candidates, counts } = sink;
  const { measures } = context;
  // Files often give one measure row after row: it is looked up once per change.
  const lookUpMeasure = (text: string) => {
    const id = text.toLowerCase();
    const measure = id === '' ? undefined : measures.byName(text);
    return { text, id, measure, index: measure ? measures.indexOf(measure.id) : 0 };
  };
  let lastMeasure = lookUpMeasure('');
  const piece = (report: FileReport | null): OutcomeRows => {
    const scoring = { ...counts };
    counts.prorated = 0;
    counts.swemwbsConverted = 0;
    return {
      kind: 'outcomes',
      ...takePiece(report, log, tally, candidates),
      measure: sink.measure.take(),
      timepoint: sink.timepoint.take(),
      day: sink.day.take(),
      score: sink.score.take(),
      derivedSwemwbs: sink.derivedSwemwbs.take(),
      scoring,
    };
  };

  // A record: one row of a long file, or one measure at one timepoint of a wide row.
  const record = (row: Row): boolean => {
    const personId = checkId(row, 'participant_id');
    const partnerId = checkId(row, 'partner_id');
    const partner = partnerId === null ? undefined : context.partnerIndex.get(partnerId);
    if (partnerId !== null && personId !== null && partner === undefined) {
      row.issue({
        column: 'partner_id',
        value: partnerId,
        rule: 'partner.unknown',
        message: `partner ${partnerId} is not in partners.csv`,
      });
    }
    const measureText = row.get('measure');
    if (measureText !== lastMeasure.text) lastMeasure = lookUpMeasure(measureText);
    const { id: measureId, measure, index: measureIndex } = lastMeasure;
    if (measureId === '') {
      row.issue({ column: 'measure', rule: 'value.missing', message: 'measure is empty' });
    } else if (measure === undefined) {
      row.issue({
        column: 'measure',
        value: measureId,
        rule: 'measure.unknown',
        message: `measure ${measureId} is not known (define it in tides.config.json, or map the name with a recode)`,
      });
    }
    const timepoint = readTimepoint(row);
    const day = readDate(row, 'recorded_on', context, UNDATED);
    const scored = measure ? readScore(row, measure, measures.swemwbsScore, counts) : null;
    if (personId === null || partner === undefined) return false;
    // A record needs its measure, timepoint and date and no error; then its own score, or
    // (for WEMWBS items) the SWEMWBS score of its 7 items, may each be used without the other.
    const usable = measure !== undefined && timepoint !== null && day !== null && row.errors === 0;
    const ok = usable && scored !== null && scored.score !== null;
    candidates.add(personId, partner, ok, row.line);
    sink.measure.push(measureIndex);
    sink.timepoint.push(timepoint === 'followup' ? 1 : 0);
    sink.day.push(day ?? UNDATED);
    sink.score.push(scored?.score ?? Number.NaN);
    sink.derivedSwemwbs.push((usable ? scored?.swemwbsFromItems : null) ?? Number.NaN);
    return true;
  };

  const layout = file.layout === undefined ? undefined : ownValue(context.layouts, file.layout);
  let wide: WideHeader | null = null;
  // A wide row gives one record per measure and timepoint whose cells it fills: the file's
  // counts are of records, as a long file's are (a row with no score is no record).
  const extra = { read: 0, used: 0, rejected: 0 };
  const wideRow = (row: Row): boolean => {
    const { slots, width } = wide as WideHeader;
    const { fields, line } = row;
    let records = 0;
    let used = 0;
    for (const slot of slots) {
      if (slot.cells.every((i) => i < 0 || (fields[i] ?? '').trim() === '')) continue;
      fields[width] = slot.measure;
      fields[width + 1] = slot.timepoint;
      row.reset(fields, line, slot.index);
      row.columnNames = slot.names;
      records++;
      if (record(row)) used++;
    }
    extra.read += records - 1;
    extra.used += used - 1;
    extra.rejected += records - used;
    return true;
  };
  // Plain records are read from their bytes, unless cells are recoded or spread over a wide row.
  const plain =
    layout === undefined && recodes === null && context.plainRecords
      ? (header: ResolvedHeader) =>
          plainOutcomeReader(
            header,
            {
              partnerIndex: context.partnerIndex,
              today: context.today,
              measureNamed: lookUpMeasure,
              swemwbsMode: measures.swemwbsScore,
            },
            sink,
          )
      : undefined;
  const report = await readTable(file, aliases, log, layout ? wideRow : record, {
    digest: context.digests,
    ...(context.chunkSize === undefined ? {} : { chunkSize: context.chunkSize }),
    recodes,
    ...(plain === undefined ? {} : { plainRecords: plain }),
    beforeRecord: () => {
      if (pieceIsFull(candidates, log, context.pieceRows)) emit(piece(null));
    },
    ...(layout
      ? {
          header: (fields: readonly string[], line: number) => {
            wide = resolveWideHeader(
              fields,
              layout,
              measures,
              aliases,
              { file: file.display, line },
              log,
              !file.display.endsWith(' (wide)'),
            );
            return wide;
          },
        }
      : {}),
  });
  report.read += extra.read;
  report.used += extra.used;
  report.rejected += extra.rejected;
  return piece(report);
}

function readTimepoint(row: Row): Timepoint | null {
  const text = row.get('timepoint');
  if (text === '') {
    row.issue({ column: 'timepoint', rule: 'value.missing', message: 'timepoint is empty' });
    return null;
  }
  const parsed = parseCode(text, TIMEPOINT);
  if (parsed.ok) return parsed.value;
  row.issue({
    column: 'timepoint',
    value: text,
    rule: 'timepoint.unknown',
    message: `timepoint is ${parsed.reason} (also pre/post, start/end, entry/exit, T1/T2, first/last session, 0/1; a recode in tides.config.json maps others)`,
  });
  return null;
}

interface Scored {
  /** The measure's score; null when too many of its items are missing (`score.unscorable`). */
  readonly score: number | null;
  /**
   * The SWEMWBS metric score from a complete set of the 7 WEMWBS items it shares, or null. It
   * follows SWEMWBS's own rule (all 7 items), so a WEMWBS too incomplete to score still gives it.
   */
  readonly swemwbsFromItems: number | null;
}

function readScore(
  row: Row,
  measure: MeasureDefinition,
  swemwbsMode: 'auto' | 'raw' | 'metric',
  counts: FileScoring,
): Scored | null {
  const items = readItems(row, measure);
  if (items === undefined) return null; // an item was invalid: already reported
  const scoreText = row.get('score');
  let fromScore: number | null = null;
  if (scoreText !== '') fromScore = readScoreCell(row, measure, scoreText, swemwbsMode, counts);

  if (items !== null && measure.items !== null) {
    const result = scoreItems(items, measure.items);
    const swemwbsFromItems = measure.id === 'wemwbs' ? swemwbsOfWemwbs(items) : null;
    if (!result.ok) {
      const swemwbs =
        swemwbsFromItems === null
          ? ''
          : '; its 7 SWEMWBS items are all answered, so SWEMWBS is scored from them';
      row.issue({
        value: `${result.missing} of ${measure.items.count} missing`,
        rule: 'score.unscorable',
        message: `${result.missing} of ${measure.items.count} ${measure.label} items are missing (at most ${measure.items.maxMissing} may be); the questionnaire cannot be scored${swemwbs}`,
      });
      return { score: null, swemwbsFromItems };
    }
    if (result.missing > 0) counts.prorated++;
    let score = result.score;
    if (measure.id === 'swemwbs') {
      score = swemwbsMetric(result.score);
      counts.swemwbsConverted++;
    }
    if (fromScore !== null && Math.abs(fromScore - score) > SCORE_TOLERANCE) {
      row.issue({
        column: 'score',
        value: scoreText,
        rule: 'score.mismatch',
        message: `score ${scoreText} differs from ${round2(score)} scored from the items; the items are used`,
      });
    }
    return { score, swemwbsFromItems };
  }
  if (fromScore === null) {
    if (row.errors === 0 && scoreText === '') {
      row.issue({
        column: 'score',
        rule: 'score.missing',
        message: `neither a score nor ${measure.items ? 'item responses' : 'a value'} given`,
      });
    }
    return null;
  }
  return { score: fromScore, swemwbsFromItems: null };
}

function readScoreCell(
  row: Row,
  measure: MeasureDefinition,
  text: string,
  swemwbsMode: 'auto' | 'raw' | 'metric',
  counts: FileScoring,
): number | null {
  if (measure.type === 'binary') return readYesNo(row, measure, text);
  if (measure.type === 'count') return readCount(row, measure, text);
  const parsed = parseNumber(text);
  if (!parsed.ok) {
    row.issue({
      column: 'score',
      value: text,
      rule: 'score.invalid',
      message: `score is ${parsed.reason}`,
    });
    return null;
  }
  let score = parsed.value;
  if (measure.id === 'swemwbs') {
    const read = swemwbsScore(score, swemwbsMode);
    if (read === null) {
      row.issue({
        column: 'score',
        value: text,
        rule: 'score.range',
        message: `a SWEMWBS score must be a raw total 7–35 or a metric score 7.00–35.00 (mode ${swemwbsMode})`,
      });
      return null;
    }
    if (read.converted) counts.swemwbsConverted++;
    score = read.metric;
  }
  if (score < measure.min || score > measure.max) {
    row.issue({
      column: 'score',
      value: text,
      rule: 'score.range',
      message: `${measure.label} scores run from ${measure.min} to ${measure.max}`,
    });
    return null;
  }
  if (measure.wholeScores && !Number.isInteger(score)) {
    row.issue({
      column: 'score',
      value: text,
      rule: 'score.invalid',
      message: `${measure.label} scores are whole numbers`,
    });
    return null;
  }
  return score;
}

/** A yes/no answer as 1 or 0; null (reported) for anything else (`maybe`, `2`, `don't know`). */
function readYesNo(row: Row, measure: MeasureDefinition, text: string): number | null {
  const value = parseYesNo(text);
  if (value !== null) return value;
  row.issue({
    column: 'score',
    value: text,
    rule: 'score.invalid',
    message: `${measure.label} (${measure.id}) is a yes/no measure: the answer must be yes or no (also y/n, 1/0, true/false)`,
  });
  return null;
}

/** A count of events: a whole number from 0 to the measure's plausibility limit. */
function readCount(row: Row, measure: MeasureDefinition, text: string): number | null {
  const parsed = parseNumber(text);
  const period = measure.recallPeriod ? ` over ${measure.recallPeriod}` : '';
  if (!parsed.ok || !Number.isInteger(parsed.value)) {
    row.issue({
      column: 'score',
      value: text,
      rule: 'score.invalid',
      message: `${measure.label} (${measure.id}) is a count${period}: it must be a whole number`,
    });
    return null;
  }
  if (parsed.value < 0 || parsed.value > measure.max) {
    row.issue({
      column: 'score',
      value: text,
      rule: 'score.range',
      message:
        parsed.value < 0
          ? `${measure.label} (${measure.id}) is a count${period}: it cannot be negative`
          : `${measure.label} (${measure.id}) is a count${period}: more than ${measure.max} is not plausible (the measure's max in tides.config.json)`,
    });
    return null;
  }
  return parsed.value;
}

/**
 * The item responses of a row: null when the row gives none, undefined when one is invalid
 * (reported), else one value or null (missing) per item of the measure.
 */
function readItems(row: Row, measure: MeasureDefinition): (number | null)[] | null | undefined {
  let any = false;
  let invalid = false;
  const count = measure.items?.count ?? 0;
  const values: (number | null)[] = [];
  for (let i = 0; i < ITEM_COLUMNS.length; i++) {
    const column = ITEM_COLUMNS[i] as string;
    const text = row.get(column);
    if (text === '') {
      if (i < count) values.push(null);
      continue;
    }
    any = true;
    if (i >= count) {
      row.issue({
        column,
        value: text,
        rule: 'item.invalid',
        message: measure.items
          ? `${measure.label} has ${count} items; ${column} should be empty`
          : `${measure.label} is a single score; item columns should be empty`,
      });
      invalid = true;
      continue;
    }
    const parsed = parseNumber(text);
    const rule = measure.items;
    if (!parsed.ok || !Number.isInteger(parsed.value)) {
      row.issue({
        column,
        value: text,
        rule: 'item.invalid',
        message: `${column} must be a whole number`,
      });
      invalid = true;
    } else if (rule && (parsed.value < rule.min || parsed.value > rule.max)) {
      row.issue({
        column,
        value: text,
        rule: 'item.range',
        message: `${measure.label} items are scored ${rule.min}–${rule.max}`,
      });
      invalid = true;
    }
    values.push(parsed.ok ? parsed.value : null);
  }
  if (invalid) return undefined;
  return any ? values : null;
}

function round2(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}
