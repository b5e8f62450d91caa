import { type DisclosureRule, describeDisclosureRule } from '../disclosure/index.js';
import type { TableContext } from '../disclosure/publication.js';
import { jsonChunks } from '../io/jsonChunks.js';
import { prepareOutputDir } from '../io/outputDir.js';
import { type OutputFile, RunFolder } from '../io/runFolder.js';
import { filterRows } from '../metrics/filterRows.js';
import type { AnalysisTables } from '../metrics/index.js';
import { ALL, type Cell, type Table } from '../metrics/table.js';
import type { Programme } from '../model/programme.js';
import { buildReportModel, coverage } from '../report/assemble.js';
import { groupDigits, tableToJsonRows } from '../report/format.js';
import { headlines } from '../report/headline.js';
import { htmlReportChunks } from '../report/html.js';
import { markdownReportChunks } from '../report/markdown.js';
import type { HeadlineFinding } from '../report/model.js';
import { today } from './clock.js';
import { checkGroupLimit } from './groupLimit.js';
import { enrolmentYears, loadForPublishing } from './loading.js';
import { manifestFile, optionsJson } from './manifest.js';
import {
  checkFinancialYear,
  checkPublishingOptions,
  type DisclosureOptions,
  type PublishingOptions,
  type ReadingOptions,
  SII_SIMULATIONS,
} from './options.js';
import {
  analysisOptions,
  discloseAnalysis,
  protectTogether,
  publicationParts,
  tableContext,
} from './publishing.js';
import { type RunResult, runResult } from './runResult.js';
import { toolVersion } from './version.js';

/** The options of {@link summarise}: `tides summary`'s, by the same names. */
export interface SummariseOptions extends PublishingOptions {
  /** The UK financial year, e.g. `2016-17`. */
  readonly year: string;
}

/** What a summary run published. */
export interface SummaryResult extends RunResult {
  readonly year: string;
  /** The summary's tables, as its JSON holds them (disclosure-controlled, rows shown). */
  readonly tables: readonly SummaryTable[];
  readonly headline: readonly HeadlineFinding[];
}

/**
 * A commissioner's summary of one UK financial year — the year's reach, change, deprivation gap,
 * and the programme's cost and social value — with the trend over the years up to it, written
 * into `options.out` as one run (`summary-YEAR.md`, `.html`, `.json` and its manifest), as
 * `tides summary` does. Episodes count in the year of enrolment and outcome change in the year
 * of the follow-up, as everywhere in tides. Nothing is printed; nothing exits.
 *
 * @throws {UsageError} a bad option; {@link UnusableInputError} an input or output folder that
 *   cannot be used (nothing written); {@link DisclosureError} outputs that cannot be protected
 */
export async function summarise(dir: string, options: SummariseOptions): Promise<SummaryResult> {
  checkPublishingOptions(options);
  const year = checkFinancialYear(options.year);
  const out = await prepareOutputDir(options.out, dir);
  const base = `summary-${year}`;
  const run = await RunFolder.open(out, options.out, `${base}.manifest.json`);
  const notify = () => {
    for (const notice of run.notices.splice(0)) options.onNotice?.(notice);
  };
  try {
    notify();
    // The manifest lists each input's SHA-256: data files are hashed as they are read.
    const { programme, rule } = await loadForPublishing(dir, options, year, true);
    checkGroupLimit(programme, ['partner_id'], year);
    checkGroupLimit(programme, ['year'], null);
    const summary = await summaryOf(programme, rule, {
      year,
      siiSimulations: options.siiSimulations ?? SII_SIMULATIONS.default,
    });
    const outputs: OutputFile[] = [
      { name: `${base}.md`, text: () => markdownReportChunks(summary.model) },
      { name: `${base}.html`, text: () => htmlReportChunks(summary.model) },
      { name: `${base}.json`, text: () => withNewline(jsonChunks(summary.json)) },
    ];
    const manifest = await manifestFile(`${base}.manifest.json`, programme, summary.options, rule, {
      dataQuality: summary.dataQuality,
      rowAccounting: summary.rowAccounting,
    });
    const written = await run.publish(outputs, manifest);
    return {
      ...runResult(programme, rule, run.dir, written, manifest.name),
      year,
      tables: summary.shown,
      headline: summary.model.headline,
    };
  } finally {
    await run.close();
    notify();
  }
}

