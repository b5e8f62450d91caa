import { type ComparedStatistic, comparisonLimits } from '../metrics/partnerComparison.js';
import { ALL, type Table } from '../metrics/table.js';
import type { FunnelLimits } from '../stats/funnelLimits.js';
import {
  bandSharesByMeasure,
  core20ByYear,
  forestRowsByMeasure,
  gradientsByMeasure,
  groupWords,
  imdReachPoints,
  measureDirections,
} from './chartData.js';
import { bandChart, bandTable } from './charts/bandChart.js';
import { forestPlot, forestTable } from './charts/forestPlot.js';
import { type FunnelPoint, funnelPlot, funnelTable } from './charts/funnelPlot.js';
import { gradientChart, gradientTable } from './charts/gradientChart.js';
import { reachByImdChart, reachByImdTable } from './charts/reachByImd.js';
import { confidenceLabel } from './format.js';
import { findTable, type MeasureInfo, measureInfo, type ReportModel } from './model.js';

/** A chart with its heading, a sentence on how to read it, and its data as a table. */
export interface Figure {
  readonly id: string;
  readonly heading: string;
  readonly caption: string;
  readonly svg: string;
  readonly data: Table;
}

/**
 * Chart (a): reach by IMD decile against the population; in a yearly summary, the trend of the
 * Core20 share by year with its intervals.
 */
export function reachFigures(model: ReportModel): Figure[] {
  return [...core20TrendFigures(model), ...imdReachFigures(model)];
}

function core20TrendFigures(model: ReportModel): Figure[] {
  const reach = findTable(model, 'reach');
  const rows = core20ByYear(reach);
  if (!rows) return [];
  const level = confidenceLabel(reach);
  const heading = 'Core20 share of participants by financial year of enrolment';
  const id = 'chart-reach-trend';
  return [
    {
      id,
      heading,
      caption:
        'The percentage of each year’s participants (of those whose deprivation is known) ' +
        `living in England’s most deprived 20% of areas, with its ${level} confidence interval.`,
      svg: forestPlot(rows, {
        id,
        title: heading,
        minCell: model.minCell,
        xLabel: 'Participants in Core20 areas (%)',
        level,
        zeroLine: false,
        format: 'decimal1',
        groupHeading: 'Financial year',
      }),
      data: forestTable(rows, heading, level, {
        people: 'People with a known IMD decile',
        format: 'decimal1',
      }),
    },
  ];
}

function imdReachFigures(model: ReportModel): Figure[] {
  const points = imdReachPoints(findTable(model, 'reach_profile'));
  if (!points) return [];
  const heading = 'Reach by IMD decile against the population';
  return [
    {
      id: 'chart-reach-imd',
      heading,
      caption:
        'Bars show the share of participants living in each national IMD decile; black ' +
        'markers show the share of residents. Bars above their marker mean the decile is ' +
        'over-represented among participants.',
      svg: reachByImdChart(points, {
        id: 'chart-reach-imd',
        title: heading,
        minCell: model.minCell,
      }),
      data: reachByImdTable(points),
    },
  ];
}

/**
 * A forest plot with more groups than this is not drawn: 88 partners' intervals are a league
 * table in all but name, and take pages. The partner comparison (funnel plots) compares partners
 * of different sizes fairly; the figures by group are in wellbeing_change.csv.
 */
export const MAX_FOREST_ROWS = 30;

/**
 * The measure the report charts: the primary measure when `measures` has it, else the first.
 * Charts of every measure would run to dozens of pages; the tables show every measure.
 */
function chartedMeasure(model: ReportModel, measures: Iterable<string>): string | undefined {
  const list = [...measures];
  return model.primaryMeasure !== undefined && list.includes(model.primaryMeasure)
    ? model.primaryMeasure
    : list[0];
}

/** Only the charted measure's entry of a map by measure. */
function charted<T>(model: ReportModel, byMeasure: ReadonlyMap<string, T>): [string, T][] {
  const measure = chartedMeasure(model, byMeasure.keys());
  return measure === undefined ? [] : [[measure, byMeasure.get(measure) as T]];
}

