import type { IssueLog } from '../contract/issues.js';
import { type EpisodeStore, type EpisodeValues, episodeKey } from '../model/episodes.js';
import { idText } from '../model/idTable.js';
import { MAX_INCLUSION_GROUPS, type ParticipantRows, tooManyGroups } from './participantRows.js';

export interface ParticipantTarget {
  readonly episodes: EpisodeStore;
  /** partner index → partner_id, for messages. */
  readonly partnerIds: readonly string[];
  /** Episode keys whose participant row was rejected, to explain outcomes that point at them. */
  readonly rejectedEpisodes: Set<number>;
  readonly log: IssueLog;
  /** Each data file's name for messages, by file index. */
  readonly displays: readonly string[];
  /** Rows the merge moves from used to rejected, by file index (applied to the reports). */
  readonly moved: number[];
}

/** The labels of the file being merged, in the programme's numbering, across its pieces. */
interface FileLabels {
  readonly file: number;
  readonly cohorts: number[];
  readonly lsoas: number[];
  readonly postcodes: number[];
  /** Programme bit of each of the file's inclusion groups (-1: beyond the 32 counted). */
  readonly bits: number[];
  readonly groups: string[];
}

const labelsOfFile = new WeakMap<ParticipantTarget, FileLabels>();

/** The file's labels so far, with those first seen in this piece added. */
function fileLabels(rows: ParticipantRows, file: number, target: ParticipantTarget): FileLabels {
  const { episodes } = target;
  let labels = labelsOfFile.get(target);
  if (labels?.file !== file) {
    labels = { file, cohorts: [], lsoas: [], postcodes: [], bits: [], groups: [] };
    labelsOfFile.set(target, labels);
  }
  for (const c of rows.cohorts) labels.cohorts.push(episodes.cohorts.intern(c));
  for (const l of rows.lsoas) labels.lsoas.push(episodes.lsoas.intern(l));
  for (const p of rows.postcodes) labels.postcodes.push(episodes.postcodes.intern(p));
  for (const g of rows.inclusionGroups) {
    let bit = episodes.inclusionGroups.find(g);
    if (bit < 0 && episodes.inclusionGroups.size < MAX_INCLUSION_GROUPS) {
      bit = episodes.inclusionGroups.intern(g);
    }
    labels.bits.push(bit);
    labels.groups.push(g);
  }
  return labels;
}

/**
 * The second step of reading a participant file (readParticipantRows is the first): its
 * candidate rows become episodes, in file order, after every file before it, piece by piece. A
 * second row for the same person at the same partner is a repeat (ignored, a warning) or a
 * conflict (rejected).
 */
export function mergeParticipants(
  rows: ParticipantRows,
  fileIndex: number,
  target: ParticipantTarget,
): void {
  const { episodes, log, moved } = target;
  const path = target.displays[fileIndex] ?? '';
  log.addAll(rows.issues);
  const labels = fileLabels(rows, fileIndex, target);
  const { cohorts, lsoas, postcodes } = labels;
  moved[fileIndex] ??= 0;
  const values: EpisodeValues = {
    person: 0,
    partner: 0,
    cohort: 0,
    enrolledOn: 0,
    age: 0,
    sex: 0,
    ethnicity: 0,
    ethnicityDetail: 0,
    disability: 0,
    lsoa: 0,
    postcode: 0,
    imdDecile: 0,
    inclusion: 0,
    line: 0,
  };
  for (let i = 0; i < rows.count; i++) {
    const partner = rows.partner[i] as number;
    const line = rows.line[i] as number;
    if (rows.valid[i] === 0) {
      const known = episodes.people.find(rows.ids, i);
      if (known < 0 || episodes.find(known, partner) < 0) {
        target.rejectedEpisodes.add(episodeKey(episodes.people.intern(rows.ids, i), partner));
      }
      moved[fileIndex]++;
      continue;
    }
    const lsoa = rows.lsoa[i] as number;
    values.person = episodes.people.intern(rows.ids, i);
    values.partner = partner;
    values.cohort = cohorts[rows.cohort[i] as number] as number;
    values.enrolledOn = rows.enrolledOn[i] as number;
    values.age = rows.age[i] as number;
    values.sex = rows.sex[i] as number;
    values.ethnicity = rows.ethnicity[i] as number;
    values.ethnicityDetail = rows.ethnicityDetail[i] as number;
    values.disability = rows.disability[i] as number;
    values.lsoa = lsoa < 0 ? -1 : (lsoas[lsoa] as number);
    const postcode = rows.postcode[i] as number;
    values.postcode = postcode < 0 ? -1 : (postcodes[postcode] as number);
    values.imdDecile = rows.imdDecile[i] as number;
    values.inclusion = remapBits(rows, i, labels, path, log);
    values.line = line;
    const existing = episodes.find(values.person, partner);
    if (existing < 0) {
      episodes.add(values);
      continue;
    }
    moved[fileIndex]++;
    const personId = idText(rows.ids, i);
    const partnerId = target.partnerIds[partner] ?? '';
    const where = `line ${episodes.lineOf(existing)}`;
    const repeat = episodes.sameValues(existing, values);
    log.add({
      file: path,
      line,
      column: 'participant_id',
      value: personId,
      rule: repeat ? 'participant.duplicate' : 'participant.conflict',
      message: repeat
        ? `this row repeats the row for ${personId} at ${partnerId} (${where}); the repeat is ignored`
        : `${personId} already has a different row at ${partnerId} (${where}); this row is rejected`,
    });
  }
}

/** A row's inclusion bits in the programme's numbering; groups beyond the 32th are dropped. */
function remapBits(
  rows: ParticipantRows,
  i: number,
  labels: FileLabels,
  path: string,
  log: IssueLog,
): number {
  const local = rows.inclusion[i] as number;
  if (local === 0) return 0;
  const { bits, groups } = labels;
  let mask = 0;
  for (let bit = 0; bit < bits.length; bit++) {
    if ((local & (1 << bit)) === 0) continue;
    const global = bits[bit] as number;
    if (global >= 0) mask |= 1 << global;
    else {
      const flag = groups[bit] as string;
      log.add({ file: path, line: rows.line[i] as number, ...tooManyGroups(flag) });
    }
  }
  return mask | 0;
}
