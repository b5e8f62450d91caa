import { Column } from './columnar.js';

/** Codes a column can give before it holds its doubles directly (code 0 is "no score"). */
const MAX_CODES = 65_535;

/** Slots of the value table: a power of two, at most half full at MAX_CODES values. */
const TABLE_BITS = 17;

/**
 * A column of numbers that take few distinct values, in two bytes each: a code into the values
 * seen so far, in first-seen order. A scale has tens to hundreds of possible scores (WEMWBS 57
 * whole numbers, SWEMWBS 29 metric scores, a few hundred prorated ones) and a programme's
 * records fall on a few thousand days, so a national programme's tens of millions of pairs take
 * 8 bytes for their two scores and two days instead of 24. Every double keeps its exact bits
 * (0 and −0 are different values). Past 65,535 distinct values (a continuous measure) the column
 * widens once to plain doubles, and so costs what a column of doubles does.
 *
 * NaN is code 0 (no score); it is the only NaN kept.
 */
export class CodedColumn {
  private codes: Column<Uint16Array> | null = new Column(Uint16Array);
  private raw: Column<Float64Array> | null = null;
  /** code → value; values[0] is NaN. */
  private values = new Float64Array(64).fill(Number.NaN);
  private distinct = 1;
  /** Open addressing over the values' bits: code of the value in the slot, 0 for empty. */
  private table: Uint16Array | null = new Uint16Array(1 << TABLE_BITS);
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);
  /** The last value coded (never 0 or −0, whose bits `===` cannot tell apart) and its code. */
  private lastValue = Number.NaN;
  private lastCode = 0;
  /** A value the column takes often (an empty day, say), coded once. */
  private readonly frequentCode: number;

  /**
   * @param frequent - a value the column takes often (besides NaN): its code is looked up once
   * @param maxCodes - distinct values kept as codes before widening (smaller only in tests)
   */
  constructor(
    private readonly frequent = Number.NaN,
    private readonly maxCodes = MAX_CODES,
  ) {
    this.frequentCode = Number.isNaN(frequent) ? 0 : this.lookUp(frequent);
  }

  get length(): number {
    return (this.codes ?? (this.raw as Column<Float64Array>)).length;
  }

  /** Whether the column has widened to plain doubles. */
  get widened(): boolean {
    return this.raw !== null;
  }

  push(value: number): number {
    if (this.codes !== null) {
      const code = this.codeOf(value);
      if (code >= 0) return this.codes.push(code);
    }
    return (this.raw as Column<Float64Array>).push(value);
  }

  get(i: number): number {
    return this.codes !== null
      ? (this.values[this.codes.get(i)] as number)
      : (this.raw as Column<Float64Array>).get(i);
  }

  set(i: number, value: number): void {
    if (this.codes !== null) {
      const code = this.codeOf(value);
      if (code >= 0) {
        this.codes.set(i, code);
        return;
      }
    }
    (this.raw as Column<Float64Array>).set(i, value);
  }

  /** The value's code, a new one when it is first seen; -1 after widening (no code is free). */
  private codeOf(value: number): number {
    // Records come sorted or grouped more often than not: the same value, or the frequent one.
    if (value === this.lastValue) return this.lastCode;
    if (value === this.frequent && value !== 0) return this.frequentCode;
    if (Number.isNaN(value)) return 0;
    const code = this.lookUp(value);
    if (code > 0 && value !== 0) {
      this.lastValue = value;
      this.lastCode = code;
    }
    return code;
  }

  /** The value's code from the table, a new one when it is first seen; -1 after widening. */
  private lookUp(value: number): number {
    const table = this.table as Uint16Array;
    this.bits[0] = value;
    const low = this.words[0] as number;
    const high = this.words[1] as number;
    const mask = table.length - 1;
    let at = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> (32 - TABLE_BITS);
    for (;;) {
      const code = table[at] as number;
      if (code === 0) break;
      // Compared by bits, so 0 and −0 keep their own codes.
      this.bits[0] = this.values[code] as number;
      if (this.words[0] === low && this.words[1] === high) return code;
      at = (at + 1) & mask;
    }
    if (this.distinct > this.maxCodes) {
      this.widen();
      return -1;
    }
    const code = this.distinct++;
    if (code === this.values.length) {
      const grown = new Float64Array(code * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[code] = value;
    table[at] = code;
    return code;
  }

  /** Turns the codes into plain doubles, for good. */
  private widen(): void {
    const codes = this.codes as Column<Uint16Array>;
    const raw = new Column(Float64Array, Math.max(codes.length, 1));
    for (let i = 0; i < codes.length; i++) raw.push(this.values[codes.get(i)] as number);
    this.raw = raw;
    this.codes = null;
    this.table = null;
    this.values = new Float64Array(0);
  }
}
