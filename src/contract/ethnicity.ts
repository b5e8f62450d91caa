import { ETHNICITY, type Ethnicity, UNKNOWN } from './codes.js';
import { codeList, type Parsed } from './values.js';

/**
 * Ethnicity as partners record it: the five high-level groups of the ONS 2021 census (the
 * `ethnicity` dimension) and the detailed group (`ethnicity_detail`). Read from:
 * - the NHS Data Dictionary's ethnic category codes (A–S, Z not stated, 99 not known), alone or
 *   with their label (`A - White British`, `White British (A)`);
 * - the ONS 2011 and 2021 census category names, with the usual punctuation (`White: Irish`,
 *   `Asian/Asian British: Pakistani`, `Asian or Asian British - Pakistani`,
 *   `Black/African/Caribbean/Black British: African`, `Mixed/Multiple ethnic groups: White and
 *   Black Caribbean`), and the short forms (`White British`, `Other Asian`, `Pakistani`);
 * - the group names alone (`Asian`, `Black or Black British`): the detail is then the group's
 *   own name (`asian`: detail not given);
 * - `unknown` and its spellings (`Not stated`, `Prefer not to say`…).
 *
 * The NHS codes follow the 2001 census classification, where Chinese was one of the "Other
 * ethnic groups"; the 2011 and 2021 censuses list it under Asian, as tides does (NHS code R
 * counts as Asian). A name under a known group whose detail is not recognised keeps its group
 * (detail: the group's name) and is reported, never guessed.
 */
export const ETHNICITY_DETAIL = [
  'asian_bangladeshi',
  'asian_chinese',
  'asian_indian',
  'asian_pakistani',
  'asian_other',
  'asian',
  'black_african',
  'black_caribbean',
  'black_other',
  'black',
  'mixed_white_asian',
  'mixed_white_black_african',
  'mixed_white_black_caribbean',
  'mixed_other',
  'mixed',
  'white_british',
  'white_irish',
  'white_gypsy_irish_traveller',
  'white_roma',
  'white_other',
  'white',
  'other_arab',
  'other_any',
  'other',
  'unknown',
] as const;
export type EthnicityDetail = (typeof ETHNICITY_DETAIL)[number];

/** The detailed groups as a code list (a template's drop-down; its example reads as itself). */
export const ETHNICITY_DETAIL_CODES = codeList('ethnicity', ETHNICITY_DETAIL);

/** The high-level group of a detailed one. */
export function groupOfDetail(detail: EthnicityDetail): Ethnicity {
  if (detail === UNKNOWN) return UNKNOWN;
  const group = detail.split('_')[0] as Ethnicity;
  return group;
}

/** NHS Data Dictionary ethnic category codes (2001 census classification). */
const NHS_CODES: Readonly<Record<string, EthnicityDetail>> = {
  a: 'white_british',
  b: 'white_irish',
  c: 'white_other',
  d: 'mixed_white_black_caribbean',
  e: 'mixed_white_black_african',
  f: 'mixed_white_asian',
  g: 'mixed_other',
  h: 'asian_indian',
  j: 'asian_pakistani',
  k: 'asian_bangladeshi',
  l: 'asian_other',
  m: 'black_caribbean',
  n: 'black_african',
  p: 'black_other',
  r: 'asian_chinese',
  s: 'other_any',
  z: 'unknown',
  '99': 'unknown',
};

const UNKNOWN_SPELLINGS = [
  'unknown',
  'not known',
  'not stated',
  'not given',
  'not recorded',
  'not disclosed',
  'prefer not to say',
  'preferred not to say',
  'rather not say',
  'declined',
  'declined to say',
  'refused',
  'did not wish to answer',
  'not specified',
];

/**
 * The detail named after a group's prefix (`White: Irish` → `irish` under white), by group.
 * Keys are normalised (see `normalise`).
 */
const DETAIL_AFTER_GROUP: Readonly<
  Record<Exclude<Ethnicity, 'unknown'>, Record<string, EthnicityDetail>>
