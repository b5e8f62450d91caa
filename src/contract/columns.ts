import { DISABILITY, PARTNER_TYPE, SEX, TIMEPOINT } from './codes.js';
import { AGE_YEARS, IMD_DECILES } from './dimensions.js';
import { ETHNICITY_DETAIL_CODES } from './ethnicity.js';
import { POPULATION_DIMENSIONS } from './records.js';
import { type CodeList, codeList } from './values.js';

/**
 * The columns of each kind of input file, as the README's data contract defines them. Header names are
 * matched after `normaliseHeader`, so `Participant ID`, ` participant_id ` and `PARTICIPANT-ID`
 * all name `participant_id`; aliases from tides.config.json are normalised the same way.
 *
 * Each column also says what it means, what it holds and an example: `tides template` writes
 * its guidance, drop-downs and Table Schema from these (never from a second copy), so a column
 * added here reaches the templates too.
 */
export type FileKind =
  | 'partners'
  | 'participants'
  | 'outcomes'
  | 'population'
  | 'lsoa_imd'
  | 'postcodes';

/**
 * What a column holds. Ranges and code lists are the loaders' own; the measures' (a `measure`,
 * `score` or `item`) depend on the programme's config, so they are resolved with its registry.
 */
export type ColumnValue =
  /** An identifier: text of 1 to 64 printable characters (`isIdentifier`). */
  | { readonly kind: 'id' }
  /** Free text: a name, or a category such as a cohort or theme. */
  | { readonly kind: 'text' }
  /** A date: `YYYY-MM-DD` (or `DD/MM/YYYY`), not after today. */
  | { readonly kind: 'date' }
  /** A whole number from `min` to `max` (no upper limit when null). */
  | { readonly kind: 'whole'; readonly min: number; readonly max: number | null }
  /** An amount of money in pounds, ≥ 0 (`£` and thousands separators accepted). */
  | { readonly kind: 'amount' }
  /** One of a closed list of codes. */
  | { readonly kind: 'code'; readonly codes: CodeList<string> }
  /** An LSOA code (`LSOA_PATTERN`). */
  | { readonly kind: 'lsoa' }
  /** Inclusion-group flags separated by `;` (the config's `inclusion_groups`, if it lists them). */
  | { readonly kind: 'flags' }
  /** A measure's id: built in, or defined in the config. */
  | { readonly kind: 'measure' }
  /** A measure's score, within that measure's range. */
  | { readonly kind: 'score' }
  /** The answer to item `item` (from 1) of a measure's questionnaire. */
  | { readonly kind: 'item'; readonly item: number };

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  /** What the column means, in a sentence a partner's data officer can act on. */
  readonly description: string;
  /** A valid value (for measure-dependent columns, one valid for WEMWBS). */
  readonly example: string;
  readonly value: ColumnValue;
}

interface ColumnText {
  readonly description: string;
  readonly example: string;
  readonly required?: boolean;
}

const column = (name: string, value: ColumnValue, text: ColumnText): ColumnSpec => ({
  name,
  required: text.required ?? false,
  description: text.description,
  example: text.example,
  value,
});

const ID = { kind: 'id' } as const;
const TEXT = { kind: 'text' } as const;
const DATE = { kind: 'date' } as const;
const code = (codes: CodeList<string>): ColumnValue => ({ kind: 'code', codes });
const IMD_DECILE: ColumnValue = { kind: 'whole', min: IMD_DECILES.min, max: IMD_DECILES.max };

/** The dimensions population.csv gives residents for, as a code list. */
export const POPULATION_DIMENSION = codeList('dimension', POPULATION_DIMENSIONS);

/** The most items any built-in measure has (WEMWBS: 14). */
export const MAX_ITEMS = 14;

export const ITEM_COLUMNS: readonly string[] = Array.from(
  { length: MAX_ITEMS },
  (_, i) => `item_${i + 1}`,
);

const PARTNER_ID = {
  description: 'The partner’s identifier, exactly as partners.csv gives it.',
  example: 'P017',
  required: true,
};
const PARTICIPANT_ID = {
  description:
    'The person’s identifier at this partner, the same in every file (a pseudonymous reference, never a name or NHS number; text, so 007 stays 007).',
  example: 'A0001',
  required: true,
};

