import {
  DISCLOSURE_PRESETS,
  type DisclosureRule,
  describeDisclosureRule,
} from '../disclosure/index.js';
import { fileDigest } from '../io/hash.js';
import type { ManifestFile, WrittenOutput } from '../io/runFolder.js';
import type { LoadedProgramme } from '../load/loadProgramme.js';
import type { AnalysisOptions } from '../metrics/options.js';
import type { Table } from '../metrics/table.js';
import { tableToJsonRows } from '../report/format.js';
import { nowMs } from './clock.js';
import { toolVersion } from './version.js';

function isExactPreset(rule: DisclosureRule): boolean {
  const preset = rule.preset === null ? undefined : DISCLOSURE_PRESETS[rule.preset];
  return preset !== undefined && preset.minCell === rule.minCell && preset.roundTo === rule.roundTo;
}

/** The options of an analysis as metrics.json and the manifest record them. */
export function optionsJson(options: AnalysisOptions, rule: DisclosureRule) {
  return {
    by: options.by,
    period: options.period,
    min_cell: rule.minCell,
    round_to: rule.roundTo,
    // A preset's name only while the rule is exactly the preset; options that change it make a
    // custom rule, recorded with the preset it was adapted from.
    preset: isExactPreset(rule) ? rule.preset : null,
    adapted_from: isExactPreset(rule) ? null : rule.preset,
    suppress: rule.enabled,
    confidence: options.confidence,
    sii_simulations: options.siiSimulations,
    seed: options.seed,
  };
}

/**
 * A run's manifest (`name`): tool, options, every input file with its size and SHA-256, the
 * disclosure rule, row accounting, and every output with its size and SHA-256. The inputs are
 * described now; the outputs when they have been written (`RunFolder.publish`).
 */
export async function manifestFile(
  name: string,
  programme: LoadedProgramme,
  options: AnalysisOptions,
  rule: DisclosureRule,
  published: PublishedCounts,
  /** A yearly summary's year: the financial year its figures are of (its analysis is by year). */
  year?: string,
): Promise<ManifestFile> {
  const fields = {
    tool: { name: 'tides', version: toolVersion() },
    ...(year === undefined ? {} : { year }),
    publication:
      'record of the run: its inputs, options and outputs; row counts are disclosure-controlled as in data_quality.csv, and input sizes and issue totals are given only without disclosure control (tides validate shows every count)',
    generated_at: new Date(nowMs()).toISOString(),
    options: optionsJson(options, rule),
    disclosure: { ...rule, description: describeDisclosureRule(rule) },
    inputs: await inputFiles(programme, fileCounts(published.dataQuality), !rule.enabled),
    ignored: programme.ignored.map((f) => ({ path: f.display, reason: f.reason })),
    row_accounting: rowAccountingJson(published.rowAccounting),
    // The totals of data_quality.csv's issue counts: beside its hidden cells (each 1 or more) a
    // total can pin them down (16 issues in 16 hidden cells: each is 1), so they are published
    // only without disclosure control, like the inputs' sizes.
    issues: rule.enabled
      ? { errors: null, warnings: null }
      : { errors: programme.errors, warnings: programme.warnings },
  };
  return {
    name,
    text: (outputs: readonly WrittenOutput[]) =>
      `${JSON.stringify({ ...fields, outputs }, null, 2)}\n`,
  };
}

/**
 * The row counts a manifest publishes, disclosure-controlled: the manifest travels with the
 * outputs, so it shows no count that data_quality.csv hides.
 */
export interface PublishedCounts {
  readonly dataQuality: Table;
  readonly rowAccounting: Table;
}

/** Rows read, used and rejected by kind of file, as published (null where hidden). */
export function rowAccountingJson(table: Table) {
  const json = tableToJsonRows(table);
  return Object.fromEntries(json.map(({ records, ...counts }) => [String(records), counts]));
}

/** Each file's rows read, used and rejected as data_quality.csv publishes them (null: hidden). */
function fileCounts(dataQuality: Table): Map<string, Record<string, unknown>> {
  const counts = new Map<string, Record<string, unknown>>();
  for (const row of tableToJsonRows(dataQuality)) {
    if (row.rule === '(all)') counts.set(String(row.file), row);
  }
  return counts;
}

/**
 * The input files with their SHA-256 (to check the inputs against), and their sizes only when
 * disclosure control is off: rows of a partner's file are of nearly one width, so the size of a
 * small file, beside those of others, gives its number of rows (3 participants, say).
 */
async function inputFiles(
  programme: LoadedProgramme,
  counts: Map<string, Record<string, unknown>>,
  withSizes: boolean,
) {
  const byPath = new Map(programme.files.map((f) => [f.path, f]));
  const input = programme.input;
  const all = [
    input.partners,
    ...(input.lsoaImd ? [input.lsoaImd] : []),
    ...(input.population ? [input.population] : []),
    // A postcode directory that no file needed is not read (it is listed as ignored).
    ...(input.postcodes && byPath.has(input.postcodes.display) ? [input.postcodes] : []),
    ...input.participants,
    ...input.outcomes,
  ];
  const files = [];
  for (const file of all) {
    const report = byPath.get(file.display);
    // The digest of what was read; hashed again only if reading stopped part-way.
    const digest = report?.digest ?? (await fileDigest(file.path));
    files.push({
      path: file.display,
      kind: file.kind,
      ...(withSizes ? { bytes: digest?.bytes ?? null } : {}),
      sha256: digest?.sha256 ?? null,
      encoding: report?.encoding ?? null,
      read: counts.get(file.display)?.read ?? null,
      used: counts.get(file.display)?.used ?? null,
      rejected: counts.get(file.display)?.rejected ?? null,
    });
  }
  if (input.config) {
    const digest = await fileDigest(input.config.path);
    files.push({
      path: input.config.display,
      kind: 'config',
      ...(withSizes ? { bytes: digest?.bytes ?? null } : {}),
      sha256: digest?.sha256 ?? null,
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
