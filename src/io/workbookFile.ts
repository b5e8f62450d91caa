import { closeSync, fstatSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { openRegularFile } from './regularFile.js';

/**
 * The parts of an Excel workbook (.xlsx, .xlsm) tides needs before reading a sheet: its sheets
 * with their names and states, and where each part of the zip lies, read from the zip's central
 * directory without inflating anything but the two small parts that list the sheets. A file that
 * is not a workbook tides can read (an Excel 97–2003 .xls, a password-protected workbook, an
 * OpenDocument spreadsheet, a broken or truncated zip) gives a `WorkbookProblem` that says so and
 * what to do.
 */
export interface WorkbookSheet {
  readonly name: string;
  /** `visible`, `hidden` or `veryHidden` (workbook.xml's `state`). */
  readonly state: string;
  /** The zip entry of the sheet's XML (`xl/worksheets/sheet1.xml`); null for a chart sheet. */
  readonly part: string | null;
}

export interface ZipEntry {
  readonly name: string;
  /** Offset of the entry's local header; the entry runs to the next entry's (or the directory). */
  readonly offset: number;
  readonly end: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly encrypted: boolean;
}

export interface WorkbookDirectory {
  readonly sheets: readonly WorkbookSheet[];
  /** Whether serial dates count from 1904 (workbook.xml's `date1904`), not 1900. */
  readonly date1904: boolean;
  readonly entries: ReadonlyMap<string, ZipEntry>;
}

/** Why a file named as a workbook cannot be read, in words a partner can act on. */
export class WorkbookProblem extends Error {}

const SAVE_AS = 'save it as .xlsx (Excel Workbook) or CSV';
/** The largest workbook.xml or its relationships tides inflates (both are a few KB). */
const MAX_LISTING_BYTES = 16 * 1024 * 1024;

/** Reads a workbook's list of sheets; throws WorkbookProblem when it is not one tides reads. */
export function readWorkbookDirectory(path: string): WorkbookDirectory {
  const fd = openRegularFile(path);
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, Math.min(size, 8));
    if (
      head.length >= 8 &&
      head.readUInt32BE(0) === 0xd0cf11e0 &&
      head.readUInt32BE(4) === 0xa1b11ae1
    ) {
      throw new WorkbookProblem(
        `the file is an Excel 97–2003 workbook or a password-protected one (an OLE compound file), which tides cannot read: remove any password and ${SAVE_AS}`,
      );
    }
    if (head.length < 4 || head.readUInt32LE(0) !== 0x04034b50) {
      throw new WorkbookProblem(
        head.length === 0
          ? `the file is empty, not a workbook: ${SAVE_AS}`
          : `the file is not an Excel workbook (it is not a zip archive): ${SAVE_AS}`,
      );
    }
    const entries = readCentralDirectory(fd, size);
    if (entries.has('mimetype') && !entries.has('xl/workbook.xml')) {
      throw new WorkbookProblem(
        `the file is an OpenDocument spreadsheet (.ods), not an Excel workbook: ${SAVE_AS}`,
      );
    }
    const workbook = entries.get('xl/workbook.xml');
    if (workbook === undefined) {
      throw new WorkbookProblem(`the file is a zip archive but not an Excel workbook: ${SAVE_AS}`);
    }
    for (const entry of entries.values()) {
      if (entry.encrypted) {
        throw new WorkbookProblem(
          `the workbook's parts are encrypted: remove the password and ${SAVE_AS}`,
        );
      }
    }
    const rels = entries.get('xl/_rels/workbook.xml.rels');
    const targets =
      rels === undefined ? new Map<string, string>() : relationships(inflate(fd, rels));
    const xml = inflate(fd, workbook);
    const sheets = sheetList(xml, targets, entries);
    const properties = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(xml)?.[0];
    const date1904 =
      properties !== undefined && /^(1|true)$/.test(attributes(properties).get('date1904') ?? '');
    return { sheets, date1904, entries };
  } finally {
    closeSync(fd);
  }
}

export function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

const CORRUPT = `the workbook is damaged (its zip directory cannot be read; was it cut short?): open it in Excel and ${SAVE_AS}`;

