import { createHash } from 'node:crypto';
import { closeSync, fstatSync, readSync } from 'node:fs';
import type { IssueLog } from '../contract/issues.js';
import type { FileDigest } from '../model/programme.js';
import type { Break } from './brokenRecord.js';
import { RecordReader, type ScanMeter } from './csvRecords.js';
import { ChunkDecoder, countNewlines, type EncodingEvent } from './decode.js';
import { openRegularFile } from './regularFile.js';

export type { ScanMeter } from './csvRecords.js';

/**
 * Streams one CSV file into header and record callbacks, with the physical line each record
 * starts on (header = line 1), never holding the whole file and reading it once.
 *
 * A parse that breaks (an unclosed quote, a record larger than `maxRecordSize`) or a quoted field
 * that has evidently swallowed the following records is reported at the line where the broken
 * record starts; that record is counted as one rejected record, and reading resumes at the next
 * physical line (see RecordReader). Nothing after a bad quote is lost unnoticed.
 */
export interface CsvVisitor {
  /** The header fields (first non-blank record) and its line. */
  header(fields: string[], line: number): void;
  /** A data record and the physical line it starts on. */
  record(fields: string[], line: number): void;
  /** Offered each line after the header as bytes first (see RecordEvents.plainRecord). */
  readonly plainRecord?: (bytes: Buffer, start: number, end: number, line: number) => boolean;
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
  /**
   * Bytes that may be read, in all, past the points where records are known to be broken, to
   * say where each ends (default: twice the file's size). See RecordReader.
   */
  readonly describeLimit?: number;
  /** Counts the bytes each reading path is given (for tests). */
  readonly meter?: ScanMeter;
}

const DEFAULTS = {
  maxRecordSize: 8 * 1024 * 1024,
  maxFieldLines: 5,
  maxRecoveries: 1000,
  chunkSize: 1024 * 1024,
  splitRegularLines: true,
  digest: false,
} as const;

/** Why reading stopped before the end of the file: the header is broken, or too many records. */
interface GiveUp {
  readonly problem: Break;
  readonly header: boolean;
}

export async function readCsvFile(
  path: string,
  display: string,
  visitor: CsvVisitor,
  log: IssueLog,
  options: CsvReadOptions = {},
): Promise<CsvReadSummary> {
  const settings = { ...DEFAULTS, ...options };
  let hasHeader = false;
  let unparsed = 0;
  let recoveries = 0;
  let giveUp: GiveUp | null = null;

  const events = {
    header: (fields: string[], line: number) => {
      hasHeader = true;
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
    record: (fields: string[], line: number) => visitor.record(fields, line),
    ...(visitor.plainRecord === undefined ? {} : { plainRecord: visitor.plainRecord }),
    broken: (problem: Break): boolean => {
      // Without a header no line can be read as a record: the rest of the file is given up, and
      // reported once its number of lines is known.
      if (!hasHeader) {
        giveUp = { problem, header: true };
        return false;
      }
      log.add({
        file: display,
        line: problem.line,
        rule: problem.rule,
        message: `${problem.cause}; ${problem.recovery}`,
      });
      unparsed++;
      recoveries++;
      if (recoveries < settings.maxRecoveries) return true;
      giveUp = { problem, header: false };
      return false;
    },
  };

  const hash = settings.digest ? createHash('sha256') : null;
  const decoder = new ChunkDecoder((event) => reportEncoding(log, display, event));
  let bytesRead = 0;
  let lineBreaks = 0;
  let endsWithNewline = true;
  let reader: RecordReader | null = null;

  // Plain synchronous reads into one buffer: a file is read by one reader from start to end (in a
  // worker thread for large inputs), and a stream's per-chunk allocations and asynchronous hops
  // cost more than the reading itself for the many small files partners send. Whatever keeps
  // bytes beyond a chunk copies them (the carried partial line, csv-parse's input).
  const fd = openRegularFile(path);
  try {
    const size = fstatSync(fd).size;
    reader = new RecordReader(
      {
        maxRecordSize: settings.maxRecordSize,
        maxFieldLines: settings.maxFieldLines,
        splitRegularLines: settings.splitRegularLines,
        describeLimit: settings.describeLimit ?? 2 * size,
        meter: settings.meter ?? null,
      },
      events,
    );
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(settings.chunkSize, size + 1)));
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const chunk = buffer.subarray(0, read);
      hash?.update(chunk);
      bytesRead += read;
      const bytes = decoder.decode(chunk) ?? chunk;
      if (bytes.length === 0) continue;
      // The lines of the whole file are counted, after a give-up too: the numbers of lines not
      // read are reported.
      lineBreaks += countNewlines(bytes);
      endsWithNewline = bytes[bytes.length - 1] === 10;
      if (decoder.encoding !== 'binary') reader.write(bytes);
    }
  } finally {
    closeSync(fd);
  }

  const digest = hash === null ? null : { bytes: bytesRead, sha256: hash.digest('hex') };
  const lastLine = lineBreaks + (endsWithNewline ? 0 : 1);
  if (decoder.encoding === 'binary') {
    return { hasHeader: false, unparsed: lastLine, encoding: 'binary', digest };
  }
  const tail = decoder.end();
  if (tail.length > 0) {
    lineBreaks += countNewlines(tail);
    endsWithNewline = tail[tail.length - 1] === 10;
    reader.write(tail);
  }
  reader.finish();
  unparsed += reportGiveUp(giveUp, lineBreaks + (endsWithNewline ? 0 : 1), display, log);
  return {
    hasHeader: hasHeader || (giveUp as GiveUp | null)?.header === true,
    unparsed,
    encoding: decoder.encoding ?? 'utf-8',
    digest,
  };
}

/** Reports the lines after `giveUp` as not read; returns how many records they count as. */
function reportGiveUp(giveUp: GiveUp | null, lastLine: number, display: string, log: IssueLog) {
  if (giveUp === null) return 0;
  const { problem } = giveUp;
  const rest = Math.max(0, lastLine - problem.line);
  if (giveUp.header) {
    // The header is not a record: every line after it counts as one rejected record.
    log.add({
      file: display,
      line: problem.line,
      rule: problem.rule,
      message: `${problem.cause}; this is the header, so the file cannot be read: none of the ${rest} line(s) after it can be used`,
    });
  } else if (rest > 0) {
    log.add({
      file: display,
      line: problem.line + 1,
      rule: 'file.parse',
      message: `too many broken records: the remaining ${rest} line(s) are not read`,
    });
  }
  return rest;
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
