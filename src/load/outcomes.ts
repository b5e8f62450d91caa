import type { Timepoint } from '../contract/codes.js';
import type { IssueLog } from '../contract/issues.js';
import { formatDay } from '../contract/values.js';
import type { MeasureRegistry } from '../measures/registry.js';
import { type EpisodeStore, episodeKey } from '../model/episodes.js';
import { idText, sameIdAsPrevious } from '../model/idTable.js';
import { DERIVED, type Observation, type PairStore, UNDATED } from '../model/pairs.js';
import type { ScoringCounts } from '../model/programme.js';
import type { OutcomeRows } from './outcomeRows.js';

export interface OutcomeContext {
  readonly episodes: EpisodeStore;
  readonly pairs: PairStore;
  readonly measures: MeasureRegistry;
  /** partner index → partner_id, for messages. */
  readonly partnerIds: readonly string[];
  readonly rejectedEpisodes: ReadonlySet<number>;
  /** Rows moved from used to rejected (superseded, unmatched…), by file index. */
  readonly moved: number[];
  /** Each data file's name for messages, by file index. */
  readonly displays: readonly string[];
  readonly log: IssueLog;
  readonly scoring: ScoringCounts;
  /**
   * False for a delivery of outcome files alone (`validate`): rows are checked on their own, and
   * not matched to people, whose participant rows are not there.
   */
  readonly matched: boolean;
}

/** Timepoints by their number in OutcomeRows.timepoint. */
const TIMEPOINTS: readonly [Timepoint, Timepoint] = ['baseline', 'followup'];

/**
 * The second step of reading an outcome file (readOutcomeRows is the first): each candidate row
 * is matched to its episode and offered to the episode's pair, in file order, after every file
 * before it, piece by piece.
 */
export function mergeOutcomes(rows: OutcomeRows, fileIndex: number, context: OutcomeContext): void {
  const { episodes, pairs, log, moved } = context;
  const path = context.displays[fileIndex] ?? '';
  moved[fileIndex] ??= 0;
  pairs.beginFile(fileIndex);
  log.addAll(rows.issues);
  context.scoring.prorated += rows.scoring.prorated;
  context.scoring.swemwbsConverted += rows.scoring.swemwbsConverted;
  const swemwbs = context.measures.indexOf('swemwbs');
  let lastLine = 0;
  for (let i = 0; i < rows.count; i++) lastLine = Math.max(lastLine, rows.line[i] as number);
  pairs.reachLine(lastLine);
  // A person's records often come one after another (baseline and follow-up, measure after
  // measure): a row with the previous row's id and partner has its person and episode, without
  // a lookup in the table of every id (at national scale, a few cache misses each).
  let person = -1;
  let episode = -1;
  // Likewise the pair of the previous record's episode and measure (its baseline, then its
  // follow-up).
  let slotEpisode = -1;
  let slotMeasure = -1;
  let slot = -1;
  for (let i = 0; i < rows.count; i++) {
    const partner = rows.partner[i] as number;
    const line = rows.line[i] as number;
    if (i === 0 || partner !== rows.partner[i - 1] || !sameIdAsPrevious(rows.ids, i)) {
      person = episodes.people.find(rows.ids, i);
      episode = person < 0 ? -1 : episodes.find(person, partner);
    }
    if (episode < 0) {
      if (!context.matched) {
        if (rows.valid[i] === 0) moved[fileIndex]++;
        continue;
      }
      noEpisode(rows, i, person, path, context);
      moved[fileIndex]++;
      continue;
    }
    const t = rows.timepoint[i] === 1 ? 1 : 0;
    const day = rows.day[i] as number;
    if (rows.valid[i] === 0) {
      moved[fileIndex]++;
    } else {
      const measure = rows.measure[i] as number;
      const score = rows.score[i] as number;
      if (episode !== slotEpisode || measure !== slotMeasure) {
        slot = pairs.slot(episode, measure);
        slotEpisode = episode;
        slotMeasure = measure;
      }
      // Nearly every record is the first of its pair and timepoint: kept without comparing.
      if (!pairs.has(slot, t)) pairs.putFirst(slot, t, score, day, fileIndex, line);
      else {
        const observation: Observation = { score, day, file: fileIndex, line };
        if (!offerObservation(slot, TIMEPOINTS[t], observation, context, measure, path)) {
          moved[fileIndex]++;
        }
      }
    }
    // Also from a row whose WEMWBS was unscorable: SWEMWBS needs only its own 7 items.
    const derived = rows.derivedSwemwbs[i] as number;
    if (!Number.isNaN(derived) && swemwbs >= 0) {
      const derivedSlot = pairs.slot(episode, swemwbs);
      if (!pairs.has(derivedSlot, t)) {
        pairs.putFirst(derivedSlot, t, derived, day, DERIVED, line);
        context.scoring.swemwbsDerived++;
      } else {
        const offer = { score: derived, day, file: DERIVED, line };
        if (pairs.offer(derivedSlot, TIMEPOINTS[t], offer).kept) context.scoring.swemwbsDerived++;
      }
    }
  }
}

function noEpisode(
  rows: OutcomeRows,
  i: number,
  person: number,
  path: string,
  context: OutcomeContext,
): void {
  const partner = rows.partner[i] as number;
  const personId = idText(rows.ids, i);
  const partnerId = context.partnerIds[partner] ?? '';
  const rejected = person >= 0 && context.rejectedEpisodes.has(episodeKey(person, partner));
  context.log.add({
    file: path,
    line: rows.line[i] as number,
    column: 'participant_id',
    value: personId,
    rule: 'outcome.no_episode',
    message: rejected
      ? `the participant row of ${personId} at ${partnerId} was rejected, so this outcome cannot be used`
      : `${personId} has no participant row at ${partnerId}`,
  });
}

/** Offers a row's observation to its pair; returns whether the row is used. */
function offerObservation(
  slot: number,
  timepoint: Timepoint,
  observation: Observation,
  context: OutcomeContext,
  measure: number,
  file: string,
): boolean {
  const offer = context.pairs.offer(slot, timepoint, observation);
  const measureId = context.measures.measures[measure]?.id ?? '';
  if (offer.kept) {
    const displaced = offer.displaced;
    if (displaced !== null && displaced.file !== DERIVED) {
      supersede(context, displaced, observation, measureId, timepoint);
    }
    return true;
  }
  if (offer.winner.file === DERIVED) return true;
  context.log.add({
    file,
    line: observation.line,
    column: 'timepoint',
    value: timepoint,
    rule: 'outcome.duplicate',
    message: duplicateMessage(context, offer.winner, measureId, timepoint),
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
  context.moved[old.file] = (context.moved[old.file] ?? 0) + 1;
  context.log.add({
    file: context.displays[old.file] ?? '',
    line: old.line,
    column: 'timepoint',
    value: timepoint,
    rule: 'outcome.duplicate',
    message: duplicateMessage(context, winner, measureId, timepoint),
  });
}

function duplicateMessage(
  context: OutcomeContext,
  winner: Observation,
  measureId: string,
  timepoint: Timepoint,
): string {
  const rule = timepoint === 'baseline' ? 'earliest baseline' : 'latest follow-up';
  return `another ${timepoint} ${measureId} record for this person and partner (${where(context, winner)}) is the ${rule} and is used; this one is not`;
}

function where(context: OutcomeContext, obs: Observation): string {
  if (obs.file === DERIVED) return 'derived from WEMWBS items';
  return `${context.displays[obs.file]} line ${obs.line}`;
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
    context.moved[follow.file] = (context.moved[follow.file] ?? 0) + 1;
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
