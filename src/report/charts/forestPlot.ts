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
  rect,
  SVG_CLOSE,
  scaleLinear,
  svgOpen,
  text,
  textWidth,
  tickLabel,
  truncate,
} from './svg.js';
import { drawable } from './values.js';

/** One group's estimate with its confidence limits (e.g. mean change with a 95% CI). */
export interface ForestRow {
  readonly label: string;
  readonly n: Cell;
  readonly estimate: Cell;
  readonly lower: Cell;
  readonly upper: Cell;
  /** The `All` row: drawn as a diamond, label in bold. */
  readonly total?: boolean;
}

export interface ForestOptions extends ChartOptions {
  /** The x axis label, e.g. "Mean change in WEMWBS score (points)". */
  readonly xLabel: string;
  /** Which way is better, for the "← worse | better →" hint; omitted when unknown. */
  readonly higherIsBetter?: boolean;
  /** The intervals' confidence level as a label, e.g. "95%" (the table's `confidence`). */
  readonly level: string;
  /**
   * Whether the dashed line at zero (no change) is drawn: not for estimates that are not
   * changes, such as a share by year. Default true.
   */
  readonly zeroLine?: boolean;
  /** The heading over the groups' labels (default `Group`), e.g. `Financial year`. */
  readonly groupHeading?: string;
  /** How the figures right of the plot are written: `decimal2` (default), or `decimal1` for percentages. */
  readonly format?: FigureFormat;
}

type FigureFormat = 'decimal1' | 'decimal2';

const WIDTH = 720;
const ROW = 26;
const TOP = 58;
/** Room under the plot for the axis labels, and the note when there is one. */
const BOTTOM = 56;
const NOTE = 22;
const LABEL_MAX_CHARS = 30;
const VALUE_COLUMN = 150;

/**
 * Forest plot: per group a point estimate with its confidence interval as a horizontal line,
 * against a dashed vertical line at zero (no change). The `All` row is a diamond. Right of the
 * plot, the estimate and interval in figures (and `[c]` where suppressed). A suppressed or
 * unavailable estimate draws nothing.
 */
export function forestPlot(rows: readonly ForestRow[], options: ForestOptions): string {
  const omitted: Omitted = new Set();
  const values = rows.map((row) => ({
    row,
    label: truncate(row.label, LABEL_MAX_CHARS),
    estimate: drawable(row.estimate, omitted),
    lower: drawable(row.lower),
    upper: drawable(row.upper),
  }));
  const labelWidth = Math.min(
    230,
    Math.max(70, ...values.map((value) => textWidth(value.label) + 16)),
  );
  const plotLeft = labelWidth + 12;
  const plotRight = WIDTH - VALUE_COLUMN - 16;
  const note = omittedNote(omitted, options.minCell);
  const height = TOP + Math.max(rows.length, 1) * ROW + BOTTOM + (note ? NOTE : 0);
  const plotBottom = TOP + Math.max(rows.length, 1) * ROW;
  const shown = values.flatMap((value) =>
    value.estimate === null ? [] : [value.estimate, value.lower, value.upper],
  );
  const finite = shown.filter((value): value is number => value !== null);
  const zeroLine = options.zeroLine ?? true;
  const format = options.format ?? 'decimal2';
  const scale = zeroLine
    ? niceScale(Math.min(0, ...finite), Math.max(0, ...finite))
    : niceScale(Math.min(...finite), Math.max(...finite));
  const x = scaleLinear([scale.min, scale.max], [plotLeft, plotRight]);

  const parts = [
    svgOpen(options, WIDTH, height, describe(values, options.level, zeroLine, format)),
  ];
  parts.push(
    text(12, 20, options.groupHeading ?? 'Group', { weight: 'bold', baseline: 'middle' }),
    text(WIDTH - 12, 20, `Estimate (${options.level} CI)`, {
      weight: 'bold',
      anchor: 'end',
      baseline: 'middle',
    }),
  );
  for (const tick of scale.ticks) {
    parts.push(line(x(tick), TOP - 6, x(tick), plotBottom, COLOURS.grid));
    parts.push(
      text(x(tick), plotBottom + 16, tickLabel(tick, scale.step), {
        anchor: 'middle',
        fill: COLOURS.muted,
      }),
    );
  }
  parts.push(line(plotLeft, plotBottom, plotRight, plotBottom, COLOURS.axis));
  if (zeroLine) {
    parts.push(line(x(0), TOP - 10, x(0), plotBottom, COLOURS.ink, 'stroke-dasharray="4 3"'));
  }
  values.forEach((value, index) => {
    parts.push(...forestRow(value, TOP + ROW * (index + 0.5), x, format));
  });
  parts.push(
    text((plotLeft + plotRight) / 2, plotBottom + 38, options.xLabel, {
      anchor: 'middle',
      weight: 'bold',
    }),
  );
  if (zeroLine && options.higherIsBetter !== undefined) {
    const [left, right] = options.higherIsBetter ? ['worse', 'better'] : ['better', 'worse'];
    parts.push(
      text(x(0) - 8, TOP - 16, `← ${left}`, { anchor: 'end', fill: COLOURS.muted, size: 11 }),
      text(x(0) + 8, TOP - 16, `${right} →`, { fill: COLOURS.muted, size: 11 }),
    );
  }
  if (note) parts.push(text(12, height - 10, note, { fill: COLOURS.muted, size: 11 }));
  parts.push(SVG_CLOSE);
  return parts.join('');
}

