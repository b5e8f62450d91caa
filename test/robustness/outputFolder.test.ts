import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputPath } from '../../src/io/outputDir.js';
import { writeFileAtomic } from '../../src/io/writeAtomic.js';
import { runTides } from '../helpers/cli.js';
import { runFaultEnv } from './runFaults.js';
import {
  EPOCH,
  expectNoCrash,
  FAST,
  faultEnv,
  fingerprint,
  listFiles,
  programmeWith,
  tmp,
} from './support.js';

/**
 * An output folder that cannot be written is unusable (exit 2) with one line naming it; and
 * nothing tides writes ever lands outside `--out`, whatever is already in the folder.
 */
const dir = programmeWith();

/**
 * `tides analyse` into `out`. These tests are about where and how files are written, not what
 * they say: without disclosure control, each run skips the protection's linear programmes.
 */
function analyseInto(out: string, env: NodeJS.ProcessEnv = {}) {
  const run = runTides(['analyse', dir, '--out', out, '-q', '--no-suppress', ...FAST], {
    ...EPOCH,
    ...env,
  });
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
      `tides: output folder ${join(parent, 'file', 'out')} cannot be written (${join(parent, 'file')} is a file, not a folder)\n`,
    );
    expect(readdirSync(parent)).toEqual(['file']);
  });

  it('exits 2 when --out is an existing file, leaving the file as it was', () => {
    const parent = tmp();
    writeFileSync(join(parent, 'out'), 'keep me');
    const run = analyseInto(join(parent, 'out'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tides: output folder ${join(parent, 'out')} cannot be written (it is a file, not a folder)\n`,
    );
    expect(readFileSync(join(parent, 'out'), 'utf8')).toBe('keep me');
  });

  it('exits 2 naming the file when a folder stands where an output file goes', () => {
    const out = tmp();
    mkdirSync(join(out, 'reach.csv'));
    const run = analyseInto(out);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tides: output file ${join(out, 'reach.csv')} cannot be written (a folder of that name is in the way: move it, or choose another --out)\n`,
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

describe('an --out that is no place for outputs (built binary)', () => {
  it.each([
    ['/proc/tides-out', 'the file system does not allow new files or folders there: ENOENT'],
    ['/proc/sys/tides/out', 'the file system does not allow new files or folders there: ENOENT'],
    ['/dev/null', 'it is a device, not a folder'],
    ['/dev/null/out', '/dev/null is a device, not a folder'],
  ])('exits 2 at once for %s, naming what is wrong', (out, reason) => {
    if (!existsSync('/proc/sys')) return; // not Linux
    const started = Date.now();
    const run = analyseInto(out);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`tides: output folder ${out} cannot be written (${reason})\n`);
    // /proc/x made Node's recursive mkdir loop for ever.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('says "read-only file system" on a real read-only mount, not ENOENT (where tests may mount)', () => {
    const mountPoint = tmp();
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'none', mountPoint]);
    if (mounted.status !== 0) return; // not root, or no mount in this sandbox
    try {
      const out = join(mountPoint, 'a', 'b');
      const run = analyseInto(out);
      expect(run.code).toBe(2);
      // Node's recursive mkdir said "ENOENT" here.
      expect(run.stderr).toBe(
        `tides: output folder ${out} cannot be written (read-only file system: EROFS)\n`,
      );
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  it('says "read-only file system" when making a folder fails so (injected)', () => {
    const parent = tmp();
    const out = join(parent, 'a', 'b');
    const run = analyseInto(out, runFaultEnv(parent, { TIDES_MKDIR_ERROR: 'EROFS' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tides: output folder ${out} cannot be written (read-only file system: EROFS)\n`,
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses the input folder and any folder inside it, through symbolic links too', () => {
    const input = programmeWith();
    const before = fingerprint(input);
    const link = join(tmp(), 'link');
    symlinkSync(input, link);
    for (const [out, where] of [
      [input, 'is the input folder'],
      [join(input, 'report'), `is inside the input folder ${input}`],
      [join(input, 'A', 'x', 'y'), `is inside the input folder ${input}`],
      [join(link, 'report'), `is inside the input folder ${input}`],
    ] as const) {
      const run = runTides(['analyse', input, '--out', out, '-q', ...FAST], EPOCH);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `tides: --out ${out} ${where}: outputs there would replace files of the same name and be read as input by the next run; choose a folder outside it\n`,
      );
      const viaLink = runTides(['summary', link, '--year', '2016-17', '--out', out, '-q'], EPOCH);
      expect(viaLink.code).toBe(2);
      expect(viaLink.stderr).toContain(`tides: --out ${out} is `);
    }
    expect(fingerprint(input)).toEqual(before);
  });

  it('accepts the folder that holds the input folder, and reads none of its outputs back', () => {
    const parent = tmp();
    const input = join(parent, 'data');
    cpSync(programmeWith(), input, { recursive: true });
    const before = fingerprint(input);
    expect(runTides(['analyse', input, '--out', parent, '-q', ...FAST], EPOCH).code).toBe(0);
    const first = readFileSync(join(parent, 'metrics.json'), 'utf8');
    expect(runTides(['analyse', input, '--out', parent, '-q', ...FAST], EPOCH).code).toBe(0);
    expect(readFileSync(join(parent, 'metrics.json'), 'utf8')).toBe(first);
    expect(fingerprint(input)).toEqual(before);
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
      'partner_comparison.csv',
      'reach.csv',
      'reach_profile.csv',
      'report.html',
      'report.md',
      'tables.xlsx',
      'wellbeing_change.csv',
    ]);
  });

  it('never writes through a symbolic link planted at an output name', () => {
    const parent = tmp();
    const victim = join(parent, 'victim.txt');
    writeFileSync(victim, 'precious');
    const out = join(parent, 'report');
    mkdirSync(out);
    // Planted before any run: no manifest lists it, so it is not tides' to replace.
    symlinkSync(victim, join(out, 'reach.csv'));
    expect(analyseInto(out).code).toBe(2);
    expect(lstatSync(join(out, 'reach.csv')).isSymbolicLink()).toBe(true);
    // Planted after a run, at a name its manifest lists: replaced, never written through.
    rmSync(join(out, 'reach.csv'));
    expect(analyseInto(out).code).toBe(0);
    rmSync(join(out, 'reach.csv'));
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