/** Charts (b) and (c): mean change by group (forest plot) and bands, for the charted measure. */
export function wellbeingFigures(model: ReportModel): Figure[] {
  const figures: Figure[] = [];
  const change = findTable(model, 'wellbeing_change');
  const level = confidenceLabel(change);
  const directions = measureDirections(change);
  let index = 0;
  for (const [measure, rows] of charted(model, forestRowsByMeasure(change, model.partnerNames))) {
    if (rows.length > MAX_FOREST_ROWS) continue;
    const known = measureInfo(model, measure);
    const direction = directions.get(measure);
    const info =
      known.known || direction === undefined
        ? known
        : { ...known, higherIsBetter: direction, known: true };
    const groups = groupWords(change as Table, ['measure'], 'financial year of follow-up');
    const heading = `Mean change in ${info.label} by ${groups}`;
    const id = `chart-change-${++index}`;
    figures.push({
      id,
      heading,
      caption:
        `Mean change from baseline to follow-up with its ${level} confidence interval. ` +
        (info.known
          ? `For ${info.label}, ${info.higherIsBetter ? 'higher' : 'lower'} scores are better.`
          : ''),
      svg: forestPlot(rows, {
        id,
        title: heading,
        minCell: model.minCell,
        xLabel: `Mean change in ${info.label} (points)`,
        level,
        groupHeading:
          groups === 'group' ? 'Group' : `${groups[0]?.toUpperCase()}${groups.slice(1)}`,
        ...(info.known ? { higherIsBetter: info.higherIsBetter } : {}),
      }),
      data: forestTable(rows, heading, level),
    });
  }
  const bands = bandSharesByMeasure(findTable(model, 'band_change'));
  index = 0;
  for (const [measure, shares] of charted(model, bands)) {
    const info = measureInfo(model, measure);
    const heading = `${info.label} bands at baseline and follow-up`;
    const id = `chart-bands-${++index}`;
    figures.push({
      id,
      heading,
      caption: `Percentage of people in each ${info.label} band at baseline and at follow-up.`,
      svg: bandChart(shares, { id, title: heading, minCell: model.minCell }),
      data: bandTable(shares, heading),
    });
  }
  return figures;
}

const QUANTILE_LABELS: Readonly<Record<string, string>> = {
  imd_quintile: 'IMD quintile',
  imd_decile: 'IMD decile',
};

/** Chart (d): the deprivation gradient with fitted SII lines, for the charted measure. */
export function inequalityFigures(model: ReportModel): Figure[] {
  const gradients = gradientsByMeasure(
    findTable(model, 'inequality'),
    findTable(model, 'inequality_quantiles'),
  );
  const figures: Figure[] = [];
  let index = 0;
  for (const [measure, gradient] of charted(model, gradients)) {
    const info = measureInfo(model, measure);
    const quantileLabel = QUANTILE_LABELS[gradient.dimension] ?? (gradient.dimension || 'Quantile');
    const heading = `Deprivation gradient in ${info.label} at baseline and follow-up`;
    const id = `chart-gradient-${++index}`;
    figures.push({
      id,
      heading,
      caption:
        `Mean ${info.label} in each ${quantileLabel} (circles; the small numbers above the axis ` +
        'name the quantiles, 1 = most deprived), placed at the midpoint of its population ' +
        'share, and the fitted slope index of inequality lines. The slope of each line is the SII.',
      svg: gradientChart(gradient.series, {
        id,
        title: heading,
        minCell: model.minCell,
        yLabel: `Mean ${info.label}`,
        quantileLabel,
      }),
      data: gradientTable(gradient.series, heading, quantileLabel),
    });
  }
  return figures;
}

