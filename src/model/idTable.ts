import { Column } from './columnar.js';

/**
 * Participant identifiers, kept as UTF-8 bytes instead of JavaScript strings.
 *
 * A national programme has millions of people. A `Map<string, number>` of their ids costs about
 * 70 bytes an id and a hash of each string on every lookup; here an id costs its bytes plus 4 to
 * 16 (offset, table slot), and the hash is computed once, where the row is read — in a worker
 * thread when files are read in parallel — so the main thread only probes typed arrays.
 */

/** Ids read from one file, in row order: bytes, where each ends, and each one's hash. */
export interface IdList {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly ends: Int32Array<ArrayBuffer>;
  readonly hashes: Int32Array<ArrayBuffer>;
}

/** FNV-1a over bytes [from, to): a fast, well-spread 32-bit hash for short keys. */
export function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    hash ^= bytes[i] as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Collects the ids of one file as an IdList. */
export class IdListBuilder {
  private bytes = new Uint8Array(1 << 16);
  private ends = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private used = 0;
  count = 0;

  add(id: string): void {
    const start = this.used;
    this.reserveBytes(id.length * 3);
    let at = start;
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      if (code >= 0x80) {
        at = start + Buffer.from(this.bytes.buffer).write(id, start, 'utf8');
        break;
      }
      this.bytes[at++] = code;
    }
    this.end(start, at);
  }

  /** Adds the id whose UTF-8 bytes are source[from, to), without making a string of it. */
  addBytes(source: Uint8Array, from: number, to: number): void {
    const start = this.used;
    this.reserveBytes(to - from);
    // Ids are a few bytes: a loop beats creating a subarray view to copy each one.
    const bytes = this.bytes;
    let at = start;
    for (let i = from; i < to; i++) bytes[at++] = source[i] as number;
    this.end(start, at);
  }

  /** Ends the id whose bytes were just written at [start, at). */
  private end(start: number, at: number): void {
    this.used = at;
    if (this.count === this.ends.length) {
      this.ends = grow(this.ends);
      this.hashes = grow(this.hashes);
    }
    this.ends[this.count] = at;
    this.hashes[this.count] = hashBytes(this.bytes, start, at);
    this.count++;
  }

  /**
   * The ids collected, in arrays of their exact size (cheap to send to another thread), leaving
   * the builder empty: it lets go of its larger arrays.
   */
  finish(): IdList {
    const list = {
      bytes: this.bytes.slice(0, this.used),
      ends: this.ends.slice(0, this.count),
      hashes: this.hashes.slice(0, this.count),
    };
    this.bytes = new Uint8Array(1 << 10);
    this.ends = new Int32Array(64);
    this.hashes = new Int32Array(64);
    this.used = 0;
    this.count = 0;
    return list;
  }

  private reserveBytes(extra: number): void {
    if (this.used + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + extra));
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes = grown;
  }
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** Every distinct id, numbered 0, 1, 2… in first-seen order, with open-addressing lookup. */
export class IdTable {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Where each id's bytes start in `bytes` (it ends where the next starts). */
  private readonly starts = new Column(Int32Array);
  /**
   * Open addressing with linear probing: slot k is [hash, id + 1] at 2k, 2k + 1 (id + 1 = 0:
   * empty). Keeping the hash beside the id means a probe reads one cache line, and the id's
   * bytes are compared only when the whole hash matches. The slot count is a power of two.
   */
  private slots = new Int32Array(2 * 2048);
  private mask = 2047;

  get size(): number {
    return this.starts.length;
  }

  /** The number of an id given as bytes [from, to) of `source` with its hash; -1 if not seen. */
  findBytes(source: Uint8Array, from: number, to: number, hash: number): number {
    for (let k = hash & this.mask; ; k = (k + 1) & this.mask) {
      const entry = this.slots[2 * k + 1] as number;
      if (entry === 0) return -1;
      if (this.slots[2 * k] === hash && this.equals(entry - 1, source, from, to)) return entry - 1;
    }
  }

