import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableToCsvRows } from '../../src/report/format.js';
import type { ReportModel } from '../../src/report/model.js';
import { heading, tablesWorkbookBytes } from '../../src/report/tablesWorkbook.js';
import { realisticModel } from './fixtures.js';

const DATE = new Date(Date.UTC(2026, 11, 4));
const FORMULA = '=HYPERLINK("http://evil.example","x")';

const model: ReportModel = {
  ...realisticModel(),
  coverage: 'enrolments from 2015-16 to 2017-18',
  madeOn: '4 December 2026',
};
// A cohort named like a formula, in the first table's first text cell.
const withFormula: ReportModel = {
  ...model,
  tables: model.tables.map((table, i) =>
    i === 0
      ? {
          ...table,
          rows: table.rows.map((row, j) => (j === 1 ? { ...row, partner_id: FORMULA } : row)),
        }
      : table,
  ),
};

let bytes: Buffer;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  bytes = await tablesWorkbookBytes(withFormula, DATE);
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
});

/** The values of a row, from column A to its last cell (ExcelJS rows are 1-based). */
function values(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

describe('tables.xlsx, as the Analysis Function asks statistics in spreadsheets to be', () => {
  it('has a Cover, a Contents and a Notes sheet, then one table per sheet', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Cover',
      'Contents',
      'Notes',
      ...model.tables.map((t) => t.name),
    ]);
    const cover = workbook.getWorksheet('Cover') as ExcelJS.Worksheet;
    const text = cover.getColumn(1).values.filter(Boolean).join('\n');
    expect(cover.getCell('A1').value).toBe(`${model.programme}: evaluation tables`);
    for (const part of [
      'Period covered\nenrolments from 2015-16 to 2017-18',
      'Source\nPartner returns to the programme, analysed with tides',
      'Date made\n4 December 2026',
      `Disclosure control\n${model.disclosure}`,
      'Symbols used in the tables\n[c] suppressed',
    ]) {
      expect(text).toContain(part);
    }
    const contents = workbook.getWorksheet('Contents') as ExcelJS.Worksheet;
    expect(contents.getCell('A1').value).toBe('Contents');
    expect(values(contents, 3)).toEqual(['Sheet name', 'Table title', 'Rows', 'CSV file']);
    const listed = contents.getColumn(1).values.slice(4);
    expect(listed).toEqual(['Cover', 'Notes', ...model.tables.map((t) => t.name)]);
    const notes = workbook.getWorksheet('Notes') as ExcelJS.Worksheet;
    expect(values(notes, 3)).toEqual(['Note number', 'Note text']);
    expect(values(notes, 4)[0]).toBe('[note 1]');
  });

  it('puts each table under its title in A1, with one header row in words and units, and every row', () => {
    for (const table of withFormula.tables) {
      const sheet = workbook.getWorksheet(table.name) as ExcelJS.Worksheet;
      expect(sheet.getCell('A1').value).toBe(table.title);
      expect(String(sheet.getCell('A2').value)).toContain(`one table of ${table.rows.length} rows`);
      expect(values(sheet, 3)).toEqual(table.columns.map((c) => heading(table.name, c.name)));
      // No blank row inside the table, and nothing below it.
      expect(sheet.rowCount).toBe(3 + table.rows.length);
      const csv = tableToCsvRows(table).rows;
      csv.forEach((row, i) => {
        const cells = values(sheet, 4 + i);
        row.forEach((value, j) => {
          const cell = cells[j];
          if (typeof value === 'number') expect(cell, `${table.name} ${i} ${j}`).toBe(value);
          else if (table.name !== 'reach' || value !== FORMULA)
            expect(cell ?? '').toBe(value ?? '');
        });
      });
    }
    expect(heading('wellbeing_change', 'mean_change')).toBe('Mean change (score points)');
    expect(heading('reach', 'pct_core20')).toBe('Core20 (%)');
    expect(heading('cost', 'funding_gbp')).toBe('Funding (£)');
  });

  it('stores numbers as numbers, marks as in the CSV files, and text that looks like a formula as text', () => {
    const types = new Set<ExcelJS.ValueType>();
    let marks = 0;
    for (const table of model.tables) {
      const sheet = workbook.getWorksheet(table.name) as ExcelJS.Worksheet;
      sheet.eachRow((row, r) => {
        if (r < 4) return;
        row.eachCell((cell) => {
          types.add(cell.type);
          if (typeof cell.value === 'string' && /^\[[cxz]\]$/.test(cell.value)) marks++;
        });
      });
    }
    expect(types).toEqual(new Set([ExcelJS.ValueType.Number, ExcelJS.ValueType.String]));
    expect(marks).toBeGreaterThan(0);
    const formula = (
      workbook.getWorksheet(model.tables[0]?.name as string) as ExcelJS.Worksheet
    ).getCell('A5');
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.value).toBe(FORMULA);
  });

  it('puts each partner’s name beside its id, as the report does (the CSV files keep the id)', async () => {
    const reach = model.tables.find((t) => t.name === 'reach') as ReportModel['tables'][number];
    const ids = reach.rows.map((row) => String(row.partner_id)).filter((id) => id !== 'All');
    expect(ids.length).toBeGreaterThan(0);
    const names = new Map(ids.map((id, i) => [id, i === 0 ? FORMULA : `Partner ${id}`]));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await tablesWorkbookBytes(
        { ...model, partnerNames: names },
        DATE,
      )) as unknown as ArrayBuffer,
    );
    const sheet = book.getWorksheet('reach') as ExcelJS.Worksheet;
    const headings = values(sheet, 3);
    expect(headings.slice(0, 2)).toEqual(['Partner', 'Partner name']);
    expect(headings).toHaveLength(reach.columns.length + 1);
    expect(String(sheet.getCell('A2').value)).toContain('with each partner’s name');
    reach.rows.forEach((row, i) => {
      const [id, name] = values(sheet, 4 + i);
      expect(id).toBe(row.partner_id);
      // A name that looks like a formula is text; the All row has no name.
      expect(name ?? '').toBe(names.get(String(row.partner_id)) ?? '');
    });
    expect(sheet.getCell('B5').type).toBe(ExcelJS.ValueType.String);
  });

  it('merges no cells', () => {
    for (const sheet of workbook.worksheets) {
      expect((sheet.model as { merges?: unknown[] }).merges ?? [], sheet.name).toEqual([]);
    }
  });

  it('gives the same bytes for the same model and date', async () => {
    expect((await tablesWorkbookBytes(withFormula, DATE)).equals(bytes)).toBe(true);
  });
});
