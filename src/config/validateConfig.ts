import { DISABILITY, PARTNER_TYPE, SEX, TIMEPOINT, TOTAL_LABEL } from '../contract/codes.js';
import { COLUMNS } from '../contract/columns.js';
import { parseEthnicity } from '../contract/ethnicity.js';
import { BUILTIN_MEASURE_IDS } from '../contract/measures.js';
import { recallPeriodsPerYear } from '../contract/recall.js';
import { parseCode } from '../contract/values.js';
import { UnusableInputError } from '../errors.js';
import { ownRecord, ownValue } from '../ownKeys.js';
import type { TidesConfig } from './types.js';
import { OUTCOME_AREAS } from './types.js';

/** The top-level keys of tides.config.json (the README's example shows each). */
export const CONFIG_KEYS: ReadonlySet<string> = new Set([
  '$schema',
  'programme',
  'aliases',
  'partners',
  'recode',
  'files',
  'layouts',
  'measures',
  'max_missing_items',
  'swemwbs_score',
  'meaningful_change',
  'primary_measure',
  'two_digit_years',
  'imd_edition',
  'disclosure',
  'inclusion_groups',
  'social_value',
]);

const ALL_COLUMNS = new Set(Object.values(COLUMNS).flatMap((specs) => specs.map((c) => c.name)));
const BUILTIN_MEASURES: ReadonlySet<string> = new Set(BUILTIN_MEASURE_IDS);
const MEASURE_ID = /^[a-z][a-z0-9_]{0,39}$/;

