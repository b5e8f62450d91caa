import type { Cell, Table } from '../../metrics/table.js';
import {
  type ChartOptions,
  COLOURS,
  line,
  niceScale,
  type Omitted,
  omittedNote,
  percent,
  plotFrame,
  rect,
  SVG_CLOSE,
  scaleLinear,
  svgOpen,
  text,
  tickLabel,
} from './svg.js';
import { drawable } from './values.js';

/** One IMD decile: the share of participants and of residents living there (percentages). */
export interface ImdReachPoint {
  /** "1" … "10", 1 = most deprived. */
  readonly decile: string;
  readonly participants: Cell;
  /** NOT_AVAILABLE when there is no population.csv. */
  readonly residents: Cell;
}

const WIDTH = 720;
/** Height of the plot area; the chart's height follows from it and the note. */
const PLOT_HEIGHT = 234;
const MARGIN = { top: 48, right: 20, bottom: 78, left: 64 };

/**
 * Bar chart "reach by IMD decile against the population": per decile a bar for the % of
 * participants and a black marker for the % of residents, so over- and under-representation
 * of deprived areas is visible at a glance. Suppressed or unavailable values draw nothing and
 * are labelled `[c]`/`[x]` at the foot of their decile.
 */
export function reachByImdChart(points: readonly ImdReachPoint[], options: ChartOptions): string {
  const omitted: Omitted = new Set();
  const values = points.map((point) => ({
    decile: point.decile,
    participants: drawable(point.participants, omitted),
    residents: drawable(point.residents),
    participantMark: markOf(point.participants),
  }));
  const hasResidents = values.some((value) => value.residents !== null);
  const largest = Math.max(
    10,
    ...values.flatMap((value) => [value.participants ?? 0, value.residents ?? 0]),
  );
  const scale = niceScale(0, largest);
  const {
    left: plotLeft,
    right: plotRight,
    top: plotTop,
    bottom: plotBottom,
    note,
    height,
  } = plotFrame(WIDTH, PLOT_HEIGHT, MARGIN, [
    omittedNote(omitted, options.minCell),
    hasResidents ? '' : 'residents not shown: no population figures',
  ]);
  const y = scaleLinear([scale.min, scale.max], [plotBottom, plotTop]);
  const band = (plotRight - plotLeft) / Math.max(points.length, 1);

  const parts: string[] = [svgOpen(options, WIDTH, height, describe(values))];
  parts.push(...yAxis(scale.ticks, scale.step, y, plotLeft, plotRight));
  values.forEach((value, index) => {
    const centre = plotLeft + band * (index + 0.5);
    const barWidth = band * 0.56;
    if (value.participants !== null) {
      const top = y(value.participants);
      parts.push(rect(centre - barWidth / 2, top, barWidth, plotBottom - top, COLOURS.primary));
    } else {
      parts.push(
        text(centre, plotBottom - 6, value.participantMark, {
          anchor: 'middle',
          fill: COLOURS.muted,
          size: 11,
        }),
      );
    }
    if (value.residents !== null) {
      const at = y(value.residents);
      const half = band * 0.4;
      parts.push(
        line(centre - half, at, centre + half, at, COLOURS.population, 'stroke-width="3"'),
      );
    }
    parts.push(text(centre, plotBottom + 18, value.decile, { anchor: 'middle' }));
  });
  parts.push(line(plotLeft, plotBottom, plotRight, plotBottom, COLOURS.axis));
  parts.push(
    text((plotLeft + plotRight) / 2, plotBottom + 40, 'IMD decile (1 = most deprived 10%)', {
      anchor: 'middle',
      weight: 'bold',
    }),
  );
  parts.push(
    text(16, (plotTop + plotBottom) / 2, '% of people', {
      anchor: 'middle',
      weight: 'bold',
      rotate: -90,
    }),
  );
  parts.push(...legend(hasResidents));
  if (note) parts.push(text(plotLeft, height - 10, note, { fill: COLOURS.muted, size: 11 }));
  parts.push(SVG_CLOSE);
  return parts.join('');
}

function markOf(cell: Cell): string {
  return typeof cell === 'object' ? `[${cell.mark}]` : '[x]';
}

function yAxis(
  ticks: readonly number[],
  step: number,
  y: (value: number) => number,
  left: number,
  right: number,
): string[] {
  return ticks.flatMap((tick) => [
    line(left, y(tick), right, y(tick), COLOURS.grid),
    text(left - 8, y(tick), `${tickLabel(tick, step)}%`, {
      anchor: 'end',
      baseline: 'middle',
      fill: COLOURS.muted,
    }),
  ]);
}

function legend(hasResidents: boolean): string[] {
  const parts = [
    rect(MARGIN.left, 14, 14, 14, COLOURS.primary),
    text(MARGIN.left + 20, 21, 'Participants', { baseline: 'middle' }),
  ];
  if (hasResidents) {
    parts.push(
      line(MARGIN.left + 128, 21, MARGIN.left + 150, 21, COLOURS.population, 'stroke-width="3"'),
      text(MARGIN.left + 156, 21, 'Residents (population)', { baseline: 'middle' }),
    );
  }
  return parts;
}

function describe(
  values: readonly { decile: string; participants: number | null; residents: number | null }[],
): string {
  const items = values.map(
    (value) =>
      `decile ${value.decile}: participants ${value.participants === null ? 'not shown' : percent(value.participants)}` +
      (value.residents === null ? '' : `, residents ${percent(value.residents)}`),
  );
  return `Percentage of participants and of residents living in each IMD decile, 1 = most deprived: ${items.join('; ')}.`;
}

/** The chart's data as a small table for the report (shown under the chart). */
export function reachByImdTable(points: readonly ImdReachPoint[]): Table {
  return {
    name: 'chart_reach_by_imd',
    title: 'Reach by IMD decile against the population',
    columns: [
      { name: 'IMD decile', kind: 'group' },
      { name: '% of participants', kind: 'number', format: 'decimal1' },
      { name: '% of residents', kind: 'number', format: 'decimal1' },
    ],
    rows: points.map((point) => ({
      'IMD decile': point.decile,
      '% of participants': point.participants,
      '% of residents': point.residents,
    })),
  };
}
