import { Column } from './columnar.js';

/**
 * Participant identifiers, kept as UTF-8 bytes instead of JavaScript strings.
 *
 * A national programme has millions of people. A `Map<string, number>` of their ids costs about
 * 70 bytes an id and a hash of each string on every lookup; here an id costs its bytes plus 12
 * (offset, hash, table slot), and the hash is computed once, where the row is read — in a worker
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
    this.used = at;
    if (this.count === this.ends.length) {
      this.ends = grow(this.ends);
      this.hashes = grow(this.hashes);
    }
    this.ends[this.count] = at;
    this.hashes[this.count] = hashBytes(this.bytes, start, at);
    this.count++;
  }

  /** The ids collected, in arrays of their exact size (cheap to send to another thread). */
  finish(): IdList {
    return {
      bytes: this.bytes.slice(0, this.used),
      ends: this.ends.slice(0, this.count),
      hashes: this.hashes.slice(0, this.count),
    };
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
  private readonly hashes = new Column(Int32Array);
  /** Open-addressing slots holding id + 1 (0: empty); its size is a power of two. */
  private slots = new Int32Array(2048);

  get size(): number {
    return this.starts.length;
  }

  /** The number of an id given as bytes [from, to) of `source` with its hash; -1 if not seen. */
  findBytes(source: Uint8Array, from: number, to: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return -1;
      if (this.hashes.get(entry - 1) === hash && this.equals(entry - 1, source, from, to)) {
        return entry - 1;
      }
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
    this.hashes.push(hash);
    this.bytes.set(source.subarray(from, to), this.used);
    this.used += to - from;
    // Kept at most half full, so probes stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(id);
    return id;
  }

  /** The number of id i of a list; -1 if not seen. */
  find(list: IdList, i: number): number {
    const from = i === 0 ? 0 : (list.ends[i - 1] as number);
    return this.findBytes(list.bytes, from, list.ends[i] as number, list.hashes[i] as number);
  }

  /** The number of id i of a list, adding it when new. */
  intern(list: IdList, i: number): number {
    const from = i === 0 ? 0 : (list.ends[i - 1] as number);
    return this.internBytes(list.bytes, from, list.ends[i] as number, list.hashes[i] as number);
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

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes.get(id) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.size; id++) this.place(id);
  }
}

/** The text of id i of a list (for messages). */
export function idText(list: IdList, i: number): string {
  const from = i === 0 ? 0 : (list.ends[i - 1] as number);
  return Buffer.from(
    list.bytes.buffer,
    list.bytes.byteOffset + from,
    (list.ends[i] as number) - from,
  ).toString('utf8');
}