export function validateConfig(raw: unknown, display: string): TidesConfig {
  const fail = (key: string, problem: string): never => {
    throw new UnusableInputError(`${display}: ${key} ${problem}`);
  };
  if (!isObject(raw)) return fail('the file', 'must hold a JSON object');
  for (const key of Object.keys(raw)) {
    if (!CONFIG_KEYS.has(key))
      fail(`"${key}"`, 'is not a setting tides knows (check the spelling)');
  }
  if (raw.programme !== undefined && typeof raw.programme !== 'string') {
    fail('programme', 'must be text');
  }
  if (raw.aliases !== undefined) checkAliases(raw.aliases, 'aliases', fail);
  if (raw.partners !== undefined) {
    if (!isObject(raw.partners)) fail('partners', 'must be an object keyed by partner_id');
    for (const [id, partner] of Object.entries(raw.partners as Record<string, unknown>)) {
      if (!isObject(partner)) fail(`partners.${id}`, 'must be an object');
      const p = partner as Record<string, unknown>;
      for (const key of Object.keys(p)) {
        if (key !== 'aliases' && key !== 'recode') {
          fail(`partners.${id}.${key}`, 'is not a partner setting');
        }
      }
      if (p.aliases !== undefined) checkAliases(p.aliases, `partners.${id}.aliases`, fail);
    }
  }
  if (raw.max_missing_items !== undefined) {
    const v = raw.max_missing_items;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 13) {
      fail('max_missing_items', 'must be a whole number from 0 to 13');
    }
  }
  if (
    raw.swemwbs_score !== undefined &&
    !['auto', 'raw', 'metric'].includes(raw.swemwbs_score as string)
  ) {
    fail('swemwbs_score', 'must be "auto", "raw" or "metric"');
  }
  if (raw.measures !== undefined) {
    if (!isObject(raw.measures)) fail('measures', 'must be an object keyed by measure name');
    for (const [id, m] of Object.entries(raw.measures as Record<string, unknown>)) {
      checkMeasure(id, m, fail);
    }
  }
  const measureIds = new Set([...BUILTIN_MEASURES, ...Object.keys((raw.measures as object) ?? {})]);
  const recodes: [string, unknown][] = [['recode', raw.recode]];
  for (const [id, partner] of Object.entries((raw.partners as Record<string, unknown>) ?? {})) {
    recodes.push([`partners.${id}.recode`, (partner as Record<string, unknown>).recode]);
  }
  for (const [key, recode] of recodes) {
    if (recode !== undefined) checkRecode(recode, key, measureIds, fail);
  }
  if (raw.meaningful_change !== undefined) {
    if (!isObject(raw.meaningful_change)) fail('meaningful_change', 'must map measure → points');
    for (const [id, v] of Object.entries(raw.meaningful_change as Record<string, unknown>)) {
      if (!measureIds.has(id)) fail(`meaningful_change.${id}`, 'names no known measure');
      if (typeof v !== 'number' || !(v > 0))
        fail(`meaningful_change.${id}`, 'must be a number > 0');
    }
  }
  // Change in a score measure is what the primary measure and social value rest on.
  const scoreIds = new Set(
    [...measureIds].filter((id) => {
      const m = ownValue(raw.measures as Record<string, unknown> | undefined, id);
      return !isObject(m) || m.type === undefined || m.type === 'score';
    }),
  );
  if (raw.primary_measure !== undefined) {
    if (typeof raw.primary_measure !== 'string' || !measureIds.has(raw.primary_measure)) {
      fail('primary_measure', 'must name a known measure');
    }
    if (!scoreIds.has(raw.primary_measure as string)) {
      fail('primary_measure', 'must name a score measure (not a yes/no or count measure)');
    }
  }
  if (raw.imd_edition !== undefined && raw.imd_edition !== '2019' && raw.imd_edition !== '2025') {
    fail('imd_edition', 'must be "2019" (LSOA 2011 codes) or "2025" (LSOA 2021 codes)');
  }
  if (raw.files !== undefined) {
    if (!isObject(raw.files)) fail('files', 'must map participants and outcomes to lists of globs');
    for (const [kind, globs] of Object.entries(raw.files as Record<string, unknown>)) {
      if (kind !== 'participants' && kind !== 'outcomes') {
        fail(`files.${kind}`, 'is not a kind of file (participants, outcomes)');
      }
      if (!Array.isArray(globs) || !globs.every((g) => typeof g === 'string' && g.trim() !== '')) {
        fail(`files.${kind}`, 'must be a list of globs (e.g. "**/*WEMWBS scores*.csv")');
      }
    }
  }
  if (raw.layouts !== undefined) checkLayouts(raw.layouts, measureIds, fail);
  if (raw.two_digit_years !== undefined && typeof raw.two_digit_years !== 'boolean') {
    fail('two_digit_years', 'must be true or false');
  }
  if (raw.disclosure !== undefined) {
    if (!isObject(raw.disclosure)) fail('disclosure', 'must be an object');
    const d = raw.disclosure as Record<string, unknown>;
    for (const key of Object.keys(d)) {
      if (key !== 'min_cell' && key !== 'round_to' && key !== 'preset') {
        fail(`disclosure.${key}`, 'is not a disclosure setting');
      }
    }
    if (
      d.preset !== undefined &&
      !['standard', 'nhsd-2018', 'secure-research'].includes(d.preset as string)
    ) {
      fail('disclosure.preset', 'must be "standard", "nhsd-2018" or "secure-research"');
    }
    if (d.min_cell !== undefined && !isWholeAtLeast(d.min_cell, 1)) {
      fail('disclosure.min_cell', 'must be a whole number ≥ 1');
    }
    if (d.round_to !== undefined && d.round_to !== null && !isWholeAtLeast(d.round_to, 1)) {
      fail('disclosure.round_to', 'must be a whole number ≥ 1 or null');
    }
  }
  if (raw.inclusion_groups !== undefined) {
    const g = raw.inclusion_groups;
    if (!Array.isArray(g) || !g.every((x) => typeof x === 'string')) {
      fail('inclusion_groups', 'must be a list of flag names');
    }
  }
  if (raw.social_value !== undefined) {
    checkSocialValue(raw.social_value, scoreIds, savingIds(raw.measures), fail);
  }
  return withoutPrototypes(raw as TidesConfig);
}

