import type ExcelJS from 'exceljs';
import { withEntryDates } from '../zip/dates.js';
import type { TemplateField } from './field.js';
import type { TemplateModel, TemplateTable } from './model.js';

/**
 * Rows below the header that Excel checks as they are typed (drop-downs, dates, ranges). Rows
 * further down are read all the same; only the checks stop. Not the whole column: a reader that
 * expands the checks cell by cell (exceljs's, for one) would then hold a million entries a column.
 */
export const CHECKED_ROWS = 10_000;

/** The sheet holding the drop-downs' lists, hidden (a list written into a check is ≤ 255 characters). */
export const LISTS_SHEET = 'Lists';
export const GUIDANCE_SHEET = 'Guidance';
export const GUIDANCE_HEADER = [
  'sheet',
  'column',
  'required',
  'meaning',
  'accepted values',
  'example',
] as const;

const DATE_FORMAT = 'yyyy-mm-dd';
/** Excel's text format: what is typed stays as typed (an id 007 is not turned into 7). */
const TEXT_FORMAT = '@';
/** Excel's limit on a check's message. */
const MAX_MESSAGE = 255;

/** The fields of exceljs's data validations (its type declarations leave the sheet's list out). */
type Check = ExcelJS.DataValidation;
interface CheckedSheet {
  readonly dataValidations: { add(range: string, check: Check): void };
}

/**
 * The partner's return as a workbook: a sheet per file of the partner's (Participants and
 * Outcomes), each with one header row of the contract's columns, frozen, and checks on the rows
 * below: a drop-down on every column with a list, dates formatted and checked, numbers within
 * their limits, text columns kept as text; a Guidance sheet giving each column's meaning, whether
 * it is required, its accepted values and an example; and the drop-downs' lists on a hidden
 * sheet. `date` is the workbook's creation date (its properties carry no other time).
 */
export async function templateWorkbook(
  model: TemplateModel,
  date: Date,
): Promise<ExcelJS.Workbook> {
  // exceljs is loaded when a workbook is written: 500-odd modules a CSV-only run never needs.
  const workbook = new (await import('exceljs')).default.Workbook();
  workbook.creator = 'tides';
  workbook.lastModifiedBy = 'tides';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = title(model);
  const tables = model.tables.filter((t) => t.sheet !== null);
  const lists = new ListsSheet();
  for (const table of tables) addDataSheet(workbook, table, lists);
  addGuidance(workbook, tables, model);
  lists.addTo(workbook);
  return workbook;
}

/**
 * The workbook's bytes: the same model and date give the same bytes, whenever they are made (the
 * zip entries' own times, which exceljs sets to the time of writing, are set to `date`).
 */
export async function templateWorkbookBytes(model: TemplateModel, date: Date): Promise<Buffer> {
  const written = await (await templateWorkbook(model, date)).xlsx.writeBuffer();
  return withEntryDates(new Uint8Array(written), date);
}

function title(model: TemplateModel): string {
  const what = model.partner === null ? 'return' : `return of partner ${model.partner}`;
  return model.programme === null
    ? what.charAt(0).toUpperCase() + what.slice(1)
    : `${model.programme}: ${what}`;
}

