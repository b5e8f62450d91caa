import { type Cell as CsvCell, toCsv } from '../csvText.js';
import { DEFAULT_ANALYSIS } from '../metrics/options.js';
import { type Cell, type ColumnDef, isMark, type Mark, type Table } from '../metrics/table.js';
import { visible } from '../visibleText.js';

/** The GSS shorthand written for a mark: `[c]`, `[x]` or `[z]`. */
export function markText(mark: Mark): string {
  return `[${mark.mark}]`;
}

/**
 * A cell as text for CSV, Markdown and HTML: marks as `[c]`/`[x]`/`[z]`, text as it is
 * (escaping is the renderer's job), numbers by `column.format` (see {@link formatNumber}).
 */
export function formatCell(cell: Cell, column: ColumnDef): string {
  if (isMark(cell)) return markText(cell);
  if (typeof cell === 'string') return cell;
  return formatNumber(cell, column);
}

/**
 * A number written the same way on every machine (never `toLocaleString`):
 * - `integer`: rounded to a whole number; `money`: 2 decimals; `decimal1/2/3`: 1–3 decimals;
 * - `pvalue`: 4 significant digits, and `<0.0001` below 0.0001;
 * - no format: up to 4 decimals with trailing zeros trimmed (counts and group values print as
 *   whole numbers).
 * Negative zero prints as 0. Non-finite values (never stored in a table) print as `[x]`.
 */
export function formatNumber(value: number, column: Pick<ColumnDef, 'format'>): string {
  if (!Number.isFinite(value)) return '[x]';
  switch (column.format) {
    case 'integer':
      return fixed(value, 0);
    case 'money':
      return fixed(value, 2);
    case 'decimal1':
      return fixed(value, 1);
    case 'decimal2':
      return fixed(value, 2);
    case 'decimal3':
      return fixed(value, 3);
    case 'pvalue':
      return formatPValue(value);
    default:
      return trimmed(value, 4);
  }
}

/**
 * A cell as a reader sees it in the reports (never in CSV or JSON, which keep machine forms):
 * as {@link formatCell}, with thousands separated by commas (1,379,000) and money in pounds
 * (`£1,379,000` from £1,000, `£24.93` below it). Locale-free, so the same on every machine.
 */
export function displayCell(cell: Cell, column: ColumnDef): string {
  if (typeof cell !== 'number') return formatCell(cell, column);
  if (!Number.isFinite(cell)) return '[x]';
  if (column.format === 'money') {
    const text = Math.abs(cell) >= 1000 ? fixed(cell, 0) : fixed(cell, 2);
    const grouped = groupDigits(text);
    return grouped.startsWith('-') ? `−£${grouped.slice(1)}` : `£${grouped}`;
  }
  if (column.format === 'pvalue') return formatPValue(cell);
  return groupDigits(formatNumber(cell, column));
}

