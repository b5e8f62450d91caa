import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { template } from '../../src/api/template.js';
import { validate } from '../../src/api/validate.js';
import { UnusableInputError, UsageError } from '../../src/errors.js';
import { buildMeasureRegistry } from '../../src/measures/registry.js';
import { hashes } from '../helpers/hashes.js';

const CONFIG = {
  programme: 'Turning Tides',
  inclusion_groups: ['homeless', 'refugee_asylum'],
  measures: {
    loneliness: {
      label: 'UCLA-3 loneliness',
      min: 3,
      max: 9,
      direction: 'lower_better',
      meaningful_change: 1,
      items: 3,
      item_min: 1,
      item_max: 3,
    },
  },
};

function folder(): string {
  return join(mkdtempSync(join(tmpdir(), 'tides-template-')), 'template');
}

function configFile(config: unknown = CONFIG): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tides-template-config-')), 'tides.config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

interface SchemaField {
  name: string;
  example: string | number;
  constraints?: { enum?: string[] };
}
type Schemas = Record<string, SchemaField[]>;

/** Each resource's fields, from the template's own datapackage.json. */
function schemas(dir: string): Schemas {
  const descriptor = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as {
    resources: { name: string; schema: { fields: SchemaField[] } }[];
  };
  return Object.fromEntries(descriptor.resources.map((r) => [r.name, r.schema.fields]));
}

