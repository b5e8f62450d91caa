import { deflateRawSync } from 'node:zlib';
import { dosDateTime } from './dates.js';

/**
 * A ZIP archive written in one piece (PKWARE, APPNOTE.TXT 6.3.10: local headers 4.3.7, central
 * directory 4.3.12, end record 4.3.16), as an .xlsx package needs: each entry deflated (zlib,
 * native) with its CRC-32, every entry stamped with one given time, so the same entries and time
 * give the same bytes. No ZIP64: an entry or the archive over 4 GiB is refused.
 */
export interface ZipEntry {
  /** The entry's path in the archive (ASCII). */
  readonly name: string;
  /** Its content, in pieces (a large worksheet is made row by row). */
  readonly data: readonly Uint8Array[];
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Version 2.0: deflate. */
const VERSION = 20;
const DEFLATE = 8;
const LIMIT = 0xffffffff;

/**
 * The archive of `entries`, in order, each modified at `date` (its UTC time, to the even second).
 *
 * @throws {Error} when an entry or the archive is too large for a ZIP archive without ZIP64
 */
export function zipArchive(entries: readonly ZipEntry[], date: Date): Buffer {
  const { time, day } = dosDateTime(date);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'ascii');
    const data = Buffer.concat(entry.data);
    const compressed = deflateRawSync(data);
    if (data.length > LIMIT || compressed.length > LIMIT || offset > LIMIT) {
      throw new Error(`${entry.name} is too large for a ZIP archive without ZIP64`);
    }
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(0, 8);
    header.writeUInt16LE(DEFLATE, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(day, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(name.length, 28);
    // Extra field, comment, disk, internal and external attributes: none.
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, compressed);
    central.push(header, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  if (offset > LIMIT || entries.length > 0xffff) {
    throw new Error('the archive is too large for a ZIP archive without ZIP64');
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The CRC-32 table of the polynomial 0xEDB88320 (ISO 3309, as ZIP uses). */
const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** The CRC-32 of `data`, as ZIP records it. */
export function crc32(data: Uint8Array): number {
  let crc = -1;
  for (let i = 0; i < data.length; i++) {
    crc = (CRC_TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ -1) >>> 0;
}