/** The zip's entries by name, each with the byte range of its local record. */
function readCentralDirectory(fd: number, size: number): Map<string, ZipEntry> {
  // The end-of-central-directory record: 22 bytes and a comment of at most 65,535.
  const tailLength = Math.min(size, 22 + 65_535);
  const tail = readAt(fd, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new WorkbookProblem(CORRUPT);
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new WorkbookProblem(
      `the workbook is larger than 4 GB (a ZIP64 archive), which tides does not read: ${SAVE_AS}`,
    );
  }
  if (directoryOffset + directorySize > size) throw new WorkbookProblem(CORRUPT);
  const directory = readAt(fd, directoryOffset, directorySize);
  const found: Omit<ZipEntry, 'end'>[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) {
      throw new WorkbookProblem(CORRUPT);
    }
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const crc = directory.readUInt32LE(at + 16);
    const compressedSize = directory.readUInt32LE(at + 20);
    const uncompressed = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const offset = directory.readUInt32LE(at + 42);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    if (offset >= directoryOffset) throw new WorkbookProblem(CORRUPT);
    found.push({
      name,
      offset,
      method,
      crc,
      compressedSize,
      size: uncompressed,
      encrypted: (flags & 1) === 1,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  const byOffset = [...found].sort((a, b) => a.offset - b.offset);
  const entries = new Map<string, ZipEntry>();
  byOffset.forEach((entry, i) => {
    const end = byOffset[i + 1]?.offset ?? directoryOffset;
    entries.set(entry.name, { ...entry, end });
  });
  return entries;
}

/** The uncompressed bytes of a (small) entry, as text. */
function inflate(fd: number, entry: ZipEntry): string {
  const header = readAt(fd, entry.offset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50)
    throw new WorkbookProblem(CORRUPT);
  const start = entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize > MAX_LISTING_BYTES || start + entry.compressedSize > entry.end) {
    throw new WorkbookProblem(CORRUPT);
  }
  const data = readAt(fd, start, entry.compressedSize);
  try {
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8) {
      return inflateRawSync(data, { maxOutputLength: MAX_LISTING_BYTES }).toString('utf8');
    }
  } catch {
    throw new WorkbookProblem(CORRUPT);
  }
  throw new WorkbookProblem(
    `the workbook is compressed in a way tides does not read (zip method ${entry.method}): ${SAVE_AS}`,
  );
}

/** Attributes of an XML start tag, with the five predefined entities and character references decoded. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    found.set(m[1] as string, decodeXml(m[2] ?? m[3] ?? ''));
  }
  return found;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const e = entity.toLowerCase();
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] as string;
  });
}

/** Relationship ids of workbook.xml to the parts they name (`xl/worksheets/sheet1.xml`). */
function relationships(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id === undefined || target === undefined) continue;
    targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return targets;
}

function sheetList(
  xml: string,
  targets: ReadonlyMap<string, string>,
  entries: ReadonlyMap<string, ZipEntry>,
): WorkbookSheet[] {
  const sheets: WorkbookSheet[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const name = a.get('name');
    if (name === undefined) continue;
    const id = [...a.entries()].find(([key]) => key === 'r:id' || key.endsWith(':id'))?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    const part =
      target !== undefined && /worksheets\//.test(target) && entries.has(target) ? target : null;
    sheets.push({ name, state: a.get('state') ?? 'visible', part });
  }
  if (sheets.length === 0) throw new WorkbookProblem(`the workbook lists no sheets: ${SAVE_AS}`);
  return sheets;
}

/** The usual file-name endings of spreadsheets tides cannot read, with what each is. */
export const UNREADABLE_SPREADSHEETS: Readonly<Record<string, string>> = {
  '.xls': 'an Excel 97–2003 workbook (.xls)',
  '.xlsb': 'an Excel binary workbook (.xlsb)',
  '.ods': 'an OpenDocument spreadsheet (.ods)',
  '.numbers': 'a Numbers spreadsheet',
};

/** Whether tides reads a file of this name as an Excel workbook. */
export function isWorkbookName(name: string): boolean {
  return /\.xls[xm]$/i.test(name);
}

/** Whether a file of this name is a spreadsheet (one tides reads or one it explains it cannot). */
export function isSpreadsheetName(name: string): boolean {
  return isWorkbookName(name) || unreadableSpreadsheet(name) !== null;
}

/** What a file of a spreadsheet type tides cannot read is, and what to do; null for others. */
export function unreadableSpreadsheet(name: string): string | null {
  const ending = /\.[a-z]+$/i.exec(name)?.[0].toLowerCase();
  const what = ending === undefined ? undefined : UNREADABLE_SPREADSHEETS[ending];
  return what === undefined ? null : `the file is ${what}, which tides cannot read: ${SAVE_AS}`;
}

/** A column's letters from its number (1 = A, 27 = AA). */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
