import { closeSync, fstatSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type PublishedTable, tableContext } from '../disclosure/publication.js';
import { isKnownKind } from '../disclosure/quantities.js';
import type { DisclosureRule } from '../disclosure/rule.js';
import { UnusableInputError } from '../errors.js';
import { parseJsonText } from '../io/jsonParse.js';
import { describeFsError } from '../io/outputDir.js';
import { openRegularFile } from '../io/regularFile.js';
import {
  type Cell,
  type ColumnDef,
  NOT_APPLICABLE,
  NOT_AVAILABLE,
  SUPPRESSED,
  type Table,
} from '../metrics/table.js';

/**
 * Reads what tides published in an output folder, as an intruder would hold it: the tables of
 * `metrics.json` (every figure in full), the CSV files (which tell `[c]` from `[x]`), a
 * summary's `summary-*.json`, and the counts `manifest.json` lists per input file; with the
 * disclosure rule and each table's grouping and period from the folder's own records.
 */
export interface PublishedFolder {
  readonly folder: string;
  readonly tables: readonly PublishedTable[];
  /** min_cell and round_to, when the folder records them (metrics.json, manifest, summary). */
  readonly rule: Pick<DisclosureRule, 'minCell' | 'roundTo' | 'enabled'> | null;
  /** Files read, for the report. */
  readonly files: readonly string[];
}

/** Output files larger than this are not tides outputs of a sane size: refused, not read. */
const MAX_BYTES = 512 * 1024 * 1024;

interface RecordedOptions {
  readonly by?: unknown;
  readonly period?: unknown;
  readonly min_cell?: unknown;
  readonly round_to?: unknown;
  readonly suppress?: unknown;
}

type JsonRow = Record<string, unknown>;

export async function readPublishedFolder(folder: string): Promise<PublishedFolder> {
  let names: string[];
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new UnusableInputError(`${folder} is not a folder`);
    names = (await readdir(folder)).sort();
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    throw new UnusableInputError(
      `output folder ${folder} cannot be read (${describeFsError(error)})`,
    );
  }
  const files: string[] = [];
  const readJson = async (name: string): Promise<unknown> => {
    const text = await readText(folder, name);
    files.push(name);
    return parseJsonText(text, join(folder, name));
  };

  let options: RecordedOptions | null = null;
  const jsonTables = new Map<string, JsonRow[]>();
  const summaryTables: PublishedTable[] = [];
  let manifestInputs: JsonRow[] = [];
  if (names.includes('metrics.json')) {
    const metrics = (await readJson('metrics.json')) as {
      options?: RecordedOptions;
      tables?: unknown;
      row_accounting?: unknown;
    };
    options = metrics?.options ?? null;
    if (metrics?.row_accounting && typeof metrics.row_accounting === 'object') {
      jsonTables.set(
        'row_accounting',
        Object.entries(metrics.row_accounting as Record<string, unknown>).map(
          ([records, counts]) => ({
            records,
            ...(counts && typeof counts === 'object' ? (counts as JsonRow) : {}),
          }),
        ),
      );
    }
    if (metrics?.tables && typeof metrics.tables === 'object') {
      for (const [name, rows] of Object.entries(metrics.tables as Record<string, unknown>)) {
        if (Array.isArray(rows)) jsonTables.set(name, rows as JsonRow[]);
      }
    }
  }
  if (names.includes('manifest.json')) {
    const manifest = (await readJson('manifest.json')) as {
      options?: RecordedOptions;
      inputs?: unknown;
    };
    options ??= manifest?.options ?? null;
    if (Array.isArray(manifest?.inputs)) manifestInputs = manifest.inputs as JsonRow[];
  }
  for (const name of names.filter((n) => /^summary-.*\.json$/.test(n))) {
    const summary = (await readJson(name)) as { options?: RecordedOptions; tables?: unknown };
    options ??= summary?.options ?? null;
    for (const entry of Array.isArray(summary?.tables) ? summary.tables : []) {
      const table = summaryTable(folder, name, entry);
      if (table) summaryTables.push(table);
    }
  }

  const by = Array.isArray(options?.by) ? (options.by as unknown[]).map(String) : ['partner_id'];
  const period = typeof options?.period === 'string' ? options.period : null;
  const tables: PublishedTable[] = [...summaryTables];
  const kinds = new Set([
    ...jsonTables.keys(),
    ...names.filter((n) => n.endsWith('.csv')).map((n) => n.slice(0, -4)),
  ]);
  for (const kind of [...kinds].sort()) {
    if (!isKnownKind(kind)) continue;
    const csvName = `${kind}.csv`;
    const csv = names.includes(csvName) ? await readCsvTable(folder, csvName) : null;
    if (csv) files.push(csvName);
    const json = jsonTables.get(kind) ?? null;
    const table = mergeTable(kind, csv, json);
    if (!table) continue;
    tables.push({
      kind,
      table: table.table,
      context: tableContext(kind, { by, period }),
      complete: true,
      source: join(folder, csv ? csvName : 'metrics.json'),
      precision: table.precision,
    });
  }
  const manifestTable = manifestCounts(manifestInputs);
  if (manifestTable) {
    tables.push({
      kind: 'data_quality',
      table: manifestTable,
      context: { by: [], period: null },
      complete: true,
      source: join(folder, 'manifest.json'),
    });
  }
  return { folder, tables, rule: ruleOf(options), files };
}

