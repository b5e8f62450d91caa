import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { IssueLog } from '../../src/contract/issues.js';
import { type CsvReadOptions, readCsvFile } from '../../src/io/csvReader.js';

// Counts the bytes read from disk, to check that a file is read once.
const disk = vi.hoisted(() => ({ bytes: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readSync = (...args: Parameters<typeof fs.readSync>) => {
    const read = fs.readSync(...args);
    disk.bytes += read;
    return read;
  };
  return { ...fs, readSync };
});

const dir = mkdtempSync(join(tmpdir(), 'tides-csv-'));
let counter = 0;

async function read(content: string | Buffer, options: CsvReadOptions = {}) {
  const path = join(dir, `f${counter++}.csv`);
  writeFileSync(path, content);
  const log = new IssueLog();
  const header: { fields: string[]; line: number }[] = [];
  const records: { fields: string[]; line: number }[] = [];
  const summary = await readCsvFile(
    path,
    'f.csv',
    {
      header: (fields, line) => header.push({ fields, line }),
      record: (fields, line) => records.push({ fields, line }),
    },
    log,
    options,
  );
  const issues = log.issues.map((i) => `${i.rule}@${i.line}`);
  return { header: header[0], records, summary, issues };
}

describe('readCsvFile', () => {
  it('reads a UTF-8 BOM, CRLF, quoted commas and quoted newlines with physical line numbers', async () => {
    const text = '\uFEFFa,b\r\n1,"x, y"\r\n2,"two\r\nlines"\r\n3,z\r\n';
    const r = await read(text, { digest: true });
    expect(r.header).toEqual({ fields: ['a', 'b'], line: 1 });
    expect(r.records).toEqual([
      { fields: ['1', 'x, y'], line: 2 },
      { fields: ['2', 'two\r\nlines'], line: 3 },
      { fields: ['3', 'z'], line: 5 },
    ]);
    expect(r.issues).toEqual([]);
    // The digest is of the bytes as read (BOM included), computed independently here.
    const bytes = Buffer.from(text, 'utf8');
    expect(r.summary).toEqual({
      hasHeader: true,
      unparsed: 0,
      encoding: 'utf-8',
      digest: { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    });
  });

  it('skips blank lines, counting them, and warns about blank lines before the header', async () => {
    const r = await read('\n\na,b\n1,2\n\n,\n3,4');
    expect(r.header).toEqual({ fields: ['a', 'b'], line: 3 });
    expect(r.records).toEqual([
      { fields: ['1', '2'], line: 4 },
      { fields: ['3', '4'], line: 7 },
    ]);
    expect(r.issues).toEqual(['header.leading_blank@3']);
  });

  it('reports an unclosed quote where it opened and resumes on the next line', async () => {
    const r = await read('a,b,c\n1,"open,x\n2,b,c\n3,b,c\n');
    expect(r.records).toEqual([
      { fields: ['2', 'b', 'c'], line: 3 },
      { fields: ['3', 'b', 'c'], line: 4 },
    ]);
    expect(r.issues).toEqual(['file.quote_span@2']);
    expect(r.summary.unparsed).toBe(1);
  });

  it('reads the file once, however many records are broken', async () => {
    const rows = ['id,cohort,date'];
    for (let i = 0; i < 3000; i++) rows.push(i % 10 === 0 ? `${i},"open,x` : `${i},b,c`);
    const text = `${rows.join('\n')}\n`;
    disk.bytes = 0;
    const r = await read(text, { chunkSize: 4096 });
    // Resuming after a broken record never goes back to the start of the file.
    expect(disk.bytes).toBe(Buffer.byteLength(text));
    expect(r.summary.unparsed).toBe(300);
    expect(r.records.length).toBe(2700);
    expect(r.issues.filter((i) => i.startsWith('file.quote_span@'))).toHaveLength(300);
  });

  it('catches a quote that swallows records before closing further down', async () => {
    const lines = ['id,cohort,date', '1,"Tuesday group,2016-01-01'];
    for (let i = 2; i < 9; i++) lines.push(`${i},group ${i},2016-01-0${i}`);
    lines.push('9,"quoted",2016-01-09', '10,ok,2016-01-10');
    const r = await read(`${lines.join('\n')}\n`);
    expect(r.issues[0]).toBe('file.quote_span@2');
    // Every line after the broken one is read again as a record of its own.
    expect(r.records.map((x) => x.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.records.at(-1)).toEqual({ fields: ['10', 'ok', '2016-01-10'], line: 11 });
  });

  it('keeps a genuine multi-line field that does not look like records', async () => {
    const r = await read('id,note,x\n1,"12 High St\nLiverpool",y\n2,b,c\n');
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => x.line)).toEqual([2, 4]);
  });

  it('passes ragged rows through with their own width for the caller to reject', async () => {
    const r = await read('a,b\n1,2,3\n4\n');
    expect(r.records.map((x) => x.fields.length)).toEqual([3, 1]);
  });

  it('decodes UTF-16LE with a BOM and says so', async () => {
    const text = 'a,b\r\n1,café\r\n';
    const r = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(r.records).toEqual([{ fields: ['1', 'café'], line: 2 }]);
    expect(r.issues).toEqual(['encoding.utf16@1']);
    expect(r.summary.encoding).toBe('utf-16le');
  });

  it('decodes UTF-16BE without a BOM from its zero bytes', async () => {
    const le = Buffer.from('a,b\n1,2\n', 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1] as number;
      be[i + 1] = le[i] as number;
    }
    const r = await read(be);
    expect(r.records).toEqual([{ fields: ['1', '2'], line: 2 }]);
    expect(r.summary.encoding).toBe('utf-16be');
  });

  it('decodes Windows-1252 from the first invalid byte and names that line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n1,plain\n2,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n3,na'),
      Buffer.from([0xef]),
      Buffer.from('ve\n'),
    ]);
    const r = await read(bytes);
    expect(r.records.map((x) => x.fields[1])).toEqual(['plain', 'café', 'naïve']);
    expect(r.issues).toEqual(['encoding.windows1252@3']);
  });

  it('refuses binary content and counts its lines as unreadable records', async () => {
    const r = await read(
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a, 0x41, 0x00, 0x0a, 0x42]),
    );
    expect(r.header).toBeUndefined();
    expect(r.records).toEqual([]);
    expect(r.issues).toEqual(['encoding.binary@1']);
    expect(r.summary.unparsed).toBe(3);
  });

  it('treats a record beyond the size limit as a broken quote', async () => {
    const r = await read(`a,b\n1,"${'x'.repeat(200)}\n2,ok\n`, { maxRecordSize: 100 });
    expect(r.issues).toEqual(['file.quote_span@2']);
    expect(r.records).toEqual([{ fields: ['2', 'ok'], line: 3 }]);
  });

  it('returns no header for an empty file', async () => {
    const r = await read('');
    expect(r.summary.hasHeader).toBe(false);
    expect(r.records).toEqual([]);
  });

  it('gives the same records and lines whatever the chunk size (multi-byte text split anywhere)', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'é', '€uro', 'a "q" b', 'x\ny', 'line\r\nbreak', '日本', 'p,q', ' pad '),
      fc.string({ maxLength: 6 }).filter((s) => !s.includes('"') && !/[\r\n,]/.test(s)),
    );
    // A row whose cells are all empty is a blank line to tides, not a record: leave those out.
    const row = fc
      .array(cell, { minLength: 3, maxLength: 3 })
      .filter((r) => r.some((c) => c.trim() !== ''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        async (rows, chunkSize, crlf) => {
          const eol = crlf ? '\r\n' : '\n';
          const quote = (c: string) =>
            /[",\r\n]/.test(c) || c === '' ? `"${c.replaceAll('"', '""')}"` : c;
          const text = ['h1,h2,h3', ...rows.map((r) => r.map(quote).join(','))].join(eol) + eol;
          const whole = await read(text);
          const chunked = await read(text, { chunkSize });
          expect(chunked.records).toEqual(whole.records);
          expect(whole.records.map((r) => r.fields)).toEqual(rows);
          expect(whole.issues).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits regular lines exactly as csv-parse does, and hands any other line to it', async () => {
    // Text built from the characters that matter to CSV, so that regular lines, quoted fields,
    // doubled quotes, stray quotes, unclosed quotes, quoted line breaks, CRs and blank lines all
    // occur. Whatever the text, reading with the direct split must give the same header, records,
    // lines, issues and counts as reading every line through csv-parse.
    const text = fc.constantFrom('', 'a', 'b c', 'é', ' ', '1', '"', ',', '\n', '\r');
    const plain = fc.constantFrom('', 'a', 'b c', 'é', ' 1 ');
    const quoted = fc
      .array(text, { maxLength: 4 })
      .map((t) => `"${t.join('').replaceAll('"', '""')}"`);
    const noise = fc.constantFrom('"', '""', 'x"y', '"open', '"a"b', '\r', ' "q"');
    const field = fc.oneof(
      { arbitrary: plain, weight: 4 },
      { arbitrary: quoted, weight: 3 },
      noise,
    );
    const line = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(','));
    const eol = fc.constantFrom('\n', '\r\n');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(line, eol), { maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        async (lines, lastEol, chunkSize) => {
          const body = lines.map(([l, e]) => l + e).join('');
          const text = `h1,h2,h3\n${lastEol ? body : body.replace(/\r?\n$/, '')}`;
          const parsed = await read(text, { splitRegularLines: false, maxFieldLines: 3 });
          const split = await read(text, { chunkSize, maxFieldLines: 3 });
          expect(split).toEqual(parsed);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads many unclosed quotes the same by direct split and by csv-parse', async () => {
    // Files where quotes are left open on many rows (and closed by later ones, or never), among
    // regular rows and genuine quoted line breaks: both paths give the same header, records,
    // lines, issues and counts, up to the limit on broken records and beyond it.
    const row = fc.constantFrom(
      'P1,plain,2016-04-01',
      'P2,"Tuesday group,2016-04-01',
      'P3,"open',
      '"P4,x,y',
      'P5,"two\nlines",2016-04-01',
      'b","c',
      'P6,"say ""hi"",2016-04-01',
      ',,',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 80 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(2, 5, 1000),
        async (rows, chunkSize, maxRecoveries) => {
          const text = `id,cohort,date\n${rows.join('\n')}\n`;
          const parsed = await read(text, { splitRegularLines: false, maxRecoveries });
          const split = await read(text, { chunkSize, maxRecoveries });
          expect(split).toEqual(parsed);
          // No line is counted twice: as a record, a blank line or a rejected record.
          const lines = text.split('\n').length - 2;
          expect(split.records.length + split.summary.unparsed).toBeLessThanOrEqual(lines);
        },
      ),
      { numRuns: 200 },
    );
  });
});