/**
 * The config with every object keyed by the user's text (aliases, partners, measures, meaningful
 * change) rebuilt without a prototype, so that no later lookup by a partner or measure name can
 * read Object.prototype (see ownKeys.ts).
 */
function withoutPrototypes(config: TidesConfig): TidesConfig {
  const partners =
    config.partners &&
    ownRecord(
      Object.fromEntries(
        Object.entries(config.partners).map(([id, partner]) => [
          id,
          partner.aliases ? { ...partner, aliases: ownRecord(partner.aliases) } : partner,
        ]),
      ),
    );
  return {
    ...config,
    ...(config.aliases && { aliases: ownRecord(config.aliases) }),
    ...(partners && { partners }),
    ...(config.measures && { measures: ownRecord(config.measures) }),
    ...(config.meaningful_change && { meaningful_change: ownRecord(config.meaningful_change) }),
  };
}

/**
 * A recode block: column → (value → accepted value). Only coded columns can be recoded, and
 * every target must be a value the column accepts, so that a recode can never make a value
 * tides would refuse.
 */
function checkRecode(value: unknown, key: string, measures: ReadonlySet<string>, fail: Fail) {
  if (!isObject(value)) fail(key, 'must map a coded column to { value: accepted value }');
  for (const [column, map] of Object.entries(value as Record<string, unknown>)) {
    const where = `${key}.${column}`;
    if (!RECODED_COLUMNS.includes(column)) {
      fail(where, `is not a coded column (${RECODED_COLUMNS.join(', ')})`);
    }
    if (!isObject(map)) fail(where, 'must map values to accepted values');
    for (const [from, to] of Object.entries(map as Record<string, unknown>)) {
      if (typeof to !== 'string' || !acceptsValue(column, to, measures)) {
        fail(
          `${where}.${JSON.stringify(from)}`,
          `must be a value ${column} accepts, not ${JSON.stringify(to)}`,
        );
      }
    }
  }
}

/** Whether a coded column accepts a value as it stands (a recode's target). */
function acceptsValue(column: string, value: string, measures: ReadonlySet<string>): boolean {
  switch (column) {
    case 'ethnicity': {
      const parsed = parseEthnicity(value);
      return parsed.ok && parsed.value.partly === undefined;
    }
    case 'measure':
      return measures.has(value);
    default:
      return parseCode(value, CODED[column as keyof typeof CODED]).ok;
  }
}

const CODED = {
  sex: SEX,
  disability: DISABILITY,
  partner_type: PARTNER_TYPE,
  timepoint: TIMEPOINT,
};
/** The columns a config may recode. */
export const RECODED_COLUMNS: readonly string[] = [...Object.keys(CODED), 'ethnicity', 'measure'];

