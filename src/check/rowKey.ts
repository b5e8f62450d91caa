import { ownValue } from '../ownKeys.js';
import type { MetricCell, MetricRow } from './metricsFile.js';

/**
 * Columns that identify a row wherever they appear, besides the group columns of `options.by`
 * (`partner_id`, `imd_quintile`, `year`…). The key of each table of metrics.json is therefore:
 *
 * | table | key columns |
 * |---|---|
 * | `row_accounting` | `records` (participants, outcomes) |
 * | `reach` | group columns |
 * | `reach_profile` | group columns, `dimension`, `category` |
 * | `wellbeing_change` | group columns, `measure` |
 * | `band_change` | group columns, `measure`, `band` |
 * | `inequality` | `measure`, `timepoint`, `dimension` |
 * | `inequality_quantiles` | `measure`, `timepoint`, `dimension`, `quantile` |
 * | `cost` | `partner_id` |
 * | `partner_comparison` | `statistic`, `partner_id` |
 * | `data_quality` | `file`, `rule`, `severity` |
 *
 * A column not named here or in {@link DESCRIPTIVE_COLUMNS} is a key column when it holds text
 * (and nothing but text or null) in both files, so a table added later is still keyed sensibly.
 */
export const IDENTIFYING_COLUMNS: readonly string[] = [
  'records',
  'statistic',
  'partner_id',
  'measure',
  'timepoint',
  'dimension',
  'category',
  'band',
  'quantile',
  'file',
  'rule',
  'severity',
];

/**
 * Text columns that describe a row rather than identify it (a method, a note, advice, a
 * direction). They are compared like metrics: a changed method fails the check.
 */
export const DESCRIPTIVE_COLUMNS: readonly string[] = [
  'method',
  'note',
  'what_to_do',
  'wilcoxon_method',
  'direction',
  'base',
  'kind',
  'primary_measure',
  'description',
  'title',
  'label',
  'message',
  'hint',
  'source',
  'partner_name',
  'flag',
];

/**
 * The key columns of one table, in column order: the group columns, the identifying columns, and
 * any other column holding only text (see {@link IDENTIFYING_COLUMNS}), judged over the rows of
 * both files so both are keyed alike.
 */
export function keyColumns(
  columns: readonly string[],
  rows: readonly MetricRow[],
  groupColumns: readonly string[],
): string[] {
  return columns.filter((column) => {
    if (groupColumns.includes(column) || IDENTIFYING_COLUMNS.includes(column)) return true;
    if (DESCRIPTIVE_COLUMNS.includes(column)) return false;
    let text = false;
    for (const row of rows) {
      const cell = ownValue(row, column);
      if (typeof cell === 'string') text = true;
      else if (cell !== null && cell !== undefined) return false;
    }
    return text;
  });
}

/** What identifies a row within its table: the values of its key columns. */
export interface RowKey {
  readonly columns: readonly string[];
  readonly values: readonly string[];
  /** 1, or 2, 3… for further rows of one file with the same key (kept apart, in file order). */
  readonly occurrence: number;
}

/** The keys of a table's rows, in row order; a repeated key gets the next occurrence number. */
export function rowKeys(rows: readonly MetricRow[], columns: readonly string[]): RowKey[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const values = columns.map((column) => keyText(ownValue(row, column)));
    const id = JSON.stringify(values);
    const occurrence = (seen.get(id) ?? 0) + 1;
    seen.set(id, occurrence);
    return { columns, values, occurrence };
  });
}

/** A string that is equal for equal keys, to match rows of the two files. */
export function keyId(key: RowKey): string {
  return JSON.stringify([key.values, key.occurrence]);
}

/** A key for people: `partner_id=P001, measure=wemwbs`; a repeated key ends ` #2`. */
export function formatKey(key: RowKey): string {
  const text =
    key.columns.length === 0
      ? '(row)'
      : key.columns.map((column, i) => `${column}=${key.values[i]}`).join(', ');
  return key.occurrence > 1 || key.columns.length === 0 ? `${text} #${key.occurrence}` : text;
}

/** The key as an object of key column → value, for JSON output. */
export function keyObject(key: RowKey): Record<string, string> {
  return Object.fromEntries(key.columns.map((column, i) => [column, key.values[i] ?? '']));
}

/**
 * Orders keys column by column: the total row (`All`) first, then in natural order, so that
 * decile 2 comes before decile 10 and P002 before P010; then by occurrence.
 */
export function compareKeys(a: RowKey, b: RowKey): number {
  const n = Math.max(a.values.length, b.values.length);
  for (let i = 0; i < n; i++) {
    const order = compareKeyValues(a.values[i] ?? '', b.values[i] ?? '');
    if (order !== 0) return order;
  }
  return a.occurrence - b.occurrence;
}

function compareKeyValues(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'All') return -1;
  if (b === 'All') return 1;
  return naturalCompare(a, b);
}

/**
 * Compares text with runs of digits compared as numbers (`item_2` < `item_10`), the rest by UTF-16
 * code unit, so the order is the same on every machine and locale.
 */
export function naturalCompare(a: string, b: string): number {
  const left = a.match(/\d+|\D+/g) ?? [];
  const right = b.match(/\d+|\D+/g) ?? [];
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    if (x === y) continue;
    const digits = /^\d/.test(x) && /^\d/.test(y);
    if (digits) {
      const xs = x.replace(/^0+(?=\d)/, '');
      const ys = y.replace(/^0+(?=\d)/, '');
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return xs < ys ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyText(cell: MetricCell | undefined): string {
  if (cell === null || cell === undefined) return 'null';
  return typeof cell === 'string' ? cell : String(cell);
}