export const COLUMNS: Readonly<Record<FileKind, readonly ColumnSpec[]>> = {
  partners: [
    column('partner_id', ID, {
      ...PARTNER_ID,
      description: 'The partner’s identifier, used in its participant and outcome files.',
    }),
    column('partner_name', TEXT, {
      description: 'The partner organisation’s name.',
      example: 'Riverside Community Trust',
      required: true,
    }),
    column('partner_type', code(PARTNER_TYPE), {
      description: 'The kind of organisation.',
      example: 'community',
    }),
    column('theme', TEXT, {
      description: 'The partner’s theme, a category partners are grouped by.',
      example: 'Healthy minds',
    }),
    column(
      'funding_gbp',
      { kind: 'amount' },
      {
        description: 'The partner’s grant over the programme, in pounds.',
        example: '25000',
      },
    ),
  ],
  participants: [
    column('participant_id', ID, PARTICIPANT_ID),
    column('partner_id', ID, PARTNER_ID),
    column('cohort', TEXT, {
      description: 'The group or intake the person joined with (free text; empty if none).',
      example: 'Spring 2017',
    }),
    column('enrolled_on', DATE, {
      description: 'The date the person enrolled with the partner.',
      example: '2017-04-03',
      required: true,
    }),
    column(
      'age',
      { kind: 'whole', min: AGE_YEARS.min, max: AGE_YEARS.max },
      {
        description: 'Age in whole years at enrolment.',
        example: '34',
      },
    ),
    column('sex', code(SEX), { description: 'The person’s sex.', example: 'female' }),
    column('ethnicity', code(ETHNICITY_DETAIL_CODES), {
      description:
        'Ethnic group: an ONS 2021 detailed group (white_british, asian_pakistani…) or a high-level group alone (asian); NHS ethnic category codes and census names are read too.',
      example: 'white_british',
    }),
    column('disability', code(DISABILITY), {
      description: 'Whether the person considers themselves disabled.',
      example: 'no',
    }),
    column(
      'lsoa',
      { kind: 'lsoa' },
      {
        description:
          'The LSOA (Lower-layer Super Output Area) of the person’s home, from which the IMD decile is found.',
        example: 'E01006512',
      },
    ),
    column('postcode', TEXT, {
      description:
        'The person’s home postcode, when no LSOA is given: tides finds its LSOA through postcodes.csv (an ONS postcode directory) and never publishes it.',
      example: 'L1 8JQ',
    }),
    column('imd_decile', IMD_DECILE, {
      description:
        'Index of Multiple Deprivation decile of the home (1 = most deprived 10%); when empty, it is found from lsoa (or postcode).',
      example: '1',
    }),
    column(
      'inclusion_groups',
      { kind: 'flags' },
      {
        description:
          'Inclusion-health groups the person belongs to, separated by ; (empty or none when none).',
        example: 'homeless',
      },
    ),
  ],
  outcomes: [
    column('participant_id', ID, {
      ...PARTICIPANT_ID,
      description: 'The person, as the participants file identifies them.',
    }),
    column('partner_id', ID, PARTNER_ID),
    column(
      'measure',
      { kind: 'measure' },
      {
        description: 'The questionnaire answered.',
        example: 'wemwbs',
        required: true,
      },
    ),
    column('timepoint', code(TIMEPOINT), {
      description: 'baseline: at or near enrolment; followup: at the end of the person’s time.',
      example: 'baseline',
      required: true,
    }),
    column('recorded_on', DATE, {
      description: 'The date the questionnaire was answered.',
      example: '2017-04-03',
    }),
    column(
      'score',
      { kind: 'score' },
      {
        description:
          'The questionnaire’s total score; give it, or the answers item by item (or both).',
        example: '42',
      },
    ),
    ...ITEM_COLUMNS.map((name, i) =>
      column(
        name,
        { kind: 'item', item: i + 1 },
        {
          description: `The answer to question ${i + 1} of the questionnaire.`,
          example: '3',
        },
      ),
    ),
  ],
  population: [
    column('dimension', code(POPULATION_DIMENSION), {
      description: 'The characteristic the residents are counted by.',
      example: 'sex',
      required: true,
    }),
    column('group', TEXT, {
      description:
        'A category of the dimension: a decile 1–10, a quintile 1–5, a sex, an ethnic group or an age band such as 25-34.',
      example: 'female',
      required: true,
    }),
    column(
      'population',
      { kind: 'whole', min: 0, max: null },
      {
        description: 'Residents of the area in the group.',
        example: '245000',
        required: true,
      },
    ),
  ],
  lsoa_imd: [
    column(
      'lsoa',
      { kind: 'lsoa' },
      {
        description: 'An LSOA of the programme’s area.',
        example: 'E01006512',
        required: true,
      },
    ),
    column('imd_decile', IMD_DECILE, {
      description: 'The LSOA’s Index of Multiple Deprivation decile (1 = most deprived 10%).',
      example: '1',
      required: true,
    }),
  ],
  /** An ONS postcode directory (NSPL or ONSPD layout): its other columns are not read. */
  postcodes: [
    column('pcds', TEXT, {
      description: 'The postcode in the ONS form, with one space (L1 8JQ).',
      example: 'L1 8JQ',
      required: true,
    }),
    column(
      'lsoa11',
      { kind: 'lsoa' },
      {
        description: 'The postcode’s LSOA 2011 code (for the 2019 index).',
        example: 'E01006512',
      },
    ),
    column(
      'lsoa21',
      { kind: 'lsoa' },
      {
        description: 'The postcode’s LSOA 2021 code (for the 2025 index).',
        example: 'E01006512',
      },
    ),
  ],
};

/** Lower case, trimmed, with runs of spaces, hyphens and dots turned into one underscore. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_');
}
