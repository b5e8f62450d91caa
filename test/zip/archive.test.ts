import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, zipArchive } from '../../src/zip/archive.js';
import { dosDateTime } from '../../src/zip/dates.js';

/** The entries of an archive, read back through its central directory (APPNOTE.TXT 4.3.12). */
function readZip(zip: Buffer) {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end);
  const entries: { name: string; data: Buffer; time: number; day: number; crc: number }[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const size = zip.readUInt32LE(at + 20);
    const name = zip.toString('ascii', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    // The local header says what the central one does.
    expect(zip.subarray(local + 10, local + 26)).toEqual(zip.subarray(at + 12, at + 28));
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zlib.inflateRawSync(zip.subarray(start, start + size));
    expect(data.length).toBe(zip.readUInt32LE(at + 24));
    entries.push({
      name,
      data,
      time: zip.readUInt16LE(at + 12),
      day: zip.readUInt16LE(at + 14),
      crc: zip.readUInt32LE(at + 16),
    });
    at += 46 + nameLength;
  }
  return entries;
}

const zlibCrc32 = (zlib as unknown as { crc32: (data: Uint8Array) => number }).crc32;

describe('ZIP archives', () => {
  it('CRC-32 is the standard check value and zlib’s', () => {
    // The CRC-32 check value of "123456789" (ISO 3309 / ITU-T V.42; Koopman's and Greg Cook's
    // catalogue of CRC parameters: CRC-32/ISO-HDLC, check=0xcbf43926).
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        // zlib's own (Node 20.15 and later, as here) as the independent reference.
        expect(crc32(bytes)).toBe(zlibCrc32(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('holds every entry as given, in order, each stamped with the one time', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.stringMatching(/^[a-z][a-z0-9/._]{0,30}$/),
            data: fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 4 }),
          }),
          { maxLength: 6 },
        ),
        fc.date({
          min: new Date('1980-01-01T00:00:00Z'),
          max: new Date('2107-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (entries, date) => {
          const zip = zipArchive(entries, date);
          const read = readZip(zip);
          const { time, day } = dosDateTime(date);
          expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
          read.forEach((entry, i) => {
            const whole = Buffer.concat((entries[i] as (typeof entries)[number]).data);
            expect(entry.data.equals(whole)).toBe(true);
            expect(entry.crc).toBe(crc32(whole));
            expect([entry.time, entry.day]).toEqual([time, day]);
          });
          expect(zipArchive(entries, date).equals(zip)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