const FUNNELS: readonly {
  statistic: ComparedStatistic;
  heading: (measure: string) => string;
  yLabel: (measure: string) => string;
  /** Which side of the limits is better, in words (the flags say only above or below). */
  better: (measure: MeasureInfo) => string;
}[] = [
  {
    statistic: 'mean_change',
    heading: (m) => `Partners compared: mean change in ${m}`,
    yLabel: (m) => `Mean change in ${m} (points)`,
    better: (m) =>
      m.higherIsBetter
        ? `For ${m.label}, higher scores are better: a partner above the limits did better than the programme, one below did worse.`
        : `For ${m.label}, lower scores are better: a partner below the limits did better than the programme, one above did worse.`,
  },
  {
    statistic: 'followup_rate',
    heading: (m) => `Partners compared: ${m} follow-up rate`,
    yLabel: () => 'Follow-up rate (%)',
    better: () => 'A partner above the limits followed up more of its people than the programme.',
  },
  {
    statistic: 'pct_core20',
    heading: () => 'Partners compared: share living in the most deprived 20% (Core20)',
    yLabel: () => 'Core20 (%)',
    better: () =>
      'A partner above the limits reached more people from the most deprived areas than the programme, as it aims to.',
  },
];

/**
 * Funnel plots of the partner comparison: each partner's value against its size with the
 * programme's control limits, and a table of the partners outside the 95% limits. No league
 * table: the partners are never ranked.
 */
export function partnerFigures(model: ReportModel): Figure[] {
  const comparison = findTable(model, 'partner_comparison');
  if (!comparison) return [];
  const change = findTable(model, 'wellbeing_change');
  const measure = model.primaryMeasure ?? '';
  const info = measureInfo(model, measure);
  const label = info.label;
  const total = change?.rows.find(
    (r) =>
      r.measure === measure &&
      change.columns.filter((c) => c.kind === 'group').every((c) => r[c.name] === ALL),
  );
  const figures: Figure[] = [];
  for (const spec of FUNNELS) {
    const rows = comparison.rows.filter((r) => r.statistic === spec.statistic);
    const target = rows[0]?.target;
    if (rows.length === 0 || typeof target !== 'number') continue;
    const sd = total?.sd_change;
    const points: FunnelPoint[] = rows.flatMap((r) =>
      typeof r.n === 'number' && typeof r.value === 'number' && typeof r.flag === 'string'
        ? [
            {
              id: String(r.partner_id),
              name: typeof r.partner_name === 'string' ? r.partner_name : String(r.partner_id),
              n: r.n,
              value: r.value,
              flag: r.flag,
            },
          ]
        : [],
    );
    if (points.length === 0) continue;
    const sdOrNull = typeof sd === 'number' ? sd : null;
    // No curves for a mean whose programme SD is hidden or was not computed.
    if (comparisonLimits(spec.statistic, target, sdOrNull, 1) === null) continue;
    const limits = (size: number) =>
      comparisonLimits(spec.statistic, target, sdOrNull, size) as {
        at95: FunnelLimits;
        at998: FunnelLimits;
      };
    const heading = spec.heading(label);
    const id = `chart-funnel-${spec.statistic.replace(/_/g, '-')}`;
    const outside = points.filter((p) => p.flag !== 'within').length;
    figures.push({
      id,
      heading,
      caption:
        `Each circle is a partner: its value against the number of people it rests on. The ` +
        `programme's value is the orange line; the dashed and solid curves are the 95% and ` +
        `99.8% control limits, which narrow as partners grow. ${outside} of ${points.length} ` +
        'partners lie outside the 95% limits (listed below); about 1 in 20 would by chance ' +
        `alone, and 1 in 500 beyond the 99.8% limits. ${spec.better(info)} ` +
        'partner_comparison.csv has every partner.',
      svg: funnelPlot(points, {
        id,
        title: heading,
        minCell: model.minCell,
        target,
        limits,
        xLabel: 'People',
        yLabel: spec.yLabel(label),
        notDrawn: rows.length - points.length,
      }),
      data: funnelTable(points, `${heading}: partners outside the 95% limits`),
    });
  }
  return figures;
}
