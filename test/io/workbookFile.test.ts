import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isSpreadsheetName,
  isWorkbookName,
  readWorkbookDirectory,
  unreadableSpreadsheet,
  WorkbookProblem,
} from '../../src/io/workbookFile.js';
import { writeProgramme } from '../helpers/programme.js';
import { minimalWorkbook, storedZip, writeFile, writeWorkbook } from '../helpers/workbooks.js';

function problemOf(path: string): string {
  try {
    readWorkbookDirectory(path);
  } catch (error) {
    if (error instanceof WorkbookProblem) return error.message;
    throw error;
  }
  throw new Error(`${path} was read as a workbook`);
}

describe('readWorkbookDirectory', () => {
  it('lists the sheets of a workbook Excel would write, with their states and parts', async () => {
    const dir = writeProgramme({});
    const path = join(dir, 'book.xlsx');
    await writeWorkbook(
      path,
      { Participants: [['a', 'b']], 'Notes & <lists>': [['x']], Outcomes: [] },
      (book) => {
        (book.getWorksheet('Outcomes') as { state: string }).state = 'hidden';
      },
    );
    const { sheets, date1904 } = readWorkbookDirectory(path);
    expect(sheets).toEqual([
      { name: 'Participants', state: 'visible', part: 'xl/worksheets/sheet1.xml' },
      { name: 'Notes & <lists>', state: 'visible', part: 'xl/worksheets/sheet2.xml' },
      { name: 'Outcomes', state: 'hidden', part: 'xl/worksheets/sheet3.xml' },
    ]);
    expect(date1904).toBe(false);
  });

  it('finds a sheet part of any name through the relationships, and the 1904 date system', () => {
    const dir = writeProgramme({});
    const path = join(dir, 'book.xlsx');
    writeFile(path, storedZip(minimalWorkbook('', { date1904: true })));
    const { sheets, date1904 } = readWorkbookDirectory(path);
    expect(sheets).toEqual([
      { name: 'Participants', state: 'visible', part: 'xl/worksheets/data.xml' },
    ]);
    expect(date1904).toBe(true);
  });

  it('says what a file is when it is not a workbook tides reads, and what to do', () => {
    const dir = writeProgramme({});
    const cases: [string, string | Buffer, RegExp][] = [
      // The signature of an OLE compound file: Excel 97–2003, or any password-protected workbook.
      [
        'old.xlsx',
        Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]),
        /Excel 97–2003 workbook or a password-protected one.*remove any password and save it as \.xlsx/,
      ],
      [
        'text.xlsx',
        'participant_id,partner_id\n1,P1\n',
        /not an Excel workbook \(it is not a zip archive\)/,
      ],
      ['empty.xlsx', '', /the file is empty/],
      [
        'calc.xlsx',
        storedZip([
          { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
          { name: 'content.xml', data: '<office:document-content/>' },
        ]),
        /OpenDocument spreadsheet \(\.ods\)/,
      ],
      [
        'other.xlsx',
        storedZip([{ name: 'word/document.xml', data: '<w/>' }]),
        /zip archive but not an Excel workbook/,
      ],
      [
        'locked.xlsx',
        storedZip(minimalWorkbook('').map((part) => ({ ...part, flags: 1 }))),
        /encrypted: remove the password/,
      ],
      [
        'cut.xlsx',
        storedZip(minimalWorkbook('<row r="1"/>')).subarray(0, 300),
        /damaged .*cut short/,
      ],
      [
        'nosheets.xlsx',
        storedZip([{ name: 'xl/workbook.xml', data: '<workbook><sheets/></workbook>' }]),
        /lists no sheets/,
      ],
    ];
    for (const [name, data, message] of cases) {
      writeFile(join(dir, name), data);
      expect(problemOf(join(dir, name)), name).toMatch(message);
      expect(problemOf(join(dir, name)), name).toMatch(/\.xlsx \(Excel Workbook\) or CSV/);
    }
  });

  it('refuses a zip whose directory points past itself rather than reading garbage', () => {
    const dir = writeProgramme({});
    const zip = storedZip(minimalWorkbook(''));
    // The end record's directory offset (bytes 16–19 from its start) moved past the file's end.
    zip.writeUInt32LE(zip.length + 100, zip.length - 22 + 16);
    writeFile(join(dir, 'bad.xlsx'), zip);
    expect(problemOf(join(dir, 'bad.xlsx'))).toMatch(/damaged/);
    expect(readFileSync(join(dir, 'bad.xlsx')).length).toBe(zip.length);
  });
});

describe('spreadsheet names', () => {
  it('reads .xlsx and .xlsm, explains .xls, .xlsb, .ods and .numbers, and leaves others', () => {
    expect(['a.xlsx', 'A.XLSM'].map(isWorkbookName)).toEqual([true, true]);
    expect(['a.xls', 'a.ods', 'a.csv'].map(isWorkbookName)).toEqual([false, false, false]);
    expect(unreadableSpreadsheet('returns/Participants.XLS')).toMatch(
      /Excel 97–2003 workbook \(\.xls\), which tides cannot read: save it as \.xlsx/,
    );
    expect(unreadableSpreadsheet('p.ods')).toMatch(/OpenDocument spreadsheet/);
    expect(unreadableSpreadsheet('p.xlsb')).toMatch(/binary workbook/);
    expect(unreadableSpreadsheet('p.numbers')).toMatch(/Numbers/);
    expect(unreadableSpreadsheet('p.csv')).toBeNull();
    expect(['a.xlsx', 'a.xls', 'a.ods', 'a.csv', 'a.txt'].map(isSpreadsheetName)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
