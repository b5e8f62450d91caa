import type { Cell } from '../metrics/table.js';
import type { PublishedTable, TableContext } from './publication.js';

/**
 * What a published count counts, whatever table it is in: the same quantity published twice (a
 * partner's participants in `reach.csv` and `cost.csv`, the people improved in
 * `wellbeing_change.csv`, `cost.csv` and `social_value.csv`) is one number, so hiding it in one
 * table and showing it in another would publish it. A quantity is
 *
 * - a `name` whose prefix is its unit: `persons` (distinct people among the group's episodes, each
 *   described by their first episode in the group), `episodes`, `slots` (episodes with a baseline
 *   on a measure, one per episode), `people` (a measure's total row: each person once, through
 *   their first episode with a baseline), `dq` (data-quality rows and issues) and `sv` (social
 *   value's fewest people);
 * - the `measure` it is of (`''` for none);
 * - `filters`: the categories the group is restricted to, dimension by dimension, with the
 *   analysis period as `year` (episodes count in the year of enrolment, outcome change in the
 *   year of the follow-up, as `--by year` counts them).
 */
export interface Quantity {
  readonly name: string;
  readonly measure: string;
  readonly filters: ReadonlyMap<string, string>;
}

/** The total rows' label in group columns. */
const ALL = 'All';

/** A quantity as one string: equal strings, equal quantities. */
export function quantityKey(q: Quantity): string {
  const filters = [...q.filters]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([d, v]) => `${d}=${v}`)
    .join('\u0002');
  return `${q.name}\u0001${q.measure}\u0001${filters}`;
}

/**
 * The groups a row of a grouped table is restricted to: its categories on the grouping
 * dimensions (`All` is no restriction) and the period as `year`; null when the row cannot be
 * placed (a group cell that is not text, or a year other than the period's).
 */
export function rowFilters(
  context: TableContext,
  row: Readonly<Record<string, Cell>>,
): Map<string, string> | null {
  const filters = new Map<string, string>();
  for (const dimension of context.by) {
    const value = row[dimension];
    if (typeof value !== 'string') return null;
    if (value !== ALL) filters.set(dimension, value);
  }
  if (context.period !== null) {
    const year = filters.get('year');
    if (year !== undefined && year !== context.period) return null;
    filters.set('year', context.period);
  }
  return filters;
}

/** Whether a row is its table's total: `All` on every grouping dimension. */
export function isTotalRow(context: TableContext, row: Readonly<Record<string, Cell>>): boolean {
  return context.by.every((dimension) => row[dimension] === ALL);
}

type Namer = (
  column: string,
  row: Readonly<Record<string, Cell>>,
  level: 'slots' | 'people',
) => { name: string; measure?: string; filters?: Map<string, string> } | null;

const REACH_COUNTS: Readonly<Record<string, string>> = {
  participants: 'persons',
  episodes: 'episodes',
  n_imd_known: 'persons:imd_known',
  // Core20 is IMD deciles 1–2, which is quintile 1.
  n_core20: 'persons:imd_quintile=1',
  n_plus: 'persons:plus',
  n_core20_or_plus: 'persons:core20_or_plus',
  n_imd_unknown: 'persons:imd_decile=unknown',
};

const CHANGE_COUNTS: Readonly<Record<string, string>> = {
  n_baseline: 'baseline',
  n_paired: 'paired',
  n_lost: 'lost',
  n_improved: 'improved',
  n_no_change: 'no_change',
  n_declined: 'declined',
};

/** A yes/no measure's people: those with a baseline and with both answers are as for scores. */
const BINARY_COUNTS: Readonly<Record<string, string>> = {
  n_baseline: 'baseline',
  n_paired: 'paired',
  n_yes_baseline: 'yes_baseline',
  n_yes_followup: 'yes_followup',
  n_became_yes: 'became_yes',
  n_became_no: 'became_no',
};

/** A count measure's people: whose count fell, stayed and rose. */
const COUNT_COUNTS: Readonly<Record<string, string>> = {
  n_baseline: 'baseline',
  n_paired: 'paired',
  n_reduced: 'count_reduced',
  n_no_change: 'count_same',
  n_increased: 'count_increased',
};

const text = (cell: Cell | undefined): string => (typeof cell === 'string' ? cell : '');

/** A profile category: the decile and quintile of unknown deprivation are the same people. */
function profileQuantity(dimension: string, category: string): string {
  if (dimension === 'imd_quintile' && category === 'unknown') return 'persons:imd_decile=unknown';
  return `persons:${dimension}=${category}`;
}