function addDataSheet(workbook: ExcelJS.Workbook, table: TemplateTable, lists: ListsSheet): void {
  const sheet = workbook.addWorksheet(table.sheet as string, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.fields.map((field) => ({
    header: field.name,
    key: field.name,
    width: Math.max(12, field.name.length + 4),
    style: cellFormat(field),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  table.fields.forEach((field, i) => {
    const cell = header.getCell(i + 1);
    cell.numFmt = TEXT_FORMAT;
    if (field.required) {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4B6' } };
    }
    const letter = sheet.getColumn(i + 1).letter;
    const check = checkOf(field, `${letter}2`, lists);
    if (check !== null) {
      (sheet as unknown as CheckedSheet).dataValidations.add(
        `${letter}2:${letter}${CHECKED_ROWS + 1}`,
        check,
      );
    }
  });
}

function cellFormat(field: TemplateField): Partial<ExcelJS.Style> {
  if (field.type === 'date') return { numFmt: DATE_FORMAT };
  if (field.type === 'string') return { numFmt: TEXT_FORMAT };
  return {};
}

/** Excel's check for a column's cells (`first`: the top checked cell, for formulas), or null. */
function checkOf(field: TemplateField, first: string, lists: ListsSheet): Check | null {
  const message = {
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: field.name,
    error: truncate(`${field.name}: ${field.accepted}`),
  };
  if (field.choices !== null) {
    return {
      ...message,
      type: 'list',
      formulae: [lists.range(field.name, field.choices.values)],
      // Flags: the list offers one group; a cell may still hold several, separated by ;.
      ...(field.choices.several && { errorStyle: 'warning' }),
    };
  }
  if (field.type === 'date') {
    // A real date (a number in Excel) from 1900 to today: later dates are errors in tides.
    return {
      ...message,
      type: 'custom',
      formulae: [`AND(ISNUMBER(${first}),${first}>=DATE(1900,1,1),${first}<=TODAY())`],
    };
  }
  if (field.type === 'integer' || field.type === 'number') {
    const type = field.type === 'integer' ? 'whole' : 'decimal';
    const { minimum: min, maximum: max } = field;
    if (min !== null && max !== null) {
      return { ...message, type, operator: 'between', formulae: [min, max] };
    }
    if (min !== null) return { ...message, type, operator: 'greaterThanOrEqual', formulae: [min] };
    if (max !== null) return { ...message, type, operator: 'lessThanOrEqual', formulae: [max] };
    return null;
  }
  if (field.maxLength !== null) {
    return {
      ...message,
      type: 'textLength',
      operator: 'lessThanOrEqual',
      formulae: [field.maxLength],
    };
  }
  return null;
}

function truncate(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}

/**
 * The drop-downs' lists, a column each (named in its first row): gathered as the data sheets
 * refer to them, then written on a hidden sheet after the others.
 */
class ListsSheet {
  private readonly lists = new Map<string, { name: string; values: readonly string[] }>();

  /** The absolute reference of `values`' cells (one column per column name and list). */
  range(name: string, values: readonly string[]): string {
    const key = JSON.stringify([name, values]);
    if (!this.lists.has(key)) this.lists.set(key, { name, values });
    const letter = columnLetter([...this.lists.keys()].indexOf(key) + 1);
    return `${LISTS_SHEET}!$${letter}$2:$${letter}$${values.length + 1}`;
  }

  addTo(workbook: ExcelJS.Workbook): void {
    const sheet = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    [...this.lists.values()].forEach(({ name, values }, i) => {
      const column = sheet.getColumn(i + 1);
      column.numFmt = TEXT_FORMAT;
      column.width = Math.max(12, name.length + 2, ...values.map((v) => v.length + 2));
      [name, ...values].forEach((value, row) => {
        sheet.getCell(row + 1, i + 1).value = value;
      });
    });
    sheet.getRow(1).font = { bold: true };
  }
}

/** A spreadsheet column's letters: 1 → A, 26 → Z, 27 → AA. */
export function columnLetter(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function addGuidance(
  workbook: ExcelJS.Workbook,
  tables: readonly TemplateTable[],
  model: TemplateModel,
): void {
  const sheet = workbook.addWorksheet(GUIDANCE_SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = [
    { width: 14 },
    { width: 18 },
    { width: 10 },
    { width: 60 },
    { width: 60 },
    { width: 20 },
  ].map((c) => ({ ...c, style: { alignment: { wrapText: true, vertical: 'top' } } }));
  sheet.addRow([...GUIDANCE_HEADER]).font = { bold: true };
  for (const table of tables) {
    for (const field of table.fields) {
      const row = sheet.addRow([
        table.sheet,
        field.name,
        field.required ? 'yes' : 'no',
        field.description,
        field.accepted,
        field.example,
      ]);
      row.getCell(6).numFmt = TEXT_FORMAT;
    }
  }
  sheet.addRow([]);
  for (const note of notes(model)) sheet.addRow([note]);
}

/** How to fill the workbook in, below the columns' guidance. */
function notes(model: TemplateModel): string[] {
  return [
    'How to fill this workbook in',
    'Participants: one row per person. Outcomes: one row per person, measure and timepoint (baseline and followup), with the score or the answers item by item.',
    'Keep the first row of each sheet as it is: tides finds the columns by these names. Leave a cell empty when the value is not known.',
    `Dates are formatted YYYY-MM-DD; columns with a list offer it as a drop-down. Excel checks the first ${CHECKED_ROWS.toLocaleString('en-GB')} rows of each sheet as they are typed.`,
    ...(model.partner === null
      ? []
      : [
          `This is the return of partner ${model.partner}: partner_id is ${model.partner} on every row.`,
        ]),
  ];
}
