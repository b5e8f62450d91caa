import { type Day, isoDate, ukDate } from './dates.js';
import type { Episode } from './episodes.js';
import type { OutcomeRecord } from './outcomes.js';
import type { PartnerPlan } from './partners.js';
import { flagText } from './people.js';
import { postcodeOf } from './postcodes.js';
import type { ProgrammePlan } from './programme.js';

/** How one file is written: the ways real partner exports differ while staying within the contract. */
export interface FileStyle {
  readonly bom: boolean;
  readonly crlf: boolean;
  /** Dates as DD/MM/YYYY instead of YYYY-MM-DD. */
  readonly ukDates: boolean;
  /** Sex as F, M, U instead of female, male, unknown. */
  readonly sexLetters: boolean;
  /** Timepoints as pre/post instead of baseline/followup. */
  readonly prePost: boolean;
  /**
   * Ethnicity as the contract's groups, as NHS ethnic category codes (`J`), or as the ONS 2011
   * census names (`Asian/Asian British: Pakistani`).
   */
  readonly ethnicity: 'groups' | 'nhs' | 'census';
  /** A postcode in the `lsoa` column (headed `Postcode`) instead of the LSOA code. */
  readonly postcodes: boolean;
  /** Outcomes as one row per person with ONS4 scores in columns (a wide return). */
  readonly wide: boolean;
  /** Header text for contract columns, where the partner names them otherwise. */
  readonly headerNames: Readonly<Record<string, string>>;
}

export const PLAIN_STYLE: FileStyle = {
  bom: false,
  crlf: false,
  ukDates: false,
  sexLetters: false,
  prePost: false,
  ethnicity: 'groups',
  postcodes: false,
  wide: false,
  headerNames: {},
};

export const PARTICIPANT_COLUMNS = [
  'participant_id',
  'partner_id',
  'cohort',
  'enrolled_on',
  'age',
  'sex',
  'ethnicity',
  'disability',
  'lsoa',
  'imd_decile',
  'inclusion_groups',
] as const;
export type ParticipantColumn = (typeof PARTICIPANT_COLUMNS)[number];

export const OUTCOME_COLUMNS = [
  'participant_id',
  'partner_id',
  'measure',
  'timepoint',
  'recorded_on',
  'score',
  ...Array.from({ length: 14 }, (_, i) => `item_${i + 1}`),
] as const;

/** Position of a contract column in the canonical field arrays below. */
export const PCOL = Object.fromEntries(PARTICIPANT_COLUMNS.map((c, i) => [c, i])) as Record<
  ParticipantColumn,
  number
>;
export const OCOL = {
  participant_id: 0,
  partner_id: 1,
  measure: 2,
  timepoint: 3,
  recorded_on: 4,
  score: 5,
  item_1: 6,
};

/** The optional columns a partner records, as indices into `PARTICIPANT_COLUMNS`. */
export function participantColumnsOf(partner: PartnerPlan, forceCohort = false): number[] {
  return PARTICIPANT_COLUMNS.flatMap((column, i) => {
    if (column === 'cohort' && !(partner.recordsCohort || forceCohort)) return [];
    if (column === 'disability' && !partner.recordsDisability) return [];
    if (column === 'inclusion_groups' && !partner.recordsInclusion) return [];
    return [i];
  });
}

/** Item-level partners send item_1…item_14 with an empty score; the others send the score only. */
export function outcomeColumnsOf(partner: PartnerPlan): number[] {
  const width = partner.measure === 'wemwbs' ? OUTCOME_COLUMNS.length : OCOL.item_1;
  return Array.from({ length: width }, (_, i) => i);
}

export function formatDay(day: Day, style: FileStyle): string {
  return style.ukDates ? ukDate(day) : isoDate(day);
}

const SEX_LETTERS: Readonly<Record<string, string>> = {
  female: 'F',
  male: 'M',
  unknown: 'U',
  other: 'other',
};

