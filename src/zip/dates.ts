/**
 * ZIP archives (an .xlsx is one) record a modification time for every entry, in each entry's
 * local header and again in the central directory, as an MS-DOS date and time (PKWARE, APPNOTE.TXT
 * 6.3.10: sections 4.3.7, 4.3.12, 4.3.16, 4.4.6). exceljs's zip library (JSZip) stamps each entry
 * with the time it was added, so two runs differ in those bytes alone; setting every stamp to
 * one given time makes the archive depend on its content only.
 */
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** The end record's fixed size, and the longest comment that may follow it. */
const END_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** The earliest and latest times an MS-DOS date can hold (1980-01-01, 2107-12-31 23:59:58). */
const DOS_FIRST = Date.UTC(1980, 0, 1);
const DOS_LAST = Date.UTC(2107, 11, 31, 23, 59, 58);

/**
 * A copy of the archive `zip` in which every entry's modification time is `date` (its UTC
 * calendar time, to the even second the format can hold; times outside 1980–2107 are moved to the
 * nearest end). Nothing else changes: sizes, offsets and checksums do not cover these fields.
 *
 * @throws {Error} when `zip` is not a single-disk ZIP archive without ZIP64 records
 */
export function withEntryDates(zip: Uint8Array, date: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, day } = dosDateTime(date);
  const end = endOfCentralDirectory(out);
  const entries = out.readUInt16LE(end + 10);
  const size = out.readUInt32LE(end + 12);
  const start = out.readUInt32LE(end + 16);
  if (entries === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    throw new Error('ZIP64 archives are not handled');
  }
  let at = start;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > out.length || out.readUInt32LE(at) !== CENTRAL_HEADER) {
      throw new Error(`no central directory header where entry ${i + 1} should be`);
    }
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(day, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (local + 30 > out.length || out.readUInt32LE(local) !== LOCAL_HEADER) {
      throw new Error(`no local header for entry ${i + 1}`);
    }
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(day, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/** MS-DOS time (hours, minutes, seconds ÷ 2) and date (years since 1980, month, day). */
export function dosDateTime(date: Date): { time: number; day: number } {
  const ms = Math.min(Math.max(date.getTime(), DOS_FIRST), DOS_LAST);
  const d = new Date(ms);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    day: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** The offset of the end-of-central-directory record: the last one, searching back. */
function endOfCentralDirectory(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - END_SIZE - MAX_COMMENT);
  for (let at = zip.length - END_SIZE; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('not a ZIP archive: no end of central directory record');
}
