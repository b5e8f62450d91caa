/**
 * The columns of each kind of input file, as the README's data contract defines them. Header names are
 * matched after `normaliseHeader`, so `Participant ID`, ` participant_id ` and `PARTICIPANT-ID`
 * all name `participant_id`; aliases from tides.config.json are normalised the same way.
 */
export type FileKind =
  | 'partners'
  | 'participants'
  | 'outcomes'
  | 'population'
  | 'lsoa_imd'
  | 'postcodes';

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
}

const column = (name: string, required = false): ColumnSpec => ({ name, required });

/** The most items any built-in measure has (WEMWBS: 14). */
export const MAX_ITEMS = 14;

export const ITEM_COLUMNS: readonly string[] = Array.from(
  { length: MAX_ITEMS },
  (_, i) => `item_${i + 1}`,
);

export const COLUMNS: Readonly<Record<FileKind, readonly ColumnSpec[]>> = {
  partners: [
    column('partner_id', true),
    column('partner_name', true),
    column('partner_type'),
    column('theme'),
    column('funding_gbp'),
  ],
  participants: [
    column('participant_id', true),
    column('partner_id', true),
    column('cohort'),
    column('enrolled_on', true),
    column('age'),
    column('sex'),
    column('ethnicity'),
    column('disability'),
    column('lsoa'),
    column('postcode'),
    column('imd_decile'),
    column('inclusion_groups'),
  ],
  outcomes: [
    column('participant_id', true),
    column('partner_id', true),
    column('measure', true),
    column('timepoint', true),
    column('recorded_on'),
    column('score'),
    ...ITEM_COLUMNS.map((name) => column(name)),
  ],
  population: [column('dimension', true), column('group', true), column('population', true)],
  lsoa_imd: [column('lsoa', true), column('imd_decile', true)],
  /** An ONS postcode directory (NSPL or ONSPD layout): its other columns are not read. */
  postcodes: [column('pcds', true), column('lsoa11'), column('lsoa21')],
};

/** Lower case, trimmed, with runs of spaces, hyphens and dots turned into one underscore. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_');
}