/** Wide layouts: each names its files and, per measure and timepoint, its columns. */
function checkLayouts(value: unknown, measures: ReadonlySet<string>, fail: Fail): void {
  if (!isObject(value)) fail('layouts', 'must map a layout name to { files, measures }');
  for (const [name, layout] of Object.entries(value as Record<string, unknown>)) {
    const at = `layouts.${name}`;
    if (!isObject(layout)) fail(at, 'must be an object with files and measures');
    const l = layout as Record<string, unknown>;
    for (const key of Object.keys(l)) {
      if (key !== 'files' && key !== 'measures') fail(`${at}.${key}`, 'is not a layout setting');
    }
    if (
      !Array.isArray(l.files) ||
      l.files.length === 0 ||
      !l.files.every((g) => typeof g === 'string' && g !== '')
    ) {
      fail(`${at}.files`, 'must be a list of globs naming the files of this layout');
    }
    if (!isObject(l.measures) || Object.keys(l.measures as object).length === 0) {
      fail(`${at}.measures`, 'must map measures to their columns at baseline and follow-up');
    }
    for (const [measure, timepoints] of Object.entries(l.measures as Record<string, unknown>)) {
      const m = `${at}.measures.${measure}`;
      if (!measures.has(measure)) fail(m, 'names no known measure');
      if (!isObject(timepoints)) fail(m, 'must map baseline and followup to columns');
      for (const [timepoint, columns] of Object.entries(timepoints as Record<string, unknown>)) {
        const t = `${m}.${timepoint}`;
        if (timepoint !== 'baseline' && timepoint !== 'followup')
          fail(t, 'is not a timepoint (baseline, followup)');
        if (!isObject(columns)) fail(t, 'must name its score or items column(s)');
        const c = columns as Record<string, unknown>;
        for (const key of Object.keys(c)) {
          if (key !== 'score' && key !== 'items' && key !== 'recorded_on')
            fail(`${t}.${key}`, 'is not score, items or recorded_on');
        }
        if (c.score === undefined && c.items === undefined)
          fail(t, 'must name a score or items column');
        for (const key of ['score', 'recorded_on'] as const) {
          if (c[key] !== undefined && (typeof c[key] !== 'string' || c[key] === ''))
            fail(`${t}.${key}`, 'must be a column name');
        }
        const items = c.items;
        const itemsOk =
          items === undefined ||
          (typeof items === 'string' && items.includes('{n}')) ||
          (Array.isArray(items) &&
            items.length > 0 &&
            items.every((i) => typeof i === 'string' && i !== ''));
        if (!itemsOk)
          fail(`${t}.items`, 'must be a list of column names, or a pattern with {n} (Q{n}_pre)');
      }
    }
  }
}

const SHARES = ['deadweight', 'attribution', 'displacement', 'drop_off'] as const;

/** Count measures of service use with a unit cost, where fewer is better: what a saving rests on. */
function savingIds(measures: unknown): Set<string> {
  if (!isObject(measures)) return new Set();
  return new Set(
    Object.entries(measures)
      .filter(
        ([, m]) =>
          isObject(m) &&
          m.type === 'count' &&
          m.direction === 'lower_better' &&
          typeof m.unit_cost_gbp === 'number',
      )
      .map(([id]) => id),
  );
}

function checkSocialValue(
  value: unknown,
  measures: ReadonlySet<string>,
  savings: ReadonlySet<string>,
  fail: Fail,
): void {
  if (!isObject(value)) fail('social_value', 'must be an object');
  const v = value as Record<string, unknown>;
  if (typeof v.source !== 'string' || v.source.trim() === '') {
    fail('social_value.source', 'must say where the values come from');
  }
  if (v.illustrative !== undefined && typeof v.illustrative !== 'boolean') {
    fail('social_value.illustrative', 'must be true or false');
  }
  if (
    v.discount_rate !== undefined &&
    !(typeof v.discount_rate === 'number' && v.discount_rate >= 0 && v.discount_rate < 1)
  ) {
    fail('social_value.discount_rate', 'must be a number from 0 to 1 (e.g. 0.035)');
  }
  if (v.first_year !== undefined && v.first_year !== 0 && v.first_year !== 1) {
    fail('social_value.first_year', 'must be 0 or 1');
  }
  if (!Array.isArray(v.outcomes) || v.outcomes.length === 0) {
    fail('social_value.outcomes', 'must be a non-empty list');
  }
  const ids = new Set<string>();
  (v.outcomes as unknown[]).forEach((outcome, i) => {
    const key = `social_value.outcomes[${i}]`;
    if (!isObject(outcome)) fail(key, 'must be an object');
    const o = outcome as Record<string, unknown>;
    if (typeof o.id !== 'string' || o.id === '' || ids.has(o.id))
      fail(`${key}.id`, 'must be a unique name');
    if (o.id === TOTAL_LABEL) {
      fail(
        `${key}.id`,
        `must not be ${TOTAL_LABEL}, the name of the total row of social_value.csv`,
      );
    }
    ids.add(o.id as string);
    if (o.basis !== 'people_improved' && o.basis !== 'points_gained' && o.basis !== 'cost_saving') {
      fail(`${key}.basis`, 'must be "people_improved", "points_gained" or "cost_saving"');
    }
    if (o.basis === 'cost_saving') {
      if (typeof o.measure !== 'string' || !savings.has(o.measure)) {
        fail(
          `${key}.measure`,
          'must name a count measure with a unit_cost_gbp where fewer is better (a cost_saving)',
        );
      }
      if (o.value_gbp !== undefined) {
        fail(`${key}.value_gbp`, 'is not given for a cost_saving: the measure’s unit cost is used');
      }
    } else {
      if (typeof o.measure !== 'string' || !measures.has(o.measure))
        fail(`${key}.measure`, 'must name a known score measure');
      if (typeof o.value_gbp !== 'number' || !(o.value_gbp >= 0))
        fail(`${key}.value_gbp`, 'must be an amount ≥ 0');
    }
    for (const share of SHARES) {
      const x = o[share];
      if (typeof x !== 'number' || x < 0 || x > 1)
        fail(`${key}.${share}`, 'must be a share from 0 to 1');
    }
    if (!isWholeAtLeast(o.duration_years, 1))
      fail(`${key}.duration_years`, 'must be a whole number ≥ 1');
    if (typeof o.source !== 'string' || o.source.trim() === '')
      fail(`${key}.source`, 'must say where the value comes from');
  });
}

