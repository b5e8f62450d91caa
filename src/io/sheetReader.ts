import { closeSync, fstatSync } from 'node:fs';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { IssueLog } from '../contract/issues.js';
import type { CsvReadSummary, CsvVisitor } from './csvReader.js';
import { fileDigest } from './hash.js';
import { openRegularFile } from './regularFile.js';
import {
  columnLetters,
  readAt,
  readWorkbookDirectory,
  unreadableSpreadsheet,
  type WorkbookDirectory,
  WorkbookProblem,
  type ZipEntry,
} from './workbookFile.js';

/**
 * Streams one sheet of an Excel workbook into the header and record callbacks a CSV reader
 * uses, so that a sheet is checked exactly as a CSV file is. Each record's line is its row number
 * in the sheet, and `firstColumn` says which column the header starts in, so that a message can
 * name the cell (`C5`).
 *
 * exceljs's streaming reader parses the sheet. It is fed only the parts it needs, in the order it
 * needs them: the workbook's relationships, workbook.xml, styles.xml (so that cells formatted as
 * dates are read as dates) and the shared strings, then the one sheet, renamed `sheet1.xml`. In a
 * zip's own order a sheet may come before the shared strings or the styles, and exceljs would then
 * copy it to a temporary file or read its dates as serial numbers.
 *
 * Cells become text as a CSV would hold them: numbers as JavaScript writes them, cells formatted
 * as dates (and formulas whose result is so formatted) as `YYYY-MM-DD` (with the time when it is
 * not midnight), booleans as TRUE and FALSE, rich text as its plain text. A formula is read
 * through the value Excel saved with it; a formula without one, and an error value (#N/A), are
 * errors that reject the row, naming the cell. The header is the first row with two or more
 * filled cells: filled rows above it (a title, a note) are reported, once. A value to the right of
 * the header's last column, or left of its first, makes the row ragged, as in a CSV. Hidden rows
 * are read, and reported once; merged cells in the data are reported once (only their first cell
 * holds a value, so the others are read as empty).
 */
export interface SheetVisitor extends CsvVisitor {
  header(fields: string[], line: number, firstColumn?: number): void;
  /** A data row rejected by the sheet reader itself (its problems are reported already). */
  rejected(line: number): void;
}

export interface SheetReadOptions {
  readonly digest?: boolean;
}

/** The parts fed to exceljs before the sheet, in order. */
const LEADING_PARTS = [
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
];
/** The name the sheet is given in the stream exceljs reads. */
const SHEET_PART = 'xl/worksheets/sheet1.xml';
const CHUNK = 1024 * 1024;

/**
 * Reads the sheet `sheetName` (by default the workbook's first visible sheet). A file that is
 * not a workbook tides reads throws WorkbookProblem.
 */
export async function readSheet(
  path: string,
  sheetName: string | undefined,
  display: string,
  visitor: SheetVisitor,
  log: IssueLog,
  options: SheetReadOptions = {},
): Promise<CsvReadSummary> {
  const unreadable = unreadableSpreadsheet(path);
  if (unreadable !== null) throw new WorkbookProblem(unreadable);
  const directory = readWorkbookDirectory(path);
  const sheet =
    sheetName === undefined
      ? (directory.sheets.find((s) => s.state === 'visible' && s.part !== null) ??
        directory.sheets[0])
      : directory.sheets.find((s) => s.name === sheetName);
  if (sheet === undefined || sheet.part === null) {
    log.add({
      file: display,
      line: null,
      rule: 'file.format',
      message:
        sheet === undefined
          ? `the workbook has no sheet named ${sheetName}`
          : `the sheet ${sheet.name} is a chart, not a table`,
    });
    return {
      hasHeader: true,
      unparsed: 0,
      encoding: 'xlsx',
      digest: await digestOf(path, options),
    };
  }
  if (sheet.state !== 'visible') {
    log.add({
      file: display,
      line: null,
      rule: 'sheet.hidden',
      message: `the sheet is hidden in the workbook; it is read like any other`,
    });
  }
  const tap = new SheetTap();
  const rows = new RowAssembler(display, visitor, log, directory.date1904);
  const excel: typeof ExcelJS = (await import('exceljs')).default;
  const reader = new excel.stream.xlsx.WorkbookReader(partStream(path, directory, sheet.part), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    const sheetReader = worksheet as unknown as { iterator: AsyncIterable<Buffer | string> };
    sheetReader.iterator = tap.wrap(sheetReader.iterator);
    for await (const row of worksheet) rows.add(row);
  }
  rows.finish(tap);
  return {
    hasHeader: rows.hasHeader,
    unparsed: 0,
    encoding: 'xlsx',
    digest: await digestOf(path, options),
  };
}

/** The workbook's size and SHA-256 when asked for (the manifest hashes it later otherwise). */
async function digestOf(
  path: string,
  options: SheetReadOptions,
): Promise<CsvReadSummary['digest']> {
  return options.digest === true ? fileDigest(path) : null;
}

