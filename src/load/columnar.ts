/**
 * Growable typed-array columns, so per-episode and per-pair state stays compact (a few bytes per
 * field instead of an object per row) at millions of rows.
 *
 * Only three element types are used (Int32, Uint8, Float64): the element access in `push` and
 * `get` is shared by every column, and V8 keeps such an access fast while it sees at most four
 * kinds of typed array (polymorphic) but slows it markedly beyond (megamorphic).
 */
type TypedArray = Uint8Array | Int32Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

export class Column<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly Kind: TypedArrayConstructor<T>,
    capacity = 1024,
  ) {
    this.data = new Kind(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const grown = new this.Kind(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  /** The filled part, as a view (no copy). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/** Gives each distinct string a small integer, in first-seen order. */
export class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

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

  get size(): number {
    return this.values.length;
  }
}
