import { ALL, type Cell, type ColumnDef, isMark, type Table } from '../metrics/table.js';
import { escapeHtml } from './escapeHtml.js';
import { displayCell, isNumeric } from './format.js';

const MARK_TITLES: Readonly<Record<string, string>> = {
  c: 'suppressed to protect confidentiality',
  x: 'not available',
  z: 'not applicable',
};

/** Longer tables scroll in a box with a sticky header on screen (printed in full). */
const LONG_ROWS = 30;
/**
 * Estimated widths on screen (13.6 px text, about 7.4 px a character, 20 px of padding): a table
 * wider than the page is split into parts. Printed, tables are set at 7.5 pt (about 5.45 px a
 * character) with 8 px of padding: a table prints on a landscape page only when it would not fit
 * the 182 mm (688 px) of a portrait A4 page so.
 */
const CHAR_WIDTH = 7.4;
const CELL_PADDING = 20;
const PAGE_WIDTH = 1000;
const PRINT_CHAR_WIDTH = 5.45;
const PRINT_CELL_PADDING = 8;
const PORTRAIT_PRINT_WIDTH = 688;
/** Text wraps: it is counted at no more than this many characters. */
const TEXT_CHARS = 24;

export interface HtmlTableOptions {
  /** Shown above the table; default the table's title. */
  readonly caption?: string;
  /**
   * Whether the caption is for screen readers only (the table's heading shows the same words
   * above it): every table keeps a caption, as accessibility asks, without saying it twice.
   */
  readonly captionHidden?: boolean;
  readonly id?: string;
  readonly className?: string;
}

/**
 * A table as HTML: every row, numbers right-aligned and formatted by the column, marks as
 * `[c]`/`[x]`/`[z]` with their meaning on hover, the `All` row in bold, every text escaped.
 */
export function htmlTable(table: Table, options: HtmlTableOptions = {}): string {
  return [...tableChunks(table, options, columnWidths(table))].join('');
}

