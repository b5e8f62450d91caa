import type { Cell, Table } from '../../metrics/table.js';
import { formatNumber } from '../format.js';
import {
  type ChartOptions,
  COLOURS,
  line,
  n,
  niceScale,
  type Omitted,
  omittedNote,
  plotFrame,
  SVG_CLOSE,
  scaleLinear,
  svgOpen,
  text,
  tickLabel,
} from './svg.js';
import { drawable } from './values.js';

/** One deprivation quantile's mean at one timepoint, placed at its relative rank x ∈ [0, 1]. */
export interface GradientPoint {
  /** "1" … "5" (or "10"), 1 = most deprived. */
  readonly quantile: string;
  /** Midpoint of the quantile's cumulative population share (METHODS.md, SII). */
  readonly x: number;
  readonly mean: Cell;
}

/** The quantile means and fitted SII line at one timepoint. */
export interface GradientSeries {
  readonly timepoint: 'baseline' | 'followup';
  readonly points: readonly GradientPoint[];
  /** fitted(x = 0) and fitted(x = 1); null when the SII is suppressed or unavailable. */
  readonly fit: { readonly atZero: number; readonly atOne: number } | null;
}

export interface GradientOptions extends ChartOptions {
  /** The y axis label, e.g. "Mean WEMWBS score". */
  readonly yLabel: string;
  /** "IMD quintile" or "IMD decile", for the description. */
  readonly quantileLabel: string;
}

const WIDTH = 720;
/** Height of the plot area; the chart's height follows from it and the note. */
const PLOT_HEIGHT = 250;
const MARGIN = { top: 52, right: 24, bottom: 78, left: 68 };

const STYLE = {
  baseline: { label: 'Baseline', colour: COLOURS.baseline, dash: ' stroke-dasharray="7 4"' },
  followup: { label: 'Follow-up', colour: COLOURS.primary, dash: '' },
} as const;

/**
 * The deprivation gradient: each quantile's mean (baseline: open circles, follow-up: filled
 * circles) at its relative rank x (0 = most deprived end, 1 = least deprived), with the fitted
 * SII line from fitted(0) to fitted(1). The slope of each line is the SII; a flatter follow-up
 * line means the gap narrowed. Suppressed means draw no point, a suppressed fit no line.
 */
export function gradientChart(series: readonly GradientSeries[], options: GradientOptions): string {
  const omitted: Omitted = new Set();
  const drawn = series.map((one) => ({
    ...one,
    shown: one.points.flatMap((point) => {
      const mean = drawable(point.mean, omitted);
      return mean === null ? [] : [{ ...point, mean }];
    }),
  }));
  const missingFit = series.some((one) => one.fit === null);
  const values = drawn.flatMap((one) => [
    ...one.shown.map((point) => point.mean),
    ...(one.fit ? [one.fit.atZero, one.fit.atOne] : []),
  ]);
  const scale = niceScale(Math.min(...values), Math.max(...values));
  const {
    left: plotLeft,
    right: plotRight,
    top: plotTop,
    bottom: plotBottom,
    note,
    height,
  } = plotFrame(WIDTH, PLOT_HEIGHT, MARGIN, [
    omittedNote(omitted, options.minCell),
    missingFit ? 'a fitted line is not shown where its SII is not published' : '',
  ]);
  const x = scaleLinear([0, 1], [plotLeft, plotRight]);
  const y = scaleLinear([scale.min, scale.max], [plotBottom, plotTop]);

  const parts = [svgOpen(options, WIDTH, height, describe(series, options))];
  for (const tick of scale.ticks) {
    parts.push(line(plotLeft, y(tick), plotRight, y(tick), COLOURS.grid));
    parts.push(
      text(plotLeft - 8, y(tick), tickLabel(tick, scale.step), {
        anchor: 'end',
        baseline: 'middle',
        fill: COLOURS.muted,
      }),
    );
  }
  for (const tick of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    parts.push(line(x(tick), plotBottom, x(tick), plotBottom + 5, COLOURS.axis));
    parts.push(
      text(x(tick), plotBottom + 18, tickLabel(tick, 0.1), {
        anchor: 'middle',
        fill: COLOURS.muted,
      }),
    );
  }
  parts.push(line(plotLeft, plotBottom, plotRight, plotBottom, COLOURS.axis));
  parts.push(line(plotLeft, plotTop, plotLeft, plotBottom, COLOURS.axis));
  for (const one of drawn) {
    const style = STYLE[one.timepoint];
    if (one.fit) {
      parts.push(
        line(
          x(0),
          y(one.fit.atZero),
          x(1),
          y(one.fit.atOne),
          style.colour,
          `stroke-width="2"${style.dash}`,
        ),
      );
    }
    for (const point of one.shown) {
      const fill = one.timepoint === 'baseline' ? '#ffffff' : style.colour;
      parts.push(
        `<circle cx="${n(x(point.x))}" cy="${n(y(point.mean))}" r="5.5" fill="${fill}" stroke="${style.colour}" stroke-width="2"/>`,
      );
    }
  }
  parts.push(...quantileLabels(series, x, plotBottom));
  parts.push(
    text(
      (plotLeft + plotRight) / 2,
      plotBottom + 40,
      'Relative deprivation rank (0 = most deprived, 1 = least deprived)',
      {
        anchor: 'middle',
        weight: 'bold',
      },
    ),
    text(18, (plotTop + plotBottom) / 2, options.yLabel, {
      anchor: 'middle',
      weight: 'bold',
      rotate: -90,
    }),
  );
  parts.push(...legend(series));
  if (note) parts.push(text(plotLeft, height - 10, note, { fill: COLOURS.muted, size: 11 }));
  parts.push(SVG_CLOSE);
  return parts.join('');
}

