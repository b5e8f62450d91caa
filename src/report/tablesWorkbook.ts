import { columnLabel, tableReference } from '../metrics/reference.js';
import type { Table } from '../metrics/table.js';
import { visible } from '../visibleText.js';
import { tableToCsvRows } from './format.js';
import type { ReportModel } from './model.js';
import { marksKey } from './sections.js';
import { type Sheet, type SheetCell, type SheetRow, workbookBytes } from './spreadsheet.js';
import { withPartnerNames } from './views.js';

/** The most rows a worksheet holds (Excel's limit, header included). */
export const MAX_SHEET_ROWS = 1_048_576;
/** Rows above a table's header on its sheet: the title (A1) and a line on what the sheet holds. */
const TABLE_HEADER_ROW = 3;

/**
 * Every published table in one workbook, laid out as the UK Government Analysis Function's
 * guidance on releasing statistics in spreadsheets asks: a Cover sheet (title, period, source,
 * disclosure rule, date made), a Contents sheet and a Notes sheet, then one table per sheet with
 * its title in A1, a line on what the sheet holds in A2, and one header row; no merged cells, no
 * blank rows or columns inside a table; numbers stored as numbers, rounded as in the CSV files;
 * `[c]`, `[x]` and `[z]` as in the CSV files, explained on the Cover sheet; headings in words
 * that state their units. Every cell is a value (text or number), never a formula, so a cohort
 * named `=HYPERLINK(…)` stays text.
 *
 * The same model and date give the same bytes (the zip entries' times are set to `date`).
 */
export async function tablesWorkbookBytes(model: ReportModel, date: Date): Promise<Buffer> {
  const tables = model.tables.filter(
    (table) => table.rows.length + TABLE_HEADER_ROW <= MAX_SHEET_ROWS,
  );
  const tooLarge = model.tables.filter((table) => !tables.includes(table));
  // Each partner's name beside its id, as in the report (the CSV files keep the id alone).
  const names = model.partnerNames;
  const sheets = [
    coverSheet(model),
    contentsSheet(tables),
    notesSheet(model, tooLarge),
    ...tables.map((table) => tableSheet(names ? withPartnerNames(table, names) : table)),
  ];
  return workbookBytes(sheets, { creator: `tides ${model.toolVersion}`, date });
}

function coverSheet(model: ReportModel): Sheet {
  const lines: [string, 'coverTitle' | 'coverHeading' | 'wrap'][] = [
    [`${model.programme}: ${model.kind ?? 'evaluation'} tables`, 'coverTitle'],
    [
      'This workbook holds the published tables of the evaluation, one table per worksheet.',
      'wrap',
    ],
    ['Period covered', 'coverHeading'],
    [model.coverage ?? model.period ?? 'the whole programme', 'wrap'],
    ['Source', 'coverHeading'],
    [`Partner returns to the programme, analysed with tides ${model.toolVersion}.`, 'wrap'],
    ['Date made', 'coverHeading'],
    [model.madeOn ?? 'not recorded', 'wrap'],
    ['Disclosure control', 'coverHeading'],
    [model.disclosure, 'wrap'],
    ['Symbols used in the tables', 'coverHeading'],
    [marksKey(model.minCell), 'wrap'],
  ];
  if (model.notForPublication) {
    lines.splice(1, 0, [
      'NOT FOR PUBLICATION: disclosure control was switched off.',
      'coverHeading',
    ]);
  }
  return {
    name: 'Cover',
    widths: [110],
    rows: lines.map(([text, style], i) => ({
      index: i + 1,
      cells: [{ value: visible(text), style }],
    })),
  };
}

/** A sheet's title (A1), its line on what it holds (A2), and its header row. */
function sheetTop(title: SheetCell, holds: string, headings: readonly string[]): SheetRow[] {
  return [
    { index: 1, cells: [title] },
    { index: 2, cells: [{ value: holds }] },
    {
      index: TABLE_HEADER_ROW,
      cells: headings.map((name) => ({ value: visible(name), style: 'header' })),
    },
  ];
}

