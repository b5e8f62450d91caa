import { DISABILITY, ETHNICITY, SEX, UNKNOWN } from '../contract/codes.js';
import { AGE_YEARS } from '../contract/dimensions.js';
import { ETHNICITY_DETAIL, parseEthnicity } from '../contract/ethnicity.js';
import type { ResolvedHeader } from '../contract/header.js';
import { IssueLog } from '../contract/issues.js';
import { type CodeList, parseCode, parseIntegerInRange } from '../contract/values.js';
import type { InputFile } from '../io/discover.js';
import { Column, Interner } from '../model/columnar.js';
import { IssueTally } from '../model/issueTally.js';
import type { FileReport } from '../model/programme.js';
import { ownValue } from '../ownKeys.js';
import { CandidateColumns, type PieceOfFile, pieceIsFull, takePiece } from './candidates.js';
import { readCategory } from './categories.js';
import { readDate } from './dates.js';
import { DeprivationReader } from './deprivation.js';
import { checkId } from './ids.js';
import type { LocalContext } from './localContext.js';
import { plainParticipantReader } from './plainParticipants.js';
import type { Recodes } from './recode.js';
import { type Row, readTable } from './table.js';
import { layoutColumns } from './wideLayout.js';

/** Cohort label for rows that name none (the README's data contract). */
export const NO_COHORT = '(none)';
/** Inclusion-group flags are kept as bits of a 32-bit mask. */
export const MAX_INCLUSION_GROUPS = 32;

/**
 * A piece of a participant file read and checked row by row, without reference to any other data
 * file: the first of the two steps of reading participants (mergeParticipants is the second).
 * Files can so be read in parallel, and the result is compact columns that are cheap to pass
 * between threads. A file comes in pieces of `pieceRows` candidates, so a large file is never
 * held whole; its last piece (`final`) carries the file's report.
 *
 * Rows without a usable participant_id or a known partner_id are rejected here. The others are
 * *candidates*, in file order, counted as used for now: the merge decides, with every file before
 * this one, whether a candidate is a new episode, a repeat or a conflict.
 */
export interface ParticipantRows extends PieceOfFile {
  readonly kind: 'participants';
  /** Index into `cohorts` (this file's cohort labels, in first-seen order). */
  readonly cohort: Int32Array;
  readonly enrolledOn: Int32Array;
  readonly age: Int32Array;
  readonly sex: Uint8Array;
  /** Index into ETHNICITY.values (the high-level group). */
  readonly ethnicity: Uint8Array;
  /** Index into ETHNICITY_DETAIL. */
  readonly ethnicityDetail: Uint8Array;
  readonly disability: Uint8Array;
  /** Index into `lsoas`, -1 when not known. */
  readonly lsoa: Int32Array;
  /** Index into `postcodes` (for the postcode directory to resolve), -1 when none. */
  readonly postcode: Int32Array;
  readonly imdDecile: Uint8Array;
  /** Bit i set for group i of `inclusionGroups`. */
  readonly inclusion: Int32Array;
  /**
   * The file's labels first seen in this piece: the file numbers its labels in first-seen order
   * over all its rows (rejected ones too), and each piece adds the ones it saw first.
   */
  readonly cohorts: readonly string[];
  readonly lsoas: readonly string[];
  readonly postcodes: readonly string[];
  readonly inclusionGroups: readonly string[];
}

