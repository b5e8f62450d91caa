import type { ResolvedHeader } from '../contract/header.js';
import { plainDay } from '../contract/values.js';
import { hashBytes } from '../model/idTable.js';

/**
 * What the readers of plain records (plainOutcomes.ts, plainParticipants.ts) share: splitting a
 * record's bytes into fields, and reading whole numbers, decimals, dates and the few distinct
 * cells of a column straight from bytes, each as the text reading would read the same cell.
 */

const COMMA = 44;
const QUOTE = 34;
const DOT = 46;
const DASH = 45;
const ZERO = 48;
const NINE = 57;
const SPACE = 32;
const DELETE = 127;

/** The field of a contract column in a resolved header's records, or -1 when it has none. */
export function fieldOf(header: ResolvedHeader, column: string): number {
  return header.index[column] ?? -1;
}

/**
 * Splits a record's bytes [start, end) into `width` fields (each from starts[i] to ends[i]),
 * when every byte is printable ASCII other than a space or a quote and the record has exactly
 * `width` fields: such a record reads the same as text, trimmed or not. False otherwise.
 */
export function splitPlainFields(
  bytes: Uint8Array,
  start: number,
  end: number,
  starts: Int32Array,
  ends: Int32Array,
): boolean {
  const width = starts.length;
  let field = 0;
  starts[0] = start;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === COMMA) {
      ends[field] = i;
      if (++field === width) return false;
      starts[field] = i + 1;
    } else if (byte <= SPACE || byte >= DELETE || byte === QUOTE) {
      return false;
    }
  }
  if (field !== width - 1) return false;
  ends[field] = end;
  return true;
}

/**
 * As splitPlainFields, for records of free text too: a field may have spaces inside (not at
 * either end, which the text reading trims), and may be wholly quoted (`"Arts, crafts and
 * chat"`) when its quotes close on the line with no quote inside, as splitRegularLine reads
 * one. starts[i] to ends[i] is then the field's value, without its quotes.
 */
export function splitTextFields(
  bytes: Uint8Array,
  start: number,
  end: number,
  starts: Int32Array,
  ends: Int32Array,
): boolean {
  const width = starts.length;
  let field = 0;
  let i = start;
  for (;;) {
    if (field === width) return false;
    let from = i;
    let to: number;
    if (i < end && bytes[i] === QUOTE) {
      from = i + 1;
      let j = from;
      for (; j < end; j++) {
        const byte = bytes[j] as number;
        if (byte === QUOTE) break;
        if (byte < SPACE || byte >= DELETE) return false;
      }
      // Not closed on the line, or a quote inside (`""`) or text after the closing quote.
      if (j >= end || (j + 1 < end && bytes[j + 1] !== COMMA)) return false;
      to = j;
      i = j + 1;
    } else {
      let j = i;
      for (; j < end; j++) {
        const byte = bytes[j] as number;
        if (byte === COMMA) break;
        if (byte < SPACE || byte >= DELETE || byte === QUOTE) return false;
      }
      to = j;
      i = j;
    }
    if (to > from && (bytes[from] === SPACE || bytes[to - 1] === SPACE)) return false;
    starts[field] = from;
    ends[field] = to;
    field++;
    if (i >= end) return field === width;
    i++;
  }
}

/**
 * What a column's cells read as, for the few distinct cells a column has (one partner per file,
 * a few measures, two timepoints, a few codes): found by their bytes, through a small hash table,
 * so that each cell is decoded and read once. Past `capacity` distinct cells (at most 64), the
 * others are read every time.
 */
export class Remembered<T> {
  private readonly keys: Uint8Array[] = [];
  private readonly values: T[] = [];
  /** Open addressing on the cells' hashes: index + 1 of the cell in the slot, 0 for empty. */
  private readonly slots = new Int32Array(SLOTS);

  constructor(
    private readonly read: (text: string) => T,
    private readonly capacity = 16,
  ) {
    if (capacity > SLOTS / 4) throw new RangeError(`at most ${SLOTS / 4} cells are remembered`);
  }

  get(bytes: Buffer, from: number, to: number): T {
    const length = to - from;
    let k = hashBytes(bytes, from, to) & (SLOTS - 1);
    for (; ; k = (k + 1) & (SLOTS - 1)) {
      const entry = this.slots[k] as number;
      if (entry === 0) break;
      const key = this.keys[entry - 1] as Uint8Array;
      if (key.length === length && sameBytes(key, bytes, from)) return this.values[entry - 1] as T;
    }
    const value = this.read(bytes.toString('latin1', from, to));
    if (this.keys.length < this.capacity) {
      // A copy: the bytes are a chunk of the file that the next read overwrites.
      this.keys.push(Uint8Array.prototype.slice.call(bytes, from, to));
      this.values.push(value);
      this.slots[k] = this.keys.length;
    }
    return value;
  }
}

const SLOTS = 256;

function sameBytes(key: Uint8Array, bytes: Uint8Array, from: number): boolean {
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[from + i]) return false;
  return true;
}

/** The number written by the digits bytes[from, to) (at most 9), or -1 for anything else. */
export function wholeNumber(bytes: Uint8Array, from: number, to: number): number {
  if (to === from || to - from > 9) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = (bytes[i] as number) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A number written as digits with at most one decimal point (`12`, `3.5`, `4.`, `.5`), as
 * parseNumber reads it; NaN for anything else (a sign, an exponent: read as text).
 */
export function plainDecimal(bytes: Buffer, from: number, to: number): number {
  let digits = 0;
  let point = -1;
  for (let i = from; i < to; i++) {
    const byte = bytes[i] as number;
    if (byte >= ZERO && byte <= NINE) digits++;
    else if (byte === DOT && point < 0) point = i;
    else return Number.NaN;
  }
  if (digits === 0) return Number.NaN;
  if (point < 0 && digits <= 9) return wholeNumber(bytes, from, to);
  return Number(bytes.toString('latin1', from, to));
}

/** The day number of a plain `YYYY-MM-DD` that is a real date (see parseDate), else null. */
export function isoDay(bytes: Uint8Array, from: number, to: number): number | null {
  if (to - from !== 10 || bytes[from + 4] !== DASH || bytes[from + 7] !== DASH) return null;
  return plainDay(
    wholeNumber(bytes, from, from + 4),
    wholeNumber(bytes, from + 5, from + 7),
    wholeNumber(bytes, from + 8, from + 10),
  );
}
