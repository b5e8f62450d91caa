import { afterEach, describe, expect, it, vi } from 'vitest';
import { templateModel } from '../../src/template/model.js';
import { templateWorkbook, templateWorkbookBytes } from '../../src/template/workbook.js';
import { dosDateTime, withEntryDates } from '../../src/zip/dates.js';

/** Every entry's [name, time, date] from the central directory and from its local header. */
function entryStamps(zip: Buffer): { central: number[][]; local: number[][] } {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const central: number[][] = [];
  const local: number[][] = [];
  for (let i = 0; i < count; i++) {
    central.push([zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14)]);
    const header = zip.readUInt32LE(at + 42);
    local.push([zip.readUInt16LE(header + 10), zip.readUInt16LE(header + 12)]);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { central, local };
}

const model = templateModel({});
const FIXED = new Date(Date.UTC(2017, 3, 3, 12, 34, 56));

/** The workbook as exceljs writes it, at a given time of the (fake) clock. */
async function writtenAt(time: Date): Promise<Buffer> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(time);
  return Buffer.from(await (await templateWorkbook(model, FIXED)).xlsx.writeBuffer());
}

afterEach(() => {
  vi.useRealTimers();
});

describe('dosDateTime', () => {
  it('packs the UTC time into MS-DOS time and date (APPNOTE 4.4.6), to the even second', () => {
    // 12:34:56 → 12 << 11 | 34 << 5 | 28; 2017-04-03 → 37 << 9 | 4 << 5 | 3.
    expect(dosDateTime(FIXED)).toEqual({ time: 25692, day: 19075 });
    expect(dosDateTime(new Date(Date.UTC(1980, 0, 1)))).toEqual({ time: 0, day: 33 });
  });

  it('moves times outside 1980–2107 to the nearest end', () => {
    expect(dosDateTime(new Date(0))).toEqual(dosDateTime(new Date(Date.UTC(1980, 0, 1))));
    expect(dosDateTime(new Date(Date.UTC(9999, 11, 31)))).toEqual({
      time: (23 << 11) | (59 << 5) | 29,
      day: (127 << 9) | (12 << 5) | 31,
    });
  });
});

describe('withEntryDates', () => {
  it('stamps every entry, in the central directory and its local header', async () => {
    const raw = await writtenAt(new Date(Date.UTC(2024, 0, 2, 3, 4, 6)));
    const fixed = withEntryDates(raw, FIXED);
    const { central, local } = entryStamps(fixed);
    expect(central.length).toBeGreaterThanOrEqual(10);
    const stamp = [25692, 19075];
    expect(central.every(([t, d]) => t === stamp[0] && d === stamp[1])).toBe(true);
    expect(local).toEqual(central);
    expect(fixed.length).toBe(raw.length);
    expect(raw.equals(fixed)).toBe(false);
  });

  it('makes the workbooks exceljs writes at different times byte-identical', async () => {
    const monday = await writtenAt(new Date(Date.UTC(2024, 0, 1, 9, 0, 0)));
    const tuesday = await writtenAt(new Date(Date.UTC(2024, 0, 2, 17, 30, 0)));
    // Without the fix the archives differ, in the entries' times alone.
    expect(monday.equals(tuesday)).toBe(false);
    expect(withEntryDates(monday, FIXED).equals(withEntryDates(tuesday, FIXED))).toBe(true);
  });

  it('is what templateWorkbookBytes does: the same bytes whenever it runs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2024, 0, 1)));
    const first = await templateWorkbookBytes(model, FIXED);
    vi.setSystemTime(new Date(Date.UTC(2031, 5, 7, 23, 59, 59)));
    const second = await templateWorkbookBytes(model, FIXED);
    expect(first.equals(second)).toBe(true);
  });

  it('refuses what is not a ZIP archive', () => {
    expect(() => withEntryDates(Buffer.from('not a zip'), FIXED)).toThrow(/not a ZIP archive/);
  });
});