/** A table's HTML in chunks: the head, then each row, then the end. */
function* tableChunks(
  table: Table,
  options: HtmlTableOptions,
  width: ColumnWidths,
): Generator<string> {
  const groups = table.columns.filter((column) => column.kind === 'group');
  const isTotal = (row: Table['rows'][number]) =>
    groups.length > 0 && groups.every((column) => row[column.name] === ALL);
  // A total row stands out only among rows that are not totals (reach_profile has only All).
  const marksTotals = !table.rows.every(isTotal);
  const head = table.columns
    .map((column) => {
      const classes = isNumeric(column) ? ' class="num"' : '';
      // The machine name (as in CSV and JSON) and what the column holds, on hover.
      const about = [column.label ? column.name : '', column.description ?? ''].filter(Boolean);
      const title = about.length > 0 ? ` title="${escapeHtml(about.join(': '))}"` : '';
      const heading = column.label ? escapeHtml(column.label) : breakable(column.name);
      return `<th scope="col"${classes}${title}>${heading}</th>`;
    })
    .join('');
  const id = options.id ? ` id="${escapeHtml(options.id)}"` : '';
  const className = options.className ? ` class="${escapeHtml(options.className)}"` : '';
  const caption = options.caption ?? table.title;
  const wrapClasses = ['table-wrap'];
  if (table.rows.length > LONG_ROWS) wrapClasses.push('long');
  if (printWidth(table.columns, width) > PORTRAIT_PRINT_WIDTH) wrapClasses.push('wide');
  yield `<div class="${wrapClasses.join(' ')}"><table${id}${className}>` +
    (caption
      ? `<caption${options.captionHidden ? ' class="visually-hidden"' : ''}>${escapeHtml(caption)}</caption>`
      : '') +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n`;
  if (table.rows.length === 0) {
    yield `<tr><td colspan="${table.columns.length}" class="empty">No rows.</td></tr>`;
  }
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i] as Table['rows'][number];
    const cells = table.columns.map((column) => htmlCell(row[column.name], column)).join('');
    const tr =
      marksTotals && isTotal(row) ? `<tr class="total">${cells}</tr>` : `<tr>${cells}</tr>`;
    yield i === 0 ? tr : `\n${tr}`;
  }
  yield '\n</tbody></table></div>';
}

function htmlCell(cell: Cell | undefined, column: ColumnDef): string {
  const numeric = isNumeric(column);
  if (cell === undefined) return numeric ? '<td class="num"></td>' : '<td></td>';
  if (isMark(cell)) {
    const classes = numeric ? 'num mark' : 'mark';
    const title = MARK_TITLES[cell.mark] ?? '';
    return `<td class="${classes}"><abbr title="${title}">[${cell.mark}]</abbr></td>`;
  }
  const text = escapeHtml(displayCell(cell, column));
  if (column.kind === 'group') return `<th scope="row">${text}</th>`;
  return numeric ? `<td class="num">${text}</td>` : `<td>${text}</td>`;
}

/** A column name that may wrap after its underscores (`mean_<wbr>baseline`). */
function breakable(name: string): string {
  return escapeHtml(name).replace(/_/g, '_<wbr>');
}

/**
 * A table too wide for the page as several tables ("Part 1 of 3: n_baseline to sd_change"),
 * each repeating the leading group and text columns, so that no part needs sideways scrolling
 * and every part fits a printed page. A table that fits is one {@link htmlTable}.
 */
export function htmlTableInParts(table: Table, options: HtmlTableOptions = {}): string {
  return [...htmlTableInPartsChunks(table, options)].join('');
}

/** {@link htmlTableInParts} in chunks, row by row. */
export function* htmlTableInPartsChunks(
  table: Table,
  options: HtmlTableOptions = {},
): Generator<string> {
  const width = columnWidths(table);
  const leading = leadingLabels(table, width);
  if (leading.length === 0 || tableWidth(table.columns, width) <= PAGE_WIDTH) {
    yield* tableChunks(table, options, width);
    return;
  }
  const budget = PAGE_WIDTH - tableWidth(leading, width);
  const parts: ColumnDef[][] = [];
  let current: ColumnDef[] = [];
  let used = 0;
  for (const column of table.columns.slice(leading.length)) {
    const size = width(column);
    if (current.length > 0 && used + size > budget) {
      parts.push(current);
      current = [];
      used = 0;
    }
    current.push(column);
    used += size;
  }
  if (current.length > 0) parts.push(current);
  for (const [i, columns] of parts.entries()) {
    if (i > 0) yield '\n';
    yield* tableChunks(
      { ...table, columns: [...leading, ...columns] },
      {
        ...options,
        ...(i === 0 ? {} : { id: undefined }),
        caption: `${options.captionHidden && options.caption ? `${options.caption}, part` : 'Part'} ${i + 1} of ${parts.length}: ${span(columns)}`,
        captionHidden: false,
      },
      width,
    );
  }
}

/** "n_baseline to sd_change", or the one column's name. */
function span(columns: readonly ColumnDef[]): string {
  const first = columns[0] ? (columns[0].label ?? columns[0].name) : '';
  const last = columns.at(-1)
    ? ((columns.at(-1) as ColumnDef).label ?? (columns.at(-1) as ColumnDef).name)
    : '';
  return columns.length > 1 ? `${first} to ${last}` : first;
}

/**
 * The group and text columns a table starts with, which identify each row; when they would
 * take more than half the page, only its first column (the others go into the parts).
 */
function leadingLabels(table: Table, width: ColumnWidths): ColumnDef[] {
  const columns = table.columns;
  const end = columns.findIndex((column) => column.kind === 'count' || column.kind === 'number');
  if (end <= 0) return [];
  const leading = columns.slice(0, end);
  return tableWidth(leading, width) <= PAGE_WIDTH / 2 ? leading : leading.slice(0, 1);
}

/** A table's estimated printed width, from its columns' widths on screen. */
function printWidth(columns: readonly ColumnDef[], width: ColumnWidths): number {
  const chars = (column: ColumnDef) => (width(column) - CELL_PADDING) / CHAR_WIDTH;
  return columns.reduce(
    (sum, column) => sum + chars(column) * PRINT_CHAR_WIDTH + PRINT_CELL_PADDING,
    0,
  );
}

function tableWidth(columns: readonly ColumnDef[], width: ColumnWidths): number {
  return columns.reduce((sum, column) => sum + width(column), 0);
}

/** The estimated width of each column of one table (and of its parts, which share its rows). */
type ColumnWidths = (column: ColumnDef) => number;

/** Widths measured once per column: splitting a table into parts measures every cell once. */
function columnWidths(table: Table): ColumnWidths {
  const known = new Map<ColumnDef, number>();
  return (column) => {
    let width = known.get(column);
    if (width === undefined) {
      width = columnWidth(table, column);
      known.set(column, width);
    }
    return width;
  };
}

/** Estimated width of a column: its widest cell or header part (headers wrap at `_`); text wraps. */
function columnWidth(table: Table, column: ColumnDef): number {
  const heading = column.label ?? column.name;
  // Headings wrap at spaces and underscores; a heading in words wraps like text.
  let chars = Math.max(...heading.split(/[_\s]+/).map((part) => part.length + 1));
  for (const row of table.rows) {
    const cell = row[column.name];
    if (cell !== undefined) chars = Math.max(chars, displayCell(cell, column).length);
  }
  const wraps = column.kind === 'group' || column.kind === 'text';
  return Math.min(chars, wraps ? TEXT_CHARS : chars) * CHAR_WIDTH + CELL_PADDING;
}
