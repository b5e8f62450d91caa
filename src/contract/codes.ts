import { codeList } from './values.js';

/**
 * The closed vocabularies of the data contract (the README's data contract), each with the spellings
 * partners' exports use. Matching ignores case, and treats spaces, hyphens and underscores alike.
 */
/**
 * Sex, or gender as partners often record it instead: a woman (trans women included) counts as
 * female and a man (trans men included) as male; non-binary people and those who describe
 * themselves another way count as `other`; "prefer not to say" and "not known" are unknown.
 * Numbers are the NHS Data Dictionary's codes (person stated gender: 1 male, 2 female,
 * 9 indeterminate, 0 not known; gender identity: 3 non-binary, 4 other, Z not stated); a
 * partner that numbers otherwise needs a `recode` in tides.config.json. `X` is not read: the NHS
 * uses it for "not known", passports for "unspecified", so it is reported, never guessed.
 */
export const SEX = codeList('sex', ['female', 'male', 'other', 'unknown'] as const, {
  f: 'female',
  m: 'male',
  u: 'unknown',
  woman: 'female',
  man: 'male',
  women: 'female',
  men: 'male',
  girl: 'female',
  boy: 'male',
  'trans woman': 'female',
  'trans man': 'male',
  'female including trans woman': 'female',
  'male including trans man': 'male',
  'woman including trans woman': 'female',
  'man including trans man': 'male',
  'non binary': 'other',
  nonbinary: 'other',
  enby: 'other',
  genderqueer: 'other',
  genderfluid: 'other',
  agender: 'other',
  'in another way': 'other',
  'another way': 'other',
  'prefer to self describe': 'other',
  'self describe': 'other',
  'other gender': 'other',
  'another gender': 'other',
  indeterminate: 'other',
  '1': 'male',
  '2': 'female',
  '3': 'other',
  '4': 'other',
  '9': 'other',
  '0': 'unknown',
  z: 'unknown',
  'not known': 'unknown',
  'not stated': 'unknown',
  'not recorded': 'unknown',
  'prefer not to say': 'unknown',
  'rather not say': 'unknown',
  declined: 'unknown',
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
  true: 'yes',
  false: 'no',
  disabled: 'yes',
  'not disabled': 'no',
  'not known': 'unknown',
  'not stated': 'unknown',
  'prefer not to say': 'unknown',
  'rather not say': 'unknown',
  declined: 'unknown',
});
export type Disability = (typeof DISABILITY.values)[number];

export const PARTNER_TYPE = codeList(
  'partner_type',
  ['community', 'voluntary', 'faith', 'social_enterprise'] as const,
  { 'social enterprise': 'social_enterprise' },
);
export type PartnerType = (typeof PARTNER_TYPE.values)[number];

/**
 * The two timepoints, as partners name them. `T1`/`T2` are the first and second measurement; a
 * file numbering from `T0` needs a `recode` (`"T0": "baseline", "T1": "followup"`), as `T0` is
 * refused rather than guessed.
 */
export const TIMEPOINT = codeList('timepoint', ['baseline', 'followup'] as const, {
  'follow up': 'followup',
  'follow up 1': 'followup',
  pre: 'baseline',
  post: 'followup',
  'pre programme': 'baseline',
  'post programme': 'followup',
  'pre course': 'baseline',
  'post course': 'followup',
  'pre intervention': 'baseline',
  'post intervention': 'followup',
  start: 'baseline',
  end: 'followup',
  'start of programme': 'baseline',
  'end of programme': 'followup',
  entry: 'baseline',
  exit: 'followup',
  'on entry': 'baseline',
  'on exit': 'followup',
  t1: 'baseline',
  t2: 'followup',
  'time 1': 'baseline',
  'time 2': 'followup',
  first: 'baseline',
  last: 'followup',
  'first session': 'baseline',
  'last session': 'followup',
  'final session': 'followup',
  initial: 'baseline',
  final: 'followup',
  before: 'baseline',
  after: 'followup',
  intake: 'baseline',
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
