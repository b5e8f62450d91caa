import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputPath } from '../../src/io/outputDir.js';
import { writeFileAtomic } from '../../src/io/writeAtomic.js';
import { runTides } from '../helpers/cli.js';
import { EPOCH, expectNoCrash, FAST, faultEnv, listFiles, programmeWith, tmp } from './support.js';

/**
 * An output folder that cannot be written is unusable (exit 2) with one line naming it; and
 * nothing tides writes ever lands outside `--out`, whatever is already in the folder.
 */
const dir = programmeWith();

function analyseInto(out: string, env: NodeJS.ProcessEnv = {}) {
  const run = runTides(['analyse', dir, '--out', out, '-q', ...FAST], { ...EPOCH, ...env });
  expectNoCrash(run);
  return run;
}

describe('an output folder that cannot be written (built binary)', () => {
  it('exits 2 when --out runs through a regular file', () => {
    const parent = tmp();
    writeFileSync(join(parent, 'file'), 'not a folder');
    const run = analyseInto(join(parent, 'file', 'out'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tides: output folder ${join(parent, 'file', 'out')} cannot be written (part of the path is a file, not a folder: ENOTDIR)\n`,
    );
    expect(readdirSync(parent)).toEqual(['file']);
  });

  it('exits 2 when --out is an existing file, leaving the file as it was', () => {
    const parent = tmp();
    writeFileSync(join(parent, 'out'), 'keep me');
    const run = analyseInto(join(parent, 'out'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tides: output folder .*out cannot be written \(.*EEXIST\)\n$/);
    expect(readFileSync(join(parent, 'out'), 'utf8')).toBe('keep me');
  });

  it('exits 2 naming the file when a folder stands where an output file goes', () => {
    const out = tmp();
    mkdirSync(join(out, 'reach.csv'));
    const run = analyseInto(out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^tides: output file .*reach\.csv cannot be written \(a folder of that name is in the way: EISDIR\)\n$/,
    );
    expect(lstatSync(join(out, 'reach.csv')).isDirectory()).toBe(true);
    // No temporary file is left behind.
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 2 when the output folder is read-only (permission denied)', () => {
    const out = tmp();
    const run = analyseInto(out, faultEnv(out, 'eacces-folder'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tides: output folder ${out} cannot be written (permission denied: EACCES)\n`,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('exits 2 naming the file when the folder turns read-only during the run', () => {
    const out = tmp();
    const run = analyseInto(out, faultEnv(out, 'eacces-write'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^tides: output file .*reach\.csv cannot be written \(permission denied: EACCES\)\n$/,
    );
    expect(readdirSync(out)).toEqual([]);
    const folder = tmp();
    const validate = runTides(['validate', dir, '--issues-out', join(folder, 'issues.csv')], {
      ...EPOCH,
      ...faultEnv(folder, 'eacces-write'),
    });
    expectNoCrash(validate);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(
      /^tides: --issues-out .* cannot be written \(permission denied: EACCES\)\n$/,
    );
  });

  it('exits 2 when validate --issues-out cannot be written', () => {
    const parent = tmp();
    writeFileSync(join(parent, 'file'), 'x');
    for (const target of [join(parent, 'file', 'issues.csv'), parent]) {
      const run = runTides(['validate', dir, '--issues-out', target], EPOCH);
      expectNoCrash(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^tides: --issues-out .* cannot be written \(.*\)\n$/);
    }
  });
});

describe('nothing is written outside --out', () => {
  it('writes exactly the outputs into --out and nothing next to it', () => {
    const parent = tmp();
    const out = join(parent, 'report');
    const run = analyseInto(out);
    expect(run.code).toBe(0);
    expect(readdirSync(parent)).toEqual(['report']);
    expect(listFiles(out)).toEqual([
      'band_change.csv',
      'cost.csv',
      'data_quality.csv',
      'inequality.csv',
      'inequality_quantiles.csv',
      'manifest.json',
      'metrics.json',
      'reach.csv',
      'reach_profile.csv',
      'report.html',
      'report.md',
      'wellbeing_change.csv',
    ]);
  });

  it('replaces a symbolic link planted at an output name instead of writing through it', () => {
    const parent = tmp();
    const victim = join(parent, 'victim.txt');
    writeFileSync(victim, 'precious');
    const out = join(parent, 'report');
    mkdirSync(out);
    symlinkSync(victim, join(out, 'reach.csv'));
    expect(analyseInto(out).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(out, 'reach.csv')).isSymbolicLink()).toBe(false);
  });

  it('never writes through a symbolic link planted at the temporary file name', async () => {
    // The temporary name is predictable (`.<name>.<pid>.tmp`); in process, the pid is known.
    const parent = tmp();
    const victim = join(parent, 'victim.txt');
    writeFileSync(victim, 'precious');
    const out = join(parent, 'report');
    mkdirSync(out);
    symlinkSync(victim, join(out, `.reach.csv.${process.pid}.tmp`));
    await writeFileAtomic(join(out, 'reach.csv'), 'a,b\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(join(out, 'reach.csv'), 'utf8')).toBe('a,b\n');
    expect(existsSync(join(out, `.reach.csv.${process.pid}.tmp`))).toBe(false);
  });

  it.each(['../escape.csv', 'a/b.csv', '..\\escape.csv', '', '.', '..', '/etc/passwd'])(
    'refuses the output name %j',
    (name) => {
      expect(() => outputPath('/tmp/tides-out', name)).toThrow(/refusing to write/);
    },
  );
});