interface ForestValue {
  readonly row: ForestRow;
  readonly label: string;
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

function forestRow(
  value: ForestValue,
  y: number,
  x: (v: number) => number,
  format: FigureFormat,
): string[] {
  const weight = value.row.total ? 'bold' : 'normal';
  const parts = [
    text(12, y, value.label, { baseline: 'middle', weight }),
    text(WIDTH - 12, y, figures(value, format), { anchor: 'end', baseline: 'middle', weight }),
  ];
  if (value.estimate === null) return parts;
  if (value.lower !== null && value.upper !== null) {
    const [x1, x2] = [x(value.lower), x(value.upper)];
    parts.push(line(x1, y, x2, y, COLOURS.primary, 'stroke-width="2"'));
    parts.push(line(x1, y - 5, x1, y + 5, COLOURS.primary, 'stroke-width="2"'));
    parts.push(line(x2, y - 5, x2, y + 5, COLOURS.primary, 'stroke-width="2"'));
  }
  const cx = x(value.estimate);
  parts.push(
    value.row.total
      ? `<path d="M${n(cx - 8)} ${n(y)}L${n(cx)} ${n(y - 7)}L${n(cx + 8)} ${n(y)}L${n(cx)} ${n(y + 7)}Z" fill="${COLOURS.ink}"/>`
      : rect(cx - 5, y - 5, 10, 10, COLOURS.primary),
  );
  return parts;
}

/** "2.35 (1.10 to 3.60)", or the mark. */
function figures(value: ForestValue, format: FigureFormat): string {
  const mark = typeof value.row.estimate === 'object' ? `[${value.row.estimate.mark}]` : '[x]';
  if (value.estimate === null) return mark;
  const estimate = formatNumber(value.estimate, { format });
  if (value.lower === null || value.upper === null) return estimate;
  const lower = formatNumber(value.lower, { format });
  const upper = formatNumber(value.upper, { format });
  return `${estimate} (${lower} to ${upper})`;
}

function describe(
  values: readonly ForestValue[],
  level: string,
  zeroLine: boolean,
  format: FigureFormat,
): string {
  const items = values.map((value) => `${value.row.label}: ${figures(value, format)}`);
  const zero = zeroLine ? '; the dashed line marks no change' : '';
  return `Point estimates with ${level} confidence intervals by group${zero}. ${items.join('; ')}.`;
}

/** The forest plot's data as a small table for the report. */
export function forestTable(
  rows: readonly ForestRow[],
  title: string,
  level: string,
  shape: { readonly people?: string; readonly format?: FigureFormat } = {},
): Table {
  const people = shape.people ?? 'People (paired)';
  const format = shape.format ?? 'decimal2';
  return {
    name: 'chart_forest',
    title,
    columns: [
      { name: 'Group', kind: 'group' },
      { name: people, kind: 'count' },
      { name: 'Estimate', kind: 'number', format },
      { name: `Lower ${level} limit`, kind: 'number', format },
      { name: `Upper ${level} limit`, kind: 'number', format },
    ],
    rows: rows.map((row) => ({
      Group: row.label,
      [people]: row.n,
      Estimate: row.estimate,
      [`Lower ${level} limit`]: row.lower,
      [`Upper ${level} limit`]: row.upper,
    })),
  };
}