function ruleOf(options: RecordedOptions | null): PublishedFolder['rule'] {
  if (!options || typeof options.min_cell !== 'number') return null;
  return {
    minCell: options.min_cell,
    roundTo: typeof options.round_to === 'number' ? options.round_to : null,
    enabled: options.suppress !== false,
  };
}

/**
 * The text of an output file. Only a regular file is read (`regularFile.ts`): a FIFO named
 * `metrics.json` would otherwise be waited on for ever.
 */
async function readText(folder: string, name: string): Promise<string> {
  const path = join(folder, name);
  try {
    const fd = openRegularFile(path);
    try {
      const { size } = fstatSync(fd);
      if (size > MAX_BYTES) {
        throw new UnusableInputError(`${path} is larger than tides outputs are (${size} bytes)`);
      }
      return readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    throw new UnusableInputError(`${path} cannot be read (${describeFsError(error)})`);
  }
}

interface ParsedTable {
  readonly table: Table;
  readonly precision?: (row: number, column: string) => number | undefined;
}

/** A CSV table: marks as marks, numbers as numbers with the precision they were written to. */
async function readCsvTable(
  folder: string,
  name: string,
): Promise<{ header: string[]; rows: string[][] } | null> {
  const text = await readText(folder, name);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new UnusableInputError(
      `${join(folder, name)} is not a readable CSV (${(error as Error).message})`,
    );
  }
  const [header, ...rows] = records;
  return header ? { header, rows } : null;
}

const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

