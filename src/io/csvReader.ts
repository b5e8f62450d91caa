import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Parser } from 'csv-parse';
import type { IssueLog } from '../contract/issues.js';
import { ChunkDecoder, countNewlines, type EncodingEvent } from './decode.js';
import type { FileDigest } from './hash.js';
import { splitRegularLine } from './regularLine.js';

/**
 * Streams one CSV file into header and record callbacks, with the physical line each record
 * starts on (header = line 1), never holding the whole file.
 *
 * csv-parse does the parsing. Its synchronous core (`Parser#api.parse`, the function its own
 * stream wraps; pinned to csv-parse 7.0.3) is called directly so that records arrive in order,
 * before any parse error is returned, without stream overhead.
 *
 * A parse that breaks (an unclosed quote, a record larger than `maxRecordBytes`) or a quoted field
 * that has evidently swallowed the following records is reported at the line where the broken
 * record starts; that record is counted as one rejected record, and reading resumes at the next
 * physical line with a fresh parser. Nothing after a bad quote is lost unnoticed.
 */
export interface CsvVisitor {
  /** The header fields (first non-blank record) and its line. */
  header(fields: string[], line: number): void;
  /** A data record and the physical line it starts on. */
  record(fields: string[], line: number): void;
}

export interface CsvReadSummary {
  /** Whether a header was found (readable or not: a broken header is reported as such). */
  readonly hasHeader: boolean;
  /** Records that could not be parsed, each counted as one rejected record. */
  readonly unparsed: number;
  /** The encoding the file was read in. */
  readonly encoding: string;
  /** Size and SHA-256 of exactly the bytes read (with `digest`), else null. */
  readonly digest: FileDigest | null;
}

export interface CsvReadOptions {
  /** Largest record accepted, in characters (default 8 MiB). */
  readonly maxRecordSize?: number;
  /** A quoted field spanning more physical lines than this is taken as an unclosed quote. */
  readonly maxFieldLines?: number;
  /** How many broken records to recover from before the rest of the file is given up. */
  readonly maxRecoveries?: number;
  /** Read chunk size in bytes. */
  readonly chunkSize?: number;
  /** Split regular lines directly instead of through csv-parse (default true; false for tests). */
  readonly splitRegularLines?: boolean;
  /** Hash the bytes as they are read, for a manifest (default false). */
  readonly digest?: boolean;
}

interface ParserCore {
  parse(
    buf: Buffer | undefined,
    end: boolean,
    push: (record: string[]) => void,
    close: () => void,
  ): Error | undefined;
}

const DEFAULTS = {
  maxRecordSize: 8 * 1024 * 1024,
  maxFieldLines: 5,
  maxRecoveries: 1000,
  chunkSize: 1024 * 1024,
  splitRegularLines: true,
  digest: false,
} as const;

/** Why a pass over the file stopped before its end. */
interface Break {
  readonly line: number;
  /** What is wrong at `line`. */
  readonly cause: string;
  /** What tides does about it when the broken record is a data record. */
  readonly recovery: string;
  readonly rule: 'file.parse' | 'file.quote_span';
}

