import { columnLabel } from '../metrics/reference.js';
import { ALL, type ColumnDef, type Table } from '../metrics/table.js';
import { groupDigits } from './format.js';

/**
 * How the report shows a table. The report is a document to read and print (about 20 A4 pages
 * for a programme of 88 partners), not a dump of every table: the CSV files, metrics.json and
 * the workbook hold every row and column. A table the report shortens shows the rows and columns
 * a reader needs, and says where the whole table is.
 */
export interface TableView {
  /** The rows and columns shown, each column with its human label. */
  readonly table: Table;
  /** Where the rest is, when rows or columns were left out ("… in wellbeing_change.csv"). */
  readonly note: string | null;
}

/** A table with more rows than this shows its programme totals only. */
export const MAX_REPORT_ROWS = 30;

/**
 * The columns the report shows, by table (grouping columns always come first). Tables not named
 * here show every column.
 */
const REPORT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  reach: [
    'participants',
    'episodes',
    'partners',
    'pct_core20',
    'pct_core20_lcl',
    'pct_core20_ucl',
    'pct_plus',
    'pct_core20_or_plus',
    'pct_imd_unknown',
    'per_1000_residents',
  ],
  reach_profile: [
    'dimension',
    'category',
    'count',
    'pct',
    'pct_population',
    'representation_ratio',
  ],
  wellbeing_change: [
    'measure',
    'n_baseline',
    'n_paired',
    'followup_rate',
    'mean_baseline',
    'mean_followup',
    'mean_change',
    'change_lcl',
    'change_ucl',
    'p_value',
    'effect_size_dz',
    'pct_improved',
  ],
  binary_change: [
    'measure',
    'n_paired',
    'pct_yes_baseline',
    'pct_yes_followup',
    'pct_point_change',
    'pct_point_change_lcl',
    'pct_point_change_ucl',
    'p_mcnemar_exact',
    'pct_improved',
  ],
  count_change: [
    'measure',
    'recall_period',
    'n_paired',
    'mean_baseline',
    'mean_followup',
    'mean_change',
    'change_lcl',
    'change_ucl',
    'ratio',
    'ratio_lcl',
    'ratio_ucl',
    'cost_change_gbp',
  ],
  inequality: [
    'measure',
    'timepoint',
    'n',
    'sii',
    'sii_lcl',
    'sii_ucl',
    'rii',
    'gap',
    'gap_lcl',
    'gap_ucl',
  ],
  partner_comparison: ['statistic', 'partner_name', 'partner_id', 'n', 'value', 'target', 'flag'],
  social_value: [
    'outcome',
    'label',
    'basis',
    'n_people',
    'quantity',
    'value_gbp',
    'present_value_gbp',
    'sroi_ratio',
  ],
};

/**
 * Rows the report leaves out whatever the table's size: the deprivation decile profile is the
 * chart's (reach by IMD decile); the inequality rows by quintile repeat the gap of the rows by
 * decile, whose SII the report shows.
 */
const LEFT_OUT_ROWS: Readonly<Record<string, (row: Table['rows'][number]) => boolean>> = {
  reach_profile: (row) => row.dimension === 'imd_decile',
  // The partners outside the limits, in the table's order (never ranked).
  partner_comparison: (row) => row.flag === 'within',
  inequality: (row) => row.dimension === 'imd_quintile',
};

/** Tables the report does not show as tables: their figures are charted, or summarised. */
const NOT_SHOWN: ReadonlySet<string> = new Set(['inequality_quantiles', 'data_quality']);

/** Whether the report shows `table` as a table. */
export function isShown(table: Table): boolean {
  return !NOT_SHOWN.has(table.name);
}

/**
 * The report's view of a disclosed table: the rows and columns a reader needs, and each
 * partner's name beside its id when `partnerNames` are given.
 */
export function reportView(
  table: Table,
  partnerNames?: ReadonlyMap<string, string>,
  wholeTablesIn?: string,
): TableView {
  const view = rowsAndColumns(table, wholeTablesIn ?? `${table.name}.csv`);
  return partnerNames ? { ...view, table: withPartnerNames(view.table, partnerNames) } : view;
}

/** A partner name column after partner_id (empty on the All row and for unknown ids). */
export function withPartnerNames(table: Table, names: ReadonlyMap<string, string>): Table {
  const at = table.columns.findIndex((column) => column.name === 'partner_id');
  if (at < 0 || table.columns.some((column) => column.name === 'partner_name')) return table;
  const column: ColumnDef = { name: 'partner_name', kind: 'text', label: 'Partner name' };
  return {
    ...table,
    columns: [...table.columns.slice(0, at + 1), column, ...table.columns.slice(at + 1)],
    rows: table.rows.map((row) => ({
      ...row,
      partner_name: typeof row.partner_id === 'string' ? (names.get(row.partner_id) ?? '') : '',
    })),
  };
}

/**
 * A group column that reads the same group on every row, not `All` (a yearly summary's year):
 * the table's title names it, so the report leaves the column out.
 */
function isOneGroup(table: Table, column: ColumnDef): boolean {
  const first = table.rows[0]?.[column.name];
  return (
    first !== undefined && first !== ALL && table.rows.every((row) => row[column.name] === first)
  );
}

function rowsAndColumns(table: Table, file: string): TableView {
  const kind = table.kind ?? table.name;
  const groups = table.columns.filter(
    (column) => column.kind === 'group' && !isOneGroup(table, column),
  );
  const chosen = REPORT_COLUMNS[kind];
  const columns = chosen
    ? [
        ...groups,
        ...chosen.flatMap((name) =>
          table.columns.filter((column) => column.name === name && column.kind !== 'group'),
        ),
      ]
    : table.columns.filter((column) => column.kind !== 'group' || groups.includes(column));
  const leftOut = LEFT_OUT_ROWS[kind];
  let rows = leftOut ? table.rows.filter((row) => !leftOut(row)) : table.rows;
  const isTotal = (row: Table['rows'][number]) =>
    groups.every((column) => row[column.name] === ALL);
  const totalsOnly = groups.length > 0 && rows.length > MAX_REPORT_ROWS && rows.some(isTotal);
  if (totalsOnly) rows = rows.filter(isTotal);

  const whole = `${count(table.rows.length, 'row')} and ${count(table.columns.length, 'column')}`;
  const note = totalsOnly
    ? `Programme totals only: the whole table (${whole}, by ${groups.map((g) => columnLabel(kind, g.name).toLowerCase()).join(' and ')}) is in ${file}.`
    : columns.length < table.columns.length || rows.length < table.rows.length
      ? `The main columns: the whole table (${whole}) is in ${file}.`
      : null;
  return {
    table: { ...table, columns: columns.map((column) => labelled(kind, column)), rows },
    note,
  };
}

function labelled(table: string, column: ColumnDef): ColumnDef {
  const label = columnLabel(table, column.name);
  return label === column.name ? column : { ...column, label };
}

function count(n: number, noun: string): string {
  return `${groupDigits(String(n))} ${noun}${n === 1 ? '' : 's'}`;
}
