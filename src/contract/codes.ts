import { codeList } from './values.js';

/**
 * The closed vocabularies of the data contract (the README's data contract), each with the spellings
 * partners' exports use. Matching ignores case, and treats spaces, hyphens and underscores alike.
 */
export const SEX = codeList('sex', ['female', 'male', 'other', 'unknown'] as const, {
  f: 'female',
  m: 'male',
  u: 'unknown',
  woman: 'female',
  man: 'male',
  'not known': 'unknown',
  'prefer not to say': 'unknown',
});
export type Sex = (typeof SEX.values)[number];

/** ONS 2021 census high-level ethnic groups (England and Wales), with their full names. */
export const ETHNICITY = codeList(
  'ethnicity',
  ['asian', 'black', 'mixed', 'white', 'other', 'unknown'] as const,
  {
    'asian, asian british or asian welsh': 'asian',
    'asian or asian british': 'asian',
    'black, black british, black welsh, caribbean or african': 'black',
    'black or black british': 'black',
    'mixed or multiple ethnic groups': 'mixed',
    mixed: 'mixed',
    'other ethnic group': 'other',
    'not known': 'unknown',
    'prefer not to say': 'unknown',
  },
);
export type Ethnicity = (typeof ETHNICITY.values)[number];

export const DISABILITY = codeList('disability', ['yes', 'no', 'unknown'] as const, {
  y: 'yes',
  n: 'no',
  'not known': 'unknown',
  'prefer not to say': 'unknown',
});
export type Disability = (typeof DISABILITY.values)[number];

export const PARTNER_TYPE = codeList(
  'partner_type',
  ['community', 'voluntary', 'faith', 'social_enterprise'] as const,
  { 'social enterprise': 'social_enterprise' },
);
export type PartnerType = (typeof PARTNER_TYPE.values)[number];

export const TIMEPOINT = codeList('timepoint', ['baseline', 'followup'] as const, {
  'follow up': 'followup',
  pre: 'baseline',
  post: 'followup',
  start: 'baseline',
  end: 'followup',
  '0': 'baseline',
  '1': 'followup',
});
export type Timepoint = (typeof TIMEPOINT.values)[number];

/** Shares of the people with a known value are reported for these, never for `unknown`. */
export const UNKNOWN = 'unknown';

/**
 * The label of total rows in group columns (the README's data contract): no category may take it, or
 * its rows would be counted into the totals. A partner_id `All` is refused; a cohort or theme
 * `All` is published under a label `reservedLabel` gives.
 */
export const TOTAL_LABEL = 'All';

/**
 * The `n`th label (from 1) a free-text category that reads `All` may be published under:
 * `All (cohort)`, then `All (cohort 2)`, `All (cohort 3)`…, for when the data has a category of
 * that name too (see load/categories.ts).
 */
export function reservedLabel(column: string, n = 1): string {
  return n === 1 ? `${TOTAL_LABEL} (${column})` : `${TOTAL_LABEL} (${column} ${n})`;
}