/**
 * The financial years a summary can be made for: those in which the programme's episodes were
 * enrolled, in order (`tides summary DIR` without `--year` lists them). Nothing is written.
 *
 * @throws {UnusableInputError} when the folder cannot be read as a programme
 */
export async function summaryYears(
  dir: string,
  options: DisclosureOptions & ReadingOptions = {},
): Promise<string[]> {
  const { programme } = await loadForPublishing(dir, options);
  return enrolmentYears(programme);
}

function* withNewline(chunks: Iterable<string>): Generator<string> {
  yield* chunks;
  yield '\n';
}

/** A table of the summary, and what the audit needs to know of it. */
export interface SummaryTable {
  readonly table: Table;
  readonly kind: keyof AnalysisTables;
  readonly context: TableContext;
  /** false when only some groups are shown (the years up to this one, the programme's total). */
  readonly complete: boolean;
}

/**
 * The summary's tables, report model and JSON. Its figures come from three analyses (the year
 * by partner, every year, and the whole programme for cost and social value), which are
 * protected together as one publication: a partner's reach in the year beside its reach over
 * the programme (in the cost table) would otherwise give the other years' people by
 * subtraction. Rows are chosen for display only after that, so what is shown is part of a
 * protected whole.
 */
async function summaryOf(
  programme: Programme,
  rule: DisclosureRule,
  cli: { readonly year: string; readonly siiSimulations: number },
) {
  const yearOptions = analysisOptions(rule, cli, ['partner_id'], cli.year);
  const year = discloseAnalysis(programme, yearOptions, rule);
  const trend = discloseAnalysis(programme, analysisOptions(rule, cli, ['year'], null), rule);
  const wide = discloseAnalysis(programme, analysisOptions(rule, cli, [], null), rule);
  const hasFunding = programme.partners.some((p) => p.fundingGbp !== null);
  const parts = [
    ...publicationParts(trend, ['reach', 'wellbeing_change'], (n) => `trend ${n}`),
    ...publicationParts(
      year,
      ['reach', 'reach_profile', 'band_change', 'inequality', 'inequality_quantiles'],
      (n) => `year ${n}`,
    ),
    ...publicationParts(year, ['data_quality', 'row_accounting'], (n) => `year ${n}`),
    ...publicationParts(
      wide,
      [...(hasFunding ? (['cost'] as const) : []), 'social_value', 'sroi_sensitivity'],
      (n) => `programme ${n}`,
    ),
  ];
  const safe = await protectTogether(parts, rule);
  const tableOf = (source: string) => safe.find((part) => part.source === source)?.table as Table;

  const upToYear = (row: Readonly<Record<string, Cell>>) =>
    typeof row.year === 'string' && row.year !== ALL && row.year <= cli.year;
  const isTotal = (row: Readonly<Record<string, Cell>>) => row.partner_id === ALL;
  const yearContext: TableContext = { by: ['partner_id'], period: cli.year };
  const shown: SummaryTable[] = [
    {
      table: filterRows(
        tableOf('trend reach'),
        upToYear,
        `Reach by financial year of enrolment, up to ${cli.year}`,
      ),
      kind: 'reach',
      context: { by: ['year'], period: null },
      complete: false,
    },
    {
      table: filterRows(tableOf('year reach_profile'), isTotal, `Who was reached in ${cli.year}`),
      kind: 'reach_profile',
      context: yearContext,
      complete: false,
    },
    {
      table: filterRows(
        tableOf('trend wellbeing_change'),
        upToYear,
        `Wellbeing change by financial year of follow-up, up to ${cli.year}`,
      ),
      kind: 'wellbeing_change',
      context: { by: ['year'], period: null },
      complete: false,
    },
    {
      table: filterRows(
        tableOf('year band_change'),
        isTotal,
        `Score bands at baseline and follow-up, ${cli.year}`,
      ),
      kind: 'band_change',
      context: yearContext,
      complete: false,
    },
    {
      table: { ...tableOf('year inequality'), title: `Inequality by deprivation, ${cli.year}` },
      kind: 'inequality',
      context: { by: [], period: cli.year },
      complete: true,
    },
    {
      table: {
        ...tableOf('year inequality_quantiles'),
        title: `Means by deprivation quantile, ${cli.year}`,
      },
      kind: 'inequality_quantiles',
      context: { by: [], period: cli.year },
      complete: true,
    },
    {
      table: {
        ...tableOf('year reach'),
        name: 'reach_by_partner',
        title: `Reach by partner, ${cli.year}`,
      },
      kind: 'reach',
      context: yearContext,
      complete: true,
    },
  ];
  const programmeTable = (name: keyof AnalysisTables, title?: string) => {
    const table = safe.find((part) => part.source === `programme ${name}`)?.table;
    if (!table) return;
    shown.push({
      table: title ? { ...table, title } : table,
      kind: name,
      context: tableContext(name, wide.options),
      complete: true,
    });
  };
  programmeTable('cost', 'Cost over the whole programme (funding is not split by year)');
  programmeTable('social_value');
  programmeTable('sroi_sensitivity');
  const dataQuality = tableOf('year data_quality');
  shown.push({
    table: dataQuality,
    kind: 'data_quality',
    context: { by: [], period: null },
    complete: true,
  });

  const label = (id: string) => programme.measures.get(id)?.label ?? id;
  const primary = programme.config.primary_measure ?? 'wemwbs';
  // The year's reach and change are the year's rows of the trend tables, which the summary
  // shows and charts: headline, words and chart are then the same people's figures (the year
  // analysis's total counts a person once over the year's partners, the trend's row each
  // episode, and the two disagreed: 3.72 from 3,939 people against 3.74 from 3,987).
  const theYear = {
    reach: yearRowAsTotal(tableOf('trend reach'), cli.year),
    wellbeing_change: yearRowAsTotal(tableOf('trend wellbeing_change'), cli.year),
  };
  const yearTables = {
    ...year.tables,
    ...theYear,
    reach_profile: tableOf('year reach_profile'),
    band_change: tableOf('year band_change'),
    inequality: tableOf('year inequality'),
    inequality_quantiles: tableOf('year inequality_quantiles'),
    data_quality: dataQuality,
    social_value: safe.find((part) => part.source === 'programme social_value')?.table,
  };
  const trendReach = tableOf('trend reach');
  const model = buildReportModel({
    programme,
    rule,
    toolVersion: toolVersion(),
    madeOn: today(),
    title: `${programme.config.programme ?? 'Community health programme'}, ${cli.year}`,
    kind: 'commissioner’s summary',
    tables: shown.map((s) => s.table),
    headline: [
      ...headlines(
        yearTables,
        primary,
        label,
        programme.config.social_value?.illustrative === true,
      ).map((h) =>
        // Funding is not split by year: the SROI is the programme's to date, and says so.
        h.label.startsWith('Social value')
          ? { ...h, label: `${h.label}, whole programme to date (${coverage(programme, null)})` }
          : h,
      ),
      ...trendHeadlines(trendReach, cli.year),
    ],
    narrative: {
      ...theYear,
      reach_profile: tableOf('year reach_profile'),
      inequality: tableOf('year inequality'),
    },
    dataQuality,
    period: cli.year,
  });
  const json = {
    schema_version: 1,
    tool: { name: 'tides', version: toolVersion() },
    year: cli.year,
    options: optionsJson(yearOptions, rule),
    disclosure: describeDisclosureRule(rule),
    tables: shown.map((s) => ({
      name: s.table.name,
      kind: s.kind,
      title: s.table.title,
      context: s.context,
      complete: s.complete,
      rows: tableToJsonRows(s.table),
    })),
  };
  return {
    model,
    json,
    options: yearOptions,
    shown,
    dataQuality,
    rowAccounting: tableOf('year row_accounting'),
  };
}

/**
 * The row of `year` of a table by year, as the table's total (`All`): the year's figures as the
 * headline and the opening in words read a total.
 */
function yearRowAsTotal(table: Table, year: string): Table {
  return {
    ...table,
    rows: table.rows.filter((row) => row.year === year).map((row) => ({ ...row, year: ALL })),
  };
}

/** Participants this year against the year before, from the disclosed trend table. */
function trendHeadlines(reach: Table, year: string): HeadlineFinding[] {
  const rows = reach.rows.filter(
    (r) => typeof r.year === 'string' && r.year <= year && r.year !== ALL,
  );
  const current = rows.find((r) => r.year === year);
  const previous = rows.filter((r) => r.year !== year).at(-1);
  if (!current || !previous) return [];
  const count = (cell: Cell | undefined) =>
    typeof cell === 'number' ? groupDigits(String(cell)) : '[c]';
  return [
    {
      label: `Participants compared with ${String(previous.year)}`,
      value: `${count(current.participants)} in ${year}`,
      note: `${count(previous.participants)} in ${String(previous.year)}`,
    },
  ];
}
