import { escapeHtml } from '../escapeHtml.js';
import { formatNumber, trimmed } from '../format.js';

/** The fonts the reader already has: nothing is downloaded. */
export const FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * Print-friendly colours with at least 3:1 contrast against white for marks and 4.5:1 for text
 * (WCAG 2.1, 1.4.3 and 1.4.11). Baseline and follow-up also differ in shape or fill, so the
 * charts still read in greyscale.
 */
export const COLOURS = {
  ink: '#1a1a1a',
  muted: '#4d4d4d',
  grid: '#d0d0d0',
  axis: '#595959',
  /** Participants and follow-up. */
  primary: '#1f4e79',
  /** Baseline: outline and line colour. */
  baseline: '#a04a00',
  /** Baseline bar fill, outlined with `baseline`. */
  baselineFill: '#f2c18d',
  /** Residents (the population). */
  population: '#1a1a1a',
} as const;

/** Common options of every chart. */
export interface ChartOptions {
  /** Unique within the page: used for the ids of `<title>` and `<desc>`. */
  readonly id: string;
  readonly title: string;
  /** The disclosure threshold, for the note on what was left out; null when suppression is off. */
  readonly minCell: number | null;
}

/** A coordinate or length, written with at most 2 decimals. */
export function n(value: number): string {
  return trimmed(value, 2);
}

/** An id safe in XML and CSS: letters, digits and hyphens. */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `chart-${cleaned}`;
}

/** Opens an accessible SVG: `role="img"`, labelled by its `<title>` and described by `<desc>`. */
export function svgOpen(
  options: ChartOptions,
  width: number,
  height: number,
  description: string,
): string {
  const id = safeId(options.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" ` +
    `viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" ` +
    `aria-labelledby="${id}-title ${id}-desc" font-family="${escapeHtml(FONT_STACK)}" ` +
    `font-size="12" fill="${COLOURS.ink}">` +
    `<title id="${id}-title">${escapeHtml(options.title)}</title>` +
    `<desc id="${id}-desc">${escapeHtml(description)}</desc>`
  );
}

export const SVG_CLOSE = '</svg>';

export interface TextOptions {
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly size?: number;
  readonly weight?: 'normal' | 'bold';
  readonly fill?: string;
  /** Rotation in degrees about (x, y). */
  readonly rotate?: number;
  /** Vertical alignment relative to y. */
  readonly baseline?: 'middle' | 'hanging';
  /** A white outline, so the text stays legible over lines and points. */
  readonly halo?: boolean;
}

/** A text element; the content is escaped. */
export function text(x: number, y: number, content: string, options: TextOptions = {}): string {
  const attributes = [`x="${n(x)}"`, `y="${n(y)}"`];
  if (options.anchor && options.anchor !== 'start') {
    attributes.push(`text-anchor="${options.anchor}"`);
  }
  if (options.size) attributes.push(`font-size="${n(options.size)}"`);
  if (options.weight === 'bold') attributes.push('font-weight="bold"');
  if (options.fill) attributes.push(`fill="${options.fill}"`);
  if (options.baseline) attributes.push(`dominant-baseline="${options.baseline}"`);
  if (options.halo) attributes.push('stroke="#ffffff" stroke-width="3" paint-order="stroke"');
  if (options.rotate) attributes.push(`transform="rotate(${n(options.rotate)} ${n(x)} ${n(y)})"`);
  return `<text ${attributes.join(' ')}>${escapeHtml(content)}</text>`;
}

export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  extra = '',
): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}"${extra ? ` ${extra}` : ''}/>`;
}

export function rect(
  x: number,
  y: number,
  width: number,
  height: number,
  fill: string,
  extra = '',
): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(width, 0))}" height="${n(Math.max(height, 0))}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

/** A linear map from a domain onto a range. */
export function scaleLinear(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

export interface NiceScale {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly ticks: readonly number[];
}

/**
 * Round axis limits covering [min, max] with about `count` ticks at 1, 2 or 5 × 10^k
 * (the "nice numbers" of Heckbert, Graphics Gems, 1990).
 */
export function niceScale(min: number, max: number, count = 5): NiceScale {
  let low = Math.min(min, max);
  let high = Math.max(min, max);
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    low = 0;
    high = 1;
  }
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const raw = (high - low) / Math.max(count, 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const step = (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * magnitude;
  const start = Math.floor(low / step + 1e-9) * step;
  const end = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step * 1e-9; i++) {
    ticks.push(cleanZero(Number((start + i * step).toPrecision(12))));
  }
  return { min: start, max: end, step, ticks };
}

function cleanZero(value: number): number {
  return Object.is(value, -0) ? 0 : value;
}

/** A tick label with no more decimals than the step needs. */
export function tickLabel(value: number, step: number): string {
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  return trimmed(value, decimals);
}

/** A label shortened to at most `max` characters, with an ellipsis when cut. */
export function truncate(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, Math.max(max - 1, 1)).join('')}…`;
}

/** Rough width of a label in pixels at `size` px (the charts use no measured fonts). */
export function textWidth(label: string, size = 12): number {
  return [...label].length * size * 0.58;
}

/** Which marks kept a value out of a chart. */
export type Omitted = Set<'c' | 'x' | 'z'>;

/**
 * The chart's note on values not drawn, e.g. "[c] not shown: fewer than 5 people".
 * Empty when nothing was left out.
 */
export function omittedNote(omitted: Omitted, minCell: number | null): string {
  const parts: string[] = [];
  if (omitted.has('c')) {
    parts.push(
      minCell === null
        ? '[c] not shown: suppressed'
        : `[c] not shown: fewer than ${minCell} people`,
    );
  }
  if (omitted.has('x')) parts.push('[x] not available');
  if (omitted.has('z')) parts.push('[z] not applicable');
  return parts.join('; ');
}

/** Wraps a label into lines of at most `max` characters, breaking at spaces. */
export function wrap(label: string, max: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= max) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines.map((part) => truncate(part, max));
}

/** A percentage for a label, with one decimal ("12.5%", "40.0%"). */
export function percent(value: number): string {
  return `${formatNumber(value, { format: 'decimal1' })}%`;
}

/** Where a chart draws: its plot area, its footnote (the non-empty notes joined) and height. */
export interface PlotFrame {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly note: string;
  readonly height: number;
}

/**
 * The plot area of a chart `width` wide with a plot `plotHeight` high inside `margin`; the
 * footnote line (22 px) is only reserved when there is a note.
 */
export function plotFrame(
  width: number,
  plotHeight: number,
  margin: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
  },
  notes: readonly string[],
): PlotFrame {
  const note = notes.filter(Boolean).join('; ');
  const bottom = margin.top + plotHeight;
  return {
    left: margin.left,
    right: width - margin.right,
    top: margin.top,
    bottom,
    note,
    height: bottom + margin.bottom - (note ? 0 : 22),
  };
}
