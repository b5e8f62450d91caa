import { reservedLabel, TOTAL_LABEL } from '../contract/codes.js';
import type { Row } from './table.js';

/**
 * A free-text category cell (a cohort, a theme), trimmed as every cell is. `All` labels the
 * total rows of every table (../shared/CONTRACT.md): a category that reads `All` would be
 * counted into the totals, so it is renamed (`All (cohort)`) with a warning.
 */
export function readCategory(row: Row, column: string): string {
  const text = row.get(column);
  if (text !== TOTAL_LABEL) return text;
  row.issue({
    column,
    value: text,
    rule: 'value.reserved',
    severity: 'warning',
    message: `${column} ${TOTAL_LABEL} would be taken for the total rows of the tables; it is published as ${reservedLabel(column)}`,
  });
  return reservedLabel(column);
}
