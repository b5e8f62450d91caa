import type { DisclosureConfig } from '../config/types.js';
import { RULES, type RuleId } from '../contract/rules.js';
import {
  applyDisclosure,
  DisclosureOptionError,
  type DisclosureRule,
  describeDisclosureRule,
  resolveDisclosureRule,
  roundCount,
} from '../disclosure/index.js';
import { EXIT, type ExitCode, UnusableInputError, UsageError } from '../errors.js';
import { fileDigest } from '../io/hash.js';
import { outputPath, prepareOutputDir } from '../io/outputDir.js';
import { writeFileAtomic } from '../io/writeAtomic.js';
import { loadProgramme, type Programme } from '../load/loadProgramme.js';
import { type AnalysisTables, analyseProgramme } from '../metrics/index.js';
import { type AnalysisOptions, DEFAULT_ANALYSIS } from '../metrics/options.js';
import { type Cell, NOT_AVAILABLE, SUPPRESSED, type Table } from '../metrics/table.js';
import { tableToCsv, tableToJsonRows } from '../report/format.js';
import { groupThousands, headlines } from '../report/headline.js';
import { renderHtmlReport } from '../report/html.js';
import { renderMarkdownReport } from '../report/markdown.js';
import type { DataQualityIssue, ReportModel } from '../report/model.js';
import type { AnalyseCliOptions } from './analyse.js';
import { nowMs, today } from './clock.js';
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