export async function readCsvFile(
  path: string,
  display: string,
  visitor: CsvVisitor,
  log: IssueLog,
  options: CsvReadOptions = {},
): Promise<CsvReadSummary> {
  const settings = { ...DEFAULTS, ...options };
  let headerWidth = -1;
  let unparsed = 0;
  let encoding = 'utf-8';
  let startLine = 1;
  let recoveries = 0;
  let headerBroken = false;

  // The first pass reads every byte of the file (after a break it goes on counting lines), so it
  // hashes them: the manifest then describes exactly what was read.
  const hash = settings.digest ? createHash('sha256') : null;
  let bytes = 0;
  for (;;) {
    const pass = parsePass(path, startLine, headerWidth, settings, startLine === 1 ? hash : null, {
      encoding: (event) => {
        if (startLine === 1) reportEncoding(log, display, event);
      },
      header: (fields, line) => {
        headerWidth = fields.length;
        if (line > 1) {
          log.add({
            file: display,
            line,
            rule: 'header.leading_blank',
            message: `${line - 1} blank line(s) before the header; the header is taken from line ${line}`,
          });
        }
        visitor.header(fields, line);
      },
      record: (fields, line) => visitor.record(fields, line),
    });
    encoding = pass.encoding;
    if (startLine === 1) bytes = pass.bytes;
    if (pass.binary) {
      unparsed += pass.binaryLines;
      break;
    }
    if (pass.break === null) break;
    const broken = pass.break;
    if (headerWidth < 0) {
      // The header itself is broken: without it no line can be read as a record, so every line
      // after it counts as one rejected record (the header is not a record).
      const rest = Math.max(0, pass.lastLine - broken.line);
      log.add({
        file: display,
        line: broken.line,
        rule: broken.rule,
        message: `${broken.cause}; this is the header, so the file cannot be read: none of the ${rest} line(s) after it can be used`,
      });
      unparsed += rest;
      headerBroken = true;
      break;
    }
    log.add({
      file: display,
      line: broken.line,
      rule: broken.rule,
      message: `${broken.cause}; ${broken.recovery}`,
    });
    unparsed++;
    recoveries++;
    if (recoveries >= settings.maxRecoveries || broken.line >= pass.lastLine) {
      const rest = Math.max(0, pass.lastLine - broken.line);
      if (rest > 0) {
        log.add({
          file: display,
          line: broken.line + 1,
          rule: 'file.parse',
          message: `too many broken records: the remaining ${rest} line(s) are not read`,
        });
      }
      unparsed += rest;
      break;
    }
    startLine = broken.line + 1;
  }
  return {
    hasHeader: headerWidth >= 0 || headerBroken,
    unparsed,
    encoding,
    digest: hash === null ? null : { bytes, sha256: hash.digest('hex') },
  };
}

function reportEncoding(log: IssueLog, display: string, event: EncodingEvent): void {
  if (event.encoding === 'binary') {
    log.add({
      file: display,
      line: event.line,
      rule: 'encoding.binary',
      message: 'the file holds binary data (zero bytes), not CSV text; it is not read',
    });
  } else if (event.encoding === 'windows-1252') {
    log.add({
      file: display,
      line: event.line,
      rule: 'encoding.windows1252',
      message: `line ${event.line} is not valid UTF-8; from there on the file is decoded as Windows-1252`,
    });
  } else {
    log.add({
      file: display,
      line: event.line,
      rule: 'encoding.utf16',
      message: `the file is encoded as ${event.encoding.toUpperCase()}; it is decoded`,
    });
  }
}

interface PassCallbacks extends CsvVisitor {
  encoding(event: EncodingEvent): void;
}

interface PassResult {
  readonly encoding: string;
  readonly binary: boolean;
  readonly binaryLines: number;
  readonly break: Break | null;
  /** The number of physical lines seen (the last line of the file when the pass ran to the end). */
  readonly lastLine: number;
  /** The number of bytes read. */
  readonly bytes: number;
}

/**
 * One pass from `startLine` to the end of the file or the first broken record, handing each
 * record over as it is parsed; memory stays bounded by the chunk size.
 *
 * Regular lines (see splitRegularLine) are split directly, several times faster than csv-parse;
 * from the first line that is not regular, the rest of the pass goes through csv-parse, so every
 * quoting problem is read by csv-parse's rules exactly as before.
 */
