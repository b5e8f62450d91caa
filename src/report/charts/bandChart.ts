import type { Cell, Table } from '../../metrics/table.js';
import {
  type ChartOptions,
  COLOURS,
  line,
  niceScale,
  type Omitted,
  omittedNote,
  percent,
  rect,
  SVG_CLOSE,
  scaleLinear,
  svgOpen,
  text,
  tickLabel,
  wrap,
} from './svg.js';
import { drawable } from './values.js';

/** One band of a measure (e.g. WEMWBS "probable depression"): % of people at each timepoint. */
export interface BandShare {
  readonly band: string;
  readonly baseline: Cell;
  readonly followup: Cell;
}

const WIDTH = 720;
const PLOT_HEIGHT = 210;
const MARGIN = { top: 48, right: 20, left: 64 };
const LABEL_LINE = 14;

/**
 * Grouped bars of the band distribution: per band, the % of people in it at baseline (light,
 * outlined) and at follow-up (dark), with the percentage above each bar. A suppressed or
 * unavailable share draws no bar; its mark stands at the foot of its place instead.
 */
export function bandChart(bands: readonly BandShare[], options: ChartOptions): string {
  const omitted: Omitted = new Set();
  const values = bands.map((band) => ({
    band: band.band,
    baseline: drawable(band.baseline, omitted),
    followup: drawable(band.followup, omitted),
    marks: [markOf(band.baseline), markOf(band.followup)] as const,
  }));
  const largest = Math.max(
    10,
    ...values.flatMap((value) => [value.baseline ?? 0, value.followup ?? 0]),
  );
  const scale = niceScale(0, largest);
  const plotLeft = MARGIN.left;
  const plotRight = WIDTH - MARGIN.right;
  const plotTop = MARGIN.top;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const y = scaleLinear([scale.min, scale.max], [plotBottom, plotTop]);
  const group = (plotRight - plotLeft) / Math.max(bands.length, 1);
  const barWidth = Math.min(56, group * 0.34);
  const labels = values.map((value) => wrap(value.band, Math.max(10, Math.floor(group / 7))));
  const labelLines = Math.max(1, ...labels.map((lines) => lines.length));
  const note = omittedNote(omitted, options.minCell);
  const noteY = plotBottom + 18 + (labelLines - 1) * LABEL_LINE + 28;
  const height = note ? noteY + 10 : noteY - 12;

  const parts = [svgOpen(options, WIDTH, height, describe(values))];
  for (const tick of scale.ticks) {
    parts.push(line(plotLeft, y(tick), plotRight, y(tick), COLOURS.grid));
    parts.push(
      text(plotLeft - 8, y(tick), `${tickLabel(tick, scale.step)}%`, {
        anchor: 'end',
        baseline: 'middle',
        fill: COLOURS.muted,
      }),
    );
  }
  values.forEach((value, index) => {
    const centre = plotLeft + group * (index + 0.5);
    const bars = [
      { value: value.baseline, x: centre - barWidth - 2, mark: value.marks[0], baseline: true },
      { value: value.followup, x: centre + 2, mark: value.marks[1], baseline: false },
    ];
    for (const bar of bars) {
      const middle = bar.x + barWidth / 2;
      if (bar.value === null) {
        parts.push(
          text(middle, plotBottom - 6, bar.mark, {
            anchor: 'middle',
            fill: COLOURS.muted,
            size: 11,
          }),
        );
        continue;
      }
      const top = y(bar.value);
      parts.push(
        bar.baseline
          ? rect(
              bar.x,
              top,
              barWidth,
              plotBottom - top,
              COLOURS.baselineFill,
              `stroke="${COLOURS.baseline}" stroke-width="1.5"`,
            )
          : rect(bar.x, top, barWidth, plotBottom - top, COLOURS.primary),
        text(middle, top - 5, percent(bar.value), { anchor: 'middle', size: 11 }),
      );
    }
    (labels[index] ?? []).forEach((part, lineIndex) => {
      parts.push(
        text(centre, plotBottom + 18 + lineIndex * LABEL_LINE, part, { anchor: 'middle' }),
      );
    });
  });
  parts.push(line(plotLeft, plotBottom, plotRight, plotBottom, COLOURS.axis));
  parts.push(
    text(16, (plotTop + plotBottom) / 2, '% of people', {
      anchor: 'middle',
      weight: 'bold',
      rotate: -90,
    }),
    rect(
      plotLeft,
      14,
      14,
      14,
      COLOURS.baselineFill,
      `stroke="${COLOURS.baseline}" stroke-width="1.5"`,
    ),
    text(plotLeft + 20, 21, 'Baseline', { baseline: 'middle' }),
    rect(plotLeft + 100, 14, 14, 14, COLOURS.primary),
    text(plotLeft + 120, 21, 'Follow-up', { baseline: 'middle' }),
  );
  if (note) parts.push(text(plotLeft, noteY, note, { fill: COLOURS.muted, size: 11 }));
  parts.push(SVG_CLOSE);
  return parts.join('');
}

function markOf(cell: Cell): string {
  return typeof cell === 'object' ? `[${cell.mark}]` : '[x]';
}

function describe(
  values: readonly { band: string; baseline: number | null; followup: number | null }[],
): string {
  const show = (value: number | null) => (value === null ? 'not shown' : percent(value));
  const items = values.map(
    (value) => `${value.band}: baseline ${show(value.baseline)}, follow-up ${show(value.followup)}`,
  );
  return `Percentage of people in each band at baseline and at follow-up. ${items.join('; ')}.`;
}

/** The band chart's data as a small table for the report. */
export function bandTable(bands: readonly BandShare[], title: string): Table {
  return {
    name: 'chart_bands',
    title,
    columns: [
      { name: 'Band', kind: 'group' },
      { name: '% at baseline', kind: 'number', format: 'decimal1' },
      { name: '% at follow-up', kind: 'number', format: 'decimal1' },
    ],
    rows: bands.map((band) => ({
      Band: band.band,
      '% at baseline': band.baseline,
      '% at follow-up': band.followup,
    })),
  };
}
