import { parseArea } from '../contract/areas.js';
import { DISABILITY, ETHNICITY, SEX, TOTAL_LABEL, UNKNOWN } from '../contract/codes.js';
import { AGE_YEARS, IMD_DECILES } from '../contract/dimensions.js';
import { ETHNICITY_DETAIL, parseEthnicity } from '../contract/ethnicity.js';
import type { ResolvedHeader } from '../contract/header.js';
import { type CodeList, isIdentifier, MAX_ID_LENGTH, parseCode } from '../contract/values.js';
import type { Column, Interner } from '../model/columnar.js';
import type { CandidateColumns } from './candidates.js';
import { fieldOf, isoDay, Remembered, splitTextFields, wholeNumber } from './plainBytes.js';
import type { PlainRecordReader } from './table.js';

/**
 * Reading a participant file's plain records straight from their bytes, as plainOutcomes.ts does
 * for outcome files.
 *
 * A plain participant record is printable ASCII, one field per column (free text may have
 * spaces inside, and be quoted when it has a comma: see splitTextFields), with an id, a known
 * partner, a `YYYY-MM-DD` enrolment date not after today, and every other cell empty or as the
 * contract wants it: an age in range, codes tides knows, an English LSOA that the deprivation
 * lookup has (the postcode is then not read, as in the text reading), an IMD decile that agrees
 * with it, inclusion groups that fit. Such a record has no issue; anything else is declined,
 * having changed nothing, and is read as text by readParticipantRows, which finds and reports
 * what is wrong. A record taken gives exactly what the text reading would, which the tests check
 * on random records and whole programmes.
 */

/** Where a file's participant candidates are collected, in row order (see ParticipantRows). */
export interface ParticipantSink {
  readonly candidates: CandidateColumns;
  readonly cohort: Column<Int32Array>;
  readonly enrolledOn: Column<Int32Array>;
  readonly age: Column<Int32Array>;
  readonly sex: Column<Uint8Array>;
  readonly ethnicity: Column<Uint8Array>;
  readonly ethnicityDetail: Column<Uint8Array>;
  readonly disability: Column<Uint8Array>;
  readonly lsoa: Column<Int32Array>;
  readonly postcode: Column<Int32Array>;
  readonly imdDecile: Column<Uint8Array>;
  readonly inclusion: Column<Int32Array>;
  readonly cohorts: Interner;
  readonly lsoas: Interner;
  readonly groups: Interner;
  /** Counts a coded column's non-empty value (known or not), as the text reading does. */
  readonly countCode: (column: string, known: boolean) => void;
}

export interface PlainParticipantContext {
  readonly partnerIndex: ReadonlyMap<string, number>;
  readonly today: number;
  /** LSOA code → IMD decile (the deprivation lookup). */
  readonly deciles: ReadonlyMap<string, number>;
  /** The cohort of a row with an empty cohort cell. */
  readonly noCohort: string;
  /** Inclusion-group flags counted in a file, at most. */
  readonly maxGroups: number;
  /** An inclusion group as the text reading normalises one (`Care-leaver` → `care_leaver`). */
  readonly inclusionFlag: (raw: string) => string;
}

/** Distinct cells of a free-text or coded column remembered by their bytes. */
const CELLS = 64;

/**
 * A reader of a participant file's plain records given its resolved header, or null when the
 * header lacks a column this reader needs (the text reading then reports it).
 */
