import { isIdentifier, MAX_ID_LENGTH } from '../contract/values.js';
import type { Row } from './table.js';

/**
 * Reads a required identifier cell. Identifiers are text: `007` stays `007`, never 7. Returns null
 * (with an issue) when the cell is empty or cannot be an identifier.
 */
export function checkId(row: Row, column: string): string | null {
  const value = row.get(column);
  if (value === '') {
    row.issue({ column, rule: 'value.missing', message: `${column} is empty` });
    return null;
  }
  if (!isIdentifier(value)) {
    row.issue({
      column,
      value,
      rule: 'value.invalid_id',
      message: `${column} must be at most ${MAX_ID_LENGTH} printable characters`,
    });
    return null;
  }
  return value;
}
