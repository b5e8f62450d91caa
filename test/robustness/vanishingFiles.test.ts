import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadWithIssues } from '../helpers/loadIssues.js';
import {
  analyse,
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
  it('lists a FIFO named participants.csv as ignored instead of blocking on it', () => {
    const dir = programmeWith();
    rmSync(join(dir, 'B/participants.csv'));
    execFileSync('mkfifo', [join(dir, 'B/participants.csv')]);
    const { run, result } = validate(dir);
    expect(run.code).toBe(1);
    if (result === null) throw new Error(run.stderr);
    expectAccounting(result);
    expect(result.ignored).toContain('B/participants.csv');
    expect(result.files.map((f) => f.path)).not.toContain('B/participants.csv');
  });

  it('does not follow a participants.csv that is a symbolic link', () => {
    const dir = programmeWith();
    const outside = join(tmp(), 'elsewhere.csv');
    writeFileSync(outside, readFileSync(join(dir, 'B/participants.csv')));
    rmSync(join(dir, 'B/participants.csv'));
    symlinkSync(outside, join(dir, 'B/participants.csv'));
    const { result } = validate(dir);
    expect(result?.ignored).toContain('B/participants.csv');
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
      [file, /is not a folder/],
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
      'EISDIR',
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
