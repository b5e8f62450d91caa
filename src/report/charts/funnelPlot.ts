import type { Table } from '../../metrics/table.js';
import type { FunnelLimits } from '../../stats/funnelLimits.js';
import {
  type ChartOptions,
  COLOURS,
  line,
  n,
  niceScale,
  plotFrame,
  SVG_CLOSE,
  scaleLinear,
  svgOpen,
  text,
  textWidth,
  tickLabel,
  truncate,
} from './svg.js';

/** One partner on a funnel plot: its size and value as published, and where it lies. */
export interface FunnelPoint {
  readonly id: string;
  readonly name: string;
  readonly n: number;
  readonly value: number;
  readonly flag: string;
}

export interface FunnelOptions extends ChartOptions {
  /** The programme's value: the funnel's centre line. */
  readonly target: number;
  /** The limits at a size n, at 95% and 99.8% (the curves are drawn from it). */
  readonly limits: (size: number) => { at95: FunnelLimits; at998: FunnelLimits };
  readonly xLabel: string;
  readonly yLabel: string;
  /** Partners with a value hidden or not available, not drawn (a note says how many). */
  readonly notDrawn: number;
}

const WIDTH = 720;
const PLOT_HEIGHT = 300;
const MARGIN = { top: 44, right: 24, bottom: 78, left: 64 };
/** Points along each limit curve. */
const CURVE_POINTS = 80;
/** Beyond the 99.8% limits: drawn filled and named on the chart. */
const FAR = new Set(['above_99.8', 'below_99.8']);
const OUTSIDE = new Set(['above_99.8', 'above_95', 'below_95', 'below_99.8']);
/** A flag in words. */
export const FLAG_TEXT: Readonly<Record<string, string>> = {
  'above_99.8': 'above the 99.8% limit',
  above_95: 'above the 95% limit',
  within: 'within the limits',
  below_95: 'below the 95% limit',
  'below_99.8': 'below the 99.8% limit',
};

/**
 * A funnel plot: each partner's value against its size, with the programme's value as the centre
 * line and control limits at 95% (dashed) and 99.8% (solid) that narrow as size grows, so that
 * partners of different sizes are compared fairly (Spiegelhalter 2005). Partners beyond the
 * 99.8% limits are filled and named; those between the 95% and 99.8% limits are outlined
 * diamonds; the rest open circles. Shapes as well as colours tell them apart, for colour-blind
 * readers and in greyscale.
 */