/** `1379000.5` → `1,379,000.5`: commas between thousands of the whole part only. */
export function groupDigits(text: string): string {
  const match = /^(-?)(\d+)(.*)$/.exec(text);
  if (!match) return text;
  const [, sign, whole, rest] = match as unknown as [string, string, string, string];
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${rest}`;
}

/** p-values: 4 significant digits; below 0.0001 as `<0.0001`. */
export function formatPValue(p: number): string {
  if (p < 0.0001) return '<0.0001';
  return p.toPrecision(4);
}

/** `value.toFixed(digits)`, without a minus sign on a value that rounds to zero. */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.startsWith('-') && /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** At most `digits` decimals, trailing zeros and a trailing point removed. */
export function trimmed(value: number, digits: number): string {
  const text = fixed(value, digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** The header and rows of a table as cells for `toCsv`/`writeCsvFile` in `csvText.ts`. */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CsvCell[])[];
}

/**
 * A table ready for CSV: numbers as numbers, rounded as the column's format says (so Excel
 * reads them as numbers, not text; being numbers, they carry no trailing zeros: 1234.50 is
 * written 1234.5), text as text (neutralised against formulas by `csvCell` when written), marks
 * as `[c]`/`[x]`/`[z]`, and `<0.0001` for tiny p-values.
 */
export function tableToCsvRows(table: Table): CsvTable {
  const columns = table.columns.map((column) => column.name);
  const rows = table.rows.map((row) =>
    table.columns.map((column) => csvValue(row[column.name], column)),
  );
  return { columns, rows };
}

/** The CSV text of a table, in chunks for `writeFileAtomic`. */
export function tableToCsv(table: Table): Iterable<string> {
  const { columns, rows } = tableToCsvRows(table);
  return toCsv(columns, rows);
}

function csvValue(cell: Cell | undefined, column: ColumnDef): CsvCell {
  if (cell === undefined) return '';
  if (typeof cell !== 'number') return formatCell(cell, column);
  // A p-value stays a number in CSV (4 significant digits, in exponent form when tiny), where
  // reports show `<0.0001`.
  if (column.format === 'pvalue') return Number(cell.toPrecision(4));
  const text = formatNumber(cell, column);
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

/** A JSON value: full-precision number, text, or null for a mark. */
export type JsonCell = number | string | null;

/** A table's rows for metrics.json: full precision, marks as null, keys in column order. */
export function tableToJsonRows(table: Table): Record<string, JsonCell>[] {
  return table.rows.map((row) => {
    const out: Record<string, JsonCell> = {};
    for (const column of table.columns) {
      const cell = row[column.name];
      out[column.name] = cell === undefined || isMark(cell) ? null : cell;
    }
    return out;
  });
}

/** ASCII punctuation that can start inline Markdown or HTML in GitHub-flavoured Markdown. */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~]|&(?=#?[0-9A-Za-z]+;)/g;

/** What GitHub turns into a link by itself: `scheme://` and `www.` (its "extended autolinks"). */
const AUTOLINK = /[A-Za-z][A-Za-z0-9+.-]*:\/\/|\bwww\./gi;

/** Text without any of these is left as it is by {@link escapeMarkdown}: most cells. */
const MAY_NEED_ESCAPING = /[\\`*_[\]<>|~&]|:\/\/|www\./i;

/**
 * Text as literal inline Markdown (GitHub-flavoured), e.g. for a table cell: control characters
 * and line breaks shown as escapes (`visible`, so a table row stays one line), then `\` `` ` ``
 * `*` `_` `[` `]` `<` `>` `|` `~` and an `&` that would start an entity are backslash-escaped, so
 * data such as `<img src=x onerror=alert(1)>` stays text and URLs are not turned into links. An
 * underscore inside a word (between letters or digits) cannot start emphasis in CommonMark, so
 * `partner_id` is left readable.
 */
export function escapeMarkdown(raw: string): string {
  const text = visible(raw);
  if (!MAY_NEED_ESCAPING.test(text)) return text;
  return text
    .replace(MARKDOWN_SPECIAL, (char: string, offset: number, whole: string) =>
      char === '_' && isWordChar(whole[offset - 1]) && isWordChar(whole[offset + 1])
        ? char
        : `\\${char}`,
    )
    .replace(AUTOLINK, (match: string) => match.replace(/[:.]/, '\\$&'));
}

/**
 * Text as a literal Markdown paragraph or list item: {@link escapeMarkdown}, and a leading
 * `#`, `-`, `+`, `=` or `1.`/`1)` escaped so it cannot start a heading, list or rule.
 */
export function escapeMarkdownBlock(text: string): string {
  return escapeMarkdown(text).replace(
    /^(\s*)([-+=#]|\d+(?=[.)]))/,
    (_: string, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/**
 * A table as a GitHub-flavoured Markdown table: counts and numbers right-aligned, every cell
 * formatted by {@link formatCell} and escaped by {@link escapeMarkdown}. All rows are written.
 */
export function tableToMarkdown(table: Table): string {
  return `${[...markdownTableLines(table)].join('\n')}\n`;
}

/** The lines of {@link tableToMarkdown}, one at a time (without line ends). */
export function* markdownTableLines(table: Table): Generator<string> {
  yield row(table.columns.map((column) => escapeMarkdown(column.label ?? column.name)));
  yield row(table.columns.map((column) => (isNumeric(column) ? '---:' : '---')));
  for (const cells of table.rows) {
    yield row(
      table.columns.map((column) => {
        const cell = cells[column.name];
        if (cell === undefined) return '';
        if (typeof cell === 'string') return escapeMarkdown(cell);
        return displayCell(cell, column);
      }),
    );
  }
}

/** Counts and statistics are right-aligned in every rendering. */
export function isNumeric(column: ColumnDef): boolean {
  return column.kind === 'count' || column.kind === 'number';
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** "95%": the confidence level of a table's intervals, as the table carries it. */
export function confidenceLabel(table: Pick<Table, 'confidence'> | undefined): string {
  return `${Math.round((table?.confidence ?? DEFAULT_ANALYSIS.confidence) * 100)}%`;
}
