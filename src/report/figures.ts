import type { Table } from '../metrics/table.js';
import {
  bandSharesByMeasure,
  forestRowsByMeasure,
  gradientsByMeasure,
  imdReachPoints,
  measureDirections,
} from './chartData.js';
import { bandChart, bandTable } from './charts/bandChart.js';
import { forestPlot, forestTable } from './charts/forestPlot.js';
import { gradientChart, gradientTable } from './charts/gradientChart.js';
import { reachByImdChart, reachByImdTable } from './charts/reachByImd.js';
import { confidenceLabel } from './format.js';
import { findTable, measureInfo, type ReportModel } from './model.js';

/** A chart with its heading, a sentence on how to read it, and its data as a table. */
export interface Figure {
  readonly id: string;
  readonly heading: string;
  readonly caption: string;
  readonly svg: string;
  readonly data: Table;
}

/** Chart (a): reach by IMD decile against the population. */
export function reachFigures(model: ReportModel): Figure[] {
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

/** Charts (b) and (c): mean change by group (forest plot) and bands, per measure. */
export function wellbeingFigures(model: ReportModel): Figure[] {
  const figures: Figure[] = [];
  const change = findTable(model, 'wellbeing_change');
  const level = confidenceLabel(change);
  const directions = measureDirections(change);
  let index = 0;
  for (const [measure, rows] of forestRowsByMeasure(change)) {
    const known = measureInfo(model, measure);
    const direction = directions.get(measure);
    const info =
      known.known || direction === undefined
        ? known
        : { ...known, higherIsBetter: direction, known: true };
    const heading = `Mean change in ${info.label} by group`;
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
        ...(info.known ? { higherIsBetter: info.higherIsBetter } : {}),
      }),
      data: forestTable(rows, heading, level),
    });
  }
  const bands = bandSharesByMeasure(findTable(model, 'band_change'));
  index = 0;
  for (const [measure, shares] of bands) {
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

/** Chart (d): the deprivation gradient with fitted SII lines, per measure. */
export function inequalityFigures(model: ReportModel): Figure[] {
  const gradients = gradientsByMeasure(
    findTable(model, 'inequality'),
    findTable(model, 'inequality_quantiles'),
  );
  const figures: Figure[] = [];
  let index = 0;
  for (const [measure, gradient] of gradients) {
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