export function plainParticipantReader(
  header: ResolvedHeader,
  context: PlainParticipantContext,
  sink: ParticipantSink,
): PlainRecordReader | null {
  const at = (column: string) => fieldOf(header, column);
  const personAt = at('participant_id');
  const partnerAt = at('partner_id');
  const enrolledAt = at('enrolled_on');
  const cohortAt = at('cohort');
  const ageAt = at('age');
  const sexAt = at('sex');
  const ethnicityAt = at('ethnicity');
  const disabilityAt = at('disability');
  const lsoaAt = at('lsoa');
  const postcodeAt = at('postcode');
  const decileAt = at('imd_decile');
  const groupsAt = at('inclusion_groups');
  if (personAt < 0 || partnerAt < 0 || enrolledAt < 0) return null;

  const partners = new Remembered((text) =>
    isIdentifier(text) ? (context.partnerIndex.get(text) ?? -1) : -1,
  );
  // A cohort named `All` is renamed with a warning: read as text.
  const cohorts = new Remembered((text) => (text === TOTAL_LABEL ? null : text), CELLS);
  const code = <T extends string>(codes: CodeList<T>) =>
    new Remembered((text) => {
      const parsed = parseCode(text, codes);
      return parsed.ok ? codes.values.indexOf(parsed.value) : -1;
    }, CELLS);
  const sexes = code(SEX);
  const disabilities = code(DISABILITY);
  const unknownSex = SEX.values.indexOf(UNKNOWN);
  const unknownDisability = DISABILITY.values.indexOf(UNKNOWN);
  const ethnicities = new Remembered((text) => {
    const parsed = parseEthnicity(text);
    // A known group with an unrecognised detail is a warning: read as text.
    if (!parsed.ok || parsed.value.partly !== undefined) return null;
    return {
      group: ETHNICITY.values.indexOf(parsed.value.group),
      detail: ETHNICITY_DETAIL.indexOf(parsed.value.detail),
    };
  }, CELLS);
  const unknownGroup = ETHNICITY.values.indexOf(UNKNOWN);
  const unknownDetail = ETHNICITY_DETAIL.indexOf(UNKNOWN);
  const areas = new Map<string, { code: string; decile: number } | null>();
  const area = (text: string) => {
    let found = areas.get(text);
    if (found === undefined) {
      const parsed = parseArea(text);
      // Another nation's area, a postcode, a code the lookup lacks: read as text.
      found = null;
      if (parsed.ok && parsed.value.kind === 'lsoa') {
        const decile = context.deciles.get(parsed.value.code) ?? 0;
        if (decile > 0) found = { code: parsed.value.code, decile };
      }
      // England has about 34,000 LSOAs (2021); past 65,536 cells, each is looked up every time.
      if (areas.size < 1 << 16) areas.set(text, found);
    }
    return found;
  };
  const groupLists = new Remembered((text) => {
    const flags: string[] = [];
    for (const raw of text.split(';')) {
      const flag = context.inclusionFlag(raw);
      if (flag !== '' && flag !== 'none') flags.push(flag);
    }
    return flags;
  }, CELLS);
  const starts = new Int32Array(header.width);
  const ends = new Int32Array(header.width);
  const { today, noCohort, maxGroups } = context;
  const { groups } = sink;
  const empty = (column: number) => column < 0 || starts[column] === ends[column];

  return (bytes, start, end, line) => {
    if (!splitTextFields(bytes, start, end, starts, ends)) return false;

    const idFrom = starts[personAt] as number;
    const idTo = ends[personAt] as number;
    if (idTo === idFrom || idTo - idFrom > MAX_ID_LENGTH) return false;
    const partner = partners.get(bytes, starts[partnerAt] as number, ends[partnerAt] as number);
    if (partner < 0) return false;
    if (empty(enrolledAt)) return false;
    const enrolledOn = isoDay(bytes, starts[enrolledAt] as number, ends[enrolledAt] as number);
    if (enrolledOn === null || enrolledOn > today) return false;

    let cohort: string | null = noCohort;
    if (!empty(cohortAt)) {
      cohort = cohorts.get(bytes, starts[cohortAt] as number, ends[cohortAt] as number);
      if (cohort === null) return false;
    }
    let age = -1;
    if (!empty(ageAt)) {
      age = wholeNumber(bytes, starts[ageAt] as number, ends[ageAt] as number);
      if (age < AGE_YEARS.min || age > AGE_YEARS.max) return false;
    }
    let sex = unknownSex;
    const sexGiven = !empty(sexAt);
    if (sexGiven) {
      sex = sexes.get(bytes, starts[sexAt] as number, ends[sexAt] as number);
      if (sex < 0) return false;
    }
    let group = unknownGroup;
    let detail = unknownDetail;
    const ethnicityGiven = !empty(ethnicityAt);
    if (ethnicityGiven) {
      const ethnic = ethnicities.get(
        bytes,
        starts[ethnicityAt] as number,
        ends[ethnicityAt] as number,
      );
      if (ethnic === null) return false;
      group = ethnic.group;
      detail = ethnic.detail;
    }
    let disability = unknownDisability;
    const disabilityGiven = !empty(disabilityAt);
    if (disabilityGiven) {
      disability = disabilities.get(
        bytes,
        starts[disabilityAt] as number,
        ends[disabilityAt] as number,
      );
      if (disability < 0) return false;
    }

    let lsoa: { code: string; decile: number } | null = null;
    if (!empty(lsoaAt)) {
      lsoa = area(bytes.toString('latin1', starts[lsoaAt] as number, ends[lsoaAt] as number));
      if (lsoa === null) return false;
    } else if (!empty(postcodeAt)) {
      // A postcode alone goes to the postcode directory (or is counted without one): as text.
      return false;
    }
    let decile = 0;
    if (!empty(decileAt)) {
      decile = wholeNumber(bytes, starts[decileAt] as number, ends[decileAt] as number);
      if (decile < IMD_DECILES.min || decile > IMD_DECILES.max) return false;
      // A decile other than the LSOA's is used, with a warning: read as text.
      if (lsoa !== null && decile !== lsoa.decile) return false;
    }

    let flags: readonly string[] = [];
    if (!empty(groupsAt)) {
      flags = groupLists.get(bytes, starts[groupsAt] as number, ends[groupsAt] as number);
      // A group beyond those a file counts is dropped with a warning: read as text.
      let fresh = 0;
      for (let k = 0; k < flags.length; k++) {
        const flag = flags[k] as string;
        if (groups.find(flag) < 0 && flags.indexOf(flag) === k) fresh++;
      }
      if (groups.size + fresh > maxGroups) return false;
    }

    // Taken: what the text reading stores for the row, in its order.
    let mask = 0;
    for (const flag of flags) mask |= 1 << groups.intern(flag);
    if (sexGiven) sink.countCode('sex', true);
    if (ethnicityGiven) sink.countCode('ethnicity', true);
    if (disabilityGiven) sink.countCode('disability', true);
    sink.candidates.addBytes(bytes, idFrom, idTo, partner, true, line);
    sink.cohort.push(sink.cohorts.intern(cohort));
    sink.enrolledOn.push(enrolledOn);
    sink.age.push(age);
    sink.sex.push(sex);
    sink.ethnicity.push(group);
    sink.ethnicityDetail.push(detail);
    sink.disability.push(disability);
    sink.lsoa.push(lsoa === null ? -1 : sink.lsoas.intern(lsoa.code));
    sink.postcode.push(-1);
    sink.imdDecile.push(decile > 0 ? decile : (lsoa?.decile ?? 0));
    sink.inclusion.push(mask | 0);
    return true;
  };
}
