import { type DisclosureRule, describeDisclosureRule } from '../disclosure/index.js';
import { type PublishedTable, type TableContext, tableContext } from '../disclosure/publication.js';
import { jsonChunks } from '../io/jsonChunks.js';
import { prepareOutputDir } from '../io/outputDir.js';
import { type OutputFile, RunFolder } from '../io/runFolder.js';
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
  analyseAndDisclose,
  analysisOptions,
  type DisclosedAnalysis,
  discloseAnalysis,
  discloseInequality,
  isPublishedOf,
  protectTogether,
  publicationParts,
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
    checkGroupLimit(programme, ['year', 'partner_id'], null);
    const summary = await summaryOf(programme, rule, {
      year,
      siiSimulations: options.siiSimulations ?? SII_SIMULATIONS.default,
    });
    const outputs: OutputFile[] = [
      { name: `${base}.md`, text: () => markdownReportChunks(summary.model) },
      { name: `${base}.html`, text: () => htmlReportChunks(summary.model) },
      { name: `${base}.json`, text: () => withNewline(jsonChunks(summary.json)) },
    ];
    const manifest = await manifestFile(
      `${base}.manifest.json`,
      programme,
      summary.options,
      rule,
      { dataQuality: summary.dataQuality, rowAccounting: summary.rowAccounting },
      year,
    );
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

/** Rows of the analysis a summary publishes: which, from which table, and as what. */
interface Selection {
  readonly kind: keyof AnalysisTables;
  readonly title: string;
  readonly keep: (row: Readonly<Record<string, Cell>>) => boolean;
  /** Group columns left out of the table shown, each `All` on every row kept. */
  readonly drop: readonly string[];
  readonly context: TableContext;
  readonly complete: boolean;
  readonly name?: string;
}

/**
 * The summary's tables, report model and JSON, from one analysis of the programme by financial
 * year and partner: the year's figures (its row), the trend (the rows of the years up to it) and
 * the partners' reach in the year are rows of the same tables, so they agree by construction.
 * Cost and social value are the programme's to date (funding is not split by year); the year's
 * inequality is that of the people followed up in the year. Only the rows shown are published,
 * and they are protected together as one publication: a partner's reach in the year beside its
 * reach over the programme (in the cost table) would otherwise give the other years' people by
 * subtraction.
 */
