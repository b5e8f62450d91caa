import { applyDisclosure, type DisclosureRule, roundCount } from '../disclosure/index.js';
import { protectPublication } from '../disclosure/protect.js';
import { type Publication, type PublishedTable, tableContext } from '../disclosure/publication.js';
import { lazySolver, type SolverSource } from '../disclosure/solver.js';
import type { Dimension } from '../metrics/grouping.js';
import { type AnalysisTables, analyseProgramme } from '../metrics/index.js';
import { inequality } from '../metrics/inequality.js';
import { type AnalysisOptions, DEFAULT_ANALYSIS } from '../metrics/options.js';
import { MeasureSlotIndex } from '../metrics/slots.js';
import { type Cell, isMark, SUPPRESSED, type Table } from '../metrics/table.js';
import type { Programme } from '../model/programme.js';

export function analysisOptions(
  rule: DisclosureRule,
  cli: { siiSimulations: number },
  by: readonly Dimension[],
  period: string | null,
): AnalysisOptions {
  return {
    ...DEFAULT_ANALYSIS,
    by,
    period,
    // A quantile too small to publish is too small to fit an SII to.
    minQuantileSize: rule.enabled ? rule.minCell : DEFAULT_ANALYSIS.minQuantileSize,
    suppressSmall: rule.enabled,
    statisticCount:
      rule.enabled && rule.roundTo !== null
        ? (count) => roundCount(count, rule.roundTo as number, rule.minCell)
        : DEFAULT_ANALYSIS.statisticCount,
    siiSimulations: cli.siiSimulations,
  };
}

/** Whether an analysis publishes a table: every one, but cost only when a partner has funding. */
export function isPublishedOf(programme: Programme): (name: keyof AnalysisTables) => boolean {
  const hasFunding = programme.partners.some((p) => p.fundingGbp !== null);
  return (name) => name !== 'cost' || hasFunding;
}

/** Tables of an analysis, each disclosure-controlled by its own rules, and the tables before. */
export interface DisclosedTables {
  readonly options: AnalysisOptions;
  readonly raw: Partial<AnalysisTables>;
  readonly tables: Partial<AnalysisTables>;
}

/** An analysis with each table disclosure-controlled by its own rules, and the tables before. */
export interface DisclosedAnalysis extends DisclosedTables {
  readonly raw: AnalysisTables;
  readonly tables: AnalysisTables;
}

/** Every table of an analysis, each disclosure-controlled by its own rules (not yet together). */
export function discloseAnalysis(
  programme: Programme,
  options: AnalysisOptions,
  rule: DisclosureRule,
): DisclosedAnalysis {
  const raw = analyseProgramme(programme, options);
  const each = Object.fromEntries(
    Object.entries(raw).map(([name, table]) => [name, applyDisclosure(table as Table, rule)]),
  ) as unknown as AnalysisTables;
  const tables: AnalysisTables = { ...each, band_change: hideBandsOfHiddenPairs(each, options.by) };
  return { options, raw, tables };
}

/**
 * The inequality tables alone (`options.period`'s people), each disclosure-controlled by its own
 * rules: a yearly summary's inequality within its analysis by year.
 */
export function discloseInequality(
  programme: Programme,
  options: AnalysisOptions,
  rule: DisclosureRule,
): DisclosedTables {
  const gaps = inequality(programme, options, new MeasureSlotIndex(programme));
  const raw = { inequality: gaps.inequality, inequality_quantiles: gaps.quantiles };
  return {
    options,
    raw,
    tables: {
      inequality: applyDisclosure(raw.inequality, rule),
      inequality_quantiles: applyDisclosure(raw.inequality_quantiles, rule),
    },
  };
}

/** Tables of a disclosed analysis as parts of a publication (`source` names where each goes). */
export function publicationParts(
  analysis: DisclosedTables,
  names: readonly (keyof AnalysisTables)[],
  source: (name: keyof AnalysisTables) => string = (name) => `${name}.csv`,
): PublishedTable[] {
  return names
    .filter((name) => analysis.raw[name] !== undefined)
    .map((name) => ({
      kind: name,
      table: analysis.tables[name] as Table,
      truth: analysis.raw[name] as Table,
      context: tableContext(name, analysis.options),
      complete: true,
      source: source(name),
    }));
}

/**
 * Tables published together, protected as one (`disclosure/protect.ts`): what an intruder could
 * work out from all of them is what is checked, not each table alone.
 *
 * @throws {DisclosureError} when they cannot be protected
 */
export async function protectTogether(
  parts: readonly PublishedTable[],
  rule: DisclosureRule,
  solver: SolverSource = lazySolver(),
): Promise<readonly PublishedTable[]> {
  const publication: Publication = { tables: parts, rule, ratiosFromRoundedCounts: true };
  return (await protectPublication(solver, publication)).publication.tables;
}

/**
 * Every table of the analysis, disclosure-controlled: each by its own rules, then the tables to
 * be published (`published`, all by default) audited together and protected as one.
 */
export async function analyseAndDisclose(
  programme: Programme,
  options: AnalysisOptions,
  rule: DisclosureRule,
  published: (name: keyof AnalysisTables) => boolean = () => true,
  solver: SolverSource = lazySolver(),
): Promise<AnalysisTables> {
  const analysis = discloseAnalysis(programme, options, rule);
  const names = (Object.keys(analysis.raw) as (keyof AnalysisTables)[]).filter(published);
  const safe = await protectTogether(publicationParts(analysis, names), rule, solver);
  return {
    ...analysis.tables,
    ...Object.fromEntries(safe.map((t) => [t.kind, t.table])),
  } as AnalysisTables;
}

/**
 * band_change repeats wellbeing_change's n_paired and its band counts add up to it: where
 * wellbeing_change had to hide n_paired, the band rows of that group and measure would give it
 * back, so they are hidden whole.
 */
function hideBandsOfHiddenPairs(tables: AnalysisTables, by: readonly string[]): Table {
  const key = (row: Readonly<Record<string, Cell>>) =>
    [...by.map((d) => String(row[d])), String(row.measure)].join('\u0001');
  const hidden = new Set(
    tables.wellbeing_change.rows.filter((r) => isSuppressed(r.n_paired)).map(key),
  );
  const band = tables.band_change;
  if (hidden.size === 0) return band;
  const values = band.columns.filter((c) => c.kind === 'count' || c.kind === 'number');
  return {
    ...band,
    rows: band.rows.map((row) =>
      hidden.has(key(row))
        ? { ...row, ...Object.fromEntries(values.map((c) => [c.name, SUPPRESSED])) }
        : row,
    ),
  };
}

function isSuppressed(cell: Cell | undefined): boolean {
  return isMark(cell) && cell.mark === 'c';
}
