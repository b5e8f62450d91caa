import type { Row } from './table.js';

/** Longest identifier accepted; longer cells are not ids (a swallowed record, a note). */
export const MAX_ID_LENGTH = 64;
// Printable characters without line breaks or control codes.
const ID_PATTERN = /^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u;

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
  if (value.length > MAX_ID_LENGTH || !(isPrintableAscii(value) || ID_PATTERN.test(value))) {
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

/** Printable ASCII only (most ids): no need for the Unicode pattern. */
function isPrintableAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}