type Fail = (key: string, problem: string) => never;

function checkAliases(value: unknown, key: string, fail: Fail): void {
  if (!isObject(value)) fail(key, 'must map a contract column to a list of header names');
  for (const [column, names] of Object.entries(value as Record<string, unknown>)) {
    if (!ALL_COLUMNS.has(column)) fail(`${key}.${column}`, 'is not a column of the data contract');
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string' && n.trim() !== '')) {
      fail(`${key}.${column}`, 'must be a list of header names');
    }
  }
}

function checkMeasure(id: string, value: unknown, fail: Fail): void {
  const key = `measures.${id}`;
  if (!MEASURE_ID.test(id)) fail(key, 'must be named in lower case letters, digits and _');
  if (BUILTIN_MEASURES.has(id)) fail(key, 'is a built-in measure and cannot be redefined');
  if (!isObject(value)) fail(key, 'must be an object');
  const m = value as Record<string, unknown>;
  if (m.type !== undefined && m.type !== 'score' && m.type !== 'binary' && m.type !== 'count') {
    fail(`${key}.type`, 'must be "score", "binary" or "count"');
  }
  if (m.area !== undefined && (typeof m.area !== 'string' || !MEASURE_ID.test(m.area))) {
    fail(
      `${key}.area`,
      `must be one of ${OUTCOME_AREAS.join(', ')}, or a label in lower case letters, digits and _`,
    );
  }
  if (m.label !== undefined && typeof m.label !== 'string') fail(`${key}.label`, 'must be text');
  if (m.type === 'binary') checkBinaryMeasure(key, m, fail);
  else if (m.type === 'count') checkCountMeasure(key, m, fail);
  else checkScoreMeasure(key, m, fail);
}

/** Keys that only some types of measure take. */
const TYPED_KEYS: Readonly<Record<string, readonly string[]>> = {
  score: ['min', 'max', 'direction', 'meaningful_change', 'items', 'item_min', 'item_max', 'bands'],
  binary: ['better'],
  count: ['direction', 'recall_period', 'max', 'unit_cost_gbp', 'unit_cost_source'],
};