/** Detailed groups as NHS codes and ONS 2011 census names, for each high-level group. */
const DETAILS: Readonly<Record<string, readonly (readonly [nhs: string, census: string])[]>> = {
  white: [
    ['A', 'White: English/Welsh/Scottish/Northern Irish/British'],
    ['B', 'White: Irish'],
    ['C', 'White: Other White'],
  ],
  asian: [
    ['H', 'Asian/Asian British: Indian'],
    ['J', 'Asian/Asian British: Pakistani'],
    ['K', 'Asian/Asian British: Bangladeshi'],
    ['R', 'Asian/Asian British: Chinese'],
    ['L', 'Asian/Asian British: Any other Asian background'],
  ],
  black: [
    ['N', 'Black/African/Caribbean/Black British: African'],
    ['M', 'Black/African/Caribbean/Black British: Caribbean'],
    ['P', 'Black/African/Caribbean/Black British: Any other Black/African/Caribbean background'],
  ],
  mixed: [
    ['D', 'Mixed/Multiple ethnic groups: White and Black Caribbean'],
    ['E', 'Mixed/Multiple ethnic groups: White and Black African'],
    ['F', 'Mixed/Multiple ethnic groups: White and Asian'],
    ['G', 'Mixed/Multiple ethnic groups: Any other Mixed/Multiple ethnic background'],
  ],
  other: [
    ['S', 'Other ethnic group: Any other ethnic group'],
    ['S', 'Other ethnic group: Arab'],
  ],
  unknown: [['Z', 'Prefer not to say']],
};

/** A person's ethnicity as the partner's style writes it (the detail chosen by the person's id). */
function ethnicityText(group: string, style: FileStyle, personId: string): string {
  if (style.ethnicity === 'groups') return group;
  const details = DETAILS[group] ?? [];
  let hash = 0;
  for (let i = 0; i < personId.length; i++) hash = (hash * 31 + personId.charCodeAt(i)) >>> 0;
  const detail = details[hash % Math.max(1, details.length)];
  if (detail === undefined) return group;
  return style.ethnicity === 'nhs' ? detail[0] : detail[1];
}

/** Every participant field, in `PARTICIPANT_COLUMNS` order. */
export function participantFields(
  programme: ProgrammePlan,
  episode: Episode,
  style: FileStyle,
): string[] {
  const { person, partner } = episode;
  const lsoa = programme.city.lsoas[person.lsoa];
  const recordsLsoa = episode.recordsLsoa && lsoa !== undefined;
  return [
    person.id,
    partner.id,
    episode.cohort,
    formatDay(episode.enrolledOn, style),
    episode.recordsAge ? String(episode.age) : '',
    style.sexLetters ? (SEX_LETTERS[episode.recordedSex] ?? '') : episode.recordedSex,
    ethnicityText(episode.recordedEthnicity, style, person.id),
    episode.recordedDisability,
    recordsLsoa
      ? style.postcodes
        ? postcodeOf(person.lsoa, person.id.length % 2)
        : lsoa.code
      : '',
    recordsLsoa && partner.recordsImd ? String(lsoa.decile) : '',
    flagText(person.flags),
  ];
}

/** Every outcome field, in `OUTCOME_COLUMNS` order. */
export function outcomeFields(
  participantId: string,
  partnerId: string,
  record: OutcomeRecord,
  style: FileStyle,
): string[] {
  const timepoint = style.prePost
    ? record.timepoint === 'baseline'
      ? 'pre'
      : 'post'
    : record.timepoint;
  const fields = [
    participantId,
    partnerId,
    record.measure,
    timepoint,
    formatDay(record.day, style),
    record.text ?? (record.score === null ? '' : String(record.score)),
  ];
  for (let i = 0; i < 14; i++) {
    const item = record.items?.[i];
    fields.push(item === null || item === undefined ? '' : String(item));
  }
  return fields;
}

export function headerLine(
  names: readonly string[],
  columns: readonly number[],
  style: FileStyle,
): string {
  return columns
    .map((i) => {
      const name = names[i] ?? '';
      return csvField(style.headerNames[name] ?? name);
    })
    .join(',');
}

/**
 * One CSV line (without its line end) of the chosen fields. `raw` names a field written exactly
 * as given, without quoting: used only to plant a broken quote.
 */
export function csvLine(fields: readonly string[], columns: readonly number[], raw = -1): string {
  let line = '';
  for (let k = 0; k < columns.length; k++) {
    const i = columns[k] as number;
    const text = fields[i] ?? '';
    if (k > 0) line += ',';
    line += i === raw ? text : csvField(text);
  }
  return line;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
