import { formatDay, parseDate } from '../contract/values.js';
import type { LocalContext } from './localContext.js';
import type { Row } from './table.js';

/**
 * Reads a date cell: a real date in an accepted format (`date.invalid` otherwise), not after
 * today (`date.future`). Returns the day number, null after an issue, or `whenEmpty` for an
 * empty cell — for a required column pass null and the empty cell is `value.missing`.
 */
export function readDate(
  row: Row,
  column: string,
  context: Pick<LocalContext, 'today' | 'dates'>,
  whenEmpty: number | null,
): number | null {
  const { today } = context;
  const text = row.get(column);
  if (text === '') {
    if (whenEmpty === null)
      row.issue({ column, rule: 'value.missing', message: `${column} is empty` });
    return whenEmpty;
  }
  const parsed = parseDate(text, context.dates);
  if (!parsed.ok) {
    row.issue({
      column,
      value: text,
      rule: 'date.invalid',
      message: `${column} is not a valid date: ${parsed.reason}`,
    });
    return null;
  }
  if (parsed.value > today) {
    row.issue({
      column,
      value: text,
      rule: 'date.future',
      message: `${column} ${formatDay(parsed.value)} is after today (${formatDay(today)})`,
    });
    return null;
  }
  return parsed.value;
}
