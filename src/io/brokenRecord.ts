/**
 * When a CSV record counts as broken, and how that is told: an unclosed double quote (csv-parse
 * reaches the end of the file or the record size limit inside a quoted field), or a quoted field
 * that has evidently swallowed the records after it. The record is reported at the line where it
 * starts, as one rejected record; reading resumes on the next line.
 */
export interface Break {
  readonly line: number;
  /** What is wrong at `line`. */
  readonly cause: string;
  /** What tides does about it when the broken record is a data record. */
  readonly recovery: string;
  readonly rule: 'file.parse' | 'file.quote_span';
}

/** A failure csv-parse returned for the record starting on `line`. */
export function describeParseError(error: Error, line: number): Break {
  const code = (error as Error & { code?: string }).code ?? '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return {
      line,
      rule: 'file.quote_span',
      cause: `a double quote opened on line ${line} is never closed (expected a closing quote before the end of the file)`,
      recovery: resumes(line, true),
    };
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return {
      line,
      rule: 'file.quote_span',
      cause: `the record starting on line ${line} grows beyond the largest record tides accepts, most likely because of an unclosed double quote`,
      recovery: resumes(line, false),
    };
  }
  return {
    line,
    rule: 'file.parse',
    cause: `the CSV cannot be parsed at line ${line}: ${error.message.replace(/ at line \d+.*$/s, '')}`,
    recovery: resumes(line, false),
  };
}

/** A multi-line record that `swallowedRecords` found to hold the records after it. */
export function describeSwallowed(line: number, span: number, why: string): Break {
  return {
    line,
    rule: 'file.quote_span',
    cause: `a double quote opened on line ${line} runs over ${span} lines (${why})`,
    recovery: resumes(line, true),
  };
}

/**
 * A record known to be broken (still open more than `maxFieldLines` lines on, with text in it)
 * that is not read to its end: describing where it ends would mean reading on, and tides has
 * already read on as far as it allows for the broken records before it (see RecordReader).
 */
export function describeUnfinished(line: number, maxFieldLines: number): Break {
  return {
    line,
    rule: 'file.quote_span',
    cause: `a double quote opened on line ${line} runs over more than ${maxFieldLines} lines (more than ${maxFieldLines} lines in one field)`,
    recovery: resumes(line, true),
  };
}

function resumes(line: number, rejected: boolean): string {
  return rejected
    ? `the record is rejected and reading resumes on line ${line + 1}`
    : `reading resumes on line ${line + 1}`;
}

/**
 * Says why a multi-line record looks like a quote that swallowed records, or null when it looks
 * like a genuine quoted field with line breaks (an address, a note).
 */
export function swallowedRecords(
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

/** A record whose cells are all empty or white space: a blank line, not a record. */
export function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

export function countChar(text: string, char: string): number {
  let count = 0;
  let at = text.indexOf(char);
  while (at !== -1) {
    count++;
    at = text.indexOf(char, at + 1);
  }
  return count;
}
