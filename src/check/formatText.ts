import { visible } from '../visibleText.js';
import type { CheckResult, CheckSummary, MetricCheck } from './compareMetrics.js';
import { formatChange, formatTolerance, formatValue } from './describeCheck.js';
import { formatKey } from './rowKey.js';

/** Styling for terminal output (chalk fits); {@link PLAIN} for files and pipes. */
export interface TextStyle {
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  dim(text: string): string;
}

const same = (text: string) => text;
export const PLAIN: TextStyle = { bold: same, red: same, green: same, dim: same };

/** The files compared, as the user named them. */
export interface CheckLabels {
  readonly current: string;
  readonly baseline: string;
}

/** Failures listed in the text report; the rest are counted, and all are in JSON and JUnit. */
export const DIFF_LINE_LIMIT = 50;

const HEADER = ['table', 'key', 'metric', 'baseline', 'current', 'change', 'tolerance'] as const;

/**
 * The text report: a summary line, then a table of the failures (at most `limit` lines, then
 * `… and K more`), then how to accept the changes when they are intended.
 */
export function formatCheckText(
  result: CheckResult,
  given: CheckLabels,
  style: TextStyle = PLAIN,
  limit: number = DIFF_LINE_LIMIT,
): string {
  const labels = visibleLabels(given);
  const lines = [summaryLine(result, labels, style)];
  const failures = result.tables.flatMap((t) => t.checks.filter((c) => !c.passed));
  if (failures.length > 0) {
    const shown = failures.slice(0, limit);
    const rows = shown.map(diffRow);
    const widths = HEADER.map((title, i) =>
      Math.max(title.length, ...rows.map((row) => (row[i] as string).length)),
    );
    const line = (cells: readonly string[]) =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] as number)))
        .join('  ')
        .trimEnd();
    lines.push('', style.bold(line(HEADER)));
    for (const row of rows) lines.push(line(row));
    if (failures.length > shown.length) {
      lines.push(
        style.dim(
          `… and ${failures.length - shown.length} more: use --format json or --format junit for the full list`,
        ),
      );
    }
    lines.push(
      '',
      style.dim(
        `If these changes are intended, accept them with: tides check ${labels.current} --baseline ${labels.baseline} --update`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `OK: 2417 metrics compared in 9 tables, 0 outside tolerance, 0 new rows, 0 missing rows (…)` */
export function summaryLine(
  result: CheckResult,
  given: CheckLabels,
  style: TextStyle = PLAIN,
): string {
  const labels = visibleLabels(given);
  const verdict = result.passed ? style.green('OK') : style.red('FAIL');
  return `${verdict}: ${summaryText(result.summary)} (${labels.current} against baseline ${labels.baseline})`;
}

export function summaryText(summary: CheckSummary): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    `${plural(summary.compared, 'metric', 'metrics')} compared in ${plural(summary.tables, 'table', 'tables')}`,
    `${summary.outsideTolerance} outside tolerance`,
    plural(summary.newRows, 'new row', 'new rows'),
    plural(summary.missingRows, 'missing row', 'missing rows'),
  ].join(', ');
}

/** The file names as given, shown visibly (they, like the keys and values, quote input). */
function visibleLabels(labels: CheckLabels): CheckLabels {
  return { current: visible(labels.current), baseline: visible(labels.baseline) };
}

function diffRow(check: MetricCheck): string[] {
  return [
    check.table,
    clip(formatKey(check.key), 100),
    check.metric ?? '(row)',
    clip(
      check.metric === null
        ? check.outcome === 'missing_row'
          ? 'present'
          : '(absent)'
        : formatValue(check.baseline),
      40,
    ),
    clip(
      check.metric === null
        ? check.outcome === 'new_row'
          ? 'present'
          : '(absent)'
        : formatValue(check.current),
      40,
    ),
    formatChange(check),
    formatTolerance(check),
  ].map(visible);
}

/** Text cut to `width` characters with an ellipsis, on one line. */
function clip(text: string, width: number): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= width ? oneLine : `${oneLine.slice(0, width - 1)}…`;
}
