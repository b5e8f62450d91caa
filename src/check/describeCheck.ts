import { visible } from '../visibleText.js';
import type { MetricCheck } from './compareMetrics.js';
import type { MetricCell } from './metricsFile.js';

/**
 * A value as people read it in a diff: numbers to 10 significant digits (enough to show any
 * change a tolerance can catch next to its change column), text quoted (control characters shown
 * as escapes, visibleText.ts), null as `null`, and a
 * value the file does not have as `(absent)`.
 */
export function formatValue(cell: MetricCell | undefined): string {
  if (cell === undefined) return '(absent)';
  if (cell === null) return 'null';
  if (typeof cell === 'string') return `"${visible(cell)}"`;
  return compactNumber(cell, 10);
}

/** What changed, briefly: `+0.5 (+14.6%)` for numbers, a phrase otherwise. */
export function formatChange(check: MetricCheck): string {
  switch (check.outcome) {
    case 'within':
    case 'outside_tolerance': {
      if (check.change === null) return check.outcome === 'within' ? 'none' : 'text changed';
      const sign = check.change > 0 ? '+' : '';
      const base = check.baseline as number;
      const relative =
        base !== 0 && check.change !== 0
          ? ` (${check.change > 0 ? '+' : ''}${compactNumber((100 * check.change) / Math.abs(base), 3)}%)`
          : '';
      return `${sign}${compactNumber(check.change, 4)}${relative}`;
    }
    case 'became_null':
      return 'became null';
    case 'reappeared':
      return 'reappeared';
    case 'text_changed':
      return 'text changed';
    case 'new_row':
      return 'new row';
    case 'missing_row':
      return 'missing row';
    case 'new_metric':
      return 'new column';
    case 'missing_metric':
      return 'missing column';
  }
}

/** The tolerance that applied: `±1e-9`, or `±0.0341 (rel 0.01)` when the relative part won. */
export function formatTolerance(check: MetricCheck): string {
  if (check.tolerance === null || check.allowed === null) return '';
  const relativeWon = check.tolerance.rel > 0 && check.allowed > check.tolerance.abs;
  const amount = `±${compactNumber(check.allowed, 4)}`;
  return relativeWon ? `${amount} (rel ${compactNumber(check.tolerance.rel, 4)})` : amount;
}

/** One sentence on a check, for JUnit failure messages and JSON output. */
export function describeCheck(check: MetricCheck): string {
  const metric = check.metric ?? '';
  const from = formatValue(check.baseline);
  const to = formatValue(check.current);
  switch (check.outcome) {
    case 'within':
      return check.change === null
        ? `${metric} unchanged: ${to}`
        : `${metric} ${to} within tolerance ${formatTolerance(check)} of baseline ${from}`;
    case 'outside_tolerance':
      return `${metric} changed from ${from} to ${to} by ${formatChange(check)}, outside tolerance ${formatTolerance(check)}`;
    case 'became_null':
      return `${metric} was ${from}, now null (suppressed or not available)`;
    case 'reappeared':
      return `${metric} was null (suppressed or not available), now ${to}`;
    case 'text_changed':
      return `${metric} changed from ${from} to ${to}`;
    case 'new_row':
      return check.passed
        ? 'row only in the current file (allowed by --allow-new)'
        : 'row only in the current file, not in the baseline';
    case 'missing_row':
      return 'row in the baseline is missing from the current file';
    case 'new_metric':
      return `column ${metric} is only in the current file (value ${to})${check.passed ? ', allowed by --allow-new' : ''}`;
    case 'missing_metric':
      return `column ${metric} is missing from the current file (baseline ${from})`;
  }
}

/** A number to at most `digits` significant digits, without trailing zeros; -0 as 0. */
export function compactNumber(value: number, digits: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return String(Number(value.toPrecision(digits)));
}
