import { ALL, type Cell, isMark, NOT_AVAILABLE, type Table } from '../metrics/table.js';
import type { BandShare } from './charts/bandChart.js';
import type { ForestRow } from './charts/forestPlot.js';
import type { GradientPoint, GradientSeries } from './charts/gradientChart.js';
import type { ImdReachPoint } from './charts/reachByImd.js';
import { truncate } from './charts/svg.js';

/**
 * The columns the charts read from each table (test/report/chartData.test.ts checks that the
 * tables produce every one). A table without one of them (a test's partial table) draws no chart.
 */
export const CHART_COLUMNS = {
  reach_profile: {
    dimension: 'dimension',
    category: 'category',
    participants: 'pct',
    residents: 'pct_population',
  },
  wellbeing_change: {
    measure: 'measure',
    direction: 'direction',
    n: 'n_paired',
    estimate: 'mean_change',
    lower: 'change_lcl',
    upper: 'change_ucl',
  },
  band_change: {
    measure: 'measure',
    band: 'band',
    baseline: 'pct_baseline',
    followup: 'pct_followup',
  },
  inequality: {
    measure: 'measure',
    timepoint: 'timepoint',
    dimension: 'dimension',
    atZero: 'fitted_most_deprived',
    atOne: 'fitted_least_deprived',
    sii: 'sii',
    rii: 'rii',
  },
  inequality_quantiles: {
    measure: 'measure',
    timepoint: 'timepoint',
    dimension: 'dimension',
    quantile: 'quantile',
    /** Each quantile's share of the population: its rank is the midpoint of the cumulative share. */
    share: 'weight_share',
    mean: 'mean',
  },
} as const;

type Row = Readonly<Record<string, Cell>>;

/** `name` when the table has that column. */
function pick(table: Table, name: string): string | undefined {
  return table.columns.some((column) => column.name === name) ? name : undefined;
}

function textOf(cell: Cell | undefined): string {
  if (cell === undefined || isMark(cell)) return '';
  return String(cell);
}

/** Group columns other than `except`, e.g. `partner_id` in reach_profile. */
function groupColumns(table: Table, except: readonly (string | undefined)[]): string[] {
  return table.columns
    .filter((column) => column.kind === 'group' && !except.includes(column.name))
    .map((column) => column.name);
}

/**
 * Rows whose group columns (other than `except`) all read `All`: the programme as a whole. A
 * table of one group only (a yearly summary's year) is that group's whole: its rows.
 */
function overallRows(table: Table, except: readonly (string | undefined)[]): Row[] {
  const groups = groupColumns(table, except);
  const overall = table.rows.filter((row) => groups.every((name) => textOf(row[name]) === ALL));
  if (overall.length > 0) return overall;
  const oneGroup = groups.every(
    (name) => new Set(table.rows.map((row) => textOf(row[name]))).size === 1,
  );
  return oneGroup ? [...table.rows] : [];
}

/** In order of first appearance. */
function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function byNumber(a: string, b: string): number {
  return Number(a) - Number(b);
}

/** Chart (a): the programme-wide shares by IMD decile from `reach_profile`; null if absent. */
export function imdReachPoints(table: Table | undefined): ImdReachPoint[] | null {
  if (!table) return null;
  const names = CHART_COLUMNS.reach_profile;
  const dimension = pick(table, names.dimension);
  const category = pick(table, names.category);
  const participants = pick(table, names.participants);
  if (!dimension || !category || !participants) return null;
  const residents = pick(table, names.residents);
  const points = overallRows(table, [dimension, category])
    .filter((row) => textOf(row[dimension]) === 'imd_decile')
    .filter((row) => /^(10|[1-9])$/.test(textOf(row[category])))
    .map((row) => ({
      decile: textOf(row[category]),
      participants: row[participants] ?? NOT_AVAILABLE,
      residents: residents ? (row[residents] ?? NOT_AVAILABLE) : NOT_AVAILABLE,
    }))
    .sort((a, b) => byNumber(a.decile, b.decile));
  return points.length > 0 ? points : null;
}

/**
 * The trend chart of reach: the Core20 share of each financial year's participants with its
 * interval, from a `reach` table grouped by year alone (a yearly summary's trend); null for any
 * other table, or fewer than two years.
 */
export function core20ByYear(table: Table | undefined): ForestRow[] | null {
  if (!table) return null;
  const groups = groupColumns(table, []);
  if (groups.length !== 1 || groups[0] !== 'year') return null;
  const rows = table.rows.filter((row) => textOf(row.year) !== ALL);
  if (rows.length < 2) return null;
  const cell = (row: Row, column: string): Cell => row[column] ?? NOT_AVAILABLE;
  return rows.map((row) => ({
    label: textOf(row.year),
    n: cell(row, 'n_imd_known'),
    estimate: cell(row, 'pct_core20'),
    lower: cell(row, 'pct_core20_lcl'),
    upper: cell(row, 'pct_core20_ucl'),
  }));
}

