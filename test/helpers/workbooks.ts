import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';

/** A cell as the tests write it: what exceljs takes as a cell value. */
export type CellInput = ExcelJS.CellValue;

/**
 * Writes a workbook with exceljs (as a partner's Excel would save it: shared strings, styles,
 * dates formatted as dates). `sheets` maps each sheet's name to its rows; `edit` may change the
 * workbook before it is saved (hide rows, merge cells, number formats).
 */
export async function writeWorkbook(
  path: string,
  sheets: Record<string, CellInput[][]>,
  edit?: (book: ExcelJS.Workbook) => void,
): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  edit?.(book);
  mkdirSync(dirname(path), { recursive: true });
  await book.xlsx.writeFile(path);
}

/** A date as exceljs writes it to a cell: midnight UTC of the day. */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export interface ZipPart {
  readonly name: string;
  readonly data: string | Buffer;
  /** General-purpose flags (bit 0: encrypted). */
  readonly flags?: number;
}

/**
 * A zip archive of stored (uncompressed) parts, written byte by byte to the format's
 * specification (PKWARE APPNOTE 4.3.7 and 4.3.12), for workbooks no spreadsheet program would
 * write: an OpenDocument file's layout, encrypted parts, a cut-off directory.
 */
export function storedZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const data = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.flags ?? 0, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.flags ?? 0, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The smallest workbook Excel opens: one sheet, with the given sheet XML and parts. */
export function minimalWorkbook(
  sheetXml: string,
  options: { sharedStrings?: string; styles?: string; date1904?: boolean } = {},
): ZipPart[] {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts: ZipPart[] = [
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns="${main}" xmlns:r="${rel}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Participants" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/data.xml"/></Relationships>`,
    },
    {
      name: 'xl/worksheets/data.xml',
      data: `<?xml version="1.0"?><worksheet xmlns="${main}"><sheetData>${sheetXml}</sheetData></worksheet>`,
    },
  ];
  if (options.sharedStrings !== undefined) {
    parts.push({
      name: 'xl/sharedStrings.xml',
      data: `<sst xmlns="${main}">${options.sharedStrings}</sst>`,
    });
  }
  if (options.styles !== undefined) {
    parts.push({
      name: 'xl/styles.xml',
      data: `<styleSheet xmlns="${main}">${options.styles}</styleSheet>`,
    });
  }
  return parts;
}

export function writeFile(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}