export async function runAnalyse(dir: string, cli: AnalyseCliOptions): Promise<ExitCode> {
  const out = await prepareOutputDir(cli.out);
  const programme = await loadProgramme(dir, { today: today() });
  const rule = disclosureRule(cli, programme.config.disclosure);
  if (programme.partners.length === 0 || programme.totals.participants.used === 0) {
    throw new UnusableInputError(
      `nothing to analyse in ${dir}: ${programme.partners.length} usable partner(s), ${programme.totals.participants.used} usable participant row(s) (run tides validate ${dir})`,
    );
  }
  const options: AnalysisOptions = {
    ...DEFAULT_ANALYSIS,
    by: cli.by,
    period: cli.period ?? null,
    minQuantileSize: rule.enabled ? rule.minCell : DEFAULT_ANALYSIS.minQuantileSize,
    siiSimulations: cli.siiSimulations,
  };
  const raw = analyseProgramme(programme, options);
  const disclosed = Object.fromEntries(
    Object.entries(raw).map(([name, table]) => [name, applyDisclosure(table as Table, rule)]),
  ) as unknown as AnalysisTables;
  const table = (name: keyof AnalysisTables) => disclosed[name] as Table;
  const hasFunding = programme.partners.some((p) => p.fundingGbp !== null);
  const tableNames = CSV_TABLES.filter(
    (name) => disclosed[name] !== undefined && (name !== 'cost' || hasFunding),
  );
  const written: string[] = [];
  const write = async (name: string, content: string | Iterable<string>) => {
    await writeFileAtomic(outputPath(out, name), content);
    written.push(name);
  };

  const formats = new Set(cli.format);
  if (formats.has('csv')) {
    for (const name of tableNames) await write(`${name}.csv`, tableToCsv(table(name)));
  }
  const metrics = metricsJson(programme, options, rule, disclosed, tableNames);
  if (formats.has('json')) await write('metrics.json', `${JSON.stringify(metrics, null, 2)}\n`);
  const primary = programme.config.primary_measure ?? 'wemwbs';
  const model = reportModel(programme, rule, disclosed, tableNames, primary, options.period);
  if (formats.has('md')) await write('report.md', renderMarkdownReport(model));
  if (formats.has('html')) await write('report.html', renderHtmlReport(model));
  written.push('manifest.json');
  const manifest = await manifestJson(programme, options, rule, written.sort());
  await writeFileAtomic(outputPath(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  if (!cli.quiet) process.stdout.write(terminalSummary(programme, model, cli.out, written.length));
  return cli.strict && programme.errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

/** The disclosure rule: command-line options, else the config's `disclosure`, else `standard`. */
function disclosureRule(cli: AnalyseCliOptions, config: DisclosureConfig = {}): DisclosureRule {
  const minCell = cli.minCell ?? config.min_cell;
  const roundTo = cli.roundTo ?? config.round_to;
  try {
    return resolveDisclosureRule({
      preset: cli.preset ?? config.preset ?? null,
      ...(minCell !== undefined ? { minCell } : {}),
      ...(roundTo !== undefined ? { roundTo } : {}),
      suppress: cli.suppress,
    });
  } catch (error) {
    if (error instanceof DisclosureOptionError) {
      const flag = { preset: '--preset', minCell: '--min-cell', roundTo: '--round-to' }[
        error.option
      ];
      throw new UsageError(`${flag}: ${error.message}`);
    }
    throw error;
  }
}

function optionsJson(options: AnalysisOptions, rule: DisclosureRule) {
  return {
    by: options.by,
    period: options.period,
    min_cell: rule.minCell,
    round_to: rule.roundTo,
    preset: rule.preset,
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
    const digest = await fileDigest(file.path);
    const report = byPath.get(file.display);
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

function reportModel(
  programme: Programme,
  rule: DisclosureRule,
  tables: AnalysisTables,
  names: readonly (keyof AnalysisTables)[],
  primary: string,
  period: string | null,
): ReportModel {
  const quality = tables.data_quality.rows.filter((r) => r.rule === '(all)');
  return {
    programme: programme.config.programme ?? 'Community health programme',
    toolVersion: toolVersion(),
    period,
    notForPublication: !rule.enabled,
    disclosure: describeDisclosureRule(rule),
    minCell: rule.enabled ? rule.minCell : null,
    problems: programmeProblems(programme),
    headline: headlines(tables, primary, (id) => programme.measures.get(id)?.label ?? id),
    tables: names.map((name) => tables[name] as Table),
    measures: programme.measures.measures.map((m) => ({
      name: m.id,
      label: m.label,
      higherIsBetter: m.direction === 'higher_better',
    })),
    methods: methodNotes(programme),
    dataQuality: {
      files: quality.map((r) => ({
        path: String(r.file),
        kind: String(r.kind),
        read: r.read ?? NOT_AVAILABLE,
        used: r.used ?? NOT_AVAILABLE,
        rejected: r.rejected ?? NOT_AVAILABLE,
      })),
      topIssues: topIssues(programme, rule),
      ignored: programme.ignored.map((f) => f.display),
    },
  };
}

/** File-level problems an evaluator must see first: broken, unreadable or unusable files. */
function programmeProblems(programme: Programme): string[] {
  const fileRules = new Set([
    'file.unreadable',
    'file.empty',
    'file.parse',
    'file.quote_span',
    'encoding.binary',
    'header.missing_column',
    'header.duplicate_column',
  ]);
  return programme.issues
    .filter((i) => fileRules.has(i.rule) && i.severity === 'error')
    .map((i) => `${i.file}${i.line !== null ? ` line ${i.line}` : ''}: ${i.message}`);
}

/** The most frequent rules, their counts under the disclosure rule like every published count. */
function topIssues(programme: Programme, rule: DisclosureRule): DataQualityIssue[] {
  const counts = new Map<string, number>();
  for (const i of programme.issues) counts.set(i.rule, (counts.get(i.rule) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10)
    .map(([id, count]) => ({
      rule: id,
      count: discloseCount(count, rule),
      hint: RULES[id as RuleId].hint,
    }));
}

function discloseCount(count: number, rule: DisclosureRule): Cell {
  if (!rule.enabled) return count;
  if (count > 0 && count < rule.minCell) return SUPPRESSED;
  return rule.roundTo === null ? count : roundCount(count, rule.roundTo, rule.minCell);
}

function methodNotes(programme: Programme): string[] {
  const m = programme.measures;
  const notes = [
    'Each person counts once in every total (All rows): the All row uses each person’s first episode (earliest enrolment) with a baseline for the measure; partner and other group rows count each episode.',
    `Pairing: for each person, partner and measure, the earliest baseline and the latest follow-up are used; extra records are reported in data_quality.csv.`,
    `WEMWBS scores: up to ${m.maxMissingItems} of 14 missing items are prorated from the person’s mean item score; with more missing the questionnaire is unscorable and reported (${programme.scoring.prorated} prorated questionnaires in this run).`,
    `SWEMWBS: raw totals (7–35) are converted to metric scores with Warwick’s conversion table (${programme.scoring.swemwbsConverted} converted; ${programme.scoring.swemwbsDerived} derived from the SWEMWBS items of complete WEMWBS questionnaires). A score that is not a whole number is taken as already metric (setting swemwbs_score: ${m.swemwbsScore}). SWEMWBS band edges on the metric score are not verified against a published source and are configurable.`,
    'Mean change: follow-up − baseline with a t-based 95% interval; paired t-test (two-sided); Wilcoxon signed-rank as R ≤ 4.5 wilcox.test (exact below 50 pairs without ties or zeros, otherwise normal approximation with continuity and tie corrections); Cohen’s dz = mean / SD of the differences. Improved / declined: a change of at least the measure’s meaningful change in the better direction (WEMWBS 3, SWEMWBS 1, ONS 1 point).',
    'Proportions have Wilson score intervals (as PHEindicatormethods phe_proportion); rates per 1,000 residents use Byar’s method, or exact Poisson limits below 10 events (phe_rate).',
    'Inequality: slope and relative index of inequality by the PHE method (phe_sii): quantile means regressed on the midpoint of cumulative population share by weighted least squares, least minus most deprived, with confidence limits from simulation with a fixed seed; no RII for change scores. The gap is quintile 5 minus quintile 1 with a Welch interval. All on the same people: each person once, with a baseline and a follow-up and a known IMD decile.',
    'Core20: IMD deciles 1–2 of the lookup supplied (lsoa_imd.csv). PLUS: ethnic minority communities (Asian, Black, Mixed, Other) or any inclusion group recorded.',
    'Financial years run from 1 April to 31 March: episodes count in the year of enrolment, outcome change in the year of the follow-up.',
  ];
  for (const measure of m.measures) {
    if (measure.source.startsWith('defined')) notes.push(`${measure.id}: ${measure.source}.`);
  }
  return notes;
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
    (h) => `${c.bold(h.label)}: ${h.value}${h.note ? ` (${h.note})` : ''}`,
  );
  const t = programme.totals;
  lines.push(
    `${c.bold('Rows excluded')}: ${n(t.participants.rejected)} of ${n(t.participants.read)} participant rows, ${n(t.outcomes.rejected)} of ${n(t.outcomes.read)} outcome rows (${programme.errors} errors, ${programme.warnings} warnings; see data_quality.csv or run tides validate)`,
  );
  if (model.notForPublication) lines.push(c.red('Disclosure control is OFF: NOT FOR PUBLICATION'));
  lines.push(`Wrote ${files} files to ${out}/`);
  return `${lines.join('\n')}\n`;
}
