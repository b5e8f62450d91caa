import { type ResolvedHeader, resolveHeader } from '../contract/header.js';
import type { IssueInput, IssueLog } from '../contract/issues.js';
import { RULES } from '../contract/rules.js';
import { type CsvReadOptions, readCsvFile } from '../io/csvReader.js';
import type { InputFile } from '../io/discover.js';
import type { SheetVisitor } from '../io/sheetReader.js';
import { columnLetters, isSpreadsheetName, WorkbookProblem } from '../io/workbookFile.js';
import type { FileReport } from '../model/programme.js';
import { type Recodes, recoded } from './recode.js';

export function newFileReport(file: InputFile): FileReport {
  return { path: file.display, kind: file.kind, encoding: 'utf-8', read: 0, used: 0, rejected: 0 };
}

/** One data record, with helpers to read its cells and report on them. */
export class Row {
  fields: string[] = [];
  line = 0;
  index: Readonly<Record<string, number>> = {};
  /** Errors reported on this row so far: a row with any is rejected. */
  errors = 0;

  constructor(
    private readonly file: string,
    private readonly log: IssueLog,
  ) {}

  reset(fields: string[], line: number, index: Readonly<Record<string, number>>): void {
    this.fields = fields;
    this.line = line;
    this.index = index;
    this.errors = 0;
  }

  /**
   * The file's own names of contract columns where they differ (a wide return's `WEMWBS
   * baseline` for `score`): issues name the column as the file does.
   */
  columnNames: Readonly<Record<string, string>> | null = null;

  /** The config's recodes for this file's coded columns (null: none). */
  recodes: Recodes | null = null;

  /**
   * For a workbook's sheet, the sheet column of the first field (1 = A), so that an issue names
   * the cell; 0 for a CSV file.
   */
  firstColumn = 0;

  /** The trimmed cell of a contract column ('' when absent or empty), recoded by the config. */
  get(column: string): string {
    const i = this.index[column];
    if (i === undefined || i < 0) return '';
    const value = this.fields[i];
    if (value === undefined) return '';
    return this.recodes === null ? value.trim() : recoded(this.recodes, column, value.trim());
  }

  has(column: string): boolean {
    const i = this.index[column];
    return i !== undefined && i >= 0;
  }

  issue(input: Omit<IssueInput, 'file' | 'line'>): void {
    const own = this.columnNames && input.column ? this.columnNames[input.column] : undefined;
    const at = this.firstColumn > 0 && input.column ? this.index[input.column] : undefined;
    this.log.add({
      ...input,
      ...(own === undefined ? {} : { column: own }),
      ...(at === undefined || at < 0
        ? {}
        : { cell: `${columnLetters(this.firstColumn + at)}${this.line}` }),
      file: this.file,
      line: this.line,
    });
    const severity = input.severity;
    if (severity === 'error' || (severity === undefined && isErrorRule(input.rule))) this.errors++;
  }
}

function isErrorRule(rule: IssueInput['rule']): boolean {
  return RULES[rule].severity === 'error';
}

export interface TableReadOptions extends CsvReadOptions {
  /**
   * Called before each record (a reader hands on a full piece of the file then: the rows and
   * issues before this record).
   */
  readonly beforeRecord?: () => void;
  /** Values of coded columns to read as others (the config's `recode` for this file). */
  readonly recodes?: Recodes | null;
  /** Normalised column names another reading of the file uses (not reported as unknown). */
  readonly readElsewhere?: ReadonlySet<string>;
  /** Resolves the header in place of the contract's own resolution (a wide layout). */
  readonly header?: (fields: readonly string[], line: number) => ResolvedHeader;
  /**
   * Given a CSV file's usable header, a reader of plain records straight from their bytes, or
   * null: it takes a record (and uses it) by returning true, and declines one by returning false
   * having changed nothing, which then reaches `onRow` as text like any other.
   */
  readonly plainRecords?: (header: ResolvedHeader) => PlainRecordReader | null;
}

/** Reads a record from its bytes (see TableReadOptions.plainRecords). */
export type PlainRecordReader = (
  bytes: Buffer,
  start: number,
  end: number,
  line: number,
) => boolean;

const NO_FIELDS: readonly string[] = [];

/**
 * Reads one input file through the contract: resolves its header (with aliases), checks each
 * record's width, and hands each well-formed record to `onRow`, which returns whether the row is
 * used. Rejections are counted; a file whose header is unusable has every record rejected.
 * `options` passes reading options on (a digest of the bytes for the manifest, say).
 */