/**
 * The workbook's parts exceljs needs, as one zip stream of local records: each with its sizes
 * from the central directory in its header (so no data descriptor follows), the sheet under
 * SHEET_PART. A part the workbook lacks (shared strings, when every string is inline) is written
 * empty, so that exceljs never puts the sheet aside to wait for it.
 */
function partStream(path: string, directory: WorkbookDirectory, sheetPart: string): Readable {
  const find = (name: string) =>
    directory.entries.get(name) ??
    [...directory.entries.values()].find((e) => e.name.toLowerCase() === name.toLowerCase());
  async function* parts(): AsyncGenerator<Buffer> {
    const fd = openRegularFile(path);
    try {
      const size = fstatSync(fd).size;
      for (const name of LEADING_PARTS) {
        const entry = find(name);
        if (entry !== undefined) yield* entryRecord(fd, size, entry, name);
        else if (name === 'xl/sharedStrings.xml') yield storedRecord(name, '<sst/>');
      }
      const sheet = directory.entries.get(sheetPart) as ZipEntry;
      yield* entryRecord(fd, size, sheet, SHEET_PART);
    } finally {
      closeSync(fd);
    }
  }
  return Readable.from(parts(), { objectMode: false });
}

function* entryRecord(fd: number, size: number, entry: ZipEntry, name: string): Generator<Buffer> {
  const local = readAt(fd, entry.offset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) {
    throw new Error('a part of the workbook is damaged');
  }
  const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const end = start + entry.compressedSize;
  if (end > Math.min(entry.end, size)) throw new Error('a part of the workbook is cut short');
  yield localHeader(name, entry.method, entry.crc, entry.compressedSize, entry.size);
  for (let at = start; at < end; at += CHUNK) yield readAt(fd, at, Math.min(CHUNK, end - at));
}

function storedRecord(name: string, text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  return Buffer.concat([localHeader(name, 0, 0, data.length, data.length), data]);
}

function localHeader(name: string, method: number, crc: number, compressed: number, size: number) {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x800, 6);
  header.writeUInt16LE(method, 8);
  header.writeUInt32LE(crc >>> 0, 14);
  header.writeUInt32LE(compressed, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, nameBytes]);
}

/**
 * Watches the sheet's XML as exceljs reads it, for what its reader passes over: hidden rows
 * (`<row r="7" hidden="1">`) and merged ranges (`<mergeCell ref="B4:B6"/>`).
 */
class SheetTap {
  readonly hiddenRows: number[] = [];
  readonly merges: string[] = [];
  private carry = '';

  wrap(source: AsyncIterable<Buffer | string>): AsyncIterable<Buffer | string> {
    const tap = this;
    return (async function* () {
      for await (const chunk of source) {
        tap.scan(typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
        yield chunk;
      }
    })();
  }

  private scan(chunk: string): void {
    const text = this.carry + chunk;
    // A tag cut by the chunk's end is scanned with the next chunk.
    const open = text.lastIndexOf('<');
    const complete = open > text.lastIndexOf('>') ? text.slice(0, open) : text;
    this.carry = complete.length < text.length ? text.slice(complete.length) : '';
    for (const m of complete.matchAll(/<(?:\w+:)?row\b[^>]*\bhidden="(?:1|true)"[^>]*>/g)) {
      const r = /\br="(\d+)"/.exec(m[0]);
      if (r) this.hiddenRows.push(Number(r[1]));
    }
    for (const m of complete.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g)) {
      this.merges.push(m[1] as string);
    }
  }
}

/** A cell's value as exceljs gives it. */
type CellValue = unknown;

interface ExcelRow {
  readonly number: number;
  eachCell(
    options: { includeEmpty: boolean },
    visit: (cell: { value: CellValue; numFmt?: string }, column: number) => void,
  ): void;
}

/** What a row's cells read as, or why one cannot be read. */
interface CellProblem {
  readonly column: number;
  readonly rule: 'cell.formula' | 'cell.error';
  readonly value: string;
  readonly message: string;
}

/** Turns the sheet's rows into a header and records of text. */
class RowAssembler {
  hasHeader = false;
  private first = 0;
  private width = 0;
  private preamble: number[] = [];
  private lastRow = 0;

  constructor(
    private readonly display: string,
    private readonly visitor: SheetVisitor,
    private readonly log: IssueLog,
    private readonly date1904: boolean,
  ) {}

