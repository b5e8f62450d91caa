/**
 * Growable typed-array columns, so per-episode and per-pair state stays compact (a few bytes per
 * field instead of an object per row) at millions of rows.
 *
 * Only four element types are used (Int32, Uint8, Uint16, Float64): the element access in `push`
 * and `get` is shared by every column, and V8 keeps such an access fast while it sees at most
 * four kinds of typed array (polymorphic) but slows it markedly beyond (megamorphic).
 */
type TypedArray = Uint8Array | Uint16Array | Int32Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

/** Columns grow in blocks of 2^16 values: no copying as they grow, and no capacity to spare. */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;

export class Column<T extends TypedArray> {
  /**
   * The values, BLOCK to a block. The first block starts small and doubles up to BLOCK, so the
   * many short columns of a small file stay small; after it, blocks are allocated whole. A
   * national programme's tens of millions of values so never need a copy of a column twice
   * their size, as a doubling array would at each growth.
   */
  private readonly blocks: T[];
  /** The block being filled and the length at which it is full: push's fast path. */
  private tail: T;
  private tailFull: number;
  length = 0;

  constructor(
    private readonly Kind: TypedArrayConstructor<T>,
    capacity = 1024,
  ) {
    this.tail = new Kind(Math.min(capacity, BLOCK));
    this.blocks = [this.tail];
    this.tailFull = this.tail.length;
  }

  push(value: number): number {
    const i = this.length;
    if (i === this.tailFull) this.extend();
    this.tail[i & MASK] = value;
    return this.length++;
  }

  /** Makes room for one more value: doubles the first block up to BLOCK, then adds blocks. */
  private extend(): void {
    const i = this.length;
    if (i < BLOCK) {
      const grown = new this.Kind(Math.min(this.tail.length * 2, BLOCK));
      grown.set(this.tail);
      this.blocks[0] = grown;
      this.tail = grown;
    } else {
      this.tail = new this.Kind(BLOCK);
      this.blocks.push(this.tail);
    }
    this.tailFull = (i & ~MASK) + this.tail.length;
  }

  get(i: number): number {
    return (this.blocks[i >>> BLOCK_BITS] as T)[i & MASK] as number;
  }

  set(i: number, value: number): void {
    (this.blocks[i >>> BLOCK_BITS] as T)[i & MASK] = value;
  }

  /**
   * The values as one typed array of their exact length, leaving the column empty: its blocks
   * are let go once copied, so when a file's columns are taken one after another, the file's
   * rows are never held twice over (a 380 MB file's rows are some 260 MB).
   */
  take(): T {
    const out = new this.Kind(this.length);
    let at = 0;
    for (const block of this.blocks) {
      const take = Math.min(block.length, this.length - at);
      if (take <= 0) break;
      out.set(block.subarray(0, take), at);
      at += take;
    }
    this.tail = new this.Kind(16);
    this.blocks.length = 0;
    this.blocks.push(this.tail);
    this.tailFull = this.tail.length;
    this.length = 0;
    return out;
  }
}

/** Gives each distinct string a small integer, in first-seen order. */
export class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private taken = 0;

  /** The values interned since the last call (all of them at the first), in order. */
  takeNew(): string[] {
    const fresh = this.values.slice(this.taken);
    this.taken = this.values.length;
    return fresh;
  }

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  /** Gives the number of `from` to `to`, a value not interned, in place of `from`. */
  relabel(from: string, to: string): void {
    const id = this.ids.get(from);
    if (id === undefined || this.ids.has(to)) {
      throw new Error(`cannot relabel ${JSON.stringify(from)} as ${JSON.stringify(to)}`);
    }
    this.ids.delete(from);
    this.ids.set(to, id);
    this.values[id] = to;
  }

  get size(): number {
    return this.values.length;
  }
}
