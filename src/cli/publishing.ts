import { financialYear } from '../contract/dimensions.js';
import { applyDisclosure, type DisclosureRule } from '../disclosure/index.js';
import { UnusableInputError } from '../errors.js';
import { loadProgramme, type Programme } from '../load/loadProgramme.js';
import type { Dimension } from '../metrics/grouping.js';
import { type AnalysisTables, analyseProgramme } from '../metrics/index.js';
import { type AnalysisOptions, DEFAULT_ANALYSIS } from '../metrics/options.js';
import { type Cell, isMark, SUPPRESSED, type Table } from '../metrics/table.js';
import { today } from './clock.js';
import { type DisclosureCliOptions, disclosureRule } from './disclosureOptions.js';
import type { ReadingCliOptions } from './options.js';
import { progressBar } from './progress.js';

/**
 * Loads a programme for a command that publishes figures (analyse, summary): the disclosure rule
 * from the options and the config, and a refusal (exit 2) when nothing can be analysed.
 */
export async function loadForPublishing(
  dir: string,
  cli: DisclosureCliOptions & ReadingCliOptions & { readonly quiet?: boolean },
  period: string | null = null,
): Promise<{ programme: Programme; rule: DisclosureRule }> {
  const bar = progressBar(cli.quiet);
  const programme = await loadProgramme(dir, {
    today: today(),
    ...(cli.jobs === undefined ? {} : { jobs: cli.jobs }),
    ...(bar.listener ? { progress: bar.listener } : {}),
  }).finally(bar.finish);
  const rule = disclosureRule(cli, programme.config.disclosure);
  if (programme.partners.length === 0 || programme.totals.participants.used === 0) {
    throw new UnusableInputError(
      `nothing to analyse in ${dir}: ${programme.partners.length} usable partner(s), ${programme.totals.participants.used} usable participant row(s) (run tides validate ${dir})`,
    );
  }
  if (period !== null) {
    const years = enrolmentYears(programme);
    if (!years.includes(period)) {
      throw new UnusableInputError(
        `no episode is enrolled in ${period}; the data covers ${years.join(', ') || 'no year'}`,
      );
    }
  }
  return { programme, rule };
}

/** The financial years in which episodes were enrolled, in order. */
function enrolmentYears(programme: Programme): string[] {
  const years = new Set<string>();
  const enrolled = programme.episodes.enrolledOn;
  for (let e = 0; e < programme.episodes.count; e++) years.add(financialYear(enrolled.get(e)));
  return [...years].sort();
}

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
    siiSimulations: cli.siiSimulations,
  };
}

/** Every table of the analysis, disclosure-controlled. */
export function analyseAndDisclose(
  programme: Programme,
  options: AnalysisOptions,
  rule: DisclosureRule,
): AnalysisTables {
  const raw = analyseProgramme(programme, options);
  const tables = Object.fromEntries(
    Object.entries(raw).map(([name, table]) => [name, applyDisclosure(table as Table, rule)]),
  ) as unknown as AnalysisTables;
  return { ...tables, band_change: hideBandsOfHiddenPairs(tables, options.by) };
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
