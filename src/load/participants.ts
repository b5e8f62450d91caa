import { DISABILITY, ETHNICITY, SEX, UNKNOWN } from '../contract/codes.js';
import type { IssueLog } from '../contract/issues.js';
import { type CodeList, parseCode, parseIntegerInRange, parseLsoa } from '../contract/values.js';
import type { InputFile } from '../io/discover.js';
import { readDate } from './dates.js';
import { type EpisodeStore, type EpisodeValues, episodeKey } from './episodes.js';
import { checkId } from './ids.js';
import { type FileReport, type Row, readTable } from './table.js';

/** Cohort label for rows that name none (../shared/CONTRACT.md). */
export const NO_COHORT = '(none)';
/** Inclusion-group flags are kept as bits of a 32-bit mask. */
export const MAX_INCLUSION_GROUPS = 32;

export interface ParticipantContext {
  readonly episodes: EpisodeStore;
  /** partner_id → index into the partners list. */
  readonly partnerIndex: ReadonlyMap<string, number>;
  readonly lsoaLookup: ReadonlyMap<string, number> | null;
  /** Episode keys whose participant row was rejected, to explain outcomes that point at them. */
  readonly rejectedEpisodes: Set<number>;
  readonly today: number;
  readonly log: IssueLog;
}

/** Reads one participant file into the episode store. */
export function readParticipants(
  file: InputFile,
  fileIndex: number,
  aliases: ReadonlyMap<string, string>,
  context: ParticipantContext,
): Promise<FileReport> {
  const { episodes, log } = context;
  return readTable(file, aliases, log, (row) => {
    const personId = checkId(row, 'participant_id');
    const partnerId = checkId(row, 'partner_id');
    const partner = partnerId === null ? -1 : (context.partnerIndex.get(partnerId) ?? -1);
    if (partnerId !== null && partner < 0) {
      row.issue({
        column: 'partner_id',
        value: partnerId,
        rule: 'partner.unknown',
        message: `partner ${partnerId} is not in partners.csv`,
      });
    }
    const enrolledOn = readDate(row, 'enrolled_on', context.today, null);
    const values: Omit<EpisodeValues, 'person' | 'partner'> = {
      cohort: episodes.cohorts.intern(row.get('cohort') || NO_COHORT),
      enrolledOn: enrolledOn ?? 0,
      age: readAge(row),
      sex: readCode(row, 'sex', SEX),
      ethnicity: readCode(row, 'ethnicity', ETHNICITY),
      disability: readCode(row, 'disability', DISABILITY),
      ...readDeprivation(row, context),
      inclusion: readInclusion(row, episodes),
      file: fileIndex,
      line: row.line,
    };
    if (personId === null || partner < 0 || enrolledOn === null || row.errors > 0) {
      if (personId !== null && partner >= 0) {
        const person = episodes.people.find(personId);
        if (person < 0 || episodes.find(person, partner) < 0) {
          context.rejectedEpisodes.add(episodeKey(episodes.people.intern(personId), partner));
        }
      }
      return false;
    }
    const person = episodes.people.intern(personId);
    const episode: EpisodeValues = { ...values, person, partner };
    const existing = episodes.find(person, partner);
    if (existing >= 0) {
      const where = `line ${episodes.line.get(existing)}`;
      if (episodes.sameValues(existing, episode)) {
        row.issue({
          column: 'participant_id',
          value: personId,
          rule: 'participant.duplicate',
          message: `this row repeats the row for ${personId} at ${partnerId} (${where}); the repeat is ignored`,
        });
      } else {
        row.issue({
          column: 'participant_id',
          value: personId,
          rule: 'participant.conflict',
          message: `${personId} already has a different row at ${partnerId} (${where}); this row is rejected`,
        });
      }
      return false;
    }
    episodes.add(episode);
    return true;
  });
}