function parsePass(
  path: string,
  startLine: number,
  headerWidth: number,
  settings: Required<CsvReadOptions>,
  hash: Hash | null,
  callbacks: PassCallbacks,
): PassResult {
  const decoder = new ChunkDecoder(callbacks.encoding);
  let api: ParserCore | null = null;

  let skipLines = startLine - 1;
  let lastEnd = startLine - 1; // physical line on which the previous record ended
  let width = headerWidth;
  let broken: Break | null = null;
  let totalLines = 0;
  let endsWithNewline = true;
  /** Bytes after the last line break, held while lines are split directly. */
  let carry: Buffer | null = null;
  let bytesRead = 0;

  const accept = (fields: string[], line: number, span: number): void => {
    if (isBlank(fields)) return;
    if (span > 1) {
      // A header with a line break in a name is possible; one that swallowed records is not.
      const swallowed = swallowedRecords(
        fields,
        width < 0 ? fields.length : width,
        span,
        settings.maxFieldLines,
      );
      if (swallowed) {
        broken = {
          line,
          rule: 'file.quote_span',
          cause: `a double quote opened on line ${line} runs over ${span} lines (${swallowed})`,
          recovery: `the record is rejected and reading resumes on line ${line + 1}`,
        };
        return;
      }
    }
    if (width < 0) {
      width = fields.length;
      callbacks.header(fields, line);
      return;
    }
    callbacks.record(fields, line);
  };

  const push = (fields: string[]): void => {
    if (broken) return;
    // Line breaks inside a record can only be inside its (quoted) fields, which keep them.
    const line = lastEnd + 1;
    const span = 1 + fields.reduce((n, f) => n + countChar(f, '\n'), 0);
    lastEnd = line + span - 1;
    accept(fields, line, span);
  };

  /** Hands bytes to csv-parse, creating it on first use; records a break if the parse fails. */
  const parseSlow = (bytes: Buffer | undefined, end: boolean): void => {
    api ??= newParser(settings.maxRecordSize);
    // csv-parse keeps a reference to unparsed bytes, and the read buffer is reused: copy.
    const error = api.parse(bytes && Buffer.from(bytes), end, push, () => undefined);
    if (error || broken) broken ??= describeBreak(error as Error, lastEnd + 1);
  };

  /**
   * Splits the complete lines of `bytes` (after any carried partial line) directly, until a line
   * is not regular; returns the bytes from that line on for csv-parse, or null when all were split.
   */
  const splitFast = (bytes: Buffer, atEnd: boolean): Buffer | null => {
    const data = carry === null ? bytes : Buffer.concat([carry, bytes]);
    carry = null;
    const cut = atEnd ? data.length : data.lastIndexOf(10) + 1;
    const partial = cut < data.length ? Buffer.from(data.subarray(cut)) : null;
    const rest = cut === 0 ? null : splitLines(data, cut);
    if (rest !== null) return partial === null ? rest : Buffer.concat([rest, partial]);
    // A partial line beyond the size limit goes to csv-parse, which reports it as too long.
    if (partial !== null && partial.length > settings.maxRecordSize) return partial;
    carry = partial;
    return null;
  };

  /** Splits the lines of data[0, cut); returns the bytes from the first irregular line, or null. */
  const splitLines = (data: Buffer, cut: number): Buffer | null => {
    const text = data.toString('utf8', 0, cut);
    let quote = text.indexOf('"');
    let pos = 0;
    while (pos < text.length && !broken) {
      const newline = text.indexOf('\n', pos);
      const next = newline === -1 ? text.length : newline + 1;
      let end = newline === -1 ? text.length : newline;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      const fields =
        end - pos > settings.maxRecordSize ? null : splitRegularLine(text, pos, end, quote);
      if (fields === null) return data.subarray(Buffer.byteLength(text.slice(0, pos)), cut);
      lastEnd++;
      accept(fields, lastEnd, 1);
      pos = next;
    }
    return null;
  };

  /** Reads decoded bytes: directly while lines are regular, through csv-parse from the first that is not. */
  const feed = (bytes: Buffer, atEnd: boolean): void => {
    if (broken) return;
    if (api === null && settings.splitRegularLines) {
      const rest = splitFast(bytes, atEnd);
      if (rest === null || broken) return;
      parseSlow(rest, false);
    } else {
      parseSlow(bytes, false);
    }
  };

  // Plain synchronous reads into one buffer: a file is read by one reader from start to end (in a
  // worker thread for large inputs), and a stream's per-chunk allocations and asynchronous hops
  // cost more than the reading itself for the many small files partners send. Whatever keeps
  // bytes beyond a chunk copies them (the carried partial line, csv-parse's input).
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(settings.chunkSize, size + 1)));
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const chunk = buffer.subarray(0, read);
      hash?.update(chunk);
      bytesRead += read;
      let bytes = decoder.decode(chunk);
      if (bytes === null) {
        totalLines += countNewlines(chunk);
        endsWithNewline = chunk[chunk.length - 1] === 10;
        continue;
      }
      if (bytes.length === 0) continue;
      totalLines += countNewlines(bytes);
      endsWithNewline = bytes[bytes.length - 1] === 10;
      // After a break, the rest of the file is only counted: `lastLine` must be the file's last
      // line, or a break before the end (a record over the size limit) would look like the end.
      if (broken) continue;
      if (skipLines > 0) {
        const cut = skipNewlines(bytes, skipLines);
        skipLines -= cut.skipped;
        bytes = bytes.subarray(cut.offset);
        if (bytes.length === 0) continue;
      }
      feed(bytes, false);
    }
  } finally {
    closeSync(fd);
  }

  if (decoder.encoding === 'binary') {
    return {
      encoding: 'binary',
      binary: true,
      binaryLines: totalLines + (endsWithNewline ? 0 : 1),
      break: null,
      lastLine: totalLines,
      bytes: bytesRead,
    };
  }
  const tail = decoder.end();
  if (tail.length > 0) {
    totalLines += countNewlines(tail);
    endsWithNewline = tail[tail.length - 1] === 10;
    if (skipLines === 0) feed(tail, false);
  }
  if (!broken && api === null && carry !== null) {
    // The last line has no line break. A trailing CR is left to csv-parse's end-of-file rules.
    const last: Buffer = carry;
    carry = null;
    if (last[last.length - 1] === 13) parseSlow(last, false);
    else feed(last, true);
  }
  if (!broken && api !== null) parseSlow(undefined, true);
  return {
    encoding: decoder.encoding ?? 'utf-8',
    binary: false,
    binaryLines: 0,
    break: broken,
    lastLine: totalLines + (endsWithNewline ? 0 : 1),
    bytes: bytesRead,
  };
}