  add(row: ExcelRow): void {
    const cells = new Map<number, string>();
    const problems: CellProblem[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const read = cellText(cell.value, cell.numFmt, this.date1904);
      if (typeof read === 'string') {
        if (read.trim() !== '') cells.set(column, read);
      } else {
        cells.set(column, '');
        problems.push({ column, ...read });
      }
    });
    if (cells.size === 0) return;
    this.lastRow = row.number;
    if (!this.hasHeader) {
      if (cells.size < 2 && problems.length === 0) {
        this.preamble.push(row.number);
        return;
      }
      this.startTable(cells, row.number);
      return;
    }
    const outside = [...cells.keys()].filter((c) => c < this.first || c >= this.first + this.width);
    if (outside.length > 0) {
      // Read as a CSV row with more fields than the header: the row's width is reported.
      const ref = `${columnLetters(outside[0] as number)}${row.number}`;
      this.log.add({
        file: this.display,
        line: row.number,
        rule: 'row.ragged',
        // The cell, not its text: a stray value may be anything (a postcode, a name).
        value: ref,
        message: `row ${row.number} has a value in ${ref}, outside the header's columns ${columnLetters(this.first)}–${columnLetters(this.first + this.width - 1)}; it is rejected`,
      });
      this.visitor.rejected(row.number);
      return;
    }
    for (const problem of problems) {
      this.log.add({
        file: this.display,
        line: row.number,
        column: this.headerNames[problem.column - this.first] ?? null,
        cell: `${columnLetters(problem.column)}${row.number}`,
        rule: problem.rule,
        value: problem.value,
        message: problem.message,
      });
    }
    if (problems.length > 0) {
      this.visitor.rejected(row.number);
      return;
    }
    const fields = new Array<string>(this.width);
    for (let i = 0; i < this.width; i++) fields[i] = cells.get(this.first + i) ?? '';
    this.visitor.record(fields, row.number);
  }

  private headerNames: string[] = [];

  private startTable(cells: Map<number, string>, rowNumber: number): void {
    const columns = [...cells.keys()];
    this.first = Math.min(...columns);
    this.width = Math.max(...columns) - this.first + 1;
    const fields = new Array<string>(this.width);
    for (let i = 0; i < this.width; i++) fields[i] = (cells.get(this.first + i) ?? '').trim();
    this.headerNames = fields;
    this.hasHeader = true;
    if (this.preamble.length > 0) {
      this.log.add({
        file: this.display,
        line: this.preamble[0] as number,
        rule: 'sheet.preamble',
        message: `${this.preamble.length} row(s) above the header (row ${this.preamble.join(', ')}) hold a single value each (a title or a note); they are not read, and the header is taken from row ${rowNumber}`,
      });
    }
    this.visitor.header(fields, rowNumber, this.first);
  }

  finish(tap: SheetTap): void {
    if (!this.hasHeader && this.preamble.length > 0) {
      this.log.add({
        file: this.display,
        line: this.preamble[0] as number,
        rule: 'file.empty',
        message: `no row has two or more filled cells, so the sheet has no header; its ${this.preamble.length} filled row(s) are not read`,
      });
      // Reported here: the table reader then says nothing more of an empty file.
      this.hasHeader = true;
    }
    const hidden = tap.hiddenRows.filter((r) => r <= this.lastRow);
    if (hidden.length > 0) {
      this.log.add({
        file: this.display,
        line: hidden[0] as number,
        rule: 'sheet.hidden',
        message: `${hidden.length} hidden row(s) (${rowList(hidden)}) are read like any other; unhide them to check them`,
      });
    }
    if (tap.merges.length > 0) {
      this.log.add({
        file: this.display,
        line: null,
        rule: 'cell.merged',
        value: tap.merges.slice(0, 5).join(' '),
        message: `${tap.merges.length} merged range(s) (${tap.merges.slice(0, 5).join(', ')}${tap.merges.length > 5 ? ', …' : ''}): only the first cell of each holds the value, so the others are read as empty`,
      });
    }
  }
}

function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 5).map((r) => `row ${r}`);
  return rows.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** A cell's text as a CSV would hold it, or the problem that keeps it from being read. */
export function cellText(
  value: CellValue,
  numFmt: string | undefined,
  date1904: boolean,
): string | Omit<CellProblem, 'column'> {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt, date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as {
      formula?: string;
      sharedFormula?: string;
      result?: unknown;
      error?: string;
      richText?: { text: string }[];
      text?: string;
    };
    if (v.error !== undefined) {
      return {
        rule: 'cell.error',
        value: v.error,
        message: `the cell holds the error value ${v.error}; the row is rejected`,
      };
    }
    if (v.richText !== undefined) return v.richText.map((run) => run.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const formula = `=${v.formula ?? v.sharedFormula ?? ''}`;
      if (v.result === undefined || v.result === null) {
        return {
          rule: 'cell.formula',
          value: formula,
          message: `the formula ${formula} has no value saved with it (the workbook was saved without calculating); the row is rejected`,
        };
      }
      if (typeof v.result === 'number' && Number.isNaN(v.result)) {
        return {
          rule: 'cell.error',
          value: formula,
          message: `the formula ${formula} gives an error value; the row is rejected`,
        };
      }
      if (typeof v.result === 'object' && v.result !== null && 'error' in v.result) {
        const error = String((v.result as { error: unknown }).error);
        return {
          rule: 'cell.error',
          value: error,
          message: `the formula ${formula} gives the error value ${error}; the row is rejected`,
        };
      }
      return cellText(v.result, numFmt, date1904);
    }
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}

function numberText(value: number, numFmt: string | undefined, date1904: boolean): string {
  if (numFmt !== undefined && isDateFormat(numFmt)) {
    const ms = Math.round((value - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
    return dateText(new Date(ms));
  }
  return String(value);
}

/** Whether a number format shows a date or time (as Excel and exceljs judge it). */
export function isDateFormat(format: string): boolean {
  const bare = format
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** A date as YYYY-MM-DD, with the time (to the second) when it is not midnight. */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}
