import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IssueLog } from '../../src/contract/issues.js';
import { cellText, isDateFormat, readSheet } from '../../src/io/sheetReader.js';
import { columnLetters } from '../../src/io/workbookFile.js';
import { writeProgramme } from '../helpers/programme.js';
import { day, minimalWorkbook, storedZip, writeFile, writeWorkbook } from '../helpers/workbooks.js';

interface Read {
  header: { fields: string[]; line: number; first: number } | null;
  records: { fields: string[]; line: number }[];
  rejected: number[];
  log: IssueLog;
}

async function read(path: string, sheet?: string): Promise<Read> {
  const out: Read = { header: null, records: [], rejected: [], log: new IssueLog() };
  await readSheet(
    path,
    sheet,
    'book.xlsx [S]',
    {
      header: (fields, line, first) => {
        out.header = { fields, line, first: first ?? 0 };
      },
      record: (fields, line) => out.records.push({ fields, line }),
      rejected: (line) => out.rejected.push(line),
    },
    out.log,
  );
  return out;
}

describe('readSheet', () => {
  it('reads a sheet as CSV text, naming every cell it cannot read', async () => {
    const path = join(writeProgramme({}), 'book.xlsx');
    await writeWorkbook(
      path,
      {
        Other: [['not', 'this']],
        Participants: [
          ['Bridge Cafe: participants, April 2017'],
          [],
          [null, 'participant_id', 'enrolled_on', 'age', 'note'],
          [null, '1', day('2017-04-03'), 34, { richText: [{ text: 'bold ' }, { text: 'words' }] }],
          [null, '2', new Date('2017-04-04T13:30:00Z'), 40.5, true],
          [
            null,
            '3',
            { formula: 'DATE(2017,4,5)', result: 42830 },
            { formula: '30+1', result: 31 },
            '',
          ],
          [null, '4', day('2017-04-06'), { formula: 'D5+1' }, 'no value saved'],
          [null, '5', day('2017-04-07'), { error: '#N/A' }, 'error'],
          [],
          [null, '6', day('2017-04-08'), 50, 'x', 'beyond the header'],
          ['left of it', '7', day('2017-04-09'), 51, 'x'],
          [null, '8', null, null, null],
        ],
      },
      (book) => {
        const sheet = book.getWorksheet('Participants') as ExcelJS.Worksheet;
        // A formula's cached date serial shows as a date through its cell's format.
        sheet.getCell('C6').numFmt = 'd-mmm-yy';
        sheet.getRow(8).hidden = true;
        sheet.mergeCells('E4:E5');
      },
    );
    const got = await read(path, 'Participants');
    expect(got.header).toEqual({
      fields: ['participant_id', 'enrolled_on', 'age', 'note'],
      line: 3,
      first: 2,
    });
    expect(got.records).toEqual([
      { fields: ['1', '2017-04-03', '34', 'bold words'], line: 4 },
      // E5 is merged into E4: its value (TRUE) is gone, as in Excel, and it reads as empty.
      { fields: ['2', '2017-04-04 13:30:00', '40.5', ''], line: 5 },
      // Serial 42830 is 2017-04-05 (days since 1899-12-30).
      { fields: ['3', '2017-04-05', '31', ''], line: 6 },
      { fields: ['8', '', '', ''], line: 12 },
    ]);
    expect(got.rejected).toEqual([7, 8, 10, 11]);
    const issues = got.log
      .takeIssues()
      .map((i) => [i.rule, i.line, i.cell ?? null, i.column, i.value]);
    expect(issues).toEqual([
      ['sheet.preamble', 1, null, null, null],
      ['cell.formula', 7, 'D7', 'age', '=D5+1'],
      ['cell.error', 8, 'D8', 'age', '#N/A'],
      ['row.ragged', 10, null, null, 'F10'],
      ['row.ragged', 11, null, null, 'A11'],
      ['sheet.hidden', 8, null, null, null],
      ['cell.merged', null, null, null, 'E4:E5'],
    ]);
  });

  it('reads the first visible sheet when none is named', async () => {
    const path = join(writeProgramme({}), 'book.xlsx');
    await writeWorkbook(
      path,
      {
        Hidden: [['a', 'b']],
        Shown: [
          ['c', 'd'],
          ['1', '2'],
        ],
      },
      (book) => {
        (book.getWorksheet('Hidden') as { state: string }).state = 'hidden';
      },
    );
    const got = await read(path);
    expect(got.header?.fields).toEqual(['c', 'd']);
    expect(got.records).toEqual([{ fields: ['1', '2'], line: 2 }]);
  });

  it('reports a hidden sheet that is read', async () => {
    const path = join(writeProgramme({}), 'book.xlsx');
    await writeWorkbook(
      path,
      {
        Participants: [
          ['a', 'b'],
          ['1', '2'],
        ],
      },
      (book) => {
        (book.getWorksheet('Participants') as { state: string }).state = 'hidden';
      },
    );
    const got = await read(path, 'Participants');
    expect(got.log.takeIssues().map((i) => i.rule)).toEqual(['sheet.hidden']);
    expect(got.records).toHaveLength(1);
  });

  it('reads a workbook whose parts come in any order and any name, with inline strings', async () => {
    // The sheet comes before the styles and shared strings in the zip, under a name other than
    // sheetN.xml; cell A2's style is the built-in date format 14 (m/d/yyyy), B2 a plain number.
    const sheetXml =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>score &amp; more</t></is></c></row>' +
      '<row r="2"><c r="A2" s="1"><v>42828</v></c><c r="B2"><v>7</v></c></row>';
    const styles =
      '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>';
    const path = join(writeProgramme({}), 'book.xlsx');
    writeFile(
      path,
      storedZip(
        minimalWorkbook(sheetXml, { sharedStrings: '<si><t>recorded_on</t></si>', styles }),
      ),
    );
    const got = await read(path, 'Participants');
    expect(got.header?.fields).toEqual(['recorded_on', 'score & more']);
    expect(got.records).toEqual([{ fields: ['2017-04-03', '7'], line: 2 }]);
  });

  it('counts dates from 1904 in a workbook that says so', async () => {
    const sheetXml =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>' +
      '<row r="2"><c r="A2" s="1"><v>41366</v></c><c r="B2"><v>1</v></c></row>';
    const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>';
    const path = join(writeProgramme({}), 'book.xlsx');
    writeFile(path, storedZip(minimalWorkbook(sheetXml, { styles, date1904: true })));
    // 41366 days after 1904-01-01 is 2017-04-03 (the 1900 system's 42828, less 1462 days).
    expect((await read(path, 'Participants')).records[0]?.fields[0]).toBe('2017-04-03');
  });

  it('reads a workbook streamed with data descriptors after its parts', async () => {
    const path = join(writeProgramme({}), 'streamed.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: true,
      useStyles: true,
    });
    const sheet = book.addWorksheet('Outcomes');
    sheet.addRow(['participant_id', 'score']).commit();
    for (let i = 1; i <= 2000; i++) sheet.addRow([`P${i}`, i % 15]).commit();
    await sheet.commit();
    await book.commit();
    // Bit 3 of the first local header's flags: sizes follow the data, in a data descriptor.
    expect(readFileSync(path).readUInt16LE(6) & 8).toBe(8);
    const got = await read(path, 'Outcomes');
    expect(got.records).toHaveLength(2000);
    expect(got.records[1999]).toEqual({ fields: ['P2000', '5'], line: 2001 });
  });

  it('reports a sheet with no header row and a sheet the workbook lacks', async () => {
    const path = join(writeProgramme({}), 'book.xlsx');
    await writeWorkbook(path, { Participants: [['just a title'], [], ['and a note']] });
    const empty = await read(path, 'Participants');
    expect(empty.log.takeIssues().map((i) => [i.rule, i.line])).toEqual([['file.empty', 1]]);
    const missing = await read(path, 'Outcomes');
    expect(missing.log.takeIssues().map((i) => [i.rule, i.message])).toEqual([
      ['file.format', 'the workbook has no sheet named Outcomes'],
    ]);
  });
});