/** Reads a participant file, handing on each full piece to `emit`; returns the final piece. */
export async function readParticipantRows(
  file: InputFile,
  aliases: ReadonlyMap<string, string>,
  recodes: Recodes | null,
  context: LocalContext,
  emit: (piece: ParticipantRows) => void,
): Promise<ParticipantRows> {
  const tally = context.listIssues ? null : new IssueTally();
  const log = new IssueLog(tally);
  const candidates = new CandidateColumns();
  const cohort = new Column(Int32Array);
  const enrolledOnColumn = new Column(Int32Array);
  const age = new Column(Int32Array);
  const sex = new Column(Uint8Array);
  const ethnicity = new Column(Uint8Array);
  const ethnicityDetail = new Column(Uint8Array);
  const disability = new Column(Uint8Array);
  const lsoa = new Column(Int32Array);
  const postcode = new Column(Int32Array);
  const imdDecile = new Column(Uint8Array);
  const inclusion = new Column(Int32Array);
  const cohorts = new Interner();
  const lsoas = new Interner();
  const postcodes = new Interner();
  const deprivation = new DeprivationReader(context.deprivation, lsoas, postcodes);
  const groups = new Interner();
  const piece = (report: FileReport | null): ParticipantRows => ({
    kind: 'participants',
    ...takePiece(report, log, tally, candidates),
    cohort: cohort.take(),
    enrolledOn: enrolledOnColumn.take(),
    age: age.take(),
    sex: sex.take(),
    ethnicity: ethnicity.take(),
    ethnicityDetail: ethnicityDetail.take(),
    disability: disability.take(),
    lsoa: lsoa.take(),
    postcode: postcode.take(),
    imdDecile: imdDecile.take(),
    inclusion: inclusion.take(),
    cohorts: cohorts.takeNew(),
    lsoas: lsoas.takeNew(),
    postcodes: postcodes.takeNew(),
    inclusionGroups: groups.takeNew(),
  });

  const codes = new CodedColumnCounts();
  const ethnicities = new Map<string, ReturnType<typeof parseEthnicity>>();
  const layout = file.layout === undefined ? undefined : ownValue(context.layouts, file.layout);
  // Plain records are read from their bytes, unless cells are recoded or the file has a layout.
  const plain =
    layout === undefined && recodes === null && context.plainRecords
      ? (header: ResolvedHeader) =>
          plainParticipantReader(
            header,
            {
              partnerIndex: context.partnerIndex,
              today: context.today,
              deciles: context.deprivation.deciles,
              noCohort: NO_COHORT,
              maxGroups: MAX_INCLUSION_GROUPS,
              inclusionFlag,
            },
            {
              candidates,
              cohort,
              enrolledOn: enrolledOnColumn,
              age,
              sex,
              ethnicity,
              ethnicityDetail,
              disability,
              lsoa,
              postcode,
              imdDecile,
              inclusion,
              cohorts,
              lsoas,
              groups,
              countCode: (column, known) => codes.count(column, known),
            },
          )
      : undefined;
  const report = await readTable(
    file,
    aliases,
    log,
    (row) => {
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
      const enrolledOn = readDate(row, 'enrolled_on', context, null);
      const cohortIndex = cohorts.intern(readCategory(row, 'cohort') || NO_COHORT);
      const ageValue = readAge(row);
      const sexValue = readCode(row, 'sex', SEX, codes);
      const ethnic = readEthnicity(row, codes, ethnicities);
      const disabilityValue = readCode(row, 'disability', DISABILITY, codes);
      const area = deprivation.read(row);
      const mask = readInclusion(row, groups);
      if (personId === null || partner < 0) return false;
      candidates.add(personId, partner, enrolledOn !== null && row.errors === 0, row.line);
      cohort.push(cohortIndex);
      enrolledOnColumn.push(enrolledOn ?? 0);
      age.push(ageValue);
      sex.push(sexValue);
      ethnicity.push(ethnic.group);
      ethnicityDetail.push(ethnic.detail);
      disability.push(disabilityValue);
      lsoa.push(area.lsoa);
      postcode.push(area.postcode);
      imdDecile.push(area.imdDecile);
      inclusion.push(mask);
      return true;
    },
    {
      digest: context.digests,
      ...(context.chunkSize === undefined ? {} : { chunkSize: context.chunkSize }),
      recodes,
      ...(layout ? { readElsewhere: layoutColumns(layout, context.measures) } : {}),
      ...(plain === undefined ? {} : { plainRecords: plain }),
      beforeRecord: () => {
        if (pieceIsFull(candidates, log, context.pieceRows)) emit(piece(null));
      },
    },
  );
  codes.report(file.display, log);
  deprivation.finish(file.display, log);
  return piece(report);
}

/**
 * How many values of each coded column a file gives, and how many of them are not codes tides
 * knows: a column whose values are mostly unknown is a problem of the file (`column.mostly_unknown`,
 * shown at the top of the report), not only a warning per row, as its people would otherwise
 * quietly count as unknown (83% of a partner's people once did, through NHS ethnicity codes).
 */
class CodedColumnCounts {
  private readonly given = new Map<string, number>();
  private readonly unknown = new Map<string, number>();

  count(column: string, known: boolean): void {
    this.given.set(column, (this.given.get(column) ?? 0) + 1);
    if (!known) this.unknown.set(column, (this.unknown.get(column) ?? 0) + 1);
  }