function checkOnlyKeysOf(type: string, key: string, m: Record<string, unknown>, fail: Fail) {
  const own = TYPED_KEYS[type] ?? [];
  for (const [other, keys] of Object.entries(TYPED_KEYS)) {
    for (const k of keys) {
      if (m[k] !== undefined && !own.includes(k)) {
        fail(`${key}.${k}`, `is for a ${other} measure, not a ${type} one`);
      }
    }
  }
}

function checkBinaryMeasure(key: string, m: Record<string, unknown>, fail: Fail): void {
  checkOnlyKeysOf('binary', key, m, fail);
  if (m.better !== 'yes' && m.better !== 'no') {
    fail(`${key}.better`, 'must be "yes" or "no": which answer is the better outcome');
  }
  if (m.area === undefined) fail(`${key}.area`, 'must name the outcome area of a binary measure');
}

function checkCountMeasure(key: string, m: Record<string, unknown>, fail: Fail): void {
  checkOnlyKeysOf('count', key, m, fail);
  if (m.direction !== 'higher_better' && m.direction !== 'lower_better') {
    fail(`${key}.direction`, 'must be "higher_better" or "lower_better"');
  }
  if (typeof m.recall_period !== 'string' || recallPeriodsPerYear(m.recall_period) === null) {
    fail(
      `${key}.recall_period`,
      'must say the period each count covers, as a number of days, weeks, months or years (e.g. "3 months")',
    );
  }
  if (m.unit_cost_gbp !== undefined) {
    if (typeof m.unit_cost_gbp !== 'number' || !(m.unit_cost_gbp > 0)) {
      fail(`${key}.unit_cost_gbp`, 'must be a number of pounds > 0');
    }
    if (typeof m.unit_cost_source !== 'string' || m.unit_cost_source.trim() === '') {
      fail(`${key}.unit_cost_source`, 'must say where the unit cost comes from');
    }
  } else if (m.unit_cost_source !== undefined) {
    fail(`${key}.unit_cost_source`, 'is the source of unit_cost_gbp, which is not given');
  }
  if (m.max !== undefined && !isWholeAtLeast(m.max, 1)) {
    fail(`${key}.max`, 'must be a whole number ≥ 1 (the most that is plausible in the period)');
  }
  if (m.area === undefined) fail(`${key}.area`, 'must name the outcome area of a count measure');
}

function checkScoreMeasure(key: string, m: Record<string, unknown>, fail: Fail): void {
  checkOnlyKeysOf('score', key, m, fail);
  if (typeof m.min !== 'number' || typeof m.max !== 'number' || !(m.min < m.max)) {
    fail(`${key}.min/max`, 'must be numbers with min < max');
  }
  if (m.direction !== 'higher_better' && m.direction !== 'lower_better') {
    fail(`${key}.direction`, 'must be "higher_better" or "lower_better"');
  }
  if (typeof m.meaningful_change !== 'number' || !(m.meaningful_change > 0)) {
    fail(`${key}.meaningful_change`, 'must be a number > 0');
  }
  if (m.items !== undefined && !(isWholeAtLeast(m.items, 1) && (m.items as number) <= 14)) {
    fail(`${key}.items`, 'must be a whole number from 1 to 14 (item_1 … item_14)');
  }
  if (m.bands !== undefined) {
    if (!Array.isArray(m.bands)) fail(`${key}.bands`, 'must be a list');
    let previous = Number.NEGATIVE_INFINITY;
    (m.bands as unknown[]).forEach((band, i) => {
      if (!isObject(band) || typeof band.label !== 'string')
        fail(`${key}.bands[${i}]`, 'needs a label');
      const b = band as Record<string, unknown>;
      const last = i === (m.bands as unknown[]).length - 1;
      if (!last && typeof b.up_to !== 'number')
        fail(`${key}.bands[${i}].up_to`, 'must be a number');
      if (typeof b.up_to === 'number') {
        if (!(b.up_to > previous)) fail(`${key}.bands[${i}].up_to`, 'must increase band by band');
        previous = b.up_to;
      }
    });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeAtLeast(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}
