import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TidesConfig } from '../../src/config/types.js';
import { COLUMNS } from '../../src/contract/columns.js';
import { type TemplateModel, templateModel } from '../../src/template/model.js';
import {
  CHECKED_ROWS,
  columnLetter,
  GUIDANCE_HEADER,
  GUIDANCE_SHEET,
  LISTS_SHEET,
  templateWorkbookBytes,
} from '../../src/template/workbook.js';

/** exceljs reads the checks into this (its type declarations leave it out). */
interface Checks {
  find(address: string): ExcelJS.DataValidation | undefined;
}
const checks = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: Checks }).dataValidations;

const CONFIG: TidesConfig = {
  programme: 'Turning Tides',
  inclusion_groups: ['homeless', 'refugee_asylum'],
  measures: {
    loneliness: { min: 3, max: 9, direction: 'lower_better', meaningful_change: 1, items: 3 },
  },
};
const CREATED = new Date(Date.UTC(2024, 5, 30, 8, 0, 0));

let model: TemplateModel;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  model = templateModel(CONFIG, { partner: 'P017' });
  workbook = new ExcelJS.Workbook();
  // Read back as any spreadsheet program would get it: from the bytes written.
  await workbook.xlsx.load(
    (await templateWorkbookBytes(model, CREATED)) as unknown as ExcelJS.Buffer,
  );
});

const returnTables = () => model.tables.filter((t) => t.sheet !== null);

/** The values of a list check's range on the Lists sheet. */
function listValues(formula: string): string[] {
  const match = /^Lists!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (match === null) throw new Error(`not a reference to the Lists sheet: ${formula}`);
  const lists = workbook.getWorksheet(LISTS_SHEET) as ExcelJS.Worksheet;
  const values: string[] = [];
  for (let row = Number(match[2]); row <= Number(match[4]); row++) {
    values.push(String(lists.getCell(`${match[1]}${row}`).value));
  }
  return values;
}

describe('templateWorkbook', () => {
  it('has the sheets Participants, Outcomes, Guidance, and the hidden lists', () => {
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Participants', 'visible'],
      ['Outcomes', 'visible'],
      [GUIDANCE_SHEET, 'visible'],
      [LISTS_SHEET, 'hidden'],
    ]);
  });

  it('carries its given date and no other time', () => {
    expect(workbook.created).toEqual(CREATED);
    expect(workbook.modified).toEqual(CREATED);
    expect(workbook.creator).toBe('tides');
    expect(workbook.title).toBe('Turning Tides: return of partner P017');
  });

  it('has one header row on each data sheet, the contract’s columns, frozen', () => {
    for (const table of returnTables()) {
      const sheet = workbook.getWorksheet(table.sheet as string) as ExcelJS.Worksheet;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(table.fields.map((f) => f.name));
      expect(header).toEqual(COLUMNS[table.kind].map((c) => c.name).slice(0, table.fields.length));
      expect(sheet.actualRowCount).toBe(1);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
  });

  it('puts a drop-down of exactly the code list on every coded column', () => {
    let lists = 0;
    for (const table of returnTables()) {
      const sheet = workbook.getWorksheet(table.sheet as string) as ExcelJS.Worksheet;
      table.fields.forEach((field, i) => {
        const spec = COLUMNS[table.kind].find((c) => c.name === field.name);
        const letter = columnLetter(i + 1);
        const check = checks(sheet).find(`${letter}2`);
        if (field.choices === null) {
          expect(check?.type, `${table.kind}.${field.name}`).not.toBe('list');
          return;
        }
        lists++;
        expect(check?.type, `${table.kind}.${field.name}`).toBe('list');
        const values = listValues(check?.formulae[0] as string);
        expect(values).toEqual(field.choices.values);
        if (spec?.value.kind === 'code') expect(values).toEqual(spec.value.codes.values);
        expect(checks(sheet).find(`${letter}${CHECKED_ROWS + 1}`)).toEqual(check);
        expect(checks(sheet).find(`${letter}${CHECKED_ROWS + 2}`)).toBeUndefined();
        // Flags (several groups to a cell) only warn; a closed list stops other values.
        expect(check?.errorStyle).toBe(field.choices.several ? 'warning' : undefined);
      });
    }
    // sex, ethnicity, disability, partner_id ×2, inclusion_groups, measure, timepoint.
    expect(lists).toBe(8);
  });

  it('formats and checks dates, keeps text as text and checks numbers within their limits', () => {
    for (const table of returnTables()) {
      const sheet = workbook.getWorksheet(table.sheet as string) as ExcelJS.Worksheet;
      table.fields.forEach((field, i) => {
        const column = sheet.getColumn(i + 1);
        const check = checks(sheet).find(`${column.letter}2`);
        const where = `${table.kind}.${field.name}`;
        if (field.type === 'date') {
          expect(column.numFmt, where).toBe('yyyy-mm-dd');
          expect(check?.type, where).toBe('custom');
          expect(check?.formulae[0], where).toContain('TODAY()');
        } else if (field.type === 'string') {
          expect(column.numFmt, where).toBe('@');
        } else if (field.minimum === null && field.maximum === null) {
          expect(check, where).toBeUndefined(); // a custom measure's items without limits
        } else {
          expect(check?.type, where).toBe(field.type === 'integer' ? 'whole' : 'decimal');
          const limits = [field.minimum, field.maximum].filter((x) => x !== null);
          expect(check?.formulae, where).toEqual(limits);
        }
      });
    }
    const ages = checks(workbook.getWorksheet('Participants') as ExcelJS.Worksheet).find('E2');
    expect(ages).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 120] });
  });

  it('gives each column’s meaning, whether it is required, its accepted values and an example', () => {
    const sheet = workbook.getWorksheet(GUIDANCE_SHEET) as ExcelJS.Worksheet;
    const rows = (sheet.getSheetValues() as unknown[][])
      .slice(1)
      .map((row) => (row ?? []).slice(1));
    expect(rows[0]).toEqual([...GUIDANCE_HEADER]);
    const expected = returnTables().flatMap((table) =>
      table.fields.map((f) => [
        table.sheet,
        f.name,
        f.required ? 'yes' : 'no',
        f.description,
        f.accepted,
        f.example,
      ]),
    );
    expect(rows.slice(1, 1 + expected.length)).toEqual(expected);
    const notes = rows.slice(2 + expected.length).map((row) => String(row[0]));
    expect(notes.join('\n')).toContain('partner_id is P017 on every row');
    const accepted = (name: string) => expected.find((row) => row[1] === name)?.[4];
    expect(accepted('sex')).toBe('one of: female, male, other, unknown');
    expect(accepted('inclusion_groups')).toBe(
      'one or more of: homeless, refugee_asylum, separated by ; (or none)',
    );
    expect(accepted('measure')).toContain('loneliness');
  });
});

describe('columnLetter', () => {
  it('names columns as spreadsheets do', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
