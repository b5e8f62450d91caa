import { type DisclosureRule, describeDisclosureRule } from '../disclosure/index.js';
import { EXIT, type ExitCode } from '../errors.js';
import { jsonChunks } from '../io/jsonChunks.js';
import type { OutputFile, RunFolder } from '../io/runFolder.js';
import type { Programme } from '../load/loadProgramme.js';
import type { AnalysisTables } from '../metrics/index.js';
import type { AnalysisOptions } from '../metrics/options.js';
import type { Table } from '../metrics/table.js';
import { buildReportModel } from '../report/assemble.js';
import { tableToCsv, tableToJsonRows } from '../report/format.js';
import { groupThousands, headlines } from '../report/headline.js';
import { htmlReportChunks } from '../report/html.js';
import { markdownReportChunks } from '../report/markdown.js';
import type { ReportModel } from '../report/model.js';
import { visible } from '../visibleText.js';
import type { AnalyseCliOptions, OutputFormat } from './analyse.js';
import { checkGroupLimit } from './groupLimit.js';
import { manifestFile, optionsJson, rowAccountingJson } from './manifest.js';
import { analyseAndDisclose, analysisOptions } from './publishing.js';
import { colours } from './terminal.js';
import { toolVersion } from './version.js';

/** Tables written as CSV, in report order (`cost.csv` only when partners have funding). */
const CSV_TABLES: readonly (keyof AnalysisTables)[] = [
  'reach',
  'reach_profile',
  'wellbeing_change',
  'band_change',
  'inequality',
  'inequality_quantiles',
  'cost',
  'social_value',
  'sroi_sensitivity',
  'data_quality',
];

/** A finished analysis: the disclosed tables that are published, and the report's model. */
export interface Analysis {
  readonly options: AnalysisOptions;
  readonly disclosed: AnalysisTables;
  /** The tables published, in report order. */
  readonly tableNames: readonly (keyof AnalysisTables)[];
  readonly model: ReportModel;
}

/**
 * `tides analyse` after loading: the analysis, then every output (tables, metrics.json, the
 * reports and the manifest) written into the locked output folder as one run.
 */
export async function writeAnalysis(
  dir: string,
  cli: AnalyseCliOptions,
  run: RunFolder,
  programme: Programme,
  rule: DisclosureRule,
): Promise<ExitCode> {
  checkGroupLimit(programme, cli.by, cli.period ?? null);
  const analysis = await analyse(programme, cli, rule);
  const outputs = analysisOutputs(rule, analysis, cli.format);
  const manifest = await manifestFile('manifest.json', programme, analysis.options, rule, {
    dataQuality: analysis.disclosed.data_quality,
    rowAccounting: analysis.disclosed.row_accounting,
  });
  await run.publish(outputs, manifest);

  if (!cli.quiet) {
    process.stdout.write(terminalSummary(programme, analysis.model, cli.out, outputs.length + 1));
  }
  if (cli.strict && programme.errors > 0) {
    process.stderr.write(
      `tides: the data has ${programme.errors} error(s) (--strict): exit 1; the outputs are written (run tides validate ${visible(dir)} for every issue)\n`,
    );
    return EXIT.dataErrors;
  }
  return EXIT.ok;
}

/** The disclosed tables of the analysis `cli` asks for, and the report's model. */
export async function analyse(
  programme: Programme,
  cli: Pick<AnalyseCliOptions, 'by' | 'period' | 'siiSimulations'>,
  rule: DisclosureRule,
): Promise<Analysis> {
  const options = analysisOptions(rule, cli, cli.by, cli.period ?? null);
  const hasFunding = programme.partners.some((p) => p.fundingGbp !== null);
  const isPublished = (name: keyof AnalysisTables) => name !== 'cost' || hasFunding;
  const disclosed = await analyseAndDisclose(programme, options, rule, isPublished);
  const table = (name: keyof AnalysisTables) => disclosed[name] as Table;
  const tableNames = CSV_TABLES.filter(
    (name) => disclosed[name] !== undefined && isPublished(name),
  );
  const primary = programme.config.primary_measure ?? 'wemwbs';
  const model = buildReportModel({
    programme,
    rule,
    toolVersion: toolVersion(),
    tables: tableNames.map(table),
    headline: headlines(disclosed, primary, (id) => programme.measures.get(id)?.label ?? id),
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

const n = (count: number) => groupThousands(String(count));

function terminalSummary(
  programme: Programme,
  model: ReportModel,
  out: string,
  files: number,
): string {
  const c = colours(process.stdout);
  const lines = model.headline.map(
    (h) => `${c.bold(visible(h.label))}: ${visible(`${h.value}${h.note ? ` (${h.note})` : ''}`)}`,
  );
  const t = programme.totals;
  lines.push(
    `${c.bold('Rows excluded')}: ${n(t.participants.rejected)} of ${n(t.participants.read)} participant rows, ${n(t.outcomes.rejected)} of ${n(t.outcomes.read)} outcome rows (${programme.errors} errors, ${programme.warnings} warnings; see data_quality.csv or run tides validate)`,
  );
  if (model.notForPublication) lines.push(c.red('Disclosure control is OFF: NOT FOR PUBLICATION'));
  lines.push(`Wrote ${files} files to ${visible(out)}/`);
  return `${lines.join('\n')}\n`;
}
