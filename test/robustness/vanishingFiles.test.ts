import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runTides } from '../helpers/cli.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import {
  analyse,
  EPOCH,
  expectAccounting,
  faultEnv,
  PER_PARTNER_TABLES,
  partnerRows,
  programmeWith,
  tmp,
  validate,
} from './support.js';

/**
 * Files that disappear or become unreadable between discovery and reading, or part-way through.
 * Tests run as any user (root reads everything, so `chmod 000` proves nothing): the faults are
 * injected deterministically instead, into the built binary through the preloaded module of
 * `faultEnv` (support.ts), and in-process around `discoverInput`.
 */
// In process: wrap discovery so that, after it lists the files, a test can delete one or put a
// folder in its place, as another process might do between the two steps.
const swap = vi.hoisted(() => ({ action: null as ((root: string) => void) | null }));
vi.mock('../../src/io/discover.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/io/discover.js')>();
  return {
    ...real,
    discoverInput: async (root: string) => {
      const found = await real.discoverInput(root);
      swap.action?.(root);
      return found;
    },
  };
});

function validateWith(dir: string, env: NodeJS.ProcessEnv) {
  return validate(dir, [], env);
}

describe('a file that disappears after discovery (built binary)', () => {
  const baseline = analyse(programmeWith());

  it('reports B/participants.csv as unreadable, keeps A, exits 1 (validate) and 0 (analyse)', () => {
    const dir = programmeWith();
    const { run, result } = validateWith(dir, faultEnv('B/participants.csv', 'vanish'));
    expect(run.code).toBe(1);
    if (result === null) throw new Error(run.stderr);
    expectAccounting(result);
    const issue = result.issues.find((i) => i.file === 'B/participants.csv');
    expect(issue).toMatchObject({ rule: 'file.unreadable', line: null, severity: 'error' });
    expect(issue?.message).toBe('the file cannot be read (ENOENT); no record was read');
    expect(result.files.find((f) => f.path === 'B/participants.csv')).toMatchObject({
      read: 0,
      used: 0,
      rejected: 0,
    });
    expect(result.issues.filter((i) => i.file.startsWith('A/'))).toEqual([]);

    const again = programmeWith();
    const { run: analysed, out } = analyse(again, [], {
      env: faultEnv('B/participants.csv', 'vanish'),
    });
    expect(analysed.code).toBe(0);
    expect(analysed.stderr).toBe('');
    for (const table of PER_PARTNER_TABLES) {
      expect(partnerRows(out, table, 'A'), table).toEqual(partnerRows(baseline.out, table, 'A'));
    }
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/B\/participants\.csv: the file cannot be read \(ENOENT\)/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const entry = manifest.inputs.find((f: { path: string }) => f.path === 'B/participants.csv');
    expect(entry).toMatchObject({ sha256: null, bytes: null, read: 0 });
  });

  it('exits 2 with one clear line when partners.csv disappears (nothing can be analysed)', () => {
    const { run } = analyse(programmeWith(), [], { env: faultEnv('/partners.csv', 'vanish') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tides: nothing to analyse in .*: 0 usable partner\(s\)/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a file that fails part-way through (built binary)', () => {
  it('uses the records before the failure and names the line where reading stopped', () => {
    // 300 bytes: the header (line 1) and four whole records (lines 2–5), then part of line 6.
    const { run, result } = validateWith(
      programmeWith(),
      faultEnv('B/participants.csv', 'eio', 300),
    );
    expect(run.code).toBe(1);
    if (result === null) throw new Error(run.stderr);
    expectAccounting(result);
    expect(result.files.find((f) => f.path === 'B/participants.csv')).toMatchObject({
      read: 4,
      used: 4,
      rejected: 0,
    });
    const issue = result.issues.find((i) => i.file === 'B/participants.csv');
    expect(issue).toMatchObject({ rule: 'file.unreadable', line: 6, severity: 'error' });
    expect(issue?.message).toMatch(
      /cannot be read from line 6 on \(EIO\); the 4 record\(s\) before/,
    );
  });

  it('fails part-way through an outcomes file without touching the other files', () => {
    const { run, result } = validateWith(programmeWith(), faultEnv('A/outcomes.csv', 'eio', 200));
    if (result === null) throw new Error(run.stderr);
    expectAccounting(result);
    const a = result.files.find((f) => f.path === 'A/outcomes.csv');
    expect(a?.read).toBeGreaterThan(0);
    expect(a?.read).toBeLessThan(36);
    const b = result.files.find((f) => f.path === 'B/outcomes.csv');
    expect(b).toMatchObject({ read: 30, used: 30, rejected: 0 });
  });
});

describe('things that are not files where files are expected', () => {
  it.each([
    [
      'a FIFO',
      'B/participants.csv',
      (path: string) => execFileSync('mkfifo', [path]),
      'a FIFO (named pipe)',
    ],
    [
      'a FIFO',
      'partners.csv',
      (path: string) => execFileSync('mkfifo', [path]),
      'a FIFO (named pipe)',
    ],
    [
      'a link to a device',
      'A/outcomes.csv',
      (path: string) => symlinkSync('/dev/null', path),
      'a character device',
    ],
    [
      'a FIFO',
      'tides.config.json',
      (path: string) => execFileSync('mkfifo', [path]),
      'a FIFO (named pipe)',
    ],
  ])(
    'refuses %s named %s (exit 2, nothing written) instead of blocking on it',
    (_, name, make, what) => {
      const dir = programmeWith();
      rmSync(join(dir, name), { force: true });
      make(join(dir, name));
      for (const command of ['validate', 'analyse', 'summary'] as const) {
        const out = join(tmp(), 'out');
        const args = {
          validate: [],
          analyse: ['--out', out],
          summary: ['--out', out, '--year', '2022-23'],
        }[command];
        const run = runTides([command, dir, ...args], EPOCH);
        expect(run.code, command).toBe(2);
        expect(run.stderr).toBe(
          `tides: ${join(dir, name)} is not a regular file but ${what}; tides reads its inputs only from regular files\n`,
        );
        // Nothing is written (analyse and summary make the empty --out folder first, to fail
        // at once when it cannot be written).
        expect(existsSync(out) ? readdirSync(out) : [], command).toEqual([]);
      }
    },
  );

  it('tides audit refuses a FIFO named like an output at once, and JSON nested too deep', () => {
    for (const name of ['metrics.json', 'reach.csv', 'summary-2016-17.json']) {
      const folder = tmp();
      execFileSync('mkfifo', [join(folder, name)]);
      const run = runTides(['audit', folder, '--min-cell', '10'], EPOCH);
      expect(run.code, name).toBe(2);
      expect(run.stderr).toBe(
        `tides: ${join(folder, name)} cannot be read (not a regular file but a FIFO (named pipe))\n`,
      );
    }
    const folder = tmp();
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    writeFileSync(join(folder, 'metrics.json'), `{"tables": {"reach": [{"partner_id": ${deep}}]}}`);
    const run = runTides(['audit', folder, '--min-cell', '10'], EPOCH);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tides: ${join(folder, 'metrics.json')}: line 1, column 98: arrays and objects nested more than 64 deep; not a file tides reads\n`,
    );
  });

  it('lists a FIFO that is not named like an input as ignored', () => {
    const dir = programmeWith();
    execFileSync('mkfifo', [join(dir, 'B/notes.txt')]);
    const { run, result } = validate(dir);
    expect(run.code).toBe(0);
    expect(result?.ignored).toContain('B/notes.txt');
  });

  it('follows symbolic links to input files and folders, as if they were there', () => {
    const plain = validate(programmeWith()).result;
    const dir = programmeWith();
    const elsewhere = tmp();
    for (const name of ['partners.csv', 'B/participants.csv']) {
      const outside = join(elsewhere, name.replace('/', '-'));
      writeFileSync(outside, readFileSync(join(dir, name)));
      rmSync(join(dir, name));
      symlinkSync(outside, join(dir, name));
    }
    renameSync(join(dir, 'A'), join(elsewhere, 'A'));
    symlinkSync(join(elsewhere, 'A'), join(dir, 'A'));
    const linkedRoot = join(tmp(), 'programme');
    symlinkSync(dir, linkedRoot);
    const { run, result } = validate(linkedRoot);
    expect(run.stderr).toBe('');
    expect(result).toEqual(plain);
  });

  it('reads a folder or file reached twice through links once, and never loops', () => {
    const plain = validate(programmeWith()).result;
    const dir = programmeWith();
    symlinkSync('..', join(dir, 'B/up'));
    symlinkSync('.', join(dir, 'A/self'));
    symlinkSync(join(dir, 'B'), join(dir, 'B again'));
    symlinkSync('participants.csv', join(dir, 'A/participants-copy.csv'));
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    const { run, result } = validate(dir);
    expect(run.stderr).toBe('');
    expect(result?.files).toEqual(plain?.files);
    expect(result?.issues).toEqual(plain?.issues);
    expect(result?.ignored).toEqual([
      'A/participants-copy.csv',
      'A/self/',
      'B again/',
      'B/up/',
      'loop-a',
      'loop-b',
    ]);
    const text = runTides(['validate', dir], EPOCH).stdout;
    expect(text).toMatch(
      /A\/participants-copy\.csv +ignored: the same file as A\/participants\.csv, read once/,
    );
    expect(text).toMatch(/B\/up\/ +ignored: the same folder as the input folder, read once/);
    expect(text).toMatch(/loop-a +ignored: a loop of symbolic links/);
  });

  it('reports an input named by a link to nothing as unreadable, and reads the rest', () => {
    const dir = programmeWith();
    rmSync(join(dir, 'B/participants.csv'));
    symlinkSync(join(tmp(), 'gone.csv'), join(dir, 'B/participants.csv'));
    const { run, result } = validate(dir);
    expect(run.code).toBe(1);
    const issue = result?.issues.find((i) => i.file === 'B/participants.csv');
    expect(issue).toMatchObject({ rule: 'file.unreadable', line: null });
    expect(issue?.message).toMatch(/cannot be read \(ENOENT\)/);
  });

  it('reads into a folder named participants.csv and lists what it holds', () => {
    const dir = programmeWith();
    rmSync(join(dir, 'B/participants.csv'));
    mkdirSync(join(dir, 'B/participants.csv'));
    writeFileSync(join(dir, 'B/participants.csv/notes.txt'), 'not data');
    const { run, result } = validate(dir);
    expect(run.code).toBe(1);
    expect(result?.ignored).toContain('B/participants.csv/notes.txt');
  });

  it('exits 2 naming the folder when the input folder is a file or missing', () => {
    const file = join(tmp(), 'data.csv');
    writeFileSync(file, 'a,b\n');
    for (const [dir, message] of [
      [file, /is not a folder but a regular file/],
      [join(tmp(), 'missing'), /does not exist/],
    ] as const) {
      const { run } = validate(dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});

describe('loadProgramme when a discovered file changes before it is read (in process)', () => {
  it.each([
    ['deleted', (root: string) => rmSync(join(root, 'B/participants.csv')), 'ENOENT'],
    [
      'replaced by a folder',
      (root: string) => {
        rmSync(join(root, 'B/participants.csv'));
        mkdirSync(join(root, 'B/participants.csv'));
      },
      'not a regular file but a folder',
    ],
    [
      'replaced by a FIFO',
      (root: string) => {
        rmSync(join(root, 'B/participants.csv'));
        execFileSync('mkfifo', [join(root, 'B/participants.csv')]);
      },
      'not a regular file but a FIFO (named pipe)',
    ],
  ])('reports a file %s as unreadable and reads the rest', async (_, action, code) => {
    swap.action = action;
    const dir = programmeWith();
    const { programme, issues } = await loadWithIssues(dir, { today: 20_000 });
    swap.action = null;
    const files = programme.files.map((f) => ({ ...f }));
    expectAccounting({ files, totals: programme.totals });
    const issue = issues.find((i) => i.file === 'B/participants.csv');
    expect(issue).toMatchObject({ rule: 'file.unreadable', line: null });
    expect(issue?.message).toContain(code);
    expect(programme.totals.participants).toEqual({ read: 10, used: 10, rejected: 0 });
    expect(issues.filter((i) => i.file.startsWith('A/'))).toEqual([]);
  });
});