function readAge(row: Row): number {
  const text = row.get('age');
  if (text === '') return -1;
  const parsed = parseIntegerInRange(text, 0, 120);
  if (parsed.ok) return parsed.value;
  row.issue({
    column: 'age',
    value: text,
    rule: /^\s*-?\d+\s*$/.test(text) ? 'number.range' : 'number.invalid',
    severity: 'warning',
    message: `age must be a whole number from 0 to 120; it is treated as unknown`,
  });
  return -1;
}

function readCode<T extends string>(row: Row, column: string, codes: CodeList<T>): number {
  const unknown = codes.values.indexOf(UNKNOWN as T);
  const text = row.get(column);
  if (text === '') return unknown;
  const parsed = parseCode(text, codes);
  if (parsed.ok) return codes.values.indexOf(parsed.value);
  row.issue({
    column,
    value: text,
    rule: 'code.unknown',
    severity: 'warning',
    message: `${column} is ${parsed.reason}; it is treated as unknown`,
  });
  return unknown;
}

function readDeprivation(
  row: Row,
  context: ParticipantContext,
): { lsoa: number; imdDecile: number } {
  let lsoa = -1;
  let lsoaDecile = 0;
  const lsoaText = row.get('lsoa');
  if (lsoaText !== '') {
    const parsed = parseLsoa(lsoaText);
    if (!parsed.ok) {
      row.issue({
        column: 'lsoa',
        value: lsoaText,
        rule: 'lsoa.malformed',
        message: `lsoa is ${parsed.reason}`,
      });
    } else {
      lsoa = context.episodes.lsoas.intern(parsed.value);
      lsoaDecile = context.lsoaLookup?.get(parsed.value) ?? 0;
    }
  }
  let decile = 0;
  const decileText = row.get('imd_decile');
  if (decileText !== '') {
    const parsed = parseIntegerInRange(decileText, 1, 10);
    if (parsed.ok) decile = parsed.value;
    else {
      row.issue({
        column: 'imd_decile',
        value: decileText,
        rule: /^\s*-?\d+\s*$/.test(decileText) ? 'number.range' : 'number.invalid',
        severity: 'warning',
        message: `imd_decile must be a whole number from 1 to 10; it is ${lsoaDecile > 0 ? 'derived from the LSOA instead' : 'treated as unknown'}`,
      });
    }
  }
  if (decile > 0 && lsoaDecile > 0 && decile !== lsoaDecile) {
    row.issue({
      column: 'imd_decile',
      value: decileText,
      rule: 'imd.lsoa_mismatch',
      message: `imd_decile ${decile} differs from decile ${lsoaDecile} that lsoa_imd.csv gives for ${lsoaText.toUpperCase()}; ${decile} is used`,
    });
  }
  if (decile === 0 && lsoa >= 0 && lsoaDecile === 0 && context.lsoaLookup !== null) {
    row.issue({
      column: 'lsoa',
      value: lsoaText,
      rule: 'lsoa.not_in_lookup',
      message: `${lsoaText.toUpperCase()} is not in lsoa_imd.csv, so the IMD decile is unknown`,
    });
  }
  return { lsoa, imdDecile: decile > 0 ? decile : lsoaDecile };
}

function readInclusion(row: Row, episodes: EpisodeStore): number {
  const text = row.get('inclusion_groups');
  if (text === '') return 0;
  let mask = 0;
  for (const raw of text.split(';')) {
    const flag = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (flag === '' || flag === 'none') continue;
    let bit = episodes.inclusionGroups.find(flag);
    if (bit < 0) {
      if (episodes.inclusionGroups.size >= MAX_INCLUSION_GROUPS) {
        row.issue({
          column: 'inclusion_groups',
          value: flag,
          rule: 'code.unknown',
          severity: 'warning',
          message: `more than ${MAX_INCLUSION_GROUPS} different inclusion groups: ${flag} is not counted`,
        });
        continue;
      }
      bit = episodes.inclusionGroups.intern(flag);
    }
    mask |= 1 << bit;
  }
  return mask | 0;
}