> = {
  white: {
    british: 'white_british',
    'english welsh scottish northern irish or british': 'white_british',
    'english welsh scottish northern irish british': 'white_british',
    'english welsh scottish or northern irish': 'white_british',
    english: 'white_british',
    welsh: 'white_british',
    scottish: 'white_british',
    'northern irish': 'white_british',
    irish: 'white_irish',
    'gypsy or irish traveller': 'white_gypsy_irish_traveller',
    'gypsy irish traveller': 'white_gypsy_irish_traveller',
    'gypsy traveller': 'white_gypsy_irish_traveller',
    'irish traveller': 'white_gypsy_irish_traveller',
    gypsy: 'white_gypsy_irish_traveller',
    roma: 'white_roma',
    other: 'white_other',
    'any other': 'white_other',
    'other white': 'white_other',
    'other white background': 'white_other',
    'any other white background': 'white_other',
    'other background': 'white_other',
    'any other background': 'white_other',
  },
  mixed: {
    'white and black caribbean': 'mixed_white_black_caribbean',
    'white black caribbean': 'mixed_white_black_caribbean',
    'white and black african': 'mixed_white_black_african',
    'white black african': 'mixed_white_black_african',
    'white and asian': 'mixed_white_asian',
    'white asian': 'mixed_white_asian',
    other: 'mixed_other',
    'any other': 'mixed_other',
    'other mixed': 'mixed_other',
    'other mixed background': 'mixed_other',
    'any other mixed background': 'mixed_other',
    'any other mixed or multiple ethnic background': 'mixed_other',
    'any other mixed multiple ethnic background': 'mixed_other',
    'other mixed or multiple ethnic background': 'mixed_other',
    'other background': 'mixed_other',
    'any other background': 'mixed_other',
  },
  asian: {
    indian: 'asian_indian',
    pakistani: 'asian_pakistani',
    bangladeshi: 'asian_bangladeshi',
    chinese: 'asian_chinese',
    other: 'asian_other',
    'any other': 'asian_other',
    'other asian': 'asian_other',
    'other asian background': 'asian_other',
    'any other asian background': 'asian_other',
    'other background': 'asian_other',
    'any other background': 'asian_other',
  },
  black: {
    african: 'black_african',
    caribbean: 'black_caribbean',
    other: 'black_other',
    'any other': 'black_other',
    'other black': 'black_other',
    'other black background': 'black_other',
    'any other black background': 'black_other',
    'other black african or caribbean background': 'black_other',
    'any other black african or caribbean background': 'black_other',
    'any other black african caribbean background': 'black_other',
    'other black african caribbean background': 'black_other',
    'other black black british or caribbean background': 'black_other',
    'any other black black british or caribbean background': 'black_other',
    'other background': 'black_other',
    'any other background': 'black_other',
  },
  other: {
    arab: 'other_arab',
    chinese: 'asian_chinese',
    any: 'other_any',
    other: 'other_any',
    'any other': 'other_any',
    'any other ethnic group': 'other_any',
    'other ethnic group': 'other_any',
    'any other group': 'other_any',
  },
};

/** The ways each group's name is written before its detail (normalised; longest first). */
const GROUP_PREFIXES: readonly (readonly [string, Exclude<Ethnicity, 'unknown'>])[] = (
  [
    ['white', 'white'],
    ['mixed', 'mixed'],
    ['mixed multiple', 'mixed'],
    ['mixed multiple ethnic group', 'mixed'],
    ['mixed multiple ethnic groups', 'mixed'],
    ['mixed or multiple ethnic groups', 'mixed'],
    ['multiple ethnic groups', 'mixed'],
    ['dual heritage', 'mixed'],
    ['asian', 'asian'],
    ['asian british', 'asian'],
    ['asian asian british', 'asian'],
    ['asian or asian british', 'asian'],
    ['asian asian british asian welsh', 'asian'],
    ['asian asian british or asian welsh', 'asian'],
    ['black', 'black'],
    ['black british', 'black'],
    ['black black british', 'black'],
    ['black or black british', 'black'],
    ['black african caribbean black british', 'black'],
    ['black african caribbean or black british', 'black'],
    ['black black british black welsh caribbean or african', 'black'],
    ['other', 'other'],
    ['other ethnic group', 'other'],
    ['other ethnic groups', 'other'],
  ] as const
).toSorted((a, b) => b[0].length - a[0].length);

