import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnusableInputError, UsageError } from '../../src/errors.js';
import {
  describeCreateError,
  describeFsError,
  isWithin,
  prepareOutputDir,
} from '../../src/io/outputDir.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tides-outdir-'));
const fsError = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('describeFsError', () => {
  it.each([
    ['EROFS', 'read-only file system: EROFS'],
    ['ENOSPC', 'no space left on the device: ENOSPC'],
    ['EDQUOT', 'disk quota exceeded: EDQUOT'],
    ['EACCES', 'permission denied: EACCES'],
    ['ENOTDIR', 'part of the path is a file, not a folder: ENOTDIR'],
    ['ELOOP', 'too many symbolic links: ELOOP'],
    ['EWHATEVER', 'EWHATEVER'],
  ])('says what %s means', (code, words) => {
    expect(describeFsError(fsError(code))).toBe(words);
  });

  it('says that a file system refuses new files, not that a folder is missing, when making one', () => {
    expect(describeCreateError(fsError('ENOENT'))).toBe(
      'the file system does not allow new files or folders there: ENOENT',
    );
    expect(describeCreateError(fsError('EROFS'))).toBe('read-only file system: EROFS');
  });
});

describe('isWithin', () => {
  it.each([
    ['/a/b', '/a', true],
    ['/a', '/a', true],
    ['/a/b/c', '/a/b', true],
    ['/ab', '/a', false],
    ['/a', '/a/b', false],
    ['/a/..b', '/a', true],
    ['/x', '/', true],
  ])('%s within %s: %s', (path, folder, within) => {
    expect(isWithin(path, folder)).toBe(within);
  });
});

describe('prepareOutputDir', () => {
  it('makes the missing folders, one at a time, and returns the absolute path', async () => {
    const parent = tmp();
    const out = join(parent, 'a', 'b', 'c');
    expect(await prepareOutputDir(out)).toBe(out);
    expect(readdirSync(join(parent, 'a', 'b'))).toEqual(['c']);
  });

  it.each([
    ['', UsageError, '--out is empty: name the output folder'],
    ['  ', UsageError, '--out is empty: name the output folder'],
  ])('refuses %j', async (out, kind, message) => {
    await expect(prepareOutputDir(out)).rejects.toThrow(kind);
    await expect(prepareOutputDir(out)).rejects.toThrow(message);
  });

  it('refuses a file, and a path through a file, naming the file', async () => {
    const parent = tmp();
    const file = join(parent, 'file');
    writeFileSync(file, 'x');
    await expect(prepareOutputDir(file)).rejects.toThrow(UnusableInputError);
    await expect(prepareOutputDir(file)).rejects.toThrow('(it is a file, not a folder)');
    await expect(prepareOutputDir(join(file, 'a', 'b'))).rejects.toThrow(
      `(${file} is a file, not a folder)`,
    );
    expect(readdirSync(parent)).toEqual(['file']);
  });

  it('refuses the input folder and folders inside it, symbolic links resolved', async () => {
    const parent = tmp();
    const input = join(parent, 'data');
    mkdirSync(join(input, 'sub'), { recursive: true });
    symlinkSync(input, join(parent, 'alias'));
    for (const out of [input, join(input, 'sub'), join(parent, 'alias', 'new', 'deeper')]) {
      await expect(prepareOutputDir(out, input)).rejects.toThrow(UsageError);
    }
    await expect(prepareOutputDir(join(input, 'x'), join(parent, 'alias'))).rejects.toThrow(
      /is inside the input folder/,
    );
    expect(readdirSync(input)).toEqual(['sub']);
    // Beside or above the input is fine.
    expect(await prepareOutputDir(join(parent, 'report'), input)).toBe(join(parent, 'report'));
    expect(await prepareOutputDir(parent, input)).toBe(parent);
    expect(await prepareOutputDir(join(parent, 'data-report'), input)).toBe(
      join(parent, 'data-report'),
    );
  });
});
