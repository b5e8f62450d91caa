import { type DisclosureRule, describeDisclosureRule } from '../disclosure/index.js';
import { UsageError } from '../errors.js';
import { jsonChunks } from '../io/jsonChunks.js';
import { prepareOutputDir } from '../io/outputDir.js';
import { type OutputFile, RunFolder } from '../io/runFolder.js';
import type { LoadedProgramme } from '../load/loadProgramme.js';
import type { Dimension } from '../metrics/grouping.js';
import type { AnalysisTables } from '../metrics/index.js';
import type { AnalysisOptions } from '../metrics/options.js';
import { partnerComparison } from '../metrics/partnerComparison.js';
import type { Table } from '../metrics/table.js';
import type { Programme } from '../model/programme.js';
import { buildReportModel } from '../report/assemble.js';
import { tableToCsv, tableToJsonRows } from '../report/format.js';
import { headlines } from '../report/headline.js';
import { htmlReportChunks } from '../report/html.js';
import { markdownReportChunks } from '../report/markdown.js';
import type { HeadlineFinding, ReportModel } from '../report/model.js';
import { tablesWorkbookBytes } from '../report/tablesWorkbook.js';
import { nowMs, today } from './clock.js';
import { checkGroupLimit } from './groupLimit.js';
import { loadForPublishing } from './loading.js';
import { manifestFile, optionsJson, rowAccountingJson } from './manifest.js';
import {
  checkDimensions,
  checkFinancialYear,
  checkPublishingOptions,
  OUTPUT_FORMATS,
  type OutputFormat,
  type PublishingOptions,
  SII_SIMULATIONS,
} from './options.js';
import { analyseAndDisclose, analysisOptions, isPublishedOf } from './publishing.js';
import { type RunResult, runResult } from './runResult.js';
import { toolVersion } from './version.js';

/** Tables written as CSV, in report order (`cost.csv` only when partners have funding). */
const CSV_TABLES: readonly (keyof AnalysisTables)[] = [
  'reach',
  'reach_profile',
  'wellbeing_change',
  'band_change',
  'binary_change',
  'count_change',
  'inequality',
  'inequality_quantiles',
  'cost',
  'partner_comparison',
  'social_value',
  'sroi_sensitivity',
  'data_quality',
];

/** The options of {@link analyse}: `tides analyse`'s, by the same names. */
export interface AnalyseOptions extends PublishingOptions {
  /** Up to three grouping dimensions (default `['partner_id']`). */
  readonly by?: readonly Dimension[];
  /** One UK financial year, e.g. `2016-17` (default: the whole programme). */
  readonly period?: string;
  /** The outputs to write (default all: csv, json, md, html). */
  readonly format?: readonly OutputFormat[];
}

/** What an analysis run published, and what the evaluator needs to know of the data. */
export interface AnalysisResult extends RunResult {
  /** The analysis options, as metrics.json records them. */
  readonly options: AnalysisOptions;
  /** Each published table, disclosure-controlled as written (`[c]`, `[x]`, `[z]` marks kept). */
  readonly tables: Readonly<Partial<Record<keyof AnalysisTables, Table>>>;
  /** The published tables' names, in report order. */
  readonly tableNames: readonly (keyof AnalysisTables)[];
  /** The report's headline findings, as the report states them. */
  readonly headline: readonly HeadlineFinding[];
}

/**
 * Reads the partner files in `dir`, analyses them, protects every figure together (disclosure
 * control across all the outputs) and writes the outputs into `options.out` as one run, as
 * `tides analyse` does (byte for byte). Nothing is printed; nothing exits.
 *
 * @throws {UsageError} a bad option; {@link UnusableInputError} an input or output folder that
 *   cannot be used (nothing written); {@link DisclosureError} outputs that cannot be protected
 *   (nothing written)
 */
export async function analyse(dir: string, options: AnalyseOptions): Promise<AnalysisResult> {
  checkPublishingOptions(options);
  const by = checkDimensions(options.by ?? ['partner_id']);
  const period = options.period === undefined ? null : checkFinancialYear(options.period);
  const formats = options.format ?? OUTPUT_FORMATS;
  for (const format of formats) {
    if (!OUTPUT_FORMATS.includes(format)) {
      throw new UsageError(`format: "${format}" is not one of ${OUTPUT_FORMATS.join(', ')}`);
    }
  }
  const out = await prepareOutputDir(options.out, dir);
  const run = await RunFolder.open(out, options.out, 'manifest.json');
  const notify = () => {
    for (const notice of run.notices.splice(0)) options.onNotice?.(notice);
  };
  try {
    notify();
    // The manifest lists each input's SHA-256: data files are hashed as they are read.
    const { programme, rule } = await loadForPublishing(dir, options, period, true);
    return await writeAnalysis(programme, rule, { ...options, by, period, format: formats }, run);
  } finally {
    await run.close();
    notify();
  }
}

