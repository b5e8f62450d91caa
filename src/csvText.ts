import { stringify } from 'csv-stringify/sync';
import { visible } from './visibleText.js';

/**
 * CSV text, safe to open in a spreadsheet: what every CSV output and `validate --issues-out`
 * write (the writers in `io/` put it in files; the report's tables are rendered with it).
 */
export type Cell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet treat a text cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a text cell safe to open in Excel: text that begins like a formula gets a leading
 * apostrophe. Numbers are never touched, so `-3.2` stays a number.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell as CSV text: control characters shown as escapes (visibleText.ts), formulas defused. */
export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return neutraliseFormula(visible(cell));
}

/** CSV text of a header and rows (LF line ends, quoting only where needed). */
export function toCsv(
  columns: readonly string[],
  rows: Iterable<readonly Cell[]>,
): Iterable<string> {
  return (function* () {
    yield stringify([columns.map(csvCell)]);
    let batch: string[][] = [];
    for (const row of rows) {
      batch.push(row.map(csvCell));
      if (batch.length === 10_000) {
        yield stringify(batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield stringify(batch);
  })();
}