/** Each quantile's number just above the axis at its rank, where it does not crowd the last. */
function quantileLabels(
  series: readonly GradientSeries[],
  x: (value: number) => number,
  plotBottom: number,
): string[] {
  const ranks = new Map<string, number>();
  for (const point of series.flatMap((one) => one.points)) {
    if (!ranks.has(point.quantile)) ranks.set(point.quantile, point.x);
  }
  const parts: string[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const [quantile, rank] of [...ranks].sort((a, b) => a[1] - b[1])) {
    const at = x(rank);
    if (at - last < 16) continue;
    parts.push(
      text(at, plotBottom - 7, quantile, {
        anchor: 'middle',
        size: 10,
        fill: COLOURS.muted,
        halo: true,
      }),
    );
    last = at;
  }
  return parts;
}

function legend(series: readonly GradientSeries[]): string[] {
  const parts: string[] = [];
  let left = MARGIN.left;
  for (const one of series) {
    const style = STYLE[one.timepoint];
    const fill = one.timepoint === 'baseline' ? '#ffffff' : style.colour;
    const sii = one.fit
      ? `, SII ${formatNumber(one.fit.atOne - one.fit.atZero, { format: 'decimal2' })}`
      : '';
    const label = `${style.label}${sii}`;
    parts.push(
      line(left, 21, left + 30, 21, style.colour, `stroke-width="2"${style.dash}`),
      `<circle cx="${n(left + 15)}" cy="21" r="5" fill="${fill}" stroke="${style.colour}" stroke-width="2"/>`,
      text(left + 38, 21, label, { baseline: 'middle' }),
    );
    left += 60 + label.length * 7;
  }
  return parts;
}

function describe(series: readonly GradientSeries[], options: GradientOptions): string {
  const items = series.map((one) => {
    const style = STYLE[one.timepoint];
    const points = one.points
      .map((point) => {
        const mean = drawable(point.mean);
        const shown = mean === null ? 'not shown' : formatNumber(mean, { format: 'decimal2' });
        return `${options.quantileLabel} ${point.quantile} ${shown}`;
      })
      .join(', ');
    const fit = one.fit
      ? `fitted ${formatNumber(one.fit.atZero, { format: 'decimal2' })} at the most deprived end and ${formatNumber(one.fit.atOne, { format: 'decimal2' })} at the least deprived end`
      : 'no fitted line';
    return `${style.label}: ${points}; ${fit}`;
  });
  return `Mean by ${options.quantileLabel} against relative deprivation rank, with the fitted slope index of inequality (SII) lines. ${items.join('. ')}.`;
}

/** The gradient chart's data as a small table for the report. */
export function gradientTable(
  series: readonly GradientSeries[],
  title: string,
  quantileLabel: string,
): Table {
  const quantiles = [
    ...new Set(series.flatMap((one) => one.points.map((point) => point.quantile))),
  ];
  const byTimepoint = new Map(series.map((one) => [one.timepoint, one]));
  const cell = (timepoint: 'baseline' | 'followup', quantile: string): Cell =>
    byTimepoint.get(timepoint)?.points.find((point) => point.quantile === quantile)?.mean ??
    NOT_SHOWN;
  const rank = (quantile: string): Cell =>
    series.flatMap((one) => one.points).find((point) => point.quantile === quantile)?.x ??
    NOT_SHOWN;
  return {
    name: 'chart_gradient',
    title,
    columns: [
      { name: quantileLabel, kind: 'group' },
      { name: 'Rank x', kind: 'number', format: 'decimal3' },
      { name: 'Mean at baseline', kind: 'number', format: 'decimal2' },
      { name: 'Mean at follow-up', kind: 'number', format: 'decimal2' },
    ],
    rows: quantiles.map((quantile) => ({
      [quantileLabel]: quantile,
      'Rank x': rank(quantile),
      'Mean at baseline': cell('baseline', quantile),
      'Mean at follow-up': cell('followup', quantile),
    })),
  };
}

const NOT_SHOWN: Cell = { mark: 'x' };
