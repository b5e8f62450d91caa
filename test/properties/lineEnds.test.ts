import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IssueLog } from '../../src/contract/issues.js';
import { readCsvFile } from '../../src/io/csvReader.js';

/**
 * The same table gives the same records, on the same physical lines, whatever its line ends (LF,
 * CRLF, classic Mac CR), its encoding (UTF-8, UTF-16LE with a BOM) and the chunk size it is read
 * in — a CR at the end of one chunk and a LF at the start of the next included.
 */
const dir = mkdtempSync(join(tmpdir(), 'tides-eol-'));
let counter = 0;

async function read(content: Buffer, chunkSize?: number) {
  const path = join(dir, `f${counter++}.csv`);
  writeFileSync(path, content);
  const log = new IssueLog();
  const records: { fields: string[]; line: number }[] = [];
  let header: string[] = [];
  const summary = await readCsvFile(
    path,
    'f.csv',
    {
      header: (fields) => (header = fields),
      record: (fields, line) => records.push({ fields, line }),
    },
    log,
    chunkSize === undefined ? {} : { chunkSize },
  );
  const issues = log.issues
    .filter((i) => i.rule !== 'encoding.utf16')
    .map((i) => `${i.rule}@${i.line}`);
  return { header, records, issues, unparsed: summary.unparsed };
}

const cell = fc.oneof(
  fc.constantFrom('', 'é', '€uro', 'a "q" b', 'x\ny', 'p,q', ' pad ', 'Zoë'),
  fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
);
const row = fc
  .array(cell, { minLength: 3, maxLength: 3 })
  .filter((r) => r.some((c) => c.trim() !== ''));

function csv(rows: readonly string[][], eol: string): string {
  const quote = (c: string) => (/[",\n]/.test(c) || c === '' ? `"${c.replaceAll('"', '""')}"` : c);
  // A line break inside a quoted field is written with the file's own line end.
  const lines = ['h1,h2,h3', ...rows.map((r) => r.map(quote).join(','))];
  return `${lines.join('\n').replaceAll('\n', eol)}${eol}`;
}

describe('line ends, encodings and chunk boundaries', () => {
  it('reads LF, CRLF and CR files alike, in UTF-8 and UTF-16, in chunks of any size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\r\n', '\r'),
        fc.boolean(),
        fc.integer({ min: 1, max: 19 }),
        async (rows, eol, utf16, chunkSize) => {
          const reference = await read(Buffer.from(csv(rows, '\n')));
          expect(reference.records.map((r) => r.fields)).toEqual(rows);
          const text = csv(rows, eol);
          const bytes = utf16
            ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
            : Buffer.from(text, 'utf8');
          // The encoding is sniffed from the first chunk: real chunks are 1 MiB, so give UTF-16 at
          // least its byte-order mark.
          const other = await read(bytes, utf16 ? chunkSize + 1 : chunkSize);
          const normalised = other.records.map((r) => ({
            line: r.line,
            fields: r.fields.map((f) => f.replaceAll('\r\n', '\n')),
          }));
          expect(normalised).toEqual(reference.records);
          expect(other.issues).toEqual([]);
          expect(other.unparsed).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
