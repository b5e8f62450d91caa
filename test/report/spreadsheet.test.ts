import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnName, type Sheet, workbookBytes } from '../../src/report/spreadsheet.js';
import { visible } from '../../src/visibleText.js';

const DATE = new Date(Date.UTC(2026, 11, 5, 10, 30, 12));

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/**
 * The hand-written SpreadsheetML, read back by exceljs (an independent reader; LibreOffice Calc
 * 7.4 read the tables of a 50,000-participant analysis to the same CSV, sheet by sheet, as the
 * workbook exceljs wrote before: see the README, Performance).
 */
describe('workbooks written by hand', () => {
  it('hold any text and any finite number as they were given', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(
            fc.oneof(
              // Text with what XML escapes, spaces at either end, and any other character but
              // the controls (every output writes those as escapes before they get here).
              fc.string({
                unit: fc.constantFrom(
                  '&',
                  '<',
                  '>',
                  '"',
                  "'",
                  ' ',
                  'a',
                  'é',
                  '£',
                  '😀',
                  '\u00a0',
                  'x',
                ),
              }),
              fc
                .string({ unit: 'grapheme', minLength: 1 })
                .filter((s) => visible(s) === s && !/[\ufffe\uffff]/.test(s)),
              fc.double({ noNaN: true, noDefaultInfinity: true }),
              fc.integer(),
            ),
            { minLength: 1, maxLength: 6 },
          ),
          { minLength: 1, maxLength: 12 },
        ),
        async (rows) => {
          const sheet: Sheet = {
            name: 'Values',
            widths: [12, 30],
            rows: rows.map((cells, i) => ({
              index: i + 1,
              cells: cells.map((value) => (value === '' ? null : { value })),
            })),
          };
          const book = await readBack(workbookBytes([sheet], { creator: 'test', date: DATE }));
          const read = book.getWorksheet('Values') as ExcelJS.Worksheet;
          rows.forEach((cells, i) => {
            cells.forEach((value, j) => {
              const cell = read.getCell(i + 1, j + 1).value;
              // -0 is written 0, as Excel holds it.
              expect(cell ?? '').toEqual(Object.is(value, -0) ? 0 : value);
            });
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('names columns as Excel does, styles cells and sets widths, the same bytes each time', async () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
    const sheets: Sheet[] = [
      {
        name: 'Cover',
        widths: [110],
        rows: [
          { index: 1, cells: [{ value: 'Title', style: 'coverTitle' }] },
          { index: 3, cells: [{ value: 'A heading', style: 'coverHeading' }] },
        ],
      },
      {
        name: 'Table & more',
        widths: [10, 40],
        rows: [
          { index: 1, cells: [{ value: 'A table', style: 'tableTitle' }] },
          {
            index: 3,
            cells: [
              { value: 'Partner', style: 'header' },
              { value: 'People', style: 'header' },
            ],
          },
          { index: 4, cells: [null, { value: 12 }] },
        ],
      },
    ];
    const bytes = workbookBytes(sheets, { creator: 'tides 9.9.9', date: DATE });
    expect(workbookBytes(sheets, { creator: 'tides 9.9.9', date: DATE }).equals(bytes)).toBe(true);
    const book = await readBack(bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Cover', 'Table & more']);
    expect(book.creator).toBe('tides 9.9.9');
    expect(book.created.toISOString()).toBe('2026-12-05T10:30:12.000Z');
    const cover = book.getWorksheet('Cover') as ExcelJS.Worksheet;
    expect(cover.getColumn(1).width).toBe(110);
    expect(cover.getCell('A1').font).toMatchObject({ bold: true, size: 15 });
    expect(cover.getCell('A1').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(cover.getCell('A3').font).toMatchObject({ bold: true, size: 12 });
    expect(cover.getCell('A2').value).toBeNull();
    const table = book.getWorksheet('Table & more') as ExcelJS.Worksheet;
    expect(table.getCell('A1').font).toMatchObject({ bold: true, size: 13 });
    expect(table.getCell('B3').font).toMatchObject({ bold: true });
    expect(table.getCell('B3').alignment).toMatchObject({ wrapText: true, vertical: 'bottom' });
    expect(table.getCell('B4').value).toBe(12);
    expect(table.getCell('B4').font?.bold ?? false).toBe(false);
    expect(table.getCell('A4').value).toBeNull();
    expect([table.getColumn(1).width, table.getColumn(2).width]).toEqual([10, 40]);
  });

  it('writes a sheet larger than one piece of XML whole', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => ({
      index: i + 1,
      cells: [{ value: `row ${i + 1} ${'x'.repeat(20)}` }, { value: i * 0.5 }],
    }));
    const book = await readBack(
      workbookBytes([{ name: 'Big', widths: [], rows }], { creator: 'test', date: DATE }),
    );
    const sheet = book.getWorksheet('Big') as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(30_000);
    expect(sheet.getCell('A30000').value).toBe(`row 30000 ${'x'.repeat(20)}`);
    expect(sheet.getCell('B29999').value).toBe(29_998 * 0.5);
  });
});
