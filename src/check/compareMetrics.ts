import { emptyRecord } from '../ownKeys.js';
import type { MetricCell, MetricRow, MetricsFile, MetricsTable } from './metricsFile.js';
import { compareKeys, keyColumns, keyId, type RowKey, rowKeys } from './rowKey.js';
import {
  allowedChange,
  type ResolvedTolerance,
  resolveTolerance,
  type Tolerances,
  withinTolerance,
} from './tolerances.js';

/**
 * What a comparison found for one metric (or, for `new_row`/`missing_row`, for a whole row):
 * - `within`: equal, or numbers within tolerance, or null in both;
 * - `outside_tolerance`: numbers further apart than the tolerance allows;
 * - `became_null` / `reappeared`: a figure became suppressed or unavailable, or came back;
 * - `text_changed`: text (or the type of a value) differs;
 * - `new_row` / `missing_row`: a row only in the current / only in the baseline file;
 * - `new_metric` / `missing_metric`: a column only in the current / only in the baseline row.
 */
export type CheckOutcome =
  | 'within'
  | 'outside_tolerance'
  | 'became_null'
  | 'reappeared'
  | 'text_changed'
  | 'new_row'
  | 'missing_row'
  | 'new_metric'
  | 'missing_metric';

export interface MetricCheck {
  readonly table: string;
  readonly key: RowKey;
  /** The column compared; null for a row that is new or missing as a whole. */
  readonly metric: string | null;
  readonly outcome: CheckOutcome;
  readonly passed: boolean;
  /** The baseline's value; undefined when the row or column is not in the baseline. */
  readonly baseline: MetricCell | undefined;
  /** The current value; undefined when the row or column is not in the current file. */
  readonly current: MetricCell | undefined;
  /** current − baseline, when both are numbers. */
  readonly change: number | null;
  /** The tolerance that applied, when both are numbers. */
  readonly tolerance: ResolvedTolerance | null;
  /** The largest change that tolerance allows from the baseline value. */
  readonly allowed: number | null;
}

export interface TableCheck {
  readonly table: string;
  readonly keyColumns: readonly string[];
  /** The compared (non-key) columns, in column order. */
  readonly metrics: readonly string[];
  /** Rows in key order, and within a row the metrics in column order. */
  readonly checks: readonly MetricCheck[];
}

export interface CheckSummary {
  readonly tables: number;
  /** Cells compared in rows found in both files. */
  readonly compared: number;
  /** Compared cells that failed: outside tolerance, null transitions, text and column changes. */
  readonly outsideTolerance: number;
  readonly newRows: number;
  readonly missingRows: number;
  /** Every failing check: cells and rows. */
  readonly failures: number;
}

export interface CheckResult {
  readonly passed: boolean;
  readonly summary: CheckSummary;
  /** Tables in the baseline's order, then tables only in the current file. */
  readonly tables: readonly TableCheck[];
}

export interface CompareOptions {
  /** Let rows, columns and tables that are only in the current file pass (they are still listed). */
  readonly allowNew?: boolean;
}

/**
 * The pseudo-table under which metrics.json's `row_accounting` (rows read, used and rejected per
 * kind of file) is compared, keyed by `records`.
 */
export const ROW_ACCOUNTING_TABLE = 'row_accounting';

/**
 * Compares every figure of a current `metrics.json` with a baseline. Rows are matched by their key
 * (see `rowKey.ts`); each cell of a matched row passes when numbers are within tolerance
 * (|current − baseline| ≤ max(abs, rel × |baseline|), see `tolerances.ts`), text is identical, or
 * both are null. A value that becomes null (suppressed, not available) or reappears fails, as do
 * rows or columns missing from the current file, and (unless `allowNew`) new ones. The two files
 * are assumed to describe the same analysis (`analysisDifferences` is empty).
 */
export function compareMetrics(
  current: MetricsFile,
  baseline: MetricsFile,
  tolerances: Tolerances,
  options: CompareOptions = {},
): CheckResult {
  const allowNew = options.allowNew === true;
  const groupColumns = [...groupColumnsOf(baseline), ...groupColumnsOf(current)];
  const currentTables = new Map(withRowAccounting(current).map((t) => [t.name, t.rows]));
  const baselineTables = new Map(withRowAccounting(baseline).map((t) => [t.name, t.rows]));
  const names = [...new Set([...baselineTables.keys(), ...currentTables.keys()])];
  const tables = names.map((name) =>
    compareTable(
      name,
      currentTables.get(name) ?? [],
      baselineTables.get(name) ?? [],
      groupColumns,
      tolerances,
      allowNew,
    ),
  );
  const summary = summarise(tables);
  return { passed: summary.failures === 0, summary, tables };
}