function newParser(maxRecordSize: number): ParserCore {
  const parser = new Parser({
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ['\r\n', '\n'],
    max_record_size: maxRecordSize,
  } as ConstructorParameters<typeof Parser>[0]) as unknown as { api: ParserCore };
  return parser.api;
}

function describeBreak(error: Error, line: number): Break {
  const code = (error as Error & { code?: string }).code ?? '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return {
      line,
      rule: 'file.quote_span',
      cause: `a double quote opened on line ${line} is never closed (expected a closing quote before the end of the file)`,
      recovery: `the record is rejected and reading resumes on line ${line + 1}`,
    };
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return {
      line,
      rule: 'file.quote_span',
      cause: `the record starting on line ${line} grows beyond the largest record tides accepts, most likely because of an unclosed double quote`,
      recovery: `reading resumes on line ${line + 1}`,
    };
  }
  return {
    line,
    rule: 'file.parse',
    cause: `the CSV cannot be parsed at line ${line}: ${error.message.replace(/ at line \d+.*$/s, '')}`,
    recovery: `reading resumes on line ${line + 1}`,
  };
}

/**
 * Says why a multi-line record looks like a quote that swallowed records, or null when it looks
 * like a genuine quoted field with line breaks (an address, a note).
 */
function swallowedRecords(
  fields: readonly string[],
  width: number,
  span: number,
  maxFieldLines: number,
): string | null {
  if (fields.length !== width)
    return `the line has ${fields.length} fields where the header has ${width}`;
  if (span > maxFieldLines) return `more than ${maxFieldLines} lines in one field`;
  if (width >= 3) {
    for (const field of fields) {
      if (!field.includes('\n')) continue;
      for (const part of field.split('\n')) {
        if (countChar(part, ',') >= width - 1)
          return 'the field holds what look like whole records';
      }
    }
  }
  return null;
}

function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

function countChar(text: string, char: string): number {
  let count = 0;
  let at = text.indexOf(char);
  while (at !== -1) {
    count++;
    at = text.indexOf(char, at + 1);
  }
  return count;
}

/** Skips up to `lines` newlines at the start of `bytes`; returns the offset after the last one. */
function skipNewlines(bytes: Buffer, lines: number): { skipped: number; offset: number } {
  let skipped = 0;
  let offset = 0;
  while (skipped < lines) {
    const at = bytes.indexOf(10, offset);
    if (at === -1) return { skipped, offset: bytes.length };
    skipped++;
    offset = at + 1;
  }
  return { skipped, offset };
}
