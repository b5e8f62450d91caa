import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/contract/issues.js';
import { dayNumber } from '../../src/contract/values.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';
import {
  type CellInput,
  day,
  minimalWorkbook,
  storedZip,
  writeFile,
  writeWorkbook,
} from '../helpers/workbooks.js';

/**
 * Workbooks read as partners send them: the same rows as CSV and as a workbook give the same
 * programme and the same issues, with messages naming the sheet and cell; the files a workbook
 * gives are found by its sheets' names or its own; the config's recodes, `files` and layouts
 * apply to workbooks too; a spreadsheet tides cannot read is an error, never passed over.
 */
const TODAY = { today: dayNumber(2024, 1, 1) };
const PARTNERS = 'partner_id,partner_name\nP1,Bridge Cafe\nP2,Dockside\n';

const PEOPLE: CellInput[][] = [
  ['participant_id', 'partner_id', 'enrolled_on', 'sex', 'ethnicity', 'age'],
  ['1', 'P1', day('2017-04-03'), 'Woman', 'White British', 34],
  ['2', 'P1', day('2017-04-04'), 'Man', 'A', 130],
  ['3', 'P1', day('2017-04-05'), 'F', 'WB', 41],
  ['', 'P1', day('2017-04-06'), 'M', 'J', 50],
];
const SCORES: CellInput[][] = [
  ['participant_id', 'partner_id', 'measure', 'timepoint', 'recorded_on', 'score'],
  ['1', 'P1', 'WEMWBS', 'Entry', day('2017-04-03'), 40],
  ['1', 'P1', 'WEMWBS', 'Exit', day('2017-07-03'), 47],
  ['2', 'P1', 'WEMWBS', 'Entry', day('2017-04-04'), 90],
  ['3', 'P1', 'WEMWBS', 'Entry', day('2017-04-05'), 44],
  ['3', 'P1', 'WEMWBS', 'Exit', day('2017-07-05'), 49],
];

/** The rows as a CSV file would hold them (dates as ISO dates). */
function csv(rows: CellInput[][]): string {
  const text = (cell: CellInput) =>
    cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell ?? '');
  return `${rows.map((row) => row.map(text).join(',')).join('\n')}\n`;
}

const RECODE = JSON.stringify({
  partners: { P1: { recode: { ethnicity: { WB: 'white_british' } } } },
});

/** An issue without where it is, to compare a CSV file's with a sheet's. */
const what = (i: Issue) => [i.rule, i.line, i.column, i.value, i.message];

describe('a workbook read as its CSV would be', async () => {
  const asCsv = await loadWithIssues(
    writeProgramme({
      'partners.csv': PARTNERS,
      'P1/participants.csv': csv(PEOPLE),
      'P1/outcomes.csv': csv(SCORES),
      'tides.config.json': RECODE,
    }),
    TODAY,
  );
  const dir = writeProgramme({ 'partners.csv': PARTNERS, 'tides.config.json': RECODE });
  await writeWorkbook(join(dir, 'P1/Bridge return 2017.xlsx'), {
    'How to fill in': [['Instructions', 'one row per person']],
    Participants: PEOPLE,
    'WEMWBS outcomes': SCORES,
  });
  const asBook = await loadWithIssues(dir, TODAY);

  it('gives the same people, scores and row accounting', () => {
    expect(asBook.programme.totals).toEqual(asCsv.programme.totals);
    expect(asBook.programme.episodes.count).toBe(asCsv.programme.episodes.count);
    expect(asBook.programme.pairs.count).toBe(asCsv.programme.pairs.count);
    expect(asBook.programme.files.map((f) => [f.path, f.kind, f.read, f.used, f.rejected])).toEqual(
      [
        ['partners.csv', 'partners', 2, 2, 0],
        ['P1/Bridge return 2017.xlsx [Participants]', 'participants', 4, 3, 1],
        ['P1/Bridge return 2017.xlsx [WEMWBS outcomes]', 'outcomes', 5, 4, 1],
      ],
    );
    expect(asBook.programme.ignored).toContainEqual({
      display: 'P1/Bridge return 2017.xlsx [How to fill in]',
      reason: 'not read: a sheet whose name contains neither "participants" nor "outcomes"',
    });
  });

  it('gives the same issues, naming the sheet and the cell', () => {
    const fromCsv = asCsv.issues.filter((i) => i.file.startsWith('P1/'));
    const fromBook = asBook.issues.filter((i) => i.file.startsWith('P1/'));
    // Sorted: a CSV's issues come in the order of its file names, a workbook's of its sheets'.
    const sorted = (issues: Issue[]) => issues.map((i) => JSON.stringify(what(i))).sort();
    expect(sorted(fromBook)).toEqual(sorted(fromCsv));
    expect(fromBook.length).toBeGreaterThanOrEqual(3);
    expect(asBook.programme.pairs.count).toBe(2);
    const age = fromBook.find((i) => i.column === 'age');
    expect(age).toMatchObject({
      file: 'P1/Bridge return 2017.xlsx [Participants]',
      line: 3,
      cell: 'F3',
    });
    const id = fromBook.find((i) => i.rule === 'value.missing');
    expect(id).toMatchObject({ line: 5, column: 'participant_id', cell: 'A5' });
    expect(fromCsv.every((i) => i.cell === undefined)).toBe(true);
  });
});