  report(file: string, log: IssueLog): void {
    for (const [column, given] of this.given) {
      const unknown = this.unknown.get(column) ?? 0;
      if (unknown * 2 <= given) continue;
      log.add({
        file,
        line: null,
        column,
        rule: 'column.mostly_unknown',
        message: `most ${column} values are not codes tides knows, so most of its people count as unknown: check the codes (tides validate lists them), or map them with a recode in tides.config.json`,
      });
    }
  }
}

function readAge(row: Row): number {
  const text = row.get('age');
  if (text === '') return -1;
  const parsed = parseIntegerInRange(text, AGE_YEARS.min, AGE_YEARS.max);
  if (parsed.ok) return parsed.value;
  row.issue({
    column: 'age',
    value: text,
    rule: /^\s*-?\d+\s*$/.test(text) ? 'number.range' : 'number.invalid',
    severity: 'warning',
    message: `age must be a whole number from ${AGE_YEARS.min} to ${AGE_YEARS.max}; it is treated as unknown`,
  });
  return -1;
}

function readCode<T extends string>(
  row: Row,
  column: string,
  codes: CodeList<T>,
  counts: CodedColumnCounts,
): number {
  const unknown = codes.values.indexOf(UNKNOWN as T);
  const text = row.get(column);
  if (text === '') return unknown;
  const parsed = parseCode(text, codes);
  counts.count(column, parsed.ok);
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

const UNKNOWN_ETHNICITY = {
  group: ETHNICITY.values.indexOf(UNKNOWN),
  detail: ETHNICITY_DETAIL.indexOf(UNKNOWN),
};

/** A person's ethnic group and detailed group (see contract/ethnicity.ts), as indices. */
function readEthnicity(
  row: Row,
  counts: CodedColumnCounts,
  seen: Map<string, ReturnType<typeof parseEthnicity>>,
): { group: number; detail: number } {
  const text = row.get('ethnicity');
  if (text === '') return UNKNOWN_ETHNICITY;
  // A file has a handful of distinct spellings: each is parsed once (at most 4,096 kept, so a
  // file of free text cannot grow the map without end).
  let parsed = seen.get(text);
  if (parsed === undefined) {
    parsed = parseEthnicity(text);
    if (seen.size < 4096) seen.set(text, parsed);
  }
  counts.count('ethnicity', parsed.ok);
  if (!parsed.ok) {
    row.issue({
      column: 'ethnicity',
      value: text,
      rule: 'code.unknown',
      severity: 'warning',
      message: `ethnicity is ${parsed.reason}; it is treated as unknown`,
    });
    return UNKNOWN_ETHNICITY;
  }
  const { group, detail, partly } = parsed.value;
  if (partly !== undefined) {
    row.issue({
      column: 'ethnicity',
      value: text,
      rule: 'code.unknown',
      severity: 'warning',
      message: `ethnicity: ${partly}; it is counted as ${group}, its detail unknown`,
    });
  }
  return { group: ETHNICITY.values.indexOf(group), detail: ETHNICITY_DETAIL.indexOf(detail) };
}

/** The row's inclusion groups as bits of this file's groups (at most 32 in a file). */
function readInclusion(row: Row, groups: Interner): number {
  const text = row.get('inclusion_groups');
  if (text === '') return 0;
  let mask = 0;
  for (const raw of text.split(';')) {
    const flag = inclusionFlag(raw);
    if (flag === '' || flag === 'none') continue;
    let bit = groups.find(flag);
    if (bit < 0) {
      if (groups.size >= MAX_INCLUSION_GROUPS) {
        row.issue(tooManyGroups(flag));
        continue;
      }
      bit = groups.intern(flag);
    }
    mask |= 1 << bit;
  }
  return mask | 0;
}

function inclusionFlag(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** The warning for an inclusion group beyond the 32 that can be counted. */
export function tooManyGroups(flag: string): {
  column: string;
  value: string;
  rule: 'code.unknown';
  severity: 'warning';
  message: string;
} {
  return {
    column: 'inclusion_groups',
    value: flag,
    rule: 'code.unknown',
    severity: 'warning',
    message: `more than ${MAX_INCLUSION_GROUPS} different inclusion groups: ${flag} is not counted`,
  };
}