/** Appends rows to a CSV template: each row gives some fields; the others take their example. */
function fill(dir: string, fields: SchemaField[], file: string, rows: Record<string, string>[]) {
  const lines = rows.map((row) => fields.map((f) => row[f.name] ?? String(f.example)).join(','));
  writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}${lines.join('\n')}\n`);
}

const enumOf = (fields: SchemaField[], name: string) =>
  fields.find((f) => f.name === name)?.constraints?.enum ?? [];

/**
 * Fills in the programme's own files (partners, population, LSOA lookup) and gives a return's
 * rows: one person per value of the longest code list, each answering every measure at both
 * timepoints. Each row gives some fields; the others take their example.
 */
function returnRows(dir: string, measures: readonly string[]) {
  const tables = schemas(dir);
  const participants = tables.participants as SchemaField[];
  const outcomes = tables.outcomes as SchemaField[];
  fill(dir, tables.partners as SchemaField[], 'partners.csv', [{}]);
  fill(dir, tables.population as SchemaField[], 'population.csv', [{}]);
  fill(dir, tables.lsoa_imd as SchemaField[], 'lsoa_imd.csv', [{}]);
  // One person per value of the longest code list, each code taking its values in turn.
  const coded = participants.filter((f) => enumOf(participants, f.name).length > 0);
  const count = Math.max(...coded.map((f) => enumOf(participants, f.name).length));
  const ids = Array.from({ length: count }, (_, i) => `A${i + 1}`);
  const people = ids.map((id, i) => ({
    participant_id: id,
    ...Object.fromEntries(
      coded.map((f) => {
        const values = enumOf(participants, f.name);
        return [f.name, values[i % values.length] as string];
      }),
    ),
    inclusion_groups: ['', 'homeless', 'homeless;refugee_asylum', 'none'][i % 4] as string,
  }));
  // Every person answers every measure at both timepoints: a score within the measure's range,
  // or (the first person, the example measure) the answers item by item, as their examples.
  const registry = buildMeasureRegistry(CONFIG as never);
  const shown = outcomes.find((f) => f.name === 'measure')?.example;
  const items = Object.fromEntries(
    outcomes.filter((f) => f.name.startsWith('item_')).map((f) => [f.name, '']),
  );
  const rows = ids.flatMap((id, i) =>
    enumOf(outcomes, 'measure').flatMap((measure) =>
      enumOf(outcomes, 'timepoint').map((timepoint) => {
        const m = registry.get(measure);
        const score = String(Math.round(((m?.min ?? 0) + (m?.max ?? 0)) / 2));
        const byItems = i === 0 && measure === shown;
        return {
          participant_id: id,
          measure,
          timepoint,
          ...(byItems ? { score: '' } : { score, ...items }),
        };
      }),
    ),
  );
  const withExamples = (fields: SchemaField[], rows: Record<string, string>[]) =>
    rows.map((row) =>
      Object.fromEntries(fields.map((f) => [f.name, row[f.name] ?? String(f.example)])),
    );
  expect(rows).toHaveLength(count * measures.length * 2);
  return {
    participants: withExamples(participants, people),
    outcomes: withExamples(outcomes, rows),
  };
}

const epoch = process.env.SOURCE_DATE_EPOCH;
afterEach(() => {
  if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = epoch;
});

describe('template()', () => {
  it('writes the workbook, a CSV template per file of the contract and datapackage.json', async () => {
    const dir = folder();
    const result = await template(dir, { partner: 'P017' });
    expect(result.partner).toBe('P017');
    expect(result.measures).toEqual(buildMeasureRegistry().measures.map((m) => m.id));
    expect(result.files.map((f) => f.path)).toEqual([
      'return.xlsx',
      'partners.csv',
      'participants.csv',
      'outcomes.csv',
      'population.csv',
      'lsoa_imd.csv',
      'datapackage.json',
    ]);
    const onDisk = hashes(dir);
    for (const f of result.files) expect(onDisk[f.path]).toBe(f.sha256);
    expect(readFileSync(join(dir, 'participants.csv'), 'utf8')).toBe(
      'participant_id,partner_id,cohort,enrolled_on,age,sex,ethnicity,disability,lsoa,postcode,imd_decile,inclusion_groups\n',
    );
  });

  it('reads with no errors and no warnings once filled in (the CSV templates)', async () => {
    const dir = folder();
    const options = { partner: 'P017', config: configFile(), format: ['csv', 'json'] } as const;
    const result = await template(dir, options);
    const rows = returnRows(dir, result.measures);
    for (const [file, table] of [
      ['participants.csv', rows.participants],
      ['outcomes.csv', rows.outcomes],
    ] as const) {
      const lines = table.map((row) => Object.values(row).join(','));
      writeFileSync(
        join(dir, file),
        `${readFileSync(join(dir, file), 'utf8')}${lines.join('\n')}\n`,
      );
    }
    // The programme's folder holds its config, which defines the custom measure.
    writeFileSync(join(dir, 'tides.config.json'), JSON.stringify(CONFIG));

    const checked = await validate(dir);
    expect(checked.issues).toEqual([]);
    expect([checked.errors, checked.warnings]).toEqual([0, 0]);
    // The marker is tides' own record, not listed.
    expect(checked.ignored.map((f) => f.path)).toEqual(['datapackage.json']);
    const all = (n: number) => ({ read: n, used: n, rejected: 0 });
    expect(checked.totals.participants).toEqual(all(rows.participants.length));
    expect(checked.totals.outcomes).toEqual(all(rows.outcomes.length));
    expect(result.measures).toContain('loneliness');
  });

  it('reads with no errors and no warnings once filled in (the workbook return.xlsx)', async () => {
    const dir = folder();
    const result = await template(dir, { partner: 'P017', config: configFile() });
    const rows = returnRows(dir, result.measures);
    // The partner fills in the workbook only: dates typed as dates, numbers as numbers.
    rmSync(join(dir, 'participants.csv'));
    rmSync(join(dir, 'outcomes.csv'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'return.xlsx'));
    const typed = (value: string): ExcelJS.CellValue =>
      /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? new Date(`${value}T00:00:00Z`)
        : /^[1-9]\d*$/.test(value)
          ? Number(value)
          : value;
    for (const [name, table] of [
      ['Participants', rows.participants],
      ['Outcomes', rows.outcomes],
    ] as const) {
      const sheet = book.getWorksheet(name) as ExcelJS.Worksheet;
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      table.forEach((row, i) => {
        header.forEach((column, c) => {
          const value = row[column];
          if (value !== undefined && value !== '') sheet.getCell(i + 2, c + 1).value = typed(value);
        });
      });
    }
    await book.xlsx.writeFile(join(dir, 'return.xlsx'));
    writeFileSync(join(dir, 'tides.config.json'), JSON.stringify(CONFIG));

    const checked = await validate(dir);
    expect(checked.issues).toEqual([]);
    expect([checked.errors, checked.warnings]).toEqual([0, 0]);
    expect(checked.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['return.xlsx [Participants]', 'return.xlsx [Outcomes]']),
    );
    expect(checked.ignored.map((f) => f.path)).toEqual([
      'datapackage.json',
      'return.xlsx [Guidance]',
      'return.xlsx [Lists]',
    ]);
    const all = (n: number) => ({ read: n, used: n, rejected: 0 });
    expect(checked.totals.participants).toEqual(all(rows.participants.length));
    expect(checked.totals.outcomes).toEqual(all(rows.outcomes.length));
  });

  it('writes the same bytes for the same options, and dates the workbook from SOURCE_DATE_EPOCH', async () => {
    const options = { partner: 'P017', config: configFile(), measures: ['swemwbs', 'loneliness'] };
    const first = folder();
    const second = folder();
    await template(first, options);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the zip format's 2 s
    await template(second, options);
    expect(hashes(second)).toEqual(hashes(first));

    process.env.SOURCE_DATE_EPOCH = '1500000000'; // 2017-07-14T02:40:00Z
    const dated = folder();
    await template(dated, options);
    const differ = Object.entries(hashes(dated))
      .filter(([name, hash]) => hashes(first)[name] !== hash)
      .map(([name]) => name);
    expect(differ.sort()).toEqual(['.tides-template', 'return.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dated, 'return.xlsx'));
    expect(workbook.created).toEqual(new Date(1_500_000_000_000));
    const undated = new ExcelJS.Workbook();
    await undated.xlsx.readFile(join(first, 'return.xlsx'));
    expect(undated.created).toEqual(new Date(Date.UTC(1980, 0, 1)));
  });

  it('writes only the formats asked for', async () => {
    const dir = folder();
    const result = await template(dir, { format: ['json'] });
    expect(result.files.map((f) => f.path)).toEqual(['datapackage.json']);
    expect(Object.keys(hashes(dir))).toEqual(['.tides-template', 'datapackage.json']);
  });

  it('refuses bad options, a bad config and a folder that is not empty', async () => {
    await expect(template(folder(), { format: ['pdf' as never] })).rejects.toThrow(
      /"pdf" is not a template format; use xlsx, csv, json/,
    );
    await expect(template(folder(), { format: [] })).rejects.toThrow(UsageError);
    await expect(template(folder(), { measures: ['gad7'] })).rejects.toThrow(UsageError);
    await expect(template(folder(), { partner: 'All' })).rejects.toThrow(UsageError);
    await expect(template('')).rejects.toThrow(UsageError);
    await expect(
      template(folder(), { config: configFile({ measures: { wemwbs: {} } }) }),
    ).rejects.toThrow(UnusableInputError);
    await expect(template(folder(), { config: '/nonexistent/tides.config.json' })).rejects.toThrow(
      UnusableInputError,
    );
    const dir = folder();
    await template(dir, { format: ['csv'] });
    await expect(template(dir)).rejects.toThrow(/is not empty/);
    await expect(template(dir, { force: true })).resolves.toBeDefined();
  });
});