export async function readTable(
  file: InputFile,
  aliases: ReadonlyMap<string, string>,
  log: IssueLog,
  onRow: (row: Row) => boolean,
  options: TableReadOptions = {},
): Promise<FileReport> {
  const { beforeRecord, recodes, header: resolve, readElsewhere, plainRecords, ...csv } = options;
  const report = newFileReport(file);
  const row = new Row(file.display, log);
  row.recodes = recodes ?? null;
  let header: ReturnType<typeof resolveHeader> | null = null;
  // The last line handed over (header or record), to say where reading stopped if it fails.
  let lastLine = 0;
  let lastFields: readonly string[] = [];
  let plain: PlainRecordReader | null = null;
  const sheet = file.sheet !== undefined || isSpreadsheetName(file.path);
  if (sheet) report.encoding = 'xlsx';
  try {
    const visitor: SheetVisitor = {
      header(fields, line, firstColumn) {
        lastLine = line;
        lastFields = fields;
        row.firstColumn = firstColumn ?? 0;
        header = resolve
          ? resolve(fields, line)
          : resolveHeader(
              fields,
              file.kind,
              aliases,
              { file: file.display, line },
              log,
              readElsewhere,
            );
        plain = header.usable && plainRecords ? plainRecords(header) : null;
      },
      ...(plainRecords === undefined || sheet
        ? {}
        : {
            plainRecord(bytes: Buffer, start: number, end: number, line: number): boolean {
              if (plain === null) return false;
              beforeRecord?.();
              if (!plain(bytes, start, end, line)) return false;
              lastLine = line;
              lastFields = NO_FIELDS;
              report.read++;
              report.used++;
              return true;
            },
          }),
      record(fields, line) {
        beforeRecord?.();
        lastLine = line;
        lastFields = fields;
        report.read++;
        const h = header as ReturnType<typeof resolveHeader> | null;
        if (h === null || !h.usable) {
          report.rejected++;
          return;
        }
        if (fields.length !== h.width) {
          log.add({
            file: file.display,
            line,
            rule: 'row.ragged',
            value: String(fields.length),
            message: `the row has ${fields.length} field(s) where the header has ${h.width}; it is rejected`,
          });
          report.rejected++;
          return;
        }
        row.reset(fields, line, h.index);
        if (onRow(row)) report.used++;
        else report.rejected++;
      },
      rejected(line) {
        beforeRecord?.();
        lastLine = line;
        lastFields = [];
        report.read++;
        report.rejected++;
      },
    };
    // The workbook reader (and exceljs) is loaded only when a workbook is read: reading CSV
    // files, in each worker thread too, does not carry it.
    const summary = sheet
      ? await (await import('../io/sheetReader.js')).readSheet(
          file.path,
          file.sheet,
          file.display,
          visitor,
          log,
          { digest: csv.digest },
        )
      : await readCsvFile(file.path, file.display, visitor, log, csv);
    report.encoding = summary.encoding;
    if (summary.digest !== null) report.digest = summary.digest;
    report.read += summary.unparsed;
    report.rejected += summary.unparsed;
    if (!summary.hasHeader && summary.encoding !== 'binary') {
      log.add({
        file: file.display,
        line: null,
        rule: 'file.empty',
        message: 'the file is empty: it has no header row',
      });
    } else if (summary.hasHeader && report.read === 0) {
      log.add({
        file: file.display,
        line: null,
        rule: 'file.empty',
        severity: 'warning',
        message: 'the file has a header but no data rows',
      });
    }
  } catch (error) {
    if (error instanceof WorkbookProblem) {
      log.add({ file: file.display, line: null, rule: 'file.format', message: error.message });
      return report;
    }
    // The file vanished or became unreadable part-way: what was read stands, the rest is unknown.
    // The line is where reading stopped: after the last line read (none when it never opened).
    const code = (error as { code?: unknown }).code;
    // A file-system error is named by its code; in a workbook, anything else is a damaged part
    // (XML that does not parse, compressed data that does not inflate).
    const reason =
      typeof code === 'string' && !(sheet && code.startsWith('Z_'))
        ? code
        : sheet
          ? `the workbook is damaged: ${(error as Error).message}; open it in Excel and save it again`
          : (error as Error).message;
    const stopped = sheet
      ? lastLine + (lastLine === 0 ? 0 : 1)
      : lastLine === 0
        ? 0
        : lastLine + lastFields.reduce((n, f) => n + countLineBreaks(f), 0) + 1;
    const where = sheet ? 'row' : 'line';
    log.add({
      file: file.display,
      line: stopped === 0 ? null : stopped,
      rule: 'file.unreadable',
      message:
        stopped === 0
          ? `the file cannot be read (${reason}); no record was read`
          : `the file cannot be read from ${where} ${stopped} on (${reason}); the ${report.read} record(s) before it were read, the rest is not counted`,
    });
  }
  return report;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
