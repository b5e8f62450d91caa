import { fmix32 } from './hash.js';

/**
 * A keyed bijection of the integers [0, size): a four-round Feistel network over the smallest
 * even power of two that holds `size`, with cycle walking to stay inside the range (Black &
 * Rogaway, "Ciphers with arbitrary finite domains", CT-RSA 2002). Constant memory, so a
 * pseudonymous id or a random sample without repeats can be drawn for millions of people without
 * storing a shuffled array.
 * @example new IndexPermutation(10, 42).at(3) // a distinct value in 0..9 for each of 0..9
 */
export class IndexPermutation {
  private readonly halfBits: number;
  private readonly halfSize: number;
  private readonly mask: number;
  private readonly keys: readonly number[];

  constructor(
    readonly size: number,
    key: number,
  ) {
    if (!Number.isSafeInteger(size) || size <= 0 || size > 2 ** 32) {
      throw new RangeError(`size must be a whole number in 1..2^32, got ${size}`);
    }
    const bits = Math.max(2, Math.ceil(Math.log2(size)));
    this.halfBits = Math.ceil(bits / 2);
    this.halfSize = 2 ** this.halfBits;
    this.mask = this.halfSize - 1;
    this.keys = [1, 2, 3, 4].map((round) => fmix32((key >>> 0) ^ Math.imul(round, 0x9e3779b9)));
  }

  /** The image of `index` (0 ≤ index < size). */
  at(index: number): number {
    if (index < 0 || index >= this.size) {
      throw new RangeError(`index must be in 0..${this.size - 1}, got ${index}`);
    }
    let x = this.encrypt(index);
    while (x >= this.size) x = this.encrypt(x);
    return x;
  }

  private encrypt(value: number): number {
    let left = Math.floor(value / this.halfSize);
    let right = value % this.halfSize;
    for (const key of this.keys) {
      const next = (left ^ (fmix32(right ^ key) & this.mask)) >>> 0;
      left = right;
      right = next;
    }
    return left * this.halfSize + right;
  }
}
