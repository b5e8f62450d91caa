import {
  DISCLOSURE_PRESETS,
  type DisclosureRule,
  describeDisclosureRule,
} from '../disclosure/index.js';
import { EXIT, type ExitCode } from '../errors.js';
import { fileDigest } from '../io/hash.js';
import { writeOutputFile } from '../io/outputDir.js';
import type { Programme } from '../load/loadProgramme.js';
import type { AnalysisTables } from '../metrics/index.js';
import type { AnalysisOptions } from '../metrics/options.js';
import type { Table } from '../metrics/table.js';
import { buildReportModel } from '../report/assemble.js';
import { tableToCsv, tableToJsonRows } from '../report/format.js';
import { groupThousands, headlines } from '../report/headline.js';
import { renderHtmlReport } from '../report/html.js';
import { renderMarkdownReport } from '../report/markdown.js';
import type { ReportModel } from '../report/model.js';
import { visible } from '../visibleText.js';
import type { AnalyseCliOptions } from './analyse.js';
import { nowMs } from './clock.js';
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

/**
 * The analysis of a loaded programme and every output: tables, metrics.json, the reports and the
 * manifest, in `out` (prepared already).
 */
export async function writeAnalysis(
  dir: string,
  cli: AnalyseCliOptions,
  out: string,
  programme: Programme,
  rule: DisclosureRule,
): Promise<ExitCode> {
  const options = analysisOptions(rule, cli, cli.by, cli.period ?? null);
  const disclosed = analyseAndDisclose(programme, options, rule);
  const table = (name: keyof AnalysisTables) => disclosed[name] as Table;
  const hasFunding = programme.partners.some((p) => p.fundingGbp !== null);
  const tableNames = CSV_TABLES.filter(
    (name) => disclosed[name] !== undefined && (name !== 'cost' || hasFunding),
  );
  const written: string[] = [];
  const write = async (name: string, content: string | Iterable<string>) => {
    await writeOutputFile(out, name, content);
    written.push(name);
  };

  const formats = new Set(cli.format);
  if (formats.has('csv')) {
    for (const name of tableNames) await write(`${name}.csv`, tableToCsv(table(name)));
  }
  const metrics = metricsJson(programme, options, rule, disclosed, tableNames);
  if (formats.has('json')) await write('metrics.json', `${JSON.stringify(metrics, null, 2)}\n`);
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
  if (formats.has('md')) await write('report.md', renderMarkdownReport(model));
  if (formats.has('html')) await write('report.html', renderHtmlReport(model));
  written.push('manifest.json');
  const manifest = await manifestJson(programme, options, rule, written.sort());
  await writeOutputFile(out, 'manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);

  if (!cli.quiet) process.stdout.write(terminalSummary(programme, model, cli.out, written.length));
  if (cli.strict && programme.errors > 0) {
    process.stderr.write(
      `tides: the data has ${programme.errors} error(s) (--strict): exit 1; the outputs are written (run tides validate ${visible(dir)} for every issue)\n`,
    );
    return EXIT.dataErrors;
  }
  return EXIT.ok;
}

function isExactPreset(rule: DisclosureRule): boolean {
  const preset = rule.preset === null ? undefined : DISCLOSURE_PRESETS[rule.preset];
  return preset !== undefined && preset.minCell === rule.minCell && preset.roundTo === rule.roundTo;
}

function optionsJson(options: AnalysisOptions, rule: DisclosureRule) {
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

function metricsJson(
  programme: Programme,
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
    row_accounting: programme.totals,
    tables: Object.fromEntries(names.map((name) => [name, tableToJsonRows(tables[name] as Table)])),
  };
}

async function manifestJson(
  programme: Programme,
  options: AnalysisOptions,
  rule: DisclosureRule,
  outputs: readonly string[],
) {
  const byPath = new Map(programme.files.map((f) => [f.path, f]));
  const input = programme.input;
  const all = [
    input.partners,
    ...(input.lsoaImd ? [input.lsoaImd] : []),
    ...(input.population ? [input.population] : []),
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
      bytes: digest?.bytes ?? null,
      sha256: digest?.sha256 ?? null,
      encoding: report?.encoding ?? null,
      read: report?.read ?? 0,
      used: report?.used ?? 0,
      rejected: report?.rejected ?? 0,
    });
  }
  if (input.config) {
    const digest = await fileDigest(input.config.path);
    files.push({
      path: input.config.display,
      kind: 'config',
      bytes: digest?.bytes ?? null,
      sha256: digest?.sha256 ?? null,
    });
  }
  return {
    tool: { name: 'tides', version: toolVersion() },
    publication:
      'audit record for the evaluator: per-file row counts are not disclosure-controlled; do not publish',
    generated_at: new Date(nowMs()).toISOString(),
    options: optionsJson(options, rule),
    disclosure: { ...rule, description: describeDisclosureRule(rule) },
    inputs: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    ignored: programme.ignored.map((f) => ({ path: f.display, reason: f.reason })),
    row_accounting: programme.totals,
    issues: { errors: programme.errors, warnings: programme.warnings },
    outputs,
  };
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