/** What the groups of a table are, in words: "partner", the year's words, or "group". */
export function groupWords(table: Table, except: readonly string[], year: string): string {
  const groups = groupColumns(table, except).filter(
    (name) => new Set(table.rows.map((row) => textOf(row[name]))).size > 1,
  );
  if (groups.length !== 1) return 'group';
  const words: Readonly<Record<string, string>> = {
    partner_id: 'partner',
    year,
  };
  return words[groups[0] as string] ?? 'group';
}

/** Chart (b): per measure, mean change with CI for every group of `wellbeing_change`. */
export function forestRowsByMeasure(
  table: Table | undefined,
  partnerNames?: ReadonlyMap<string, string>,
): Map<string, ForestRow[]> {
  const result = new Map<string, ForestRow[]>();
  if (!table) return result;
  const names = CHART_COLUMNS.wellbeing_change;
  const measure = pick(table, names.measure);
  const estimate = pick(table, names.estimate);
  if (!measure || !estimate) return result;
  const [n, lower, upper] = [
    pick(table, names.n),
    pick(table, names.lower),
    pick(table, names.upper),
  ];
  const groups = groupColumns(table, [measure]);
  for (const row of table.rows) {
    const key = textOf(row[measure]);
    const labels = groups.map((name) => textOf(row[name]));
    const total = labels.every((label) => label === ALL);
    // A partner by name, its id alongside: "Dockside Street Theatre (P003)".
    const named = groups.map((name, i) => {
      const label = labels[i] as string;
      const partner = name === 'partner_id' && label !== ALL ? partnerNames?.get(label) : undefined;
      // Shortened so the forest plot's 30 characters keep the id whole.
      return partner ? `${truncate(partner, Math.max(8, 27 - label.length))} (${label})` : label;
    });
    const rows = result.get(key) ?? [];
    rows.push({
      label: total ? ALL : named.filter((label) => label !== ALL).join(' · ') || ALL,
      n: n ? (row[n] ?? NOT_AVAILABLE) : NOT_AVAILABLE,
      estimate: row[estimate] ?? NOT_AVAILABLE,
      lower: lower ? (row[lower] ?? NOT_AVAILABLE) : NOT_AVAILABLE,
      upper: upper ? (row[upper] ?? NOT_AVAILABLE) : NOT_AVAILABLE,
      total,
    });
    result.set(key, rows);
  }
  return result;
}

/**
 * Chart (c): per measure, the programme-wide % in each band at baseline and follow-up from
 * `band_change` (`pct_baseline`, `pct_followup`).
 */
export function bandSharesByMeasure(table: Table | undefined): Map<string, BandShare[]> {
  const result = new Map<string, BandShare[]>();
  if (!table) return result;
  const names = CHART_COLUMNS.band_change;
  const measure = pick(table, names.measure);
  const band = pick(table, names.band);
  if (!measure || !band) return result;
  const rows = overallRows(table, [measure, band]);
  const baseline = pick(table, names.baseline);
  const followup = pick(table, names.followup);
  for (const key of distinct(rows.map((row) => textOf(row[measure])))) {
    const ofMeasure = rows.filter((row) => textOf(row[measure]) === key);
    const shares = distinct(ofMeasure.map((row) => textOf(row[band]))).map((name) => {
      const ofBand = ofMeasure.filter((row) => textOf(row[band]) === name);
      const at = (column: string | undefined): Cell =>
        column ? (ofBand[0]?.[column] ?? NOT_AVAILABLE) : NOT_AVAILABLE;
      return { band: name, baseline: at(baseline), followup: at(followup) };
    });
    if (shares.length > 0) result.set(key, shares);
  }
  return result;
}

/** Chart (d) input for one measure. */
export interface MeasureGradient {
  /** `imd_quintile` or `imd_decile`. */
  readonly dimension: string;
  readonly series: GradientSeries[];
}

/**
 * Chart (d): per measure, quantile means at baseline and follow-up from `inequality_quantiles`
 * with the fitted SII lines from `inequality`. A quantile's rank is the midpoint of its
 * cumulative `weight_share` (most deprived first, as PHE's SII). The line
 * runs from `fitted_most_deprived` (x = 0) to `fitted_least_deprived` (x = 1); without those
 * columns, fitted(0) = SII/(RII − 1), as RII = (fitted(0) + SII)/fitted(0). Quintiles are
 * preferred to deciles (steadier means, and the quintile gap uses them).
 */