function compareTable(
  table: string,
  currentRows: readonly MetricRow[],
  baselineRows: readonly MetricRow[],
  groupColumns: readonly string[],
  tolerances: Tolerances,
  allowNew: boolean,
): TableCheck {
  const columns = columnsOf([...baselineRows, ...currentRows]);
  const keys = keyColumns(columns, [...baselineRows, ...currentRows], groupColumns);
  const metrics = columns.filter((column) => !keys.includes(column));
  const pairs = new Map<string, { key: RowKey; baseline?: MetricRow; current?: MetricRow }>();
  rowKeys(baselineRows, keys).forEach((key, i) => {
    pairs.set(keyId(key), { key, baseline: baselineRows[i] as MetricRow });
  });
  rowKeys(currentRows, keys).forEach((key, i) => {
    const id = keyId(key);
    const pair = pairs.get(id) ?? { key };
    pair.current = currentRows[i] as MetricRow;
    pairs.set(id, pair);
  });
  const checks: MetricCheck[] = [];
  const ordered = [...pairs.values()].sort((a, b) => compareKeys(a.key, b.key));
  for (const { key, baseline, current } of ordered) {
    if (baseline && current) {
      for (const metric of metrics) {
        checks.push(compareCell(table, key, metric, baseline, current, tolerances, allowNew));
      }
    } else {
      const outcome = baseline ? 'missing_row' : 'new_row';
      checks.push({
        ...NO_NUMBERS,
        table,
        key,
        metric: null,
        outcome,
        passed: outcome === 'new_row' && allowNew,
        baseline: undefined,
        current: undefined,
      });
    }
  }
  return { table, keyColumns: keys, metrics, checks };
}

const NO_NUMBERS = { change: null, tolerance: null, allowed: null } as const;

function compareCell(
  table: string,
  key: RowKey,
  metric: string,
  baselineRow: MetricRow,
  currentRow: MetricRow,
  tolerances: Tolerances,
  allowNew: boolean,
): MetricCheck {
  const baseline = Object.hasOwn(baselineRow, metric) ? baselineRow[metric] : undefined;
  const current = Object.hasOwn(currentRow, metric) ? currentRow[metric] : undefined;
  const check = { ...NO_NUMBERS, table, key, metric, baseline, current };
  if (baseline === undefined && current === undefined) {
    return { ...check, outcome: 'within', passed: true };
  }
  if (baseline === undefined) return { ...check, outcome: 'new_metric', passed: allowNew };
  if (current === undefined) return { ...check, outcome: 'missing_metric', passed: false };
  if (typeof baseline === 'number' && typeof current === 'number') {
    const tolerance = resolveTolerance(tolerances, table, metric);
    const within = withinTolerance(baseline, current, tolerance);
    return {
      ...check,
      outcome: within ? 'within' : 'outside_tolerance',
      passed: within,
      change: current - baseline,
      tolerance,
      allowed: allowedChange(baseline, tolerance),
    };
  }
  if (typeof baseline === 'number' && current === null) {
    return { ...check, outcome: 'became_null', passed: false };
  }
  if (baseline === null && typeof current === 'number') {
    return { ...check, outcome: 'reappeared', passed: false };
  }
  const same = baseline === current;
  return { ...check, outcome: same ? 'within' : 'text_changed', passed: same };
}

function summarise(tables: readonly TableCheck[]): CheckSummary {
  let compared = 0;
  let outsideTolerance = 0;
  let newRows = 0;
  let missingRows = 0;
  let failures = 0;
  for (const table of tables) {
    for (const check of table.checks) {
      if (!check.passed) failures++;
      if (check.outcome === 'new_row') newRows++;
      else if (check.outcome === 'missing_row') missingRows++;
      else {
        compared++;
        if (!check.passed) outsideTolerance++;
      }
    }
  }
  return { tables: tables.length, compared, outsideTolerance, newRows, missingRows, failures };
}

/** Column names in order of first appearance across rows. */
function columnsOf(rows: readonly MetricRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) seen.add(column);
  return [...seen];
}

function groupColumnsOf(file: MetricsFile): string[] {
  const by = file.options.by;
  if (typeof by === 'string') return [by];
  return Array.isArray(by) ? by.filter((b): b is string => typeof b === 'string') : [];
}

/** The file's tables, preceded by `row_accounting` as a table when the file has it. */
function withRowAccounting(file: MetricsFile): MetricsTable[] {
  if (!file.rowAccounting) return [...file.tables];
  const rows: MetricRow[] = [];
  for (const [records, counts] of Object.entries(file.rowAccounting)) {
    if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) continue;
    const row = emptyRecord<MetricCell>();
    row.records = records;
    for (const [name, value] of Object.entries(counts)) {
      row[name] = typeof value === 'number' || value === null ? value : String(value);
    }
    rows.push(row);
  }
  return [{ name: ROW_ACCOUNTING_TABLE, rows }, ...file.tables];
}

/** Table → its columns, for reporting tolerances that name no table or metric. */
export function comparedColumns(result: CheckResult): Map<string, Set<string>> {
  return new Map(
    result.tables.map((t) => [t.table, new Set([...t.keyColumns, ...t.metrics])] as const),
  );
}