describe('which workbooks and sheets are read', () => {
  it('reads a workbook named for its kind through its first visible sheet', async () => {
    const dir = writeProgramme({ 'partners.csv': PARTNERS, 'P1/outcomes.csv': csv(SCORES) });
    await writeWorkbook(
      join(dir, 'P1/Bridge PARTICIPANTS.xlsx'),
      { Old: [['x', 'y']], Sheet1: PEOPLE, Sheet2: [] },
      (book) => {
        (book.getWorksheet('Old') as { state: string }).state = 'hidden';
      },
    );
    const { programme } = await loadWithIssues(dir, TODAY);
    expect(programme.files.map((f) => f.path)).toContain('P1/Bridge PARTICIPANTS.xlsx [Sheet1]');
    expect(programme.totals.participants.read).toBe(4);
    const reasons = programme.ignored.map((f) => [f.display, f.reason]);
    expect(reasons).toContainEqual([
      'P1/Bridge PARTICIPANTS.xlsx [Old]',
      'not read: only the first visible sheet of a workbook named for its participants is read',
    ]);
  });

  it('reports a spreadsheet it cannot read as an error when its name says it holds data', async () => {
    const dir = writeProgramme({
      'partners.csv': PARTNERS,
      'P1/participants.csv': csv(PEOPLE),
      'P2/participants.xls': 'an Excel 97 file',
      'P2/outcomes.xlsx': 'not a zip',
      'P2/scores.ods': 'x',
      // Excel's lock file beside an open workbook: 165 bytes of its owner's name, not a zip.
      'P1/~$participants.xlsx': '\u0005Alice',
    });
    const { programme, issues } = await loadWithIssues(dir, TODAY);
    const formats = issues.filter((i) => i.rule === 'file.format').map((i) => [i.file, i.severity]);
    expect(formats).toEqual([
      ['P2/outcomes.xlsx', 'error'],
      ['P2/participants.xls', 'error'],
    ]);
    expect(issues.find((i) => i.file === 'P2/participants.xls')?.message).toMatch(
      /Excel 97–2003 workbook \(\.xls\), which tides cannot read: save it as \.xlsx \(Excel Workbook\) or CSV/,
    );
    expect(programme.files.find((f) => f.path === 'P2/outcomes.xlsx')).toMatchObject({ read: 0 });
    expect(programme.ignored.find((f) => f.display === 'P1/~$participants.xlsx')?.reason).toMatch(
      /^an Excel lock file/,
    );
    expect(programme.ignored.find((f) => f.display === 'P2/scores.ods')?.reason).toMatch(
      /suggests outcomes.*OpenDocument spreadsheet/,
    );
  });

  it('reads workbooks the config names, and wide sheets through a layout', async () => {
    const dir = writeProgramme({
      'partners.csv': PARTNERS,
      'P1/participants.csv': csv(PEOPLE),
      'tides.config.json': JSON.stringify({
        files: { outcomes: ['P1/*scores.xlsx'] },
        layouts: {
          wide: {
            files: ['P2/Dockside.xlsx'],
            measures: {
              wemwbs: { baseline: { score: 'WEMWBS start' }, followup: { score: 'WEMWBS end' } },
            },
          },
        },
      }),
    });
    await writeWorkbook(join(dir, 'P1/Bridge scores.xlsx'), { Scores: SCORES });
    await writeWorkbook(join(dir, 'P2/Dockside.xlsx'), {
      Participants: [
        ['participant_id', 'partner_id', 'enrolled_on', 'WEMWBS start', 'WEMWBS end'],
        ['9', 'P2', day('2017-05-01'), 41, 'n/a'],
      ],
    });
    const { programme, issues } = await loadWithIssues(dir, TODAY);
    expect(programme.files.map((f) => [f.path, f.kind, f.read])).toEqual([
      ['partners.csv', 'partners', 2],
      ['P1/participants.csv', 'participants', 4],
      ['P2/Dockside.xlsx [Participants]', 'participants', 1],
      ['P1/Bridge scores.xlsx [Scores]', 'outcomes', 5],
      // One record for each measure and timepoint of the row.
      ['P2/Dockside.xlsx [Participants] (wide)', 'outcomes', 2],
    ]);
    // The wide sheet's bad follow-up is named by its own column and cell.
    expect(
      issues.find(
        (i) => i.file === 'P2/Dockside.xlsx [Participants] (wide)' && i.rule === 'score.invalid',
      ),
    ).toMatchObject({
      column: 'WEMWBS end',
      cell: 'E2',
      line: 2,
    });
  });
});

