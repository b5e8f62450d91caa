import { applyDisclosure, type DisclosureRule } from '../disclosure/index.js';
import type { Programme } from '../load/loadProgramme.js';
import type { Dimension } from '../metrics/grouping.js';
import { type AnalysisTables, analyseProgramme } from '../metrics/index.js';
import { type AnalysisOptions, DEFAULT_ANALYSIS } from '../metrics/options.js';
import { type Cell, isMark, SUPPRESSED, type Table } from '../metrics/table.js';

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