function contentsSheet(tables: readonly Table[]): Sheet {
  const rows: [string, string, string | number, string][] = [
    ['Cover', 'Title, period, source, disclosure rule and symbols', '', ''],
    ['Notes', 'Notes on the methods and the tables', '', ''],
    ...tables.map((table): [string, string, number, string] => [
      sheetName(table),
      table.title,
      table.rows.length,
      `${table.name}.csv`,
    ]),
  ];
  return {
    name: 'Contents',
    widths: [22, 90, 10, 28],
    rows: [
      ...sheetTop(
        { value: 'Contents', style: 'title' },
        'This worksheet contains one table: the worksheets of this workbook.',
        ['Sheet name', 'Table title', 'Rows', 'CSV file'],
      ),
      ...rows.map((values, i) => ({
        index: TABLE_HEADER_ROW + 1 + i,
        cells: values.map((value) => shown(value)),
      })),
    ],
  };
}

function notesSheet(model: ReportModel, tooLarge: readonly Table[]): Sheet {
  const notes = [
    ...model.methods,
    model.disclosure,
    marksKey(model.minCell),
    ...tooLarge.map(
      (table) =>
        `${table.title}: ${table.rows.length} rows, more than a worksheet holds; the whole table is in ${table.name}.csv.`,
    ),
  ];
  return {
    name: 'Notes',
    widths: [14, 120],
    rows: [
      ...sheetTop(
        { value: 'Notes', style: 'title' },
        'This worksheet contains one table: notes on the methods and the tables.',
        ['Note number', 'Note text'],
      ),
      ...notes.map((text, i) => ({
        index: TABLE_HEADER_ROW + 1 + i,
        cells: [{ value: `[note ${i + 1}]` }, { value: visible(text), style: 'wrap' as const }],
      })),
    ],
  };
}

function tableSheet(table: Table): Sheet {
  const named = table.columns.some((column) => column.name === 'partner_name');
  const { columns, rows } = tableToCsvRows(table);
  const top = sheetTop(
    { value: visible(table.title), style: 'tableTitle' },
    `This worksheet contains one table of ${table.rows.length} rows (the same as ${table.name}.csv` +
      `${named ? ', with each partner’s name' : ''}). ` +
      'Symbols [c], [x] and [z] are explained on the Cover worksheet.',
    table.columns.map((column) => column.label ?? heading(table.name, column.name)),
  );
  return {
    name: sheetName(table),
    widths: columns.map((name, i) =>
      Math.round(
        Math.min(40, Math.max(10, heading(table.name, name).length * 0.6, longest(rows, i))),
      ),
    ),
    rows: (function* (): Generator<SheetRow> {
      yield* top;
      for (let i = 0; i < rows.length; i++) {
        yield {
          index: TABLE_HEADER_ROW + 1 + i,
          cells: (rows[i] as readonly unknown[]).map(shown),
        };
      }
    })(),
  };
}

/** A heading in words that states its unit: the reference's label, with the unit when unsaid. */
export function heading(table: string, column: string): string {
  const label = columnLabel(table, column);
  const unit = tableReference(table)?.columns[column]?.unit;
  const said = label.includes('(') || label.includes('£');
  if (unit === undefined || said) return label;
  switch (unit) {
    case 'score points':
    case 'per 1,000 residents':
    case 'years':
    case 'share (0–1)':
      return `${label} (${unit})`;
    case 'pounds':
      return `${label} (£)`;
    default:
      return label;
  }
}

/** A worksheet's name: the table's (at most 31 characters, as Excel requires). */
export function sheetName(table: Table): string {
  return table.name.slice(0, 31);
}

/**
 * A cell: numbers as numbers; text with every control character written as its escape, as in
 * every other output (XML cannot hold most of them, and a reader must see them); nothing for an
 * empty value.
 */
function shown(value: unknown): SheetCell | null {
  if (typeof value === 'number') return { value };
  if (value === null || value === undefined || value === '') return null;
  return { value: visible(String(value)) };
}

function longest(rows: readonly (readonly unknown[])[], index: number): number {
  let most = 0;
  for (let i = 0; i < rows.length && i < 200; i++) {
    most = Math.max(most, String(rows[i]?.[index] ?? '').length + 2);
  }
  return most;
}
