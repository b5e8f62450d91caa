import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/**
 * Turns the raw bytes of a partner file into UTF-8 for the CSV parser, chunk by chunk, so a file is
 * never held whole. What partners actually send:
 * - UTF-8, with or without a byte-order mark (the BOM is removed);
 * - UTF-16 (Excel's "Unicode text"), with a BOM or recognisable by its zero bytes: decoded;
 * - Windows-1252 (Excel's "CSV" on Windows): bytes that are not valid UTF-8 switch the rest of the
 *   file to Windows-1252, and the first such line is reported, so no mojibake passes silently;
 * - binary content (zero bytes that are not UTF-16): not decoded at all.
 * Line ends: LF or CRLF as they are; in a file whose first line break is a CR alone (classic Mac
 * "CSV (Macintosh)" exports), every lone CR is turned into a LF, so that such a file is read line
 * by line instead of as one endless header.
 */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'binary';

export interface EncodingEvent {
  readonly encoding: Exclude<Encoding, 'utf-8'>;
  /** Physical line (1-based) of the first byte that made tides choose this encoding. */
  readonly line: number;
}

const SNIFF_BYTES = 4096;

export class ChunkDecoder {
  encoding: Encoding | null = null;
  private text: TextDecoder | null = null;
  /** Up to 3 bytes of a UTF-8 sequence split across chunks. */
  private pending: Buffer = Buffer.alloc(0);
  /** Newlines already emitted, to name the line of an encoding switch. */
  private newlines = 0;
  private first = true;
  /** `lf`: LF or CRLF line ends; `cr`: a lone CR ends a line too; `unknown` before the first. */
  private lineEnds: 'unknown' | 'lf' | 'cr' = 'unknown';
  /** A CR that ended the previous chunk, held until the next byte shows whether a LF follows. */
  private heldCr = false;

  constructor(private readonly onEncoding: (event: EncodingEvent) => void) {}

  /** Decodes one chunk; returns UTF-8 bytes (possibly empty), or null once the file is binary. */
  decode(chunk: Buffer): Buffer | null {
    let bytes = chunk;
    if (this.first) {
      this.first = false;
      bytes = this.sniff(bytes);
    }
    if (this.encoding === 'binary') return null;
    // CR and LF bytes are line ends in UTF-8 and Windows-1252, but not in UTF-16 (0x0D can be half
    // of any character there): line ends are fixed before decoding, or after for UTF-16.
    const utf16 = this.encoding === 'utf-16le' || this.encoding === 'utf-16be';
    if (!utf16) bytes = this.fixLineEnds(bytes);
    let out: Buffer;
    if (this.text) {
      out = Buffer.from(this.text.decode(bytes, { stream: true }), 'utf8');
    } else {
      out = this.decodeUtf8(bytes);
    }
    if (utf16) out = this.fixLineEnds(out);
    this.newlines += countNewlines(out);
    return out;
  }

  /** Flushes whatever a multi-byte decoder still holds at the end of the file. */
  end(): Buffer {
    const held = this.heldCr ? Buffer.from([10]) : Buffer.alloc(0);
    this.heldCr = false;
    if (this.text) return Buffer.concat([held, Buffer.from(this.text.decode(), 'utf8')]);
    if (this.pending.length > 0) {
      // A truncated UTF-8 sequence at the very end: decode it as Windows-1252 and say so.
      const decoder = this.switchTo1252(this.newlines + 1);
      const tail = this.pending;
      this.pending = Buffer.alloc(0);
      return Buffer.concat([held, Buffer.from(decoder.decode(tail), 'utf8')]);
    }
    return held;
  }