export function gradientsByMeasure(
  inequality: Table | undefined,
  quantiles: Table | undefined,
): Map<string, MeasureGradient> {
  const result = new Map<string, MeasureGradient>();
  if (!quantiles) return result;
  const q = CHART_COLUMNS.inequality_quantiles;
  const columns = {
    measure: pick(quantiles, q.measure),
    timepoint: pick(quantiles, q.timepoint),
    dimension: pick(quantiles, q.dimension),
    quantile: pick(quantiles, q.quantile),
    share: pick(quantiles, q.share),
    mean: pick(quantiles, q.mean),
  };
  const { measure, timepoint, dimension, quantile, mean } = columns;
  if (!measure || !timepoint || !quantile || !mean || !columns.share) return result;
  for (const key of distinct(quantiles.rows.map((row) => textOf(row[measure])))) {
    const ofMeasure = quantiles.rows.filter((row) => textOf(row[measure]) === key);
    const dimensions = dimension ? distinct(ofMeasure.map((row) => textOf(row[dimension]))) : [''];
    const chosen = ['imd_quintile', 'imd_decile', ...dimensions].find((name) =>
      dimensions.includes(name),
    );
    if (chosen === undefined) continue;
    const rows = ofMeasure.filter((row) => !dimension || textOf(row[dimension]) === chosen);
    const series: GradientSeries[] = [];
    for (const point of ['baseline', 'followup'] as const) {
      const atPoint = rows
        .filter((row) => textOf(row[timepoint]) === point)
        .sort((a, b) => byNumber(textOf(a[quantile]), textOf(b[quantile])));
      const ranks = midpoints(atPoint.map((row) => row[columns.share as string]));
      const points: GradientPoint[] = atPoint
        .flatMap((row, i) => {
          const rank = ranks[i];
          return typeof rank === 'number'
            ? [{ quantile: textOf(row[quantile]), x: rank, mean: row[mean] ?? NOT_AVAILABLE }]
            : [];
        })
        .sort((a, b) => a.x - b.x);
      if (points.length > 0) {
        series.push({ timepoint: point, points, fit: fittedEnds(inequality, key, point, chosen) });
      }
    }
    if (series.length > 0) result.set(key, { dimension: chosen, series });
  }
  return result;
}

/** Midpoints of cumulative shares, most deprived first; all unknown if one share is. */
function midpoints(shares: readonly (Cell | undefined)[]): (number | undefined)[] {
  if (!shares.every((share) => typeof share === 'number')) return shares.map(() => undefined);
  const values = shares as number[];
  const total = values.reduce((sum, share) => sum + share, 0);
  if (!(total > 0)) return values.map(() => undefined);
  let before = 0;
  return values.map((share) => {
    const x = (before + share / 2) / total;
    before += share;
    return x;
  });
}

function fittedEnds(
  table: Table | undefined,
  measureKey: string,
  point: string,
  dimensionKey: string,
): GradientSeries['fit'] {
  if (!table) return null;
  const names = CHART_COLUMNS.inequality;
  const measure = pick(table, names.measure);
  const timepoint = pick(table, names.timepoint);
  const dimension = pick(table, names.dimension);
  if (!measure || !timepoint) return null;
  const row = table.rows.find(
    (candidate) =>
      textOf(candidate[measure]) === measureKey &&
      textOf(candidate[timepoint]) === point &&
      (!dimension || textOf(candidate[dimension]) === dimensionKey),
  );
  if (!row) return null;
  const value = (name: string): number | undefined => {
    const column = pick(table, name);
    const cell = column ? row[column] : undefined;
    return typeof cell === 'number' ? cell : undefined;
  };
  const sii = value(names.sii);
  // A suppressed or unavailable SII means no published line, whatever else the row holds.
  if (sii === undefined && pick(table, names.sii)) return null;
  const atZero = value(names.atZero);
  const atOne = value(names.atOne);
  if (atZero !== undefined && atOne !== undefined) return { atZero, atOne };
  if (sii === undefined) return null;
  if (atZero !== undefined) return { atZero, atOne: atZero + sii };
  const rii = value(names.rii);
  if (rii === undefined || Math.abs(rii - 1) < 1e-12) return null;
  return { atZero: sii / (rii - 1), atOne: sii / (rii - 1) + sii };
}

/** Per measure, whether higher scores are better, from a `direction` column (`lower_better`). */
export function measureDirections(table: Table | undefined): Map<string, boolean> {
  const result = new Map<string, boolean>();
  if (!table) return result;
  const names = CHART_COLUMNS.wellbeing_change;
  const measure = pick(table, names.measure);
  const direction = pick(table, names.direction);
  if (!measure || !direction) return result;
  for (const row of table.rows) {
    const value = textOf(row[direction]);
    if (value === 'lower_better' || value === 'higher_better') {
      result.set(textOf(row[measure]), value === 'higher_better');
    }
  }
  return result;
}
