import { DISABILITY, ETHNICITY, SEX, UNKNOWN } from '../contract/codes.js';
import { ageBand, financialYear, imdQuintile } from '../contract/dimensions.js';
import { ETHNICITY_DETAIL } from '../contract/ethnicity.js';
import type { Programme } from '../model/programme.js';
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
  'ethnicity_detail',
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
    case 'ethnicity_detail':
      return [ETHNICITY_DETAIL[e.ethnicityDetail.get(episode)] ?? UNKNOWN];
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
 * What is grouped: episodes or pair slots (`ids`, in order), each with its episode and the day it
 * counts in for `year` (enrolment, or the follow-up for outcome change: see `categoriesOf`).
 */
export interface Members {
  readonly ids: ArrayLike<number>;
  readonly episodeOf: (id: number) => number;
  readonly dayOf: (id: number) => number;
  /**
   * The column `episodeOf` reads, for members that are not episodes themselves (pair slots):
   * coding reads it directly, member after member.
   */
  readonly episodeColumn?: EpisodeColumn;
}

/** A column of numbers by episode (or by member), as the model's columns are read. */
interface EpisodeColumn {
  get(index: number): number;
}

/** The episodes in `ids`, each counting in the year of its enrolment. */
export function episodeMembers(programme: Programme, ids: ArrayLike<number>): Members {
  const enrolled = programme.episodes.enrolledOn;
  return { ids, episodeOf: (id) => id, dayOf: (id) => enrolled.get(id) };
}

/** Members' categories on one dimension as codes: `codes[i]` of member `ids[i]`. */
export interface CodedDimension {
  readonly codes: Int32Array;
  /** The categories of each code, as `categoriesOf` gives them. */
  readonly categories: readonly (readonly string[])[];
}

/**
 * The members' categories on a dimension as small integer codes (0, 1, 2… in order of first
 * appearance), so that counting and grouping work on integers: category labels are worked out
 * once per code rather than once per member.
 */
export function codeDimension(
  programme: Programme,
  dimension: Dimension,
  members: Members,
): CodedDimension {
  const { ids, episodeOf, dayOf } = members;
  // One loop reading the columns (no function per member): at national scale, tens of millions
  // of members are coded per analysis.
  const column = categoryColumn(programme, dimension);
  const via = members.episodeColumn;
  const numbering = new Numbering();
  const categories: (readonly string[])[] = [];
  const codes = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    const value =
      column === null ? dayOf(id) : column.get(via === undefined ? episodeOf(id) : via.get(id));
    const code = numbering.numberOf(value);
    if (code === categories.length) {
      categories.push(categoriesOf(programme, dimension, episodeOf(id), dayOf(id)));
    }
    codes[i] = code;
  }
  return { codes, categories };
}

/**
 * The column an episode's categories on a dimension follow from (its partner, decile, inclusion
 * mask…): episodes with the same number have the same categories. Null for `year`, which
 * follows from the day a member counts in (`Members.dayOf`).
 */
function categoryColumn(programme: Programme, dimension: Dimension): EpisodeColumn | null {
  const e = programme.episodes;
  switch (dimension) {
    case 'partner_id':
    case 'partner_type':
    case 'theme':
      return e.partner;
    case 'cohort':
      return e.cohort;
    case 'imd_decile':
    case 'imd_quintile':
      return e.imdDecile;
    case 'sex':
      return e.sex;
    case 'age_band':
      return e.age;
    case 'ethnicity':
      return e.ethnicity;
    case 'ethnicity_detail':
      return e.ethnicityDetail;
    case 'disability':
      return e.disability;
    case 'year':
      return null;
    case 'inclusion_group':
      return e.inclusion;
  }
}

/** Integers below this are numbered through an array (codes, deciles, ages, day numbers…). */
const SMALL = 65_536;

/** Numbers integers 0, 1, 2… in order of first appearance. */
class Numbering {
  private readonly small = new Int32Array(SMALL).fill(-1);
  private readonly large = new Map<number, number>();
  size = 0;

  /** The integer's number: a new one (the count so far) when it is seen for the first time. */
  numberOf(value: number): number {
    const isSmall = value >= 0 && value < SMALL;
    const known = isSmall ? (this.small[value] as number) : (this.large.get(value) ?? -1);
    if (known >= 0) return known;
    if (isSmall) this.small[value] = this.size;
    else this.large.set(value, this.size);
    return this.size++;
  }
}

