import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { TEMPLATE_MARKER } from '../../src/io/discover.js';
import { type TemplateFile, writeTemplateFolder } from '../../src/io/templateFolder.js';
import { hashes } from '../helpers/hashes.js';

const OWN = new Set(['a.csv', 'b.csv', 'c.xlsx']);
const file = (name: string, text: string): TemplateFile => ({
  name,
  bytes: Buffer.from(text, 'utf8'),
});
const FIRST = [file('a.csv', 'a\n'), file('b.csv', 'b\n')];

function folder(): string {
  return join(mkdtempSync(join(tmpdir(), 'tides-template-folder-')), 'template');
}

async function written(dir: string, files = FIRST, force = false) {
  return writeTemplateFolder(dir, files, { force, own: OWN });
}

describe('writeTemplateFolder', () => {
  it('makes the folder and writes the files, with a marker listing their SHA-256', async () => {
    const dir = folder();
    const result = await written(dir);
    expect(result).toEqual([
      {
        path: 'a.csv',
        bytes: 2,
        sha256: '87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7',
      },
      {
        path: 'b.csv',
        bytes: 2,
        sha256: '0263829989b6fd954f72baaf2fc64bc2e2f01d692d4de72986ea808f6e99813f',
      },
    ]);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('a\n');
    const marker = readFileSync(join(dir, TEMPLATE_MARKER), 'utf8');
    expect(marker).toContain(`${result[0]?.sha256}  a.csv\n`);
    expect(marker).toContain(`${result[1]?.sha256}  b.csv\n`);
  });

  it('writes into an empty folder', async () => {
    const dir = folder();
    mkdirSync(dir);
    await written(dir);
    expect(Object.keys(hashes(dir))).toEqual([TEMPLATE_MARKER, 'a.csv', 'b.csv']);
  });

  it('refuses a folder that is not empty without force, touching nothing', async () => {
    const dir = folder();
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await expect(written(dir)).rejects.toThrow(UsageError);
    await expect(written(dir)).rejects.toThrow(
      /is not empty: choose an empty folder, or use --force/,
    );
    expect(Object.keys(hashes(dir))).toEqual(['notes.txt']);
  });

  it('refuses, even with force, a folder tides template did not make', async () => {
    const dir = folder();
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.csv'), 'a partner’s return\n');
    await expect(written(dir, FIRST, true)).rejects.toThrow(
      /was not made by tides template \(it has no \.tides-template file\)/,
    );
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('a partner’s return\n');
  });

  it('with force, replaces its own unchanged files, removes those not rewritten, keeps others', async () => {
    const dir = folder();
    await written(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await written(dir, [file('a.csv', 'A\n'), file('c.xlsx', 'C')], true);
    expect(Object.keys(hashes(dir))).toEqual([TEMPLATE_MARKER, 'a.csv', 'c.xlsx', 'notes.txt']);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('A\n');
    const marker = readFileSync(join(dir, TEMPLATE_MARKER), 'utf8');
    expect(marker).toMatch(/ {2}a\.csv\n/);
    expect(marker).toMatch(/ {2}c\.xlsx\n/);
    expect(marker).not.toMatch(/b\.csv/);
  });

  it('with force, refuses a template whose files have changed since (filled in), touching nothing', async () => {
    const dir = folder();
    await written(dir);
    writeFileSync(join(dir, 'b.csv'), 'b\nfilled,in\n');
    const before = hashes(dir);
    await expect(written(dir, FIRST, true)).rejects.toThrow(
      /b\.csv has changed since tides template wrote it \(filled in\?\), so --force does not replace it/,
    );
    expect(hashes(dir)).toEqual(before);
  });

  it('with force, refuses to write over a file of the same name that it did not write', async () => {
    const dir = folder();
    await written(dir, [file('a.csv', 'a\n')]);
    writeFileSync(join(dir, 'b.csv'), 'added by hand\n');
    await expect(written(dir, FIRST, true)).rejects.toThrow(
      /b\.csv was not written by tides template/,
    );
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('added by hand\n');
  });

  it('removes only names a template may have, whatever the marker lists', async () => {
    const dir = folder();
    await written(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep');
    const marker = readFileSync(join(dir, TEMPLATE_MARKER), 'utf8');
    const notes = createHash('sha256').update('keep').digest('hex');
    writeFileSync(join(dir, TEMPLATE_MARKER), `${marker}${notes}  notes.txt\n`);
    await written(dir, FIRST, true);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep');
  });

  it('refuses a path that is a file', async () => {
    const dir = folder();
    mkdirSync(join(dir, '..'), { recursive: true });
    writeFileSync(dir, 'a file');
    await expect(written(dir)).rejects.toThrow(/exists and is not a folder/);
  });
});
