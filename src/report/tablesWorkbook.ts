import type ExcelJS from 'exceljs';
import { columnLabel, tableReference } from '../metrics/reference.js';
import type { Table } from '../metrics/table.js';
import { withEntryDates } from '../template/zipDates.js';
import { visible } from '../visibleText.js';
import { tableToCsvRows } from './format.js';
import type { ReportModel } from './model.js';
import { marksKey } from './sections.js';
import { withPartnerNames } from './views.js';

/** exceljs, loaded when a workbook is read or written: 500-odd modules a CSV-only run never needs. */
const loadExcel = async () => (await import('exceljs')).default;

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
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = `tides ${model.toolVersion}`;
  workbook.created = date;
  workbook.modified = date;
  const tables = model.tables.filter(
    (table) => table.rows.length + TABLE_HEADER_ROW <= MAX_SHEET_ROWS,
  );
  const tooLarge = model.tables.filter((table) => !tables.includes(table));
  addCover(workbook, model);
  addContents(workbook, tables);
  addNotes(workbook, model, tooLarge);
  // Each partner's name beside its id, as in the report (the CSV files keep the id alone).
  const names = model.partnerNames;
  for (const table of tables)
    addTableSheet(workbook, names ? withPartnerNames(table, names) : table);
  const written = await workbook.xlsx.writeBuffer();
  return withEntryDates(new Uint8Array(written), date);
}

function addCover(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const sheet = workbook.addWorksheet('Cover');
  const lines: [string, string][] = [
    [`${model.programme}: ${model.kind ?? 'evaluation'} tables`, 'title'],
    ['This workbook holds the published tables of the evaluation, one table per worksheet.', ''],
    ['Period covered', 'heading'],
    [model.coverage ?? model.period ?? 'the whole programme', ''],
    ['Source', 'heading'],
    [`Partner returns to the programme, analysed with tides ${model.toolVersion}.`, ''],
    ['Date made', 'heading'],
    [model.madeOn ?? 'not recorded', ''],
    ['Disclosure control', 'heading'],
    [model.disclosure, ''],
    ['Symbols used in the tables', 'heading'],
    [marksKey(model.minCell), ''],
  ];
  if (model.notForPublication) {
    lines.splice(1, 0, ['NOT FOR PUBLICATION: disclosure control was switched off.', 'heading']);
  }
  sheet.getColumn(1).width = 110;
  lines.forEach(([text, style], i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = visible(text);
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (style === 'title') cell.font = { bold: true, size: 15 };
    if (style === 'heading') cell.font = { bold: true, size: 12 };
  });
}

function addContents(workbook: ExcelJS.Workbook, tables: readonly Table[]): void {
  const sheet = workbook.addWorksheet('Contents');
  sheet.getCell('A1').value = 'Contents';
  sheet.getCell('A1').font = { bold: true, size: 15 };
  sheet.getCell('A2').value = 'This worksheet contains one table: the worksheets of this workbook.';
  header(sheet, ['Sheet name', 'Table title', 'Rows', 'CSV file']);
  const rows: [string, string, string | number, string][] = [
    ['Cover', 'Title, period, source, disclosure rule and symbols', '', ''],
    ['Notes', 'Notes on the methods and the tables', '', ''],
    ...tables.map(
      (table) =>
        [sheetName(table), table.title, table.rows.length, `${table.name}.csv`] as [
          string,
          string,
          number,
          string,
        ],
    ),
  ];
  rows.forEach((values, i) => {
    const row = sheet.getRow(TABLE_HEADER_ROW + 1 + i);
    row.values = values.map(shown);
  });
  widths(sheet, [22, 90, 10, 28]);
}

function addNotes(
  workbook: ExcelJS.Workbook,
  model: ReportModel,
  tooLarge: readonly Table[],
): void {
  const sheet = workbook.addWorksheet('Notes');
  sheet.getCell('A1').value = 'Notes';
  sheet.getCell('A1').font = { bold: true, size: 15 };
  sheet.getCell('A2').value =
    'This worksheet contains one table: notes on the methods and the tables.';
  header(sheet, ['Note number', 'Note text']);
  const notes = [
    ...model.methods,
    model.disclosure,
    marksKey(model.minCell),
    ...tooLarge.map(
      (table) =>
        `${table.title}: ${table.rows.length} rows, more than a worksheet holds; the whole table is in ${table.name}.csv.`,
    ),
  ];
  notes.forEach((text, i) => {
    const row = sheet.getRow(TABLE_HEADER_ROW + 1 + i);
    row.values = [`[note ${i + 1}]`, visible(text)];
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
  widths(sheet, [14, 120]);
}

function addTableSheet(workbook: ExcelJS.Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(sheetName(table));
  sheet.getCell('A1').value = visible(table.title);
  sheet.getCell('A1').font = { bold: true, size: 13 };
  const named = table.columns.some((column) => column.name === 'partner_name');
  sheet.getCell('A2').value =
    `This worksheet contains one table of ${table.rows.length} rows (the same as ${table.name}.csv` +
    `${named ? ', with each partner’s name' : ''}). ` +
    'Symbols [c], [x] and [z] are explained on the Cover worksheet.';
  const { columns, rows } = tableToCsvRows(table);
  header(
    sheet,
    table.columns.map((column) => column.label ?? heading(table.name, column.name)),
  );
  rows.forEach((values, i) => {
    sheet.getRow(TABLE_HEADER_ROW + 1 + i).values = values.map(shown);
  });
  widths(
    sheet,
    columns.map((name, i) =>
      Math.min(40, Math.max(10, heading(table.name, name).length * 0.6, longest(rows, i))),
    ),
  );
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
 * A cell's value: numbers as numbers; text with every control character written as its escape,
 * as in every other output (XML cannot hold most of them, and a reader must see them).
 */
function shown(value: unknown): ExcelJS.CellValue {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return '';
  return visible(String(value));
}

function header(sheet: ExcelJS.Worksheet, names: readonly string[]): void {
  const row = sheet.getRow(TABLE_HEADER_ROW);
  row.values = names.map(shown);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'bottom' };
}

function widths(sheet: ExcelJS.Worksheet, sizes: readonly number[]): void {
  sizes.forEach((size, i) => {
    sheet.getColumn(i + 1).width = Math.round(size);
  });
}

function longest(rows: readonly (readonly unknown[])[], index: number): number {
  let most = 0;
  for (let i = 0; i < rows.length && i < 200; i++) {
    most = Math.max(most, String(rows[i]?.[index] ?? '').length + 2);
  }
  return most;
}