  /**
   * Decides from the first line break whether lone CRs end lines (`cr`) and, if so, turns each
   * lone CR into a LF (a CRLF stays as it is). A CR at the end of a chunk is held back until the
   * next chunk shows what follows it.
   */
  private fixLineEnds(input: Buffer): Buffer {
    if (this.lineEnds === 'lf') return input;
    let bytes = input;
    if (this.heldCr) {
      bytes = Buffer.concat([Buffer.from([13]), bytes]);
      this.heldCr = false;
    }
    if (this.lineEnds === 'unknown') {
      const lf = bytes.indexOf(10);
      const cr = bytes.indexOf(13);
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        if (lf !== -1) this.lineEnds = 'lf';
        return bytes;
      }
      if (cr === bytes.length - 1) {
        this.heldCr = true;
        return bytes.subarray(0, cr);
      }
      this.lineEnds = bytes[cr + 1] === 10 ? 'lf' : 'cr';
      if (this.lineEnds === 'lf') return bytes;
    }
    let out: Buffer | null = null;
    for (let i = bytes.indexOf(13); i !== -1; i = bytes.indexOf(13, i + 1)) {
      if (i === bytes.length - 1) {
        this.heldCr = true;
        return (out ?? bytes).subarray(0, i);
      }
      if (bytes[i + 1] !== 10) {
        out ??= Buffer.from(bytes);
        out[i] = 10;
      }
    }
    return out ?? bytes;
  }

  private sniff(bytes: Buffer): Buffer {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.encoding = 'utf-8';
      return bytes.subarray(3);
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      return this.startUtf16('utf-16le', bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return this.startUtf16('utf-16be', bytes.subarray(2));
    const head = bytes.subarray(0, SNIFF_BYTES);
    const zeros = zeroPositions(head);
    if (zeros.total > 0) {
      // UTF-16 text without a BOM has a zero in every other byte for ASCII characters.
      const pairs = Math.floor(head.length / 2);
      if (zeros.odd >= pairs * 0.9 && zeros.even === 0) return this.startUtf16('utf-16le', bytes);
      if (zeros.even >= pairs * 0.9 && zeros.odd === 0) return this.startUtf16('utf-16be', bytes);
      this.encoding = 'binary';
      this.onEncoding({ encoding: 'binary', line: 1 });
      return bytes;
    }
    this.encoding = 'utf-8';
    return bytes;
  }

  private startUtf16(encoding: 'utf-16le' | 'utf-16be', rest: Buffer): Buffer {
    this.encoding = encoding;
    this.text = new TextDecoder(encoding);
    this.onEncoding({ encoding, line: 1 });
    return rest;
  }

  private decodeUtf8(chunk: Buffer): Buffer {
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const complete = bytes.length - incompleteTail(bytes);
    const body = bytes.subarray(0, complete);
    if (isUtf8(body)) {
      this.pending = Buffer.from(bytes.subarray(complete));
      return body;
    }
    // Keep the valid prefix as UTF-8; the rest of the file is Windows-1252 from the first bad byte.
    const bad = firstInvalidUtf8(body);
    const prefix = body.subarray(0, bad);
    const decoder = this.switchTo1252(this.newlines + countNewlines(prefix) + 1);
    this.pending = Buffer.alloc(0);
    const rest = decoder.decode(bytes.subarray(bad), { stream: true });
    return Buffer.concat([prefix, Buffer.from(rest, 'utf8')]);
  }

  private switchTo1252(line: number): TextDecoder {
    const decoder = new TextDecoder('windows-1252');
    this.encoding = 'windows-1252';
    this.text = decoder;
    this.onEncoding({ encoding: 'windows-1252', line });
    return decoder;
  }
}

function zeroPositions(bytes: Buffer): { total: number; odd: number; even: number } {
  let odd = 0;
  let even = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 1) odd++;
      else even++;
    }
  }
  return { total: odd + even, odd, even };
}

/** Number of bytes at the end that start a UTF-8 sequence the chunk does not finish (0–3). */
export function incompleteTail(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = bytes[n - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Index of the first byte that does not begin a valid UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    if (i + need >= bytes.length) return i; // a sequence cut short
    if (!isUtf8(bytes.subarray(i, i + need + 1))) return i;
    i += need + 1;
  }
  return bytes.length;
}

export function countNewlines(bytes: Buffer): number {
  let count = 0;
  let at = bytes.indexOf(10);
  while (at !== -1) {
    count++;
    at = bytes.indexOf(10, at + 1);
  }
  return count;
}
