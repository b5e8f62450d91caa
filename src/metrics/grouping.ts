import { DISABILITY, ETHNICITY, SEX, UNKNOWN } from '../contract/codes.js';
import { ageBand, financialYear, imdQuintile } from '../contract/dimensions.js';
import type { Programme } from '../load/loadProgramme.js';
import { ALL } from './table.js';

/** Dimensions an analysis can be grouped by (`--by`). */
export const DIMENSIONS = [
  'partner_id',
  'partner_type',
  'theme',
  'cohort',
  'imd_decile',
  'imd_quintile',
  'sex',
  'age_band',
  'ethnicity',
  'disability',
  'year',
  'inclusion_group',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}

/** Label of people who belong to no inclusion group. */
export const NO_INCLUSION_GROUP = 'none';

/**
 * The categories an episode falls in on a dimension. One category, except for inclusion groups:
 * a person in two groups counts in both (and such rows do not add up to the total).
 * `year` is the UK financial year of enrolment, unless `day` gives another date (the follow-up,
 * for outcome change).
 */
export function categoriesOf(
  programme: Programme,
  dimension: Dimension,
  episode: number,
  day?: number,
): readonly string[] {
  const e = programme.episodes;
  switch (dimension) {
    case 'partner_id':
      return [programme.partners[e.partner.get(episode)]?.id ?? UNKNOWN];
    case 'partner_type':
      return [programme.partners[e.partner.get(episode)]?.type ?? UNKNOWN];
    case 'theme':
      return [programme.partners[e.partner.get(episode)]?.theme ?? UNKNOWN];
    case 'cohort':
      return [e.cohorts.values[e.cohort.get(episode)] ?? UNKNOWN];
    case 'imd_decile': {
      const d = e.imdDecile.get(episode);
      return [d > 0 ? String(d) : UNKNOWN];
    }
    case 'imd_quintile': {
      const d = e.imdDecile.get(episode);
      return [d > 0 ? String(imdQuintile(d)) : UNKNOWN];
    }
    case 'sex':
      return [SEX.values[e.sex.get(episode)] ?? UNKNOWN];
    case 'age_band': {
      const age = e.age.get(episode);
      return [age >= 0 ? ageBand(age) : UNKNOWN];
    }
    case 'ethnicity':
      return [ETHNICITY.values[e.ethnicity.get(episode)] ?? UNKNOWN];
    case 'disability':
      return [DISABILITY.values[e.disability.get(episode)] ?? UNKNOWN];
    case 'year':
      return [financialYear(day ?? e.enrolledOn.get(episode))];
    case 'inclusion_group':
      return inclusionGroupsOf(programme, episode);
  }
}

export function inclusionGroupsOf(programme: Programme, episode: number): readonly string[] {
  const mask = programme.episodes.inclusion.get(episode);
  if (mask === 0) return [NO_INCLUSION_GROUP];
  const groups: string[] = [];
  programme.episodes.inclusionGroups.values.forEach((name, bit) => {
    if (mask & (1 << bit)) groups.push(name);
  });
  return groups.sort();
}

const SEPARATOR = '\u0001';

/**
 * Every combination of an episode's categories on the grouping dimensions, as keys. With two or
 * more dimensions the margins come too (`All` on some dimensions, e.g. `P001 × All`), so that
 * each line of a cross-classification is published with its total, and disclosure control can
 * protect a cell against the total it adds up to (see `lineSets`). The grand total (`All` on
 * every dimension) is left to the caller.
 */
export function groupKeys(
  programme: Programme,
  by: readonly Dimension[],
  episode: number,
  day?: number,
): string[] {
  const margins = by.length > 1;
  let keys: string[][] = [[]];
  for (const dimension of by) {
    const categories = categoriesOf(programme, dimension, episode, day);
    const choices = margins ? [...categories, ALL] : categories;
    keys = keys.flatMap((prefix) => choices.map((category) => [...prefix, category]));
  }
  const joined = keys.map((parts) => parts.join(SEPARATOR));
  return margins ? joined.filter((key) => key !== allKey(by)) : joined;
}

/**
 * Sets of row indices whose rows lie on one line of the table: the same categories on every
 * dimension but one, which varies over its categories and `All` (the line's total). Hiding one
 * cell of a line without another would let it be recovered from the line's total. `lineOf`
 * returns the row's group key, or null for rows that belong to no line (with `extra`, e.g. a
 * profile's dimension and category, keeping lines of different measures apart).
 */
export function lineSets(
  rows: readonly Readonly<Record<string, unknown>>[],
  by: readonly Dimension[],
  extra: (row: Readonly<Record<string, unknown>>) => string = () => '',
): number[][] {
  if (by.length === 0) return [];
  const lines = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const parts = by.map((dimension) => String(row[dimension]));
    by.forEach((_, d) => {
      const line = parts.map((part, i) => (i === d ? '*' : part)).join(SEPARATOR);
      const key = `${line}\u0002${extra(row)}`;
      lines.set(key, [...(lines.get(key) ?? []), index]);
    });
  });
  return [...lines.values()].filter((set) => set.length > 2);
}

/** The total row's key: `All` on every grouping dimension. */
export function allKey(by: readonly Dimension[]): string {
  return by.map(() => ALL).join(SEPARATOR);
}

/** Group cells of a key: `{partner_id: 'P001', year: '2016-17'}`. */
export function groupCells(by: readonly Dimension[], key: string): Record<string, string> {
  const parts = by.length === 0 ? [] : key.split(SEPARATOR);
  const cells: Record<string, string> = {};
  by.forEach((dimension, i) => {
    cells[dimension] = parts[i] ?? ALL;
  });
  return cells;
}

/** Natural order of group keys: numbers numerically, `unknown`/`none` last, `All` first. */
export function compareGroupKeys(a: string, b: string): number {
  const pa = a.split(SEPARATOR);
  const pb = b.split(SEPARATOR);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const c = compareCategory(pa[i] ?? '', pb[i] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

function rank(value: string): number {
  if (value === ALL) return 0;
  if (value === UNKNOWN || value === NO_INCLUSION_GROUP) return 2;
  return 1;
}

export function compareCategory(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb) && na !== nb)
    return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Each person's first episode (earliest enrolment; the episode read first on a tie): the episode
 * whose details describe the person in totals, so that a person at two partners counts once.
 */
export function firstEpisodes(
  programme: Programme,
  include: (episode: number) => boolean,
): Int32Array {
  const e = programme.episodes;
  const first = new Int32Array(e.people.size).fill(-1);
  for (let i = 0; i < e.count; i++) {
    if (!include(i)) continue;
    const person = e.person.get(i);
    const current = first[person] as number;
    if (current < 0 || e.enrolledOn.get(i) < e.enrolledOn.get(current)) first[person] = i;
  }
  return first;
}

/** The integers from `start` up to (not including) `end`. */
export function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}