describe('a workbook with problems of its own', () => {
  it('rejects the rows whose cells cannot be read and still reads the rest', async () => {
    const dir = writeProgramme({ 'partners.csv': PARTNERS, 'P1/outcomes.csv': csv(SCORES) });
    writeFile(join(dir, 'P1/notes.txt'), 'x');
    await writeWorkbook(join(dir, 'P1/participants.xlsx'), {
      Participants: [
        ...PEOPLE.slice(0, 2),
        ['2', 'P1', day('2017-04-04'), 'Man', 'A', { formula: 'F2+1' }],
      ],
    });
    const { programme, issues } = await loadWithIssues(dir, TODAY);
    expect(programme.totals.participants).toEqual({ read: 2, used: 1, rejected: 1 });
    expect(issues.find((i) => i.rule === 'cell.formula')).toMatchObject({
      file: 'P1/participants.xlsx [Participants]',
      line: 3,
      cell: 'F3',
      column: 'age',
      value: '=F2+1',
    });
  });
});

describe('files saved by LibreOffice Calc (fixtures/workbooks, see its README)', () => {
  const fixture = (name: string) => readFileSync(join('fixtures/workbooks', name));

  it('reads its .xlsx exactly as the CSV it was saved from', async () => {
    const load = async (name: string) => {
      const dir = writeProgramme({ 'partners.csv': PARTNERS, 'P1/outcomes.csv': csv(SCORES) });
      writeFile(join(dir, 'P1', name), fixture(name));
      return loadWithIssues(dir, TODAY);
    };
    const fromCsv = await load('participants.csv');
    const fromBook = await load('participants.xlsx');
    expect(fromBook.programme.totals).toEqual(fromCsv.programme.totals);
    expect(fromBook.programme.totals.participants).toEqual({ read: 4, used: 3, rejected: 1 });
    expect(fromBook.issues.map(what)).toEqual(fromCsv.issues.map(what));
    const sheetIssues = fromBook.issues.filter((i) => i.file.endsWith('[participants]'));
    expect(sheetIssues.map((i) => [i.rule, i.cell])).toEqual([
      ['number.range', 'F3'],
      ['value.missing', 'A5'],
    ]);
  });

  it('reports its .xls and .ods as files to save as .xlsx or CSV', async () => {
    const dir = writeProgramme({ 'partners.csv': PARTNERS, 'P1/outcomes.csv': csv(SCORES) });
    writeFile(join(dir, 'P1/participants.xls'), fixture('participants.xls'));
    writeFile(join(dir, 'P2/participants.ods'), fixture('participants.ods'));
    // The .xls under a .xlsx name too: what it is shows in its bytes, not its name.
    writeFile(join(dir, 'P3/participants.xlsx'), fixture('participants.xls'));
    const { issues } = await loadWithIssues(dir, TODAY);
    const formats = issues.filter((i) => i.rule === 'file.format').map((i) => [i.file, i.message]);
    expect(formats).toEqual([
      ['P1/participants.xls', expect.stringMatching(/Excel 97–2003 workbook \(\.xls\)/)],
      ['P2/participants.ods', expect.stringMatching(/OpenDocument spreadsheet \(\.ods\)/)],
      [
        'P3/participants.xlsx',
        expect.stringMatching(/Excel 97–2003 workbook or a password-protected one/),
      ],
    ]);
  });
});

describe('a damaged sheet', () => {
  it('is reported as unreadable from where it breaks, with what was read before kept', async () => {
    const cell = (ref: string, text: string) =>
      `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const header = `<row r="1">${cell('A1', 'participant_id')}${cell('B1', 'partner_id')}${cell('C1', 'enrolled_on')}</row>`;
    const person = (r: number) =>
      `<row r="${r}">${cell(`A${r}`, String(r))}${cell(`B${r}`, 'P1')}${cell(`C${r}`, '2017-04-03')}</row>`;
    // Enough rows to come in several pieces of XML, then a closing tag that opens nothing.
    const rows = Array.from({ length: 15_000 }, (_, i) => person(i + 2)).join('');
    const dir = writeProgramme({ 'partners.csv': PARTNERS, 'P1/outcomes.csv': csv(SCORES) });
    writeFile(
      join(dir, 'P1/participants.xlsx'),
      storedZip(minimalWorkbook(`${header}${rows}<row r="15002"></c></row>`)),
    );
    const { programme, issues } = await loadWithIssues(dir, TODAY);
    const file = programme.files.find((f) => f.path === 'P1/participants.xlsx [Participants]');
    const broken = issues.find((i) => i.rule === 'file.unreadable');
    expect(broken?.message).toMatch(
      /^the file cannot be read from row \d+ on \(the workbook is damaged: .*; open it in Excel and save it again\); the \d+ record\(s\) before it were read/,
    );
    expect(file?.read).toBeGreaterThan(0);
    expect(file?.read).toBe((broken?.line ?? 0) - 2);
    expect(file?.encoding).toBe('xlsx');
  });
});
