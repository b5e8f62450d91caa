import { TOTAL_LABEL } from '../contract/codes.js';
/**
 * The tidy tables every analysis produces and every writer renders. A table knows, per column,
 * what kind of figure it holds and which people it rests on, so disclosure control can decide
 * cell by cell what may be published, and writers can format each figure consistently.
 */

/** GSS shorthand for a value that is not published (`[c]` confidential, `[x]` not available, `[z]` not applicable). */
export interface Mark {
  readonly mark: 'c' | 'x' | 'z';
}

export const SUPPRESSED: Mark = Object.freeze({ mark: 'c' });
export const NOT_AVAILABLE: Mark = Object.freeze({ mark: 'x' });
export const NOT_APPLICABLE: Mark = Object.freeze({ mark: 'z' });

/** A cell: a number, text, or a mark. NaN is never stored: it becomes NOT_AVAILABLE. */
export type Cell = number | string | Mark;

export function isMark(cell: Cell | undefined): cell is Mark {
  return typeof cell === 'object' && cell !== null && 'mark' in cell;
}

/** A number, or NOT_AVAILABLE when it is not finite (n too small, no data). */
export function num(value: number): Cell {
  return Number.isFinite(value) ? value : NOT_AVAILABLE;
}

/**
 * How a column is read and published:
 * - `group`: a grouping column (`partner_id`…); the total row reads `All`;
 * - `text`: other text (measure, method, notes);
 * - `count`: a count of people or records — suppressed when 1 ≤ value < min_cell, rounded when
 *   rounding is on;
 * - `number`: a statistic — suppressed when one of its `basis` counts is below min_cell, or when
 *   one of the counts it `reveals` is suppressed.
 */
export type ColumnKind = 'group' | 'text' | 'count' | 'number';

/** How a number is written in CSV, Markdown and HTML (JSON keeps full precision). */
export type NumberFormat = 'integer' | 'money' | 'decimal1' | 'decimal2' | 'decimal3' | 'pvalue';

/** How p-values are adjusted for multiple comparisons: Holm, or Benjamini–Hochberg. */
export type AdjustMethod = 'holm' | 'bh';

export interface ColumnDef {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly format?: NumberFormat;
  /** Counts (columns of the same row) of the people a statistic is computed from. */
  readonly basis?: readonly string[];
  /** Counts a statistic would let a reader recover (a percentage reveals its numerator). */
  readonly reveals?: readonly string[];
  /**
   * A p-value adjusted for multiple comparisons across a family of rows (those with the same
   * `family` columns): disclosure control adjusts again across the rows whose `p` is published,
   * since an adjusted p is a multiple of another row's p and would give a hidden one back.
   */
  readonly adjusts?: {
    readonly p: string;
    readonly method: AdjustMethod;
    readonly family: readonly string[];
  };
  /** One line for the report's data dictionary. */
  readonly description?: string;
  /**
   * The heading readers see in the reports (`Mean change`), set by the report from the output
   * reference; CSV and JSON keep `name`.
   */
  readonly label?: string;
}

export interface Table {
  readonly name: string;
  /**
   * The schema the table follows when its name is another (a yearly summary's
   * `reach_by_partner` is a `reach` table): the report's labels and columns follow it.
   */
  readonly kind?: string;
  readonly title: string;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  /**
   * How the table's statistics are made, with their sources (as PHEindicatormethods' outputs
   * carry `method`), for readers of the API; the report's methods section says the same.
   */
  readonly method?: string;
  /** The confidence level of every interval in the table (`*_lcl`, `*_ucl`), e.g. 0.95. */
  readonly confidence?: number;
  /**
   * Sets of rows (indices) whose `count` cells add up to a total that is published, so that one
   * suppressed cell in a set could be recovered by subtraction: secondary suppression applies
   * within each set, column by column.
   */
  readonly additive?: readonly (readonly number[])[];
  /**
   * Count columns of one row that add up (one is the sum of the others, e.g. n_baseline =
   * n_paired + n_lost), so that one suppressed cell could be recovered from the rest: secondary
   * suppression applies within each, row by row. `spare` lists the cells to suppress first.
   */
  readonly identities?: readonly RowIdentity[];
}

export interface RowIdentity {
  readonly cells: readonly string[];
  readonly spare?: readonly string[];
}

/**
 * A row made of parts (group cells, then figures), as `{ ...cells, ...figures }` would make it.
 * V8 (Node 20) adds each property that follows a spread in an object literal by a slow runtime
 * call, about 1.5 µs each: for tables of tens of thousands of rows that took longer than the
 * statistics. `Object.assign` copies the same properties in the same order on its fast path.
 */
export function row(...parts: readonly Readonly<Record<string, Cell>>[]): Record<string, Cell> {
  return Object.assign({}, ...parts);
}

/** The label of total rows in group columns (the README's data contract). */
export const ALL = TOTAL_LABEL;

/** A column of pounds (written with two decimals), hidden with the counts it would give back. */
export function moneyColumn(name: string, reveals: readonly string[] = []): ColumnDef {
  return { name, kind: 'number', reveals, format: 'money' };
}