async function summaryOf(
  programme: Programme,
  rule: DisclosureRule,
  cli: { readonly year: string; readonly siiSimulations: number },
) {
  const options = analysisOptions(rule, cli, ['year', 'partner_id'], null);
  const analysis = discloseAnalysis(programme, options, rule);
  const yearGaps = discloseInequality(programme, { ...options, by: [], period: cli.year }, rule);
  const theYear = cli.year;
  const isTrend = (row: Readonly<Record<string, Cell>>) =>
    row.partner_id === ALL &&
    typeof row.year === 'string' &&
    row.year !== ALL &&
    row.year <= theYear;
  const isYear = (row: Readonly<Record<string, Cell>>) =>
    row.year === theYear && row.partner_id === ALL;
  const byYear: TableContext = { by: ['year'], period: null };
  // A trend up to the last year with figures shows every year: its rows then add up to the
  // programme's, as an intruder who knows the programme's years can tell.
  const trendComplete = (kind: keyof AnalysisTables) =>
    !(analysis.raw[kind]?.rows ?? []).some(
      (row) =>
        row.partner_id === ALL &&
        typeof row.year === 'string' &&
        row.year !== ALL &&
        row.year > theYear,
    );
  const selections: Selection[] = [
    {
      kind: 'reach',
      title: `Reach by financial year of enrolment, up to ${theYear}`,
      keep: isTrend,
      drop: ['partner_id'],
      context: byYear,
      complete: trendComplete('reach'),
    },
    {
      kind: 'reach_profile',
      title: `Who was reached in ${theYear}`,
      keep: isYear,
      drop: ['partner_id'],
      context: byYear,
      complete: false,
    },
    {
      kind: 'wellbeing_change',
      title: `Wellbeing change by financial year of follow-up, up to ${theYear}`,
      keep: isTrend,
      drop: ['partner_id'],
      context: byYear,
      complete: trendComplete('wellbeing_change'),
    },
    // Yes/no and count outcomes, when the config defines such measures: the report places each
    // measure's rows in its outcome area.
    ...(analysis.tables.binary_change
      ? [
          {
            kind: 'binary_change' as const,
            title: `Yes/no outcomes by financial year of follow-up, up to ${theYear}`,
            keep: isTrend,
            drop: ['partner_id'],
            context: byYear,
            complete: trendComplete('binary_change'),
          },
        ]
      : []),
    ...(analysis.tables.count_change
      ? [
          {
            kind: 'count_change' as const,
            title: `Counts (use of services) by financial year of follow-up, up to ${theYear}`,
            keep: isTrend,
            drop: ['partner_id'],
            context: byYear,
            complete: trendComplete('count_change'),
          },
        ]
      : []),
    {
      kind: 'band_change',
      title: `Score bands at baseline and follow-up, ${theYear}`,
      keep: isYear,
      drop: ['partner_id'],
      context: byYear,
      complete: false,
    },
    {
      kind: 'reach',
      name: 'reach_by_partner',
      title: `Reach by partner, ${theYear}`,
      keep: (row) => row.year === theYear,
      // The year's partners, every one: published as an analysis of the year by partner would
      // (its reach counts are those of the year's rows; only change counts differ by level).
      drop: ['year'],
      context: { by: ['partner_id'], period: theYear },
      complete: true,
    },
  ];
  const parts: PublishedTable[] = selections.map((selection) => selectedPart(analysis, selection));
  parts.push(
    ...publicationParts(
      yearGaps,
      ['inequality', 'inequality_quantiles'],
      (name) => `year ${name}`,
    ).map((part) => ({
      ...part,
      table: {
        ...part.table,
        title:
          part.kind === 'inequality'
            ? `Inequality by deprivation, ${theYear}`
            : `Means by deprivation quantile, ${theYear}`,
      },
    })),
  );
  parts.push(
    ...publicationParts(
      analysis,
      (['cost', 'social_value', 'sroi_sensitivity'] as const).filter(isPublishedOf(programme)),
      (n) => `programme ${n}`,
    ).map((part) =>
      part.kind === 'cost'
        ? {
            ...part,
            table: {
              ...part.table,
              title: 'Cost over the whole programme (funding is not split by year)',
            },
          }
        : part,
    ),
    ...publicationParts(analysis, ['data_quality', 'row_accounting'], (n) => `programme ${n}`),
  );
  parts.push(...(await publishedByPartner(programme, rule, cli.siiSimulations)));
  const safe = (await protectTogether(parts, rule)).filter((part) => !part.known);
  const shown: SummaryTable[] = safe
    .filter((part) => part.kind !== 'row_accounting')
    .map((part) => ({
      table: part.table,
      kind: part.kind as keyof AnalysisTables,
      context: part.context,
      complete: part.complete,
    }));
  const tableOf = (kind: string, name = kind) =>
    safe.find((part) => part.kind === kind && part.table.name === name)?.table;
  const must = (kind: string, name = kind) => tableOf(kind, name) as Table;

  const label = (id: string) => programme.measures.get(id)?.label ?? id;
  const primary = programme.config.primary_measure ?? 'wemwbs';
  // The year's reach and change are the year's rows of the trend tables the summary shows and
  // charts, read as totals: headline, words and chart are the same people's figures.
  const asTotals = {
    reach: yearRowAsTotal(must('reach'), theYear),
    wellbeing_change: yearRowAsTotal(must('wellbeing_change'), theYear),
    reach_profile: yearRowAsTotal(must('reach_profile'), theYear),
    inequality: must('inequality'),
  };
  const dataQuality = must('data_quality');
  const socialValue = tableOf('social_value');
  const model = buildReportModel({
    programme,
    rule,
    toolVersion: toolVersion(),
    madeOn: today(),
    title: `${programme.config.programme ?? 'Community health programme'}, ${theYear}`,
    kind: 'commissioner’s summary',
    wholeTablesIn: `summary-${theYear}.json`,
    tables: shown.map((s) => s.table),
    headline: [
      ...headlines(
        { ...asTotals, ...(socialValue ? { social_value: socialValue } : {}) },
        primary,
        label,
        programme.config.social_value?.illustrative === true,
      ).map((h) =>
        // Funding is not split by year: the SROI is the programme's to date, and says so.
        h.label.startsWith('Social value')
          ? {
              ...h,
              label: `${h.label}, whole programme, every year (${coverage(programme, null)})`,
            }
          : h,
      ),
      ...trendHeadlines(must('reach'), theYear),
    ],
    narrative: asTotals,
    dataQuality,
    period: theYear,
  });
  const json = {
    schema_version: 1,
    tool: { name: 'tides', version: toolVersion() },
    year: theYear,
    options: optionsJson(options, rule),
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
    options,
    shown,
    dataQuality,
    rowAccounting: must('row_accounting'),
  };
}

