import { type ZipEntry, zipArchive } from '../zip/archive.js';

/**
 * An .xlsx workbook of values (ECMA-376 Part 1, SpreadsheetML; the package as a ZIP archive):
 * text and numbers in cells, a few cell styles (bold titles and headings, wrapped text), column
 * widths. Nothing else: no formulas, no merged cells. Written by hand rather than with exceljs
 * (which tides still uses to read partners' workbooks and to write the template, with its data
 * validation): for the tables of an analysis, exceljs took about a second (loading 500-odd
 * modules, a cell object per cell, JSZip in JavaScript), this takes some hundredths.
 */

/** How a cell looks: fonts and alignment the Analysis Function's layout uses. */
export type CellStyle =
  | 'plain'
  | 'title'
  | 'tableTitle'
  | 'header'
  | 'wrap'
  | 'coverTitle'
  | 'coverHeading';

export interface SheetCell {
  readonly value: string | number;
  readonly style?: CellStyle;
}

export interface SheetRow {
  /** 1-based, increasing from row to row. */
  readonly index: number;
  /** From column A; null for an empty cell. */
  readonly cells: readonly (SheetCell | null)[];
}

export interface Sheet {
  /** At most 31 characters, none of `\ / ? * [ ] :`, unique in the workbook (Excel's rules). */
  readonly name: string;
  /** Column widths from column A, in characters. */
  readonly widths: readonly number[];
  readonly rows: Iterable<SheetRow>;
}

export interface WorkbookProperties {
  readonly creator: string;
  /** Created and modified, and every archive entry's time. */
  readonly date: Date;
}

/** Index of each style in styles.xml's cellXfs. */
const STYLE_INDEX: Readonly<Record<CellStyle, number>> = {
  plain: 0,
  title: 1,
  tableTitle: 2,
  header: 3,
  wrap: 4,
  coverTitle: 5,
  coverHeading: 6,
};

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** A worksheet's XML is cut into pieces of about this many characters (a sheet may be large). */
const PIECE = 1 << 20;

/** The workbook's bytes: the same sheets and properties give the same bytes. */
export function workbookBytes(sheets: readonly Sheet[], properties: WorkbookProperties): Buffer {
  const strings = new SharedStrings();
  const entries: ZipEntry[] = [];
  const text = (name: string, xml: string): ZipEntry => ({ name, data: [Buffer.from(xml)] });
  const sheetEntries = sheets.map((sheet, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    data: worksheetXml(sheet, strings),
  }));
  entries.push(
    text('[Content_Types].xml', contentTypes(sheets.length)),
    text('_rels/.rels', packageRelationships()),
    text('docProps/app.xml', appProperties(sheets)),
    text('docProps/core.xml', coreProperties(properties)),
    text('xl/workbook.xml', workbookXml(sheets)),
    text('xl/_rels/workbook.xml.rels', workbookRelationships(sheets.length)),
    text('xl/styles.xml', STYLES),
    ...sheetEntries,
    text('xl/sharedStrings.xml', strings.xml()),
  );
  return zipArchive(entries, properties.date);
}