function csvCell(text: string): Cell {
  if (text === '[c]') return SUPPRESSED;
  if (text === '[x]') return NOT_AVAILABLE;
  if (text === '[z]') return NOT_APPLICABLE;
  if (NUMBER.test(text)) return Number(text);
  // Text that began like a formula was written with a leading apostrophe.
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Half the last decimal place of a number as written: `27.58` → 0.005, `12` → 0.5. */
function halfUnit(text: string): number {
  const decimals = /\.(\d+)/.exec(text)?.[1]?.length ?? 0;
  return 0.5 * 10 ** -decimals;
}

/**
 * One table from its CSV and its metrics.json rows: JSON's full-precision numbers where it has
 * them, CSV's marks (JSON writes every mark as null) and the CSV's precision otherwise.
 */
function mergeTable(
  kind: string,
  csv: { header: string[]; rows: string[][] } | null,
  json: JsonRow[] | null,
): ParsedTable | null {
  const header = csv?.header ?? Object.keys(json?.[0] ?? {});
  if (header.length === 0) return null;
  const count = Math.max(csv?.rows.length ?? 0, json?.length ?? 0);
  const halves = new Map<string, number>();
  const rows: Record<string, Cell>[] = [];
  for (let r = 0; r < count; r++) {
    const row: Record<string, Cell> = {};
    header.forEach((name, c) => {
      const text = csv?.rows[r]?.[c];
      const fromJson = json?.[r]?.[name];
      if (typeof fromJson === 'number') row[name] = fromJson;
      else if (typeof fromJson === 'string') row[name] = fromJson;
      else if (text !== undefined) {
        const cell = csvCell(text);
        row[name] = cell;
        if (typeof cell === 'number') halves.set(`${r}\u0001${name}`, halfUnit(text));
      } else if (fromJson === null) row[name] = SUPPRESSED;
    });
    rows.push(row);
  }
  const columns = header.map((name): ColumnDef => ({ name, kind: columnKind(kind, name, rows) }));
  return {
    table: { name: kind, title: kind, columns, rows },
    precision: (row, column) => halves.get(`${row}\u0001${column}`),
  };
}

/** Counts are what the table's kind counts; the rest are read as statistics or text. */
function columnKind(
  kind: string,
  name: string,
  rows: readonly Record<string, Cell>[],
): ColumnDef['kind'] {
  if (COUNT_COLUMNS[kind]?.includes(name)) return 'count';
  return rows.some((row) => typeof row[name] === 'number') ? 'number' : 'text';
}

const COUNT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  reach: [
    'participants',
    'episodes',
    'n_imd_known',
    'n_core20',
    'n_plus',
    'n_core20_or_plus',
    'n_imd_unknown',
  ],
  reach_profile: ['count', 'denominator'],
  wellbeing_change: ['n_baseline', 'n_paired', 'n_improved', 'n_no_change', 'n_declined', 'n_lost'],
  band_change: ['n_paired', 'n_baseline_band', 'n_followup_band'],
  binary_change: [
    'n_baseline',
    'n_paired',
    'n_yes_baseline',
    'n_yes_followup',
    'n_became_yes',
    'n_became_no',
  ],
  count_change: ['n_baseline', 'n_paired', 'n_reduced', 'n_no_change', 'n_increased'],
  inequality: ['n', 'n_most_deprived_quintile', 'n_least_deprived_quintile'],
  inequality_quantiles: ['n'],
  cost: ['participants', 'episodes', 'n_improved'],
  social_value: ['n_people'],
  sroi_sensitivity: ['n_people'],
  data_quality: ['read', 'used', 'rejected', 'issues'],
  row_accounting: ['read', 'used', 'rejected'],
};

/** The rows read, used and rejected that the manifest lists per input file, as published counts. */
function manifestCounts(inputs: readonly JsonRow[]): Table | null {
  const rows = inputs
    .filter((input) => typeof input.path === 'string' && 'read' in input)
    .map(
      (input): Record<string, Cell> => ({
        file: String(input.path),
        kind: String(input.kind ?? ''),
        rule: '(all)',
        read: countCell(input.read),
        used: countCell(input.used),
        rejected: countCell(input.rejected),
      }),
    );
  if (rows.length === 0) return null;
  return {
    name: 'data_quality',
    title: 'manifest.json inputs',
    columns: ['file', 'kind', 'rule']
      .map((name): ColumnDef => ({ name, kind: 'text' }))
      .concat(['read', 'used', 'rejected'].map((name): ColumnDef => ({ name, kind: 'count' }))),
    rows,
  };
}

function countCell(value: unknown): Cell {
  return typeof value === 'number' ? value : SUPPRESSED;
}

/** A table of a summary's JSON: `{name, kind, context: {by, period}, complete, rows}`. */
function summaryTable(folder: string, file: string, entry: unknown): PublishedTable | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as {
    name?: unknown;
    kind?: unknown;
    context?: { by?: unknown; period?: unknown };
    complete?: unknown;
    rows?: unknown;
  };
  if (typeof e.kind !== 'string' || !isKnownKind(e.kind) || !Array.isArray(e.rows)) return null;
  const table = mergeTable(e.kind, null, e.rows as JsonRow[]);
  if (!table) return null;
  const name = typeof e.name === 'string' ? e.name : e.kind;
  return {
    kind: e.kind,
    table: { ...table.table, name },
    context: {
      by: Array.isArray(e.context?.by) ? (e.context.by as unknown[]).map(String) : [],
      period: typeof e.context?.period === 'string' ? e.context.period : null,
    },
    complete: e.complete !== false,
    source: `${join(folder, basename(file))} (${name})`,
  };
}