/**
 * What an analysis of the whole programme by partner publishes (`tides analyse --by partner_id`
 * with the same disclosure options: every table, protected as that run protects it), taken as
 * known to the intruder: a partner's people outside the year are its people to date less the
 * year's, so the summary's rows are protected against it. Not written; its figures are never
 * hidden (that run publishes them).
 */
async function publishedByPartner(
  programme: Programme,
  rule: DisclosureRule,
  siiSimulations: number,
): Promise<PublishedTable[]> {
  const options = analysisOptions(rule, { siiSimulations }, ['partner_id'], null);
  const isPublished = isPublishedOf(programme);
  const tables = await analyseAndDisclose(programme, options, rule, isPublished);
  return (Object.keys(tables) as (keyof AnalysisTables)[])
    .filter((name) => isPublished(name) && KNOWN_KINDS.has(name))
    .map((name) => ({
      kind: name,
      table: tables[name] as Table,
      context: tableContext(name, options),
      complete: true,
      source: `${name}.csv of an analysis by partner`,
      known: true as const,
    }));
}

/** The tables of an analysis by partner whose counts a summary's rows are related to. */
const KNOWN_KINDS: ReadonlySet<keyof AnalysisTables> = new Set([
  'reach',
  'reach_profile',
  'wellbeing_change',
  'band_change',
  'binary_change',
  'count_change',
  'cost',
]);

/**
 * The rows of one table of the analysis that a selection keeps, as a part of the publication:
 * published figures and their truth row for row, group columns that read `All` throughout left
 * out (the context says what the rows are groups of).
 */
function selectedPart(analysis: DisclosedAnalysis, selection: Selection): PublishedTable {
  const published = analysis.tables[selection.kind] as Table;
  const truth = analysis.raw[selection.kind] as Table;
  const kept = published.rows.flatMap((row, index) => (selection.keep(row) ? [index] : []));
  // Row sets by index (`additive`) no longer hold; identities within a row do.
  const cut = ({ additive: _, ...table }: Table): Table => ({
    ...table,
    name: selection.name ?? table.name,
    title: selection.title,
    columns: table.columns.filter((column) => !selection.drop.includes(column.name)),
    rows: kept.map((index) => {
      const row = { ...(table.rows[index] as Readonly<Record<string, Cell>>) };
      for (const column of selection.drop) delete row[column];
      return row;
    }),
  });
  const named = (table: Table): Table =>
    selection.name ? { ...table, kind: selection.kind } : table;
  return {
    kind: selection.kind,
    table: named(cut(published)),
    truth: cut(truth),
    context: selection.context,
    complete: selection.complete,
    source: `summary ${selection.name ?? selection.kind}`,
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
