import { TIMEPOINT, type Timepoint } from '../contract/codes.js';
import { ITEM_COLUMNS } from '../contract/columns.js';
import type { IssueLog } from '../contract/issues.js';
import { formatDay, parseCode, parseNumber } from '../contract/values.js';
import type { InputFile } from '../io/discover.js';
import type { MeasureRegistry } from '../measures/registry.js';
import { scoreItems } from '../measures/scoring.js';
import { SWEMWBS_ITEMS_OF_WEMWBS, swemwbsMetric, swemwbsScore } from '../measures/swemwbs.js';
import type { MeasureDefinition } from '../measures/types.js';
import { readDate } from './dates.js';
import { type EpisodeStore, episodeKey } from './episodes.js';
import { checkId } from './ids.js';
import { DERIVED, type Observation, type PairStore, UNDATED } from './pairs.js';
import { type FileReport, newFileReport, type Row, readTable } from './table.js';

export interface OutcomeContext {
  readonly episodes: EpisodeStore;
  readonly pairs: PairStore;
  readonly measures: MeasureRegistry;
  readonly partnerIndex: ReadonlyMap<string, number>;
  readonly rejectedEpisodes: ReadonlySet<number>;
  /** Every file's report by file index, to move superseded rows from used to rejected. */
  readonly reports: FileReport[];
  readonly displays: readonly string[];
  readonly today: number;
  readonly log: IssueLog;
}

/** Scores tides gives questionnaires, counted for the report. */
export interface ScoringCounts {
  prorated: number;
  swemwbsConverted: number;
  swemwbsDerived: number;
}

/** Allowed difference between a `score` cell and the total of its items. */
const SCORE_TOLERANCE = 0.005;

/** Reads one outcome file: each row is scored and offered to the episode's pair. */
export async function readOutcomes(
  file: InputFile,
  fileIndex: number,
  aliases: ReadonlyMap<string, string>,
  context: OutcomeContext,
  counts: ScoringCounts,
): Promise<FileReport> {
  const swemwbs = context.measures.indexOf('swemwbs');
  // Registered before reading: a later row can supersede an earlier one of the same file.
  const report = newFileReport(file);
  context.reports[fileIndex] = report;
  return readTable(
    file,
    aliases,
    context.log,
    (row) => {
      const episode = readEpisode(row, context);
      const measureId = row.get('measure').toLowerCase();
      const measure = measureId === '' ? undefined : context.measures.get(measureId);
      if (measureId === '') {
        row.issue({ column: 'measure', rule: 'value.missing', message: 'measure is empty' });
      } else if (measure === undefined) {
        row.issue({
          column: 'measure',
          value: measureId,
          rule: 'measure.unknown',
          message: `measure ${measureId} is not known (define it in tides.config.json)`,
        });
      }
      const timepoint = readTimepoint(row);
      const day = readDate(row, 'recorded_on', context.today, UNDATED);
      const scored = measure
        ? readScore(row, measure, context.measures.swemwbsScore, counts)
        : null;
      if (episode < 0 || measure === undefined || timepoint === null || day === null) return false;
      if (scored === null || row.errors > 0) return false;
      const observation: Observation = {
        score: scored.score,
        day,
        file: fileIndex,
        line: row.line,
      };
      const slot = context.pairs.slot(episode, context.measures.indexOf(measure.id));
      const kept = offerObservation(slot, timepoint, observation, row, context, measure.id);
      if (scored.swemwbsFromItems !== null && swemwbs >= 0) {
        const derivedSlot = context.pairs.slot(episode, swemwbs);
        const derived = { score: scored.swemwbsFromItems, day, file: DERIVED, line: row.line };
        if (context.pairs.offer(derivedSlot, timepoint, derived).kept) counts.swemwbsDerived++;
      }
      return kept;
    },
    report,
  );
}

function readEpisode(row: Row, context: OutcomeContext): number {
  const personId = checkId(row, 'participant_id');
  const partnerId = checkId(row, 'partner_id');
  if (personId === null || partnerId === null) return -1;
  const partner = context.partnerIndex.get(partnerId);
  if (partner === undefined) {
    row.issue({
      column: 'partner_id',
      value: partnerId,
      rule: 'partner.unknown',
      message: `partner ${partnerId} is not in partners.csv`,
    });
    return -1;
  }
  const person = context.episodes.people.find(personId);
  const episode = person < 0 ? -1 : context.episodes.find(person, partner);
  if (episode < 0) {
    const rejected = person >= 0 && context.rejectedEpisodes.has(episodeKey(person, partner));
    row.issue({
      column: 'participant_id',
      value: personId,
      rule: 'outcome.no_episode',
      message: rejected
        ? `the participant row of ${personId} at ${partnerId} was rejected, so this outcome cannot be used`
        : `${personId} has no participant row at ${partnerId}`,
    });
  }
  return episode;
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
    message: `timepoint is ${parsed.reason} (pre/post, start/end, 0/1 accepted)`,
  });
  return null;
}