/**
 * The members of each group, in member order, keyed as `groupCells` reads: a member is in every
 * combination of its categories on the grouping dimensions. With two or more dimensions the
 * margins come too (`All` on some dimensions, e.g. `P001 × All`), so that each line of a
 * cross-classification is published with its total, and disclosure control can protect a cell
 * against the total it adds up to (see `lineSets`). The grand total (`All` on every dimension)
 * holds every member when `withTotal` is set, and is otherwise left to the caller.
 *
 * Members with the same codes on every dimension (a cell of the cross-classification) are in
 * the same groups, so keys are built once per cell rather than once per member.
 */
export function groupMembers(
  programme: Programme,
  by: readonly Dimension[],
  members: Members,
  withTotal = false,
): Map<string, Int32Array> {
  const coded = by.map((dimension) => codeDimension(programme, dimension, members));
  const { cellOf, firstOf } = crossClassify(coded, members.ids.length);
  const index = new Map<string, number>();
  const groupsOfCell = firstOf.map((first) => {
    const keys = by.length === 0 ? [] : combinationKeys(by, coded, first);
    return (withTotal ? [allKey(by), ...keys] : keys).map((key) => {
      let group = index.get(key);
      if (group === undefined) {
        group = index.size;
        index.set(key, group);
      }
      return group;
    });
  });
  const lists = fillGroups(members.ids, cellOf, groupsOfCell, index.size);
  return new Map([...index].map(([key, group]) => [key, lists[group] as Int32Array]));
}

/**
 * Each member's cell (its codes on every dimension, numbered from 0 in order of appearance) and
 * the first member of each cell. Cells are numbered one dimension at a time, so the numbers
 * combined stay below (members × categories), whatever the number of dimensions; on the first
 * dimension the cells are its codes, already numbered in order of appearance.
 */
function crossClassify(
  coded: readonly CodedDimension[],
  count: number,
): { cellOf: Int32Array; firstOf: number[] } {
  const [head, ...rest] = coded;
  const cellOf = head ? head.codes.slice() : new Int32Array(count);
  let cells = head ? head.categories.length : 1;
  for (const { codes, categories } of rest) {
    const radix = categories.length;
    const numbering = new Numbering();
    for (let i = 0; i < count; i++) {
      cellOf[i] = numbering.numberOf((cellOf[i] as number) * radix + (codes[i] as number));
    }
    cells = numbering.size;
  }
  const firstOf = new Array<number>(count === 0 ? 0 : cells).fill(-1);
  for (let i = count - 1; i >= 0; i--) firstOf[cellOf[i] as number] = i;
  return { cellOf, firstOf };
}

/** The group keys of one member (position `i`): every combination of its categories. */
function combinationKeys(
  by: readonly Dimension[],
  coded: readonly CodedDimension[],
  i: number,
): string[] {
  const margins = by.length > 1;
  let keys: string[][] = [[]];
  for (const { codes, categories } of coded) {
    const own = categories[codes[i] as number] as readonly string[];
    const choices = margins ? [...own, ALL] : own;
    keys = keys.flatMap((prefix) => choices.map((category) => [...prefix, category]));
  }
  const joined = keys.map((parts) => parts.join(SEPARATOR));
  return margins ? joined.filter((key) => key !== allKey(by)) : joined;
}

/**
 * The ids of each group's members, in member order: counted first, then filled into one buffer
 * that every group's list is a view of.
 */
function fillGroups(
  ids: ArrayLike<number>,
  cellOf: Int32Array,
  groupsOfCell: readonly (readonly number[])[],
  groups: number,
): Int32Array[] {
  const cellSizes = new Int32Array(groupsOfCell.length);
  for (let i = 0; i < ids.length; i++) {
    const cell = cellOf[i] as number;
    cellSizes[cell] = (cellSizes[cell] as number) + 1;
  }
  const sizes = new Int32Array(groups);
  groupsOfCell.forEach((cellGroups, cell) => {
    for (const group of cellGroups)
      sizes[group] = (sizes[group] as number) + (cellSizes[cell] as number);
  });
  const starts = new Int32Array(groups);
  let total = 0;
  for (let g = 0; g < groups; g++) {
    starts[g] = total;
    total += sizes[g] as number;
  }
  const buffer = new Int32Array(total);
  const next = starts.slice();
  for (let i = 0; i < ids.length; i++) {
    const cellGroups = groupsOfCell[cellOf[i] as number] as readonly number[];
    for (let g = 0; g < cellGroups.length; g++) {
      const group = cellGroups[g] as number;
      const at = next[group] as number;
      buffer[at] = ids[i] as number;
      next[group] = at + 1;
    }
  }
  return Array.from(starts, (start, g) => buffer.subarray(start, start + (sizes[g] as number)));
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
      const set = lines.get(key);
      if (set) set.push(index);
      else lines.set(key, [index]);
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
  const first = new Int32Array(e.personCount).fill(-1);
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
