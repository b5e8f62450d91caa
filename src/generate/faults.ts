import type { RuleId } from '../contract/rules.js';
import { createRandom, type Random } from '../stats/random.js';
import { hashSeed, SALT } from './hash.js';
import type { OutcomeControls } from './outcomes.js';
import type { PartnerPlan } from './partners.js';
import { UNLISTED_POSTCODE } from './postcodes.js';
import { type ProgrammePlan, primaryCount, unusedParticipantId } from './programme.js';
import { type FileStyle, formatDay, OCOL, PCOL, PLAIN_STYLE } from './rows.js';

/**
 * The faults and format variants planted in the demo data, so that every check of `tides validate`
 * has a real case to find. Each is placed on a partner chosen for it (e.g. an ONS4 partner for an
 * ONS score of 12) and on an episode whose other records it cannot disturb: a participant row
 * that the validator rejects belongs to a person with no questionnaires at that partner, so no
 * second issue follows from the first.
 */
export type ParticipantFault =
  | 'impossible_date'
  | 'age_range'
  | 'sex_code'
  | 'imd_range'
  | 'lsoa_malformed'
  | 'duplicate_row'
  | 'unknown_partner'
  | 'broken_quote'
  | 'ethnicity_code'
  | 'postcode_unlisted';

export type OutcomeFault =
  | 'item_range'
  | 'unscorable'
  | 'duplicate_baseline'
  | 'invalid_date'
  | 'followup_before_baseline'
  | 'no_episode'
  | 'score_range'
  | 'wide_score_range'
  | 'answer_maybe'
  | 'count_negative'
  | 'count_implausible';

/** Faults planted on a partner's yes/no and count questions (extras.ts), not its wellbeing rows. */
const EXTRA_FAULTS: ReadonlySet<OutcomeFault> = new Set([
  'answer_maybe',
  'count_negative',
  'count_implausible',
]);

export function isExtraFault(fault: OutcomeFault): boolean {
  return EXTRA_FAULTS.has(fault);
}

/** What was planted where (file and line are added when the row is written). */
export interface FaultNote {
  readonly column: string | null;
  readonly value: string | null;
  /** The rule `tides validate` reports, or null for a variant it must read correctly. */
  readonly rule: RuleId | null;
  readonly note: string;
}

/** A planted fault or format variant, as listed in README.md and planted-faults.json. */
export interface PlantedFault extends FaultNote {
  readonly file: string;
  /** Physical line (header = 1), or null for a whole-file variant. */
  readonly line: number | null;
}

export interface FileNote extends FaultNote {
  readonly file: 'participants' | 'outcomes';
  readonly line: number | null;
}

export interface PartnerFaults {
  readonly role: string;
  readonly participantsStyle: FileStyle;
  readonly outcomesStyle: FileStyle;
  /** Fault by offset in the partner's primary block. */
  readonly participantFaults: ReadonlyMap<number, ParticipantFault>;
  readonly outcomeFaults: ReadonlyMap<number, OutcomeFault>;
  /** Primary offsets from here on have no questionnaires (the rows a broken quote runs into). */
  readonly noOutcomesFrom: number;
  readonly cohorts: readonly string[] | null;
  readonly forceCohort: boolean;
  readonly fileNotes: readonly FileNote[];
}