/** {@link analyse} once the programme is loaded, into a locked run folder. */
export async function writeAnalysis(
  programme: LoadedProgramme,
  rule: DisclosureRule,
  options: {
    readonly by: readonly Dimension[];
    readonly period: string | null;
    readonly format: readonly OutputFormat[];
    readonly siiSimulations?: number;
  },
  run: RunFolder,
): Promise<AnalysisResult> {
  checkGroupLimit(programme, options.by, options.period);
  const analysis = await computeAnalysis(programme, rule, options);
  const outputs = analysisOutputs(rule, analysis, options.format);
  const manifest = await manifestFile('manifest.json', programme, analysis.options, rule, {
    dataQuality: analysis.disclosed.data_quality,
    rowAccounting: analysis.disclosed.row_accounting,
  });
  const files = await run.publish(outputs, manifest);
  const tables: Partial<Record<keyof AnalysisTables, Table>> = {};
  for (const name of analysis.tableNames) tables[name] = analysis.disclosed[name] as Table;
  return {
    ...runResult(programme, rule, run.dir, files, manifest.name),
    options: analysis.options,
    tables,
    tableNames: analysis.tableNames,
    headline: analysis.model.headline,
  };
}

/** A finished analysis: the disclosed tables that are published, and the report's model. */
export interface Analysis {
  readonly options: AnalysisOptions;
  readonly disclosed: AnalysisTables;
  /** The tables published, in report order. */
  readonly tableNames: readonly (keyof AnalysisTables)[];
  readonly model: ReportModel;
}

/** The disclosed tables of an analysis, protected together, and the report's model. */
export async function computeAnalysis(
  programme: Programme,
  rule: DisclosureRule,
  settings: {
    readonly by: readonly Dimension[];
    readonly period: string | null;
    readonly siiSimulations?: number;
  },
): Promise<Analysis> {
  const options = analysisOptions(
    rule,
    { siiSimulations: settings.siiSimulations ?? SII_SIMULATIONS.default },
    settings.by,
    settings.period,
  );
  const isPublished = isPublishedOf(programme);
  const protectedTables = await analyseAndDisclose(programme, options, rule, isPublished);
  const primary = programme.config.primary_measure ?? 'wemwbs';
  // From the protected tables only: it publishes nothing they do not (see partnerComparison).
  const comparison = partnerComparison({
    reach: protectedTables.reach,
    wellbeing_change: protectedTables.wellbeing_change,
    by: options.by,
    primaryMeasure: primary,
    partnerNames: new Map(programme.partners.map((p) => [p.id, p.name])),
  });
  const disclosed: AnalysisTables =
    comparison === null ? protectedTables : { ...protectedTables, partner_comparison: comparison };
  const table = (name: keyof AnalysisTables) => disclosed[name] as Table;
  const tableNames = CSV_TABLES.filter(
    (name) => disclosed[name] !== undefined && isPublished(name),
  );
  const model = buildReportModel({
    programme,
    rule,
    toolVersion: toolVersion(),
    madeOn: today(),
    tables: tableNames.map(table),
    headline: headlines(
      disclosed,
      primary,
      (id) => programme.measures.get(id)?.label ?? id,
      programme.config.social_value?.illustrative === true,
    ),
    dataQuality: disclosed.data_quality,
    period: options.period,
  });
  return { options, disclosed, tableNames, model };
}

/**
 * The output files of an analysis in the formats asked for, in the order they are written. Each
 * file's text is made as it is written, in chunks: a grouping of many categories makes tables
 * of millions of rows, which no single string could hold.
 */
export function analysisOutputs(
  rule: DisclosureRule,
  analysis: Analysis,
  formats: readonly OutputFormat[],
): OutputFile[] {
  const { disclosed, tableNames, model } = analysis;
  const wanted = new Set(formats);
  const outputs: OutputFile[] = [];
  if (wanted.has('csv')) {
    for (const name of tableNames) {
      outputs.push({ name: `${name}.csv`, text: () => tableToCsv(disclosed[name] as Table) });
    }
  }
  if (wanted.has('json')) {
    const metrics = metricsJson(analysis.options, rule, disclosed, tableNames);
    outputs.push({ name: 'metrics.json', text: () => withNewline(jsonChunks(metrics)) });
  }
  if (wanted.has('md'))
    outputs.push({ name: 'report.md', text: () => markdownReportChunks(model) });
  if (wanted.has('html'))
    outputs.push({ name: 'report.html', text: () => htmlReportChunks(model) });
  if (wanted.has('xlsx')) {
    // Dated by the run's clock (SOURCE_DATE_EPOCH), so the same run gives the same bytes.
    const date = new Date(nowMs());
    outputs.push({ name: 'tables.xlsx', text: () => tablesWorkbookBytes(model, date) });
  }
  return outputs;
}

function* withNewline(chunks: Iterable<string>): Generator<string> {
  yield* chunks;
  yield '\n';
}

function metricsJson(
  options: AnalysisOptions,
  rule: DisclosureRule,
  tables: AnalysisTables,
  names: readonly (keyof AnalysisTables)[],
) {
  return {
    schema_version: 1,
    tool: { name: 'tides', version: toolVersion() },
    options: optionsJson(options, rule),
    disclosure: describeDisclosureRule(rule),
    row_accounting: rowAccountingJson(tables.row_accounting),
    // Rows are made table by table as the file is written (`jsonChunks` reaches each table's
    // array at depth 2 and writes it row by row).
    tables: lazyTables(tables, names),
  };
}

/** An object whose members are each table's JSON rows, made when the member is read. */
function lazyTables(
  tables: AnalysisTables,
  names: readonly (keyof AnalysisTables)[],
): Record<string, unknown> {
  const members: Record<string, unknown> = {};
  for (const name of names) {
    Object.defineProperty(members, name, {
      enumerable: true,
      get: () => tableToJsonRows(tables[name] as Table),
    });
  }
  return members;
}