export function funnelPlot(points: readonly FunnelPoint[], options: FunnelOptions): string {
  const largest = Math.max(1, ...points.map((p) => p.n));
  const smallest = Math.max(1, Math.min(largest, ...points.map((p) => p.n)) * 0.8);
  const sizes = Array.from(
    { length: CURVE_POINTS },
    (_, i) => smallest + ((largest * 1.05 - smallest) * i) / (CURVE_POINTS - 1),
  );
  const curves = sizes.map((size) => ({ size, ...options.limits(size) }));
  const values = [
    options.target,
    ...points.map((p) => p.value),
    ...curves.flatMap((c) => [c.at998.lower, c.at998.upper]),
  ];
  const yScale = niceScale(Math.min(...values), Math.max(...values));
  const xScale = niceScale(0, largest * 1.05);
  const note =
    options.notDrawn > 0
      ? `${options.notDrawn} partner(s) not drawn: value suppressed [c] or not available [x]`
      : '';
  const frame = plotFrame(WIDTH, PLOT_HEIGHT, MARGIN, [note]);
  const x = scaleLinear([xScale.min, xScale.max], [frame.left, frame.right]);
  const y = scaleLinear([yScale.min, yScale.max], [frame.bottom, frame.top]);
  const clampY = (value: number) => Math.min(frame.bottom, Math.max(frame.top, y(value)));

  const parts: string[] = [svgOpen(options, WIDTH, frame.height, describe(points, options))];
  for (const tick of yScale.ticks) {
    parts.push(
      line(frame.left, y(tick), frame.right, y(tick), COLOURS.grid),
      text(frame.left - 8, y(tick), tickLabel(tick, yScale.step), {
        anchor: 'end',
        baseline: 'middle',
        fill: COLOURS.muted,
      }),
    );
  }
  for (const tick of xScale.ticks) {
    parts.push(
      text(x(tick), frame.bottom + 16, tickLabel(tick, xScale.step), {
        anchor: 'middle',
        fill: COLOURS.muted,
      }),
    );
  }
  const path = (pick: (c: (typeof curves)[number]) => number) =>
    curves.map((c, i) => `${i === 0 ? 'M' : 'L'}${n(x(c.size))} ${n(clampY(pick(c)))}`).join(' ');
  const curve = (d: string, dashed: boolean) =>
    `<path d="${d}" fill="none" stroke="${COLOURS.muted}" stroke-width="1.5"${dashed ? ' stroke-dasharray="5 4"' : ''}/>`;
  parts.push(
    curve(
      path((c) => c.at95.lower),
      true,
    ),
    curve(
      path((c) => c.at95.upper),
      true,
    ),
    curve(
      path((c) => c.at998.lower),
      false,
    ),
    curve(
      path((c) => c.at998.upper),
      false,
    ),
    line(
      frame.left,
      y(options.target),
      frame.right,
      y(options.target),
      COLOURS.baseline,
      'stroke-width="2"',
    ),
  );
  for (const point of points) {
    const cx = x(point.n);
    const cy = clampY(point.value);
    if (FAR.has(point.flag)) {
      parts.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="5" fill="${COLOURS.primary}"/>`);
      // Named beside the point, on its left near the right edge so the name stays inside.
      const name = truncate(point.name, 28);
      const leftward = cx + 8 + textWidth(name, 10) > frame.right;
      parts.push(
        text(leftward ? cx - 8 : cx + 8, cy, name, {
          baseline: 'middle',
          size: 10,
          halo: true,
          ...(leftward ? { anchor: 'end' as const } : {}),
        }),
      );
    } else if (OUTSIDE.has(point.flag)) {
      const d = `M${n(cx)} ${n(cy - 6)} L${n(cx + 6)} ${n(cy)} L${n(cx)} ${n(cy + 6)} L${n(cx - 6)} ${n(cy)} Z`;
      parts.push(`<path d="${d}" fill="#ffffff" stroke="${COLOURS.primary}" stroke-width="2"/>`);
    } else {
      parts.push(
        `<circle cx="${n(cx)}" cy="${n(cy)}" r="4" fill="none" stroke="${COLOURS.primary}" stroke-width="1.5"/>`,
      );
    }
  }
  parts.push(line(frame.left, frame.bottom, frame.right, frame.bottom, COLOURS.axis));
  parts.push(
    text((frame.left + frame.right) / 2, frame.bottom + 38, options.xLabel, {
      anchor: 'middle',
      weight: 'bold',
    }),
    text(16, (frame.top + frame.bottom) / 2, options.yLabel, {
      anchor: 'middle',
      weight: 'bold',
      rotate: -90,
    }),
    ...legend(),
  );
  if (frame.note) {
    parts.push(text(frame.left, frame.height - 10, frame.note, { fill: COLOURS.muted, size: 11 }));
  }
  parts.push(SVG_CLOSE);
  return parts.join('');
}

function legend(): string[] {
  const y = 18;
  const left = MARGIN.left;
  return [
    line(left, y, left + 22, y, COLOURS.baseline, 'stroke-width="2"'),
    text(left + 28, y, 'Programme', { baseline: 'middle', size: 11 }),
    `<path d="M${left + 100} ${y} L${left + 122} ${y}" stroke="${COLOURS.muted}" stroke-width="1.5" stroke-dasharray="5 4"/>`,
    text(left + 128, y, '95% limits', { baseline: 'middle', size: 11 }),
    line(left + 200, y, left + 222, y, COLOURS.muted, 'stroke-width="1.5"'),
    text(left + 228, y, '99.8% limits', { baseline: 'middle', size: 11 }),
    `<circle cx="${left + 312}" cy="${y}" r="5" fill="${COLOURS.primary}"/>`,
    text(left + 322, y, 'beyond 99.8% (named)', { baseline: 'middle', size: 11 }),
  ];
}

/** The text alternative: how many partners lie where, and which lie beyond the limits. */
function describe(points: readonly FunnelPoint[], options: FunnelOptions): string {
  const named = (flag: string) =>
    points
      .filter((p) => p.flag === flag)
      .map((p) => p.name)
      .join(', ');
  const count = (flags: readonly string[]) => points.filter((p) => flags.includes(p.flag)).length;
  const parts = [
    `${points.length} partners against the programme value ${tickLabel(options.target, 0.01)}`,
    `${count(['within'])} within the 95% limits`,
    `${count(['above_95', 'below_95'])} between the 95% and 99.8% limits`,
    `${count(['above_99.8', 'below_99.8'])} beyond the 99.8% limits`,
  ];
  const above = named('above_99.8');
  const below = named('below_99.8');
  if (above) parts.push(`above: ${above}`);
  if (below) parts.push(`below: ${below}`);
  return `${parts.join('; ')}.`;
}

/** The partners outside the 95% limits, as a small table under the chart (by id, not ranked). */
export function funnelTable(points: readonly FunnelPoint[], title: string): Table {
  return {
    name: 'chart_funnel',
    title,
    columns: [
      { name: 'Partner', kind: 'group' },
      { name: 'Id', kind: 'text' },
      { name: 'People', kind: 'count' },
      { name: 'Value', kind: 'number', format: 'decimal2' },
      { name: 'Against the limits', kind: 'text' },
    ],
    rows: points
      .filter((p) => OUTSIDE.has(p.flag))
      .map((p) => ({
        Partner: p.name,
        Id: p.id,
        People: p.n,
        Value: p.value,
        'Against the limits': FLAG_TEXT[p.flag] ?? p.flag,
      })),
  };
}