/**
 * Text as XML character data (and attribute values). The two characters XML 1.0 cannot hold
 * beyond the controls (which every output already writes as escapes) are written as escapes too.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"\ufffe\uffff]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '>'
          ? '&gt;'
          : c === '"'
            ? '&quot;'
            : `\\u${c.charCodeAt(0).toString(16)}`,
  );
}

/** The text of every cell, each once, in order of first use. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private uses = 0;

  of(text: string): number {
    this.uses++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items: string[] = [];
    for (const text of this.index.keys()) {
      // Leading or trailing spaces are kept only when the element says so.
      const preserve = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
      items.push(`<si><t${preserve}>${escapeXml(text)}</t></si>`);
    }
    return `${XML}<sst xmlns="${MAIN}" count="${this.uses}" uniqueCount="${this.index.size}">${items.join('')}</sst>`;
  }
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function worksheetXml(sheet: Sheet, strings: SharedStrings): Buffer[] {
  const pieces: Buffer[] = [];
  let xml = `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>`;
  if (sheet.widths.length > 0) {
    xml += '<cols>';
    sheet.widths.forEach((width, i) => {
      xml += `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
    });
    xml += '</cols>';
  }
  xml += '<sheetData>';
  const names: string[] = [];
  for (const row of sheet.rows) {
    xml += `<row r="${row.index}">`;
    row.cells.forEach((cell, j) => {
      if (cell === null) return;
      names[j] ??= columnName(j);
      const style = STYLE_INDEX[cell.style ?? 'plain'];
      const s = style === 0 ? '' : ` s="${style}"`;
      const at = `${names[j]}${row.index}`;
      if (typeof cell.value === 'number') {
        // Excel holds no NaN or infinity: such a number is written as text.
        xml += Number.isFinite(cell.value)
          ? `<c r="${at}"${s}><v>${cell.value}</v></c>`
          : `<c r="${at}"${s} t="s"><v>${strings.of(String(cell.value))}</v></c>`;
      } else {
        xml += `<c r="${at}"${s} t="s"><v>${strings.of(cell.value)}</v></c>`;
      }
    });
    xml += '</row>';
    if (xml.length > PIECE) {
      pieces.push(Buffer.from(xml));
      xml = '';
    }
  }
  xml +=
    '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  pieces.push(Buffer.from(xml));
  return pieces;
}

function contentTypes(sheets: number): string {
  const worksheets = Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    worksheets +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>'
  );
}

function packageRelationships(): string {
  return (
    `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${RELATIONSHIPS}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

function appProperties(sheets: readonly Sheet[]): string {
  const names = sheets.map((sheet) => `<vt:lpstr>${escapeXml(sheet.name)}</vt:lpstr>`).join('');
  return (
    `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>tides</Application>' +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
    `<vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts>` +
    '</Properties>'
  );
}

function coreProperties({ creator, date }: WorkbookProperties): string {
  // W3CDTF to the second, in UTC.
  const when = `${date.toISOString().slice(0, 19)}Z`;
  return (
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${escapeXml(creator)}</dc:creator><cp:lastModifiedBy>${escapeXml(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function workbookXml(sheets: readonly Sheet[]): string {
  const list = sheets
    .map(
      (sheet, i) =>
        `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
    )
    .join('');
  return (
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="12000" windowHeight="24000"/></bookViews>' +
    `<sheets>${list}</sheets></workbook>`
  );
}

function workbookRelationships(sheets: number): string {
  const worksheets = Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return (
    `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${worksheets}` +
    `<Relationship Id="rId${sheets + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${sheets + 2}" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>` +
    '</Relationships>'
  );
}

/** Calibri 11 (Excel's default), and bold at 15, 13, 11 and 12 points. */
const FONTS = [
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  ...[15, 13, 11, 12].map(
    (size) => `<font><b/><sz val="${size}"/><name val="Calibri"/><family val="2"/></font>`,
  ),
];

/** cellXfs in STYLE_INDEX's order: font, and alignment. */
const CELL_FORMATS: readonly [font: number, alignment: string][] = [
  [0, ''],
  [1, ''],
  [2, ''],
  [3, '<alignment vertical="bottom" wrapText="1"/>'],
  [0, '<alignment vertical="top" wrapText="1"/>'],
  [1, '<alignment vertical="top" wrapText="1"/>'],
  [4, '<alignment vertical="top" wrapText="1"/>'],
];

const STYLES =
  `${XML}<styleSheet xmlns="${MAIN}">` +
  `<fonts count="${FONTS.length}">${FONTS.join('')}</fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${CELL_FORMATS.length}">${CELL_FORMATS.map(([font, alignment]) =>
    alignment === ''
      ? `<xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0"${font === 0 ? '' : ' applyFont="1"'}/>`
      : `<xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0"${font === 0 ? '' : ' applyFont="1"'} applyAlignment="1">${alignment}</xf>`,
  ).join('')}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