/** Whole names (normalised) that are not a group prefix followed by a detail. */
const WHOLE_NAMES: ReadonlyMap<string, EthnicityDetail> = new Map<string, EthnicityDetail>([
  ...UNKNOWN_SPELLINGS.map((s) => [s, 'unknown'] as const),
  // A detail alone where it names one group only.
  ['indian', 'asian_indian'],
  ['pakistani', 'asian_pakistani'],
  ['bangladeshi', 'asian_bangladeshi'],
  ['chinese', 'asian_chinese'],
  ['african', 'black_african'],
  ['caribbean', 'black_caribbean'],
  ['irish', 'white_irish'],
  ['gypsy or irish traveller', 'white_gypsy_irish_traveller'],
  ['roma', 'white_roma'],
  ['arab', 'other_arab'],
  ['white and black caribbean', 'mixed_white_black_caribbean'],
  ['white and black african', 'mixed_white_black_african'],
  ['white and asian', 'mixed_white_asian'],
  // "Other X" and "Any other X background" name group X, not the Other group.
  ['other white', 'white_other'],
  ['other mixed', 'mixed_other'],
  ['other asian', 'asian_other'],
  ['other black', 'black_other'],
  ['any other white background', 'white_other'],
  ['any other mixed background', 'mixed_other'],
  ['any other mixed multiple ethnic background', 'mixed_other'],
  ['any other mixed or multiple ethnic background', 'mixed_other'],
  ['any other asian background', 'asian_other'],
  ['any other black background', 'black_other'],
  ['any other black african or caribbean background', 'black_other'],
  ['any other ethnic group', 'other_any'],
  // tides' own ids, as a template's drop-down writes them.
  ...ETHNICITY_DETAIL.map((d) => [normalise(d), d] as const),
]);

/** Lower case, every run of other characters (`/ : - , ( ) &`…) one space, `&` read as "and". */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A parsed ethnicity: the detailed group, and the high-level one it belongs to. */
export interface ParsedEthnicity {
  readonly detail: EthnicityDetail;
  readonly group: Ethnicity;
  /** Set when a known group's detail was not recognised: the group is kept, and this says why. */
  readonly partly?: string;
}

/** Reads an ethnicity as a partner wrote it (see the module's comment). */
export function parseEthnicity(text: string): Parsed<ParsedEthnicity> {
  const key = normalise(text);
  if (key === '') return { ok: false, reason: 'empty' };
  const words = key.split(' ');
  // An NHS code, alone or before or after its label.
  const first = words[0] as string;
  const last = words.at(-1) as string;
  const codeAt = Object.hasOwn(NHS_CODES, key)
    ? key
    : words.length > 1 && Object.hasOwn(NHS_CODES, first) && first.length <= 2
      ? first
      : words.length > 1 && Object.hasOwn(NHS_CODES, last) && last.length === 1
        ? last
        : null;
  if (codeAt !== null) {
    const byCode = NHS_CODES[codeAt] as EthnicityDetail;
    if (codeAt === key) return found(byCode);
    const label = codeAt === first ? words.slice(1).join(' ') : words.slice(0, -1).join(' ');
    const byLabel = byName(label);
    if (byLabel === null || byLabel.detail === byCode) return found(byCode);
    return {
      ok: false,
      reason: `NHS code ${codeAt.toUpperCase()} (${byCode}) disagrees with its label (${byLabel.detail})`,
    };
  }
  const named = byName(key);
  if (named !== null) return { ok: true, value: named };
  return {
    ok: false,
    reason: `not an ethnic group tides knows (${ETHNICITY.values.join(', ')}, NHS codes A–S, Z, 99, or ONS census names)`,
  };
}

function found(detail: EthnicityDetail): Parsed<ParsedEthnicity> {
  return { ok: true, value: { detail, group: groupOfDetail(detail) } };
}

function byName(key: string): ParsedEthnicity | null {
  const whole = WHOLE_NAMES.get(key);
  if (whole !== undefined) return { detail: whole, group: groupOfDetail(whole) };
  for (const [prefix, group] of GROUP_PREFIXES) {
    if (key !== prefix && !key.startsWith(`${prefix} `)) continue;
    const rest = key.slice(prefix.length).trim();
    if (rest === '') return { detail: group, group };
    const detail = DETAIL_AFTER_GROUP[group][rest];
    if (detail !== undefined && Object.hasOwn(DETAIL_AFTER_GROUP[group], rest)) {
      return { detail, group: groupOfDetail(detail) };
    }
    return { detail: group, group, partly: `the detail "${rest}" is not one tides knows` };
  }
  return null;
}