interface Scored {
  readonly score: number;
  /** The SWEMWBS metric score from a complete set of the 7 WEMWBS items it shares, or null. */
  readonly swemwbsFromItems: number | null;
}

function readScore(
  row: Row,
  measure: MeasureDefinition,
  swemwbsMode: 'auto' | 'raw' | 'metric',
  counts: ScoringCounts,
): Scored | null {
  const items = readItems(row, measure);
  if (items === undefined) return null; // an item was invalid: already reported
  const scoreText = row.get('score');
  let fromScore: number | null = null;
  if (scoreText !== '') fromScore = readScoreCell(row, measure, scoreText, swemwbsMode, counts);

  if (items !== null && measure.items !== null) {
    const result = scoreItems(items, measure.items);
    if (!result.ok) {
      row.issue({
        value: `${result.missing} of ${measure.items.count} missing`,
        rule: 'score.unscorable',
        message: `${result.missing} of ${measure.items.count} ${measure.label} items are missing (at most ${measure.items.maxMissing} may be); the questionnaire cannot be scored`,
      });
      return null;
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
    return { score, swemwbsFromItems: measure.id === 'wemwbs' ? swemwbsOfWemwbs(items) : null };
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
  counts: ScoringCounts,
): number | null {
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

/** SWEMWBS metric score from WEMWBS items 1, 2, 3, 6, 7, 9, 11 when all seven are answered. */
function swemwbsOfWemwbs(items: readonly (number | null)[]): number | null {
  let raw = 0;
  for (const item of SWEMWBS_ITEMS_OF_WEMWBS) {
    const v = items[item - 1];
    if (v === null || v === undefined) return null;
    raw += v;
  }
  return swemwbsMetric(raw);
}

function offerObservation(
  slot: number,
  timepoint: Timepoint,
  observation: Observation,
  row: Row,
  context: OutcomeContext,
  measureId: string,
): boolean {
  const offer = context.pairs.offer(slot, timepoint, observation);
  const rule = timepoint === 'baseline' ? 'earliest baseline' : 'latest follow-up';
  if (offer.kept) {
    const displaced = offer.displaced;
    if (displaced !== null && displaced.file !== DERIVED) {
      supersede(context, displaced, observation, measureId, timepoint);
    }
    return true;
  }
  if (offer.winner.file === DERIVED) return true;
  row.issue({
    column: 'timepoint',
    value: timepoint,
    rule: 'outcome.duplicate',
    message: `another ${timepoint} ${measureId} record for this person and partner (${where(context, offer.winner)}) is the ${rule} and is used; this one is not`,
  });
  return false;
}

/** Moves a row that was counted as used to rejected, with an issue naming its replacement. */
function supersede(
  context: OutcomeContext,
  old: Observation,
  winner: Observation,
  measureId: string,
  timepoint: Timepoint,
): void {
  const rule = timepoint === 'baseline' ? 'earliest baseline' : 'latest follow-up';
  const report = context.reports[old.file];
  if (report) {
    report.used--;
    report.rejected++;
  }
  context.log.add({
    file: context.displays[old.file] ?? '',
    line: old.line,
    column: 'timepoint',
    value: timepoint,
    rule: 'outcome.duplicate',
    message: `another ${timepoint} ${measureId} record for this person and partner (${where(context, winner)}) is the ${rule} and is used; this one is not`,
  });
}

function where(context: OutcomeContext, obs: Observation): string {
  return `${context.displays[obs.file]} line ${obs.line}`;
}

function round2(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

/**
 * After every outcome file is read: a follow-up dated before its baseline is an error for that
 * pair; the follow-up is rejected and the baseline kept.
 */
export function checkPairOrder(context: OutcomeContext): void {
  const { pairs } = context;
  for (let slot = 0; slot < pairs.count; slot++) {
    if (!pairs.has(slot, 0) || !pairs.has(slot, 1)) continue;
    const base = pairs.get(slot, 0);
    const follow = pairs.get(slot, 1);
    if (base.day === UNDATED || follow.day === UNDATED || follow.day >= base.day) continue;
    pairs.clear(slot, 1);
    if (follow.file === DERIVED) continue;
    const report = context.reports[follow.file];
    if (report) {
      report.used--;
      report.rejected++;
    }
    const measure = context.measures.measures[pairs.measure.get(slot)]?.id ?? '';
    context.log.add({
      file: context.displays[follow.file] ?? '',
      line: follow.line,
      column: 'recorded_on',
      value: formatDay(follow.day),
      rule: 'outcome.followup_before_baseline',
      message: `the ${measure} follow-up (${formatDay(follow.day)}) is dated before its baseline (${formatDay(base.day)}, ${where(context, base)}); the follow-up is rejected`,
    });
  }
}