  /** The number of an id given as bytes, adding it when new. */
  internBytes(source: Uint8Array, from: number, to: number, hash: number): number {
    const found = this.findBytes(source, from, to, hash);
    if (found >= 0) return found;
    if (this.used + (to - from) > this.bytes.length) {
      // Grown by half, not doubled: at ten million ids the arena is ~100 MB.
      const grown = new Uint8Array(Math.ceil((this.bytes.length + to - from) * 1.5));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    const id = this.starts.push(this.used);
    // Ids are a few bytes: a loop beats creating a subarray view to copy each one.
    const bytes = this.bytes;
    let at = this.used;
    for (let i = from; i < to; i++) bytes[at++] = source[i] as number;
    this.used = at;
    // At most three quarters full: probes stay short and mostly within one cache line.
    if (4 * this.size > 3 * (this.mask + 1)) this.rehash();
    this.place(hash, id);
    return id;
  }

  /** The number of id i of a list; -1 if not seen. */
  find(list: IdList, i: number): number {
    return this.findBytes(
      list.bytes,
      idStart(list, i),
      list.ends[i] as number,
      list.hashes[i] as number,
    );
  }

  /** The number of id i of a list, adding it when new. */
  intern(list: IdList, i: number): number {
    return this.internBytes(
      list.bytes,
      idStart(list, i),
      list.ends[i] as number,
      list.hashes[i] as number,
    );
  }

  /** The number of an id given as text, or -1. */
  findText(id: string): number {
    const bytes = Buffer.from(id, 'utf8');
    return this.findBytes(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length));
  }

  /** The text of id number `id`. */
  text(id: number): string {
    const start = this.starts.get(id);
    return Buffer.from(this.bytes.subarray(start, this.end(id))).toString('utf8');
  }

  private end(id: number): number {
    return id + 1 < this.size ? this.starts.get(id + 1) : this.used;
  }

  private equals(id: number, source: Uint8Array, from: number, to: number): boolean {
    const start = this.starts.get(id);
    if (this.end(id) - start !== to - from) return false;
    for (let i = 0; i < to - from; i++) {
      if (this.bytes[start + i] !== source[from + i]) return false;
    }
    return true;
  }

  private place(hash: number, id: number): void {
    let k = hash & this.mask;
    while (this.slots[2 * k + 1] !== 0) k = (k + 1) & this.mask;
    this.slots[2 * k] = hash;
    this.slots[2 * k + 1] = id + 1;
  }

  private rehash(): void {
    const old = this.slots;
    this.mask = 2 * (this.mask + 1) - 1;
    this.slots = new Int32Array(2 * (this.mask + 1));
    for (let k = 0; k < old.length; k += 2) {
      const entry = old[k + 1] as number;
      if (entry !== 0) this.place(old[k] as number, entry - 1);
    }
  }
}

/** Whether id `i` of a list (from 1) is the same bytes as the id before it. */
export function sameIdAsPrevious(list: IdList, i: number): boolean {
  if (list.hashes[i] !== list.hashes[i - 1]) return false;
  const start = list.ends[i - 1] as number;
  const length = (list.ends[i] as number) - start;
  const previous = idStart(list, i - 1);
  if (start - previous !== length) return false;
  const bytes = list.bytes;
  for (let k = 0; k < length; k++) {
    if (bytes[start + k] !== bytes[previous + k]) return false;
  }
  return true;
}

/** The text of id i of a list (for messages). */
export function idText(list: IdList, i: number): string {
  return Buffer.from(list.bytes.subarray(idStart(list, i), list.ends[i] as number)).toString(
    'utf8',
  );
}

/** Where id i of a list starts in its bytes (it ends at `ends[i]`). */
function idStart(list: IdList, i: number): number {
  return i === 0 ? 0 : (list.ends[i - 1] as number);
}