/** Count columns of each kind of table and the quantities they publish. */
const NAMERS: Readonly<Record<string, Namer>> = {
  reach: (column) => (REACH_COUNTS[column] ? { name: REACH_COUNTS[column] as string } : null),
  reach_profile: (column, row) => {
    if (column === 'denominator') return { name: 'persons' };
    if (column !== 'count') return null;
    return { name: profileQuantity(text(row.dimension), text(row.category)) };
  },
  wellbeing_change: (column, row, level) => {
    const name = CHANGE_COUNTS[column];
    return name ? { name: `${level}:${name}`, measure: text(row.measure) } : null;
  },
  band_change: (column, row, level) => {
    const measure = text(row.measure);
    const band = text(row.band);
    if (column === 'n_paired') return { name: `${level}:paired`, measure };
    if (column === 'n_baseline_band') return { name: `${level}:band_baseline=${band}`, measure };
    if (column === 'n_followup_band') return { name: `${level}:band_followup=${band}`, measure };
    return null;
  },
  binary_change: (column, row, level) => {
    const name = BINARY_COUNTS[column];
    return name ? { name: `${level}:${name}`, measure: text(row.measure) } : null;
  },
  count_change: (column, row, level) => {
    const name = COUNT_COUNTS[column];
    return name ? { name: `${level}:${name}`, measure: text(row.measure) } : null;
  },
  inequality: (column, row) => {
    const measure = text(row.measure);
    // Reach equity rows: people with a known decile, each through their first episode.
    if (measure === 'participants_per_1000') {
      return column === 'n' ? { name: 'persons:imd_known' } : null;
    }
    if (column === 'n') return { name: 'people:paired_imd_known', measure };
    if (column === 'n_most_deprived_quintile') {
      return { name: 'people:paired_imd_quintile=1', measure };
    }
    if (column === 'n_least_deprived_quintile') {
      return { name: 'people:paired_imd_quintile=5', measure };
    }
    return null;
  },
  inequality_quantiles: (column, row) => {
    if (column !== 'n') return null;
    const dimension = text(row.dimension) === 'imd_quintile' ? 'imd_quintile' : 'imd_decile';
    const quantile = typeof row.quantile === 'number' ? String(row.quantile) : text(row.quantile);
    return { name: `people:paired_${dimension}=${quantile}`, measure: text(row.measure) };
  },
  cost: (column, row, level) => {
    if (column === 'participants') return { name: 'persons' };
    if (column === 'episodes') return { name: 'episodes' };
    if (column === 'n_improved')
      return { name: `${level}:improved`, measure: text(row.primary_measure) };
    return null;
  },
  social_value: (column, row) => {
    if (column !== 'n_people') return null;
    if (row.outcome === ALL) return { name: 'sv:fewest' };
    const basis = text(row.basis) === 'people_improved' ? 'improved' : 'paired';
    return { name: `people:${basis}`, measure: text(row.measure) };
  },
  sroi_sensitivity: (column) => (column === 'n_people' ? { name: 'sv:fewest' } : null),
  row_accounting: (column, row) =>
    ['read', 'used', 'rejected'].includes(column)
      ? { name: `dq:${column}`, filters: new Map([['kind', text(row.records)]]) }
      : null,
  data_quality: (column, row) => {
    if (!['read', 'used', 'rejected', 'issues'].includes(column)) return null;
    const filters = new Map([['file', text(row.file)]]);
    const rule = text(row.rule);
    if (column === 'issues' && rule !== '(all)') {
      // A rule can have a row of errors and a row of warnings in one file: two quantities.
      filters.set('rule', rule);
      filters.set('severity', text(row.severity));
    }
    return { name: `dq:${column}`, filters };
  },
};

/** Whether tides knows the kind of table (its counts can be related to other tables'). */
export function isKnownKind(kind: string): boolean {
  return Object.hasOwn(NAMERS, kind);
}

/**
 * The quantity a count cell publishes, or null when the cell is not a count of a known table or
 * its row cannot be placed. The social-value fewest-people count is tied to its table.
 */
export function quantityOf(
  published: PublishedTable,
  row: Readonly<Record<string, Cell>>,
  column: string,
): Quantity | null {
  const namer = Object.hasOwn(NAMERS, published.kind) ? NAMERS[published.kind] : undefined;
  if (!namer) return null;
  const filters = rowFilters(published.context, row);
  if (filters === null) return null;
  const level = isTotalRow(published.context, row) ? 'people' : 'slots';
  const named = namer(column, row, level);
  if (!named) return null;
  return {
    name: named.name,
    measure: named.measure ?? '',
    filters: named.filters ?? filters,
  };
}