export interface FaultPlan {
  readonly byPartner: ReadonlyMap<number, PartnerFaults>;
  /** Per-partner header aliases for tides.config.json. */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export const NO_FAULTS: FaultPlan = { byPartner: new Map(), aliases: {} };

/** Rows of the broken-quote file after the line where the quote opens. */
export const ROWS_AFTER_BROKEN_QUOTE = 20;
const BROKEN_COHORT = '"Tuesday group';
const ALIASED_HEADERS: Readonly<Record<string, string>> = {
  participant_id: 'Client Ref',
  partner_id: 'Partner ID',
  cohort: 'Cohort',
  enrolled_on: 'Start Date',
  age: 'Age',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  disability: 'Disability',
  lsoa: 'Postcode LSOA',
  imd_decile: 'IMD Decile',
  inclusion_groups: 'Inclusion Groups',
};
/** The aliased headers that need tides.config.json (the others normalise to contract names). */
const CONFIG_ALIASES = ['participant_id', 'enrolled_on', 'lsoa'] as const;

/** A `PartnerFaults` under construction. */
type Draft = Omit<
  { -readonly [K in keyof PartnerFaults]: PartnerFaults[K] },
  'participantFaults' | 'outcomeFaults' | 'fileNotes'
> & {
  participantFaults: Map<number, ParticipantFault>;
  outcomeFaults: Map<number, OutcomeFault>;
  fileNotes: FileNote[];
};

interface Role {
  readonly name: string;
  readonly fits: (partner: PartnerPlan, primary: number) => boolean;
  readonly plant: (draft: Draft, primary: number, rng: Random) => void;
}

const forAdults = (p: PartnerPlan): boolean => p.audience === 'adults' || p.audience === 'older';

/** In order of how hard a fitting partner is to find. */
const ROLES: readonly Role[] = [
  {
    name: 'lsoa only',
    fits: (p, n) => !p.recordsImd && n >= 10,
    plant: (d, n, rng) => {
      setFaults(d.participantFaults, spread(n, 1, rng), ['lsoa_malformed']);
    },
  },
  {
    name: 'ONS4 values',
    fits: (p, n) => p.measure === 'ons4' && forAdults(p) && n >= 20,
    plant: (d, n, rng) => {
      setFaults(d.outcomeFaults, spread(n, 1, rng), ['score_range']);
    },
  },
  {
    name: 'WEMWBS items',
    fits: (p, n) => p.measure === 'wemwbs' && forAdults(p) && n >= 40,
    plant: (d, n, rng) => {
      setFaults(d.outcomeFaults, spread(n, 4, rng), [
        'item_range',
        'unscorable',
        'duplicate_baseline',
        'unscorable',
      ]);
    },
  },
  {
    name: 'outcome dates, CRLF, pre/post',
    fits: (p, n) => p.measure !== 'ons4' && forAdults(p) && n >= 30,
    plant: (d, n, rng) => {
      d.outcomesStyle = { ...d.outcomesStyle, crlf: true, prePost: true };
      d.fileNotes.push(
        note('outcomes', null, null, null, 'CRLF (Windows) line ends throughout the file'),
        note(
          'outcomes',
          null,
          'timepoint',
          'pre/post',
          'timepoints written pre/post (accepted spellings)',
        ),
      );
      setFaults(d.outcomeFaults, spread(n, 3, rng), [
        'invalid_date',
        'followup_before_baseline',
        'no_episode',
      ]);
    },
  },
  {
    name: 'broken quote',
    fits: (p, n) => forAdults(p) && n >= 40,
    plant: (d, n) => {
      const offset = n - ROWS_AFTER_BROKEN_QUOTE - 1;
      d.participantFaults.set(offset, 'broken_quote');
      d.noOutcomesFrom = offset;
      d.cohorts = ['Tuesday group', 'Thursday group', 'Saturday session'];
      d.forceCohort = true;
    },
  },
  {
    name: 'participant values',
    fits: (p, n) => p.recordsImd && n >= 30,
    plant: (d, n, rng) => {
      setFaults(d.participantFaults, spread(n, 4, rng), [
        'sex_code',
        'imd_range',
        'duplicate_row',
        'unknown_partner',
      ]);
    },
  },
  {
    name: 'UK dates',
    fits: (p, n) => forAdults(p) && n >= 30,
    plant: (d, n, rng) => {
      d.participantsStyle = { ...d.participantsStyle, ukDates: true };
      d.outcomesStyle = { ...d.outcomesStyle, ukDates: true };
      d.fileNotes.push(
        note(
          'participants',
          null,
          'enrolled_on',
          'DD/MM/YYYY',
          'UK dates (valid: read as day/month/year)',
        ),
        note(
          'outcomes',
          null,
          'recorded_on',
          'DD/MM/YYYY',
          'UK dates (valid: read as day/month/year)',
        ),
      );
      setFaults(d.participantFaults, spread(n, 1, rng), ['impossible_date']);
    },
  },
  {
    name: 'aliased headers',
    fits: (_p, n) => n >= 20,
    plant: (d, n, rng) => {
      d.participantsStyle = { ...d.participantsStyle, headerNames: ALIASED_HEADERS };
      for (const column of CONFIG_ALIASES) {
        d.fileNotes.push(
          note(
            'participants',
            1,
            column,
            ALIASED_HEADERS[column] ?? column,
            `header "${ALIASED_HEADERS[column]}" for ${column}, mapped by this partner's aliases in tides.config.json`,
          ),
        );
      }
      d.fileNotes.push(
        note(
          'participants',
          1,
          null,
          null,
          'other headers in title case with spaces (e.g. "Partner ID", "IMD Decile"), which normalise to contract names',
        ),
      );
      setFaults(d.participantFaults, spread(n, 1, rng), ['age_range']);
    },
  },
  {
    name: 'BOM and sex letters',
    fits: (_p, n) => n >= 10,
    plant: (d) => {
      d.participantsStyle = { ...d.participantsStyle, bom: true, sexLetters: true };
      d.fileNotes.push(
        note('participants', 1, null, null, 'UTF-8 byte order mark (EF BB BF) before the header'),
        note('participants', null, 'sex', 'F/M/U', 'sex written F, M, U (accepted spellings)'),
      );
    },
  },
  {
    name: 'NHS ethnicity codes',
    fits: (_p, n) => n >= 20,
    plant: (d, n, rng) => {
      d.participantsStyle = { ...d.participantsStyle, ethnicity: 'nhs' };
      d.fileNotes.push(
        note(
          'participants',
          null,
          'ethnicity',
          'A–Z',
          'ethnicity as NHS Data Dictionary ethnic category codes (read into groups and ethnicity_detail)',
        ),
      );
      setFaults(d.participantFaults, spread(n, 1, rng), ['ethnicity_code']);
    },
  },
  {
    name: 'census ethnicity names',
    fits: (_p, n) => n >= 20,
    plant: (d) => {
      d.participantsStyle = { ...d.participantsStyle, ethnicity: 'census' };
      d.fileNotes.push(
        note(
          'participants',
          null,
          'ethnicity',
          'Asian/Asian British: Pakistani…',
          'ethnicity as ONS 2011 census names',
        ),
      );
    },
  },
  {
    name: 'postcodes',
    fits: (p, n) => !p.recordsImd && n >= 20,
    plant: (d, n, rng) => {
      d.participantsStyle = {
        ...d.participantsStyle,
        postcodes: true,
        headerNames: { ...d.participantsStyle.headerNames, lsoa: 'Postcode' },
      };
      d.fileNotes.push(
        note(
          'participants',
          1,
          'lsoa',
          'Postcode',
          'postcodes instead of LSOA codes (through postcodes.csv, a directory in the NSPL layout)',
        ),
      );
      setFaults(d.participantFaults, spread(n, 1, rng), ['postcode_unlisted']);
    },
  },
  {
    name: 'wide return',
    fits: (p, n) => p.measure === 'ons4' && n >= 20,
    plant: (d, n, rng) => {
      d.outcomesStyle = { ...d.outcomesStyle, wide: true };
      d.fileNotes.push(
        note(
          'outcomes',
          1,
          null,
          null,
          'a wide return: one row per person, ONS4 at start and end in columns, read through the layout in tides.config.json',
        ),
      );
      setFaults(d.outcomeFaults, spread(n, 1, rng), ['wide_score_range']);
    },
  },
  // Last, so that adding them left the partners of the roles above as they were.
  {
    name: 'yes/no answers',
    fits: (p, n) => p.records.includes('in_work') && forAdults(p) && n >= 20,
    plant: (d, n, rng) => {
      setFaults(d.outcomeFaults, spread(n, 1, rng), ['answer_maybe']);
    },
  },
  {
    name: 'GP appointment counts',
    fits: (p, n) => p.records.includes('gp_visits') && n >= 20,
    plant: (d, n, rng) => {
      setFaults(d.outcomeFaults, spread(n, 2, rng), ['count_negative', 'count_implausible']);
    },
  },
];

/**
 * Chooses a different partner for each role, at random among those that fit; a role no partner
 * fits (in a small programme) is left out, and the README lists only what was planted.
 */
export function planFaults(programme: ProgrammePlan): FaultPlan {
  if (!programme.options.faults) return NO_FAULTS;
  const rng = createRandom(hashSeed(programme.options.seed, 0, 0, SALT.faults));
  const byPartner = new Map<number, PartnerFaults>();
  const aliases: Record<string, Record<string, readonly string[]>> = {};
  for (const role of ROLES) {
    const candidates = programme.partners.filter(
      (p) => !byPartner.has(p.index) && role.fits(p, primaryCount(programme, p.index)),
    );
    if (candidates.length === 0) continue;
    const partner = candidates[rng.int(candidates.length)] as PartnerPlan;
    const draft: Draft = {
      role: role.name,
      participantsStyle: PLAIN_STYLE,
      outcomesStyle: PLAIN_STYLE,
      participantFaults: new Map(),
      outcomeFaults: new Map(),
      noOutcomesFrom: Number.POSITIVE_INFINITY,
      cohorts: null,
      forceCohort: false,
      fileNotes: [],
    };
    role.plant(draft, primaryCount(programme, partner.index), rng);
    byPartner.set(partner.index, draft);
    if (draft.participantsStyle.headerNames === ALIASED_HEADERS) {
      aliases[partner.id] = Object.fromEntries(
        CONFIG_ALIASES.map((c) => [c, [ALIASED_HEADERS[c] as string]]),
      );
    }
  }
  return { byPartner, aliases };
}

/** `count` distinct offsets spread through 1…n−2, in order. */
function spread(n: number, count: number, rng: Random): number[] {
  const step = Math.floor((n - 2) / (count + 1));
  return Array.from(
    { length: count },
    (_, i) =>
      1 + step * (i + 1) - Math.floor(step / 2) + rng.int(Math.max(1, Math.floor(step / 2))),
  );
}

function setFaults<T>(map: Map<number, T>, offsets: readonly number[], faults: readonly T[]): void {
  offsets.forEach((offset, i) => {
    map.set(offset, faults[i] as T);
  });
}

function note(
  file: FileNote['file'],
  line: number | null,
  column: string | null,
  value: string | null,
  text: string,
): FileNote {
  return { file, line, column, value, rule: null, note: text };
}

/** Participant faults make the validator reject the row, so that person gets no questionnaires. */
export function participantControls(fault: ParticipantFault | undefined): OutcomeControls {
  if (
    fault === undefined ||
    fault === 'lsoa_malformed' ||
    fault === 'duplicate_row' ||
    fault === 'ethnicity_code' ||
    fault === 'postcode_unlisted'
  ) {
    return {};
  }
  return { none: true };
}

export function outcomeControls(fault: OutcomeFault | undefined): OutcomeControls {
  switch (fault) {
    case undefined:
      return {};
    case 'followup_before_baseline':
    case 'wide_score_range':
      return { complete: true, followup: true };
    case 'item_range':
    case 'unscorable':
      return { complete: true, baselineOnly: true, completeItems: true };
    default:
      return { complete: true, baselineOnly: true };
  }
}

/** The id of a partner that is not in partners.csv (the next one after the last). */
export function unknownPartnerId(programme: ProgrammePlan): string {
  const width = Math.max(3, String(programme.options.partners).length);
  return `P${String(programme.options.partners + 1).padStart(width, '0')}`;
}

export interface PlantedRow {
  /** Field to write as is, without quoting (−1: none). */
  readonly raw: number;
  readonly note: FaultNote;
  /** Write the row a second time, with the note on the repeat. */
  readonly duplicate: boolean;
}

/** Changes a participant row's fields in place and says what was planted. */
export function plantParticipantFault(
  fault: ParticipantFault,
  fields: string[],
  programme: ProgrammePlan,
  lsoaCode: string,
): PlantedRow {
  const set = (
    column: keyof typeof PCOL,
    value: string,
    rule: RuleId,
    text: string,
  ): PlantedRow => {
    fields[PCOL[column]] = value;
    return { raw: -1, duplicate: false, note: { column, value, rule, note: text } };
  };
  switch (fault) {
    case 'impossible_date':
      return set('enrolled_on', '31/02/2017', 'date.invalid', '31 February does not exist');
    case 'age_range':
      return set('age', '134', 'number.range', 'age above 120');
    case 'sex_code':
      return set('sex', 'X', 'code.unknown', 'sex code not in the contract');
    case 'imd_range':
      fields[PCOL.lsoa] = '';
      return set('imd_decile', '11', 'number.range', 'IMD decile above 10 (LSOA left blank)');
    case 'lsoa_malformed':
      return set('lsoa', lsoaCode.slice(0, -1), 'lsoa.malformed', 'LSOA code with a digit missing');
    case 'unknown_partner':
      return set(
        'partner_id',
        unknownPartnerId(programme),
        'partner.unknown',
        'partner id not in partners.csv',
      );
    case 'duplicate_row':
      return {
        raw: -1,
        duplicate: true,
        note: {
          column: 'participant_id',
          value: fields[PCOL.participant_id] ?? '',
          rule: 'participant.duplicate',
          note: 'exact copy of the row above',
        },
      };
    case 'ethnicity_code':
      return set(
        'ethnicity',
        'WB',
        'code.unknown',
        'a local code, not an NHS one (counted as unknown)',
      );
    case 'postcode_unlisted':
      fields[PCOL.lsoa] = UNLISTED_POSTCODE;
      return {
        raw: -1,
        duplicate: false,
        note: {
          column: 'lsoa',
          value: UNLISTED_POSTCODE,
          rule: 'postcode.not_in_directory',
          note: 'a postcode that postcodes.csv does not list (reported on postcodes.csv, by outward code)',
        },
      };
    case 'broken_quote':
      fields[PCOL.cohort] = BROKEN_COHORT;
      return {
        raw: PCOL.cohort,
        duplicate: false,
        note: {
          column: null,
          value: null,
          rule: 'file.quote_span',
          note: `cohort ${BROKEN_COHORT} has an unclosed double quote that runs into the ${ROWS_AFTER_BROKEN_QUOTE} rows after it, to the end of the file`,
        },
      };
  }
}

/** One outcome row being written, with what was planted on it. */
export interface OutcomeDraft {
  readonly fields: string[];
  note: FaultNote | null;
}

/** Changes an episode's outcome rows (baseline first) in place, adding rows where the fault needs. */
export function plantOutcomeFault(
  fault: OutcomeFault,
  rows: OutcomeDraft[],
  programme: ProgrammePlan,
  style: FileStyle,
  days: { baseline: number; followup: number | null },
  serial: number,
): void {
  const baseline = rows[0];
  if (baseline === undefined) return;
  const mark = (
    row: OutcomeDraft,
    column: string,
    value: string,
    rule: RuleId,
    text: string,
  ): void => {
    row.note = { column, value, rule, note: text };
  };
  switch (fault) {
    case 'item_range':
      baseline.fields[OCOL.item_1 + 6] = '6';
      mark(baseline, 'item_7', '6', 'item.range', 'WEMWBS item above 5');
      return;
    case 'unscorable':
      for (const i of [1, 4, 7, 10, 12]) baseline.fields[OCOL.item_1 + i] = '';
      baseline.note = {
        column: null,
        value: '5 of 14 missing',
        rule: 'score.unscorable',
        note: 'WEMWBS with 5 of 14 items missing (more than 3)',
      };
      return;
    case 'duplicate_baseline': {
      const fields = [...baseline.fields];
      fields[OCOL.recorded_on] = formatDay(
        Math.min(programme.options.toDay, days.baseline + 7),
        style,
      );
      for (const i of [0, 5, 9]) {
        const value = Number(fields[OCOL.item_1 + i]);
        if (value > 0) fields[OCOL.item_1 + i] = String(value < 5 ? value + 1 : value - 1);
      }
      const timepoint = fields[OCOL.timepoint] ?? '';
      const copy: OutcomeDraft = { fields, note: null };
      mark(
        copy,
        'timepoint',
        timepoint,
        'outcome.duplicate',
        'a second baseline a week after the first',
      );
      rows.splice(1, 0, copy);
      return;
    }
    case 'invalid_date':
      baseline.fields[OCOL.recorded_on] = '2017-13-45';
      mark(
        baseline,
        'recorded_on',
        '2017-13-45',
        'date.invalid',
        'month 13 and day 45 do not exist',
      );
      return;
    case 'followup_before_baseline': {
      const followup = rows[rows.length - 1];
      if (followup === undefined || followup === baseline || days.followup === null) return;
      const value = formatDay(days.followup - 365, style);
      followup.fields[OCOL.recorded_on] = value;
      mark(
        followup,
        'recorded_on',
        value,
        'outcome.followup_before_baseline',
        'follow-up year typed one too early',
      );
      return;
    }
    case 'no_episode': {
      const fields = [...baseline.fields];
      const id = unusedParticipantId(programme, serial);
      fields[OCOL.participant_id] = id;
      const row: OutcomeDraft = { fields, note: null };
      mark(
        row,
        'participant_id',
        id,
        'outcome.no_episode',
        'questionnaire for an id with no participant row',
      );
      rows.push(row);
      return;
    }
    case 'score_range': {
      const row = rows.find((r) => r.fields[OCOL.measure] === 'ons_life_satisfaction') ?? baseline;
      row.fields[OCOL.score] = '12';
      mark(row, 'score', '12', 'score.range', 'ONS life satisfaction above 10');
      return;
    }
    case 'answer_maybe': {
      const row = rows.find((r) => r.fields[OCOL.measure] === 'in_work') ?? baseline;
      row.fields[OCOL.score] = 'maybe';
      mark(row, 'score', 'maybe', 'score.invalid', 'a yes/no question answered maybe');
      return;
    }
    case 'count_negative': {
      const row = rows.find((r) => r.fields[OCOL.measure] === 'gp_visits') ?? baseline;
      row.fields[OCOL.score] = '-1';
      mark(row, 'score', '-1', 'score.range', 'a negative count of GP appointments');
      return;
    }
    case 'count_implausible': {
      const row = rows.find((r) => r.fields[OCOL.measure] === 'gp_visits') ?? baseline;
      row.fields[OCOL.score] = '300';
      mark(
        row,
        'score',
        '300',
        'score.range',
        '300 GP appointments in 3 months (above the measure’s max of 60)',
      );
      return;
    }
    case 'wide_score_range': {
      // In a wide return the message names the file's own column.
      const row =
        rows.find(
          (r) =>
            r.fields[OCOL.measure] === 'ons_life_satisfaction' &&
            r.fields[OCOL.timepoint] === 'followup',
        ) ?? baseline;
      row.fields[OCOL.score] = '11';
      mark(
        row,
        WIDE_COLUMNS.ons_life_satisfaction.followup,
        '11',
        'score.range',
        'ONS life satisfaction above 10, in a wide return',
      );
      return;
    }
  }
}

/** The demo's wide return: ONS4 at the start and the end, in columns of these names. */
export const WIDE_COLUMNS = {
  ons_life_satisfaction: {
    baseline: 'Life satisfaction (start)',
    followup: 'Life satisfaction (end)',
  },
  ons_worthwhile: { baseline: 'Worthwhile (start)', followup: 'Worthwhile (end)' },
  ons_happiness: { baseline: 'Happy yesterday (start)', followup: 'Happy yesterday (end)' },
  ons_anxiety: { baseline: 'Anxious yesterday (start)', followup: 'Anxious yesterday (end)' },
} as const;
export const WIDE_DATES = { baseline: 'Start date', followup: 'End date' } as const;

/** The wide return's layout, for tides.config.json. */
export function wideLayout(files: readonly string[]): unknown {
  return {
    files,
    measures: Object.fromEntries(
      Object.entries(WIDE_COLUMNS).map(([measure, columns]) => [
        measure,
        {
          baseline: { score: columns.baseline, recorded_on: WIDE_DATES.baseline },
          followup: { score: columns.followup, recorded_on: WIDE_DATES.followup },
        },
      ]),
    ),
  };
}

/** The header of the wide return. */
export const WIDE_HEADER = [
  'participant_id',
  'partner_id',
  WIDE_DATES.baseline,
  ...Object.values(WIDE_COLUMNS).map((c) => c.baseline),
  WIDE_DATES.followup,
  ...Object.values(WIDE_COLUMNS).map((c) => c.followup),
];

/**
 * One person's outcome rows as a row of the wide return (fields in WIDE_HEADER's order), with
 * the first fault planted on them; null when they have none.
 */
export function wideRow(
  rows: readonly OutcomeDraft[],
): { fields: string[]; note: FaultNote | null } | null {
  const first = rows[0];
  if (first === undefined) return null;
  const fields = [first.fields[OCOL.participant_id] ?? '', first.fields[OCOL.partner_id] ?? ''];
  let note: FaultNote | null = null;
  for (const timepoint of ['baseline', 'followup'] as const) {
    const at = rows.filter((r) => r.fields[OCOL.timepoint] === timepoint);
    fields.push(at[0]?.fields[OCOL.recorded_on] ?? '');
    for (const measure of Object.keys(WIDE_COLUMNS)) {
      const row = at.find((r) => r.fields[OCOL.measure] === measure);
      fields.push(row?.fields[OCOL.score] ?? '');
      note ??= row?.note ?? null;
    }
  }
  return { fields, note };
}