describe('cell values', () => {
  it('writes numbers as JavaScript does and dates by their format', () => {
    expect(cellText(0.1, undefined, false)).toBe('0.1');
    expect([true, false].map((b) => cellText(b, undefined, false))).toEqual(['TRUE', 'FALSE']);
    expect(cellText(1e21, 'General', false)).toBe('1e+21');
    expect(cellText(42828, 'dd/mm/yyyy', false)).toBe('2017-04-03');
    expect(cellText(42828.75, 'dd/mm/yyyy hh:mm', false)).toBe('2017-04-03 18:00:00');
    expect(cellText(42828, '0.00', false)).toBe('42828');
    expect(cellText({ formula: 'A1', result: { error: '#REF!' } }, undefined, false)).toMatchObject(
      {
        rule: 'cell.error',
        value: '#REF!',
      },
    );
    expect(cellText({ formula: '1/0', result: Number.NaN }, undefined, false)).toMatchObject({
      rule: 'cell.error',
    });
    expect(cellText({ sharedFormula: 'B2', result: 3 }, undefined, false)).toBe('3');
    expect(cellText({ text: 'link', hyperlink: 'https://x' }, undefined, false)).toBe('link');
  });

  it('tells date formats from others as Excel does: quoted text and [colours] do not count', () => {
    expect(
      ['yyyy-mm-dd', 'd-mmm-yy', 'h:mm', '[$-F800]dddd, mmmm dd, yyyy'].map(isDateFormat),
    ).toEqual([true, true, true, true]);
    expect(['General', '0.00', '"days"0', '[Red]0.0', '#,##0'].map(isDateFormat)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });
});
