import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTides } from '../helpers/cli.js';
import { runFaultEnv } from './runFaults.js';
import { EPOCH, expectNoCrash, FAST, fingerprint, programmeWith, tmp } from './support.js';

/**
 * An output folder is always one whole run or visibly not one: whatever stops a run (kill -9,
 * a full disk, permission denied, a folder in the way, a second run), the files a manifest.json
 * lists are one run exactly when each has the size and SHA-256 the manifest gives, and nothing
 * else in the folder claims to be part of it.
 */
const dir = programmeWith();
const BIN = resolve('bin/tides.js');

interface ManifestOutput {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * `tides analyse` into `out`, without disclosure control: these tests are about how a run's files
 * reach the folder, not what they say, and each run then skips the protection's linear programmes.
 */
function analyse(out: string, extra: readonly string[] = [], env: NodeJS.ProcessEnv = {}) {
  const args = ['analyse', dir, '--out', out, '--no-suppress', ...FAST, ...extra];
  const run = runTides(args, { ...EPOCH, ...env });
  if (run.code !== null) expectNoCrash(run);
  return run;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function outputsOf(out: string, manifest = 'manifest.json'): ManifestOutput[] {
  return JSON.parse(readFileSync(join(out, manifest), 'utf8')).outputs as ManifestOutput[];
}

/** The folder holds one whole run: its manifest's outputs, each as listed, and `others`. */
function expectOneRun(out: string, others: readonly string[] = []): ManifestOutput[] {
  const outputs = outputsOf(out);
  for (const output of outputs) {
    const path = join(out, output.path);
    expect(readFileSync(path).length, output.path).toBe(output.bytes);
    expect(sha256(path), output.path).toBe(output.sha256);
  }
  const files = readdirSync(out).filter((name) => !name.startsWith('.'));
  expect(files.sort()).toEqual([...outputs.map((o) => o.path), 'manifest.json', ...others].sort());
  return outputs;
}

const CSV = [
  'band_change.csv',
  'cost.csv',
  'data_quality.csv',
  'inequality.csv',
  'inequality_quantiles.csv',
  'partner_comparison.csv',
  'reach.csv',
  'reach_profile.csv',
  'wellbeing_change.csv',
];

/** A folder holding a complete earlier run (every format) and a file of the user's. */
function earlierRun(): string {
  const out = join(tmp(), 'out');
  expect(analyse(out, ['-q']).code).toBe(0);
  writeFileSync(join(out, 'notes.txt'), 'the evaluator’s notes');
  return out;
}

describe('a run into a folder that holds an earlier run (built binary)', () => {
  it('replaces it whole: outputs the new run does not write are removed, other files kept and named', () => {
    const out = earlierRun();
    expect(expectOneRun(out, ['notes.txt'])).toHaveLength(13);
    const run = analyse(out, ['--format', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `tides: note: ${out} also holds 1 file(s) that are not outputs of this run, kept as they are: notes.txt\n`,
    );
    expect(expectOneRun(out, ['notes.txt']).map((o) => o.path)).toEqual(CSV);
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('the evaluator’s notes');
  });

  it('refuses, before writing anything, when a file no manifest lists stands where an output goes', () => {
    for (const blocker of ['reach.csv', 'report.md', 'manifest.json']) {
      const out = join(tmp(), 'out');
      mkdirSync(out);
      writeFileSync(join(out, blocker), 'a partner’s own file');
      const before = fingerprint(out);
      const run = analyse(out, ['-q']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `tides: output file ${join(out, blocker)} cannot be written (a file of that name is there that no tides manifest in the folder lists as an output, so it is kept: move it, or choose another --out)\n`,
      );
      expect(fingerprint(out)).toEqual(before);
      expect(readdirSync(out)).toEqual([blocker]);
    }
  });

  it('refuses, before writing anything, when a folder is named like an output', () => {
    const out = join(tmp(), 'out');
    mkdirSync(join(out, 'reach.csv'), { recursive: true });
    const run = analyse(out, ['-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tides: output file ${join(out, 'reach.csv')} cannot be written (a folder of that name is in the way: move it, or choose another --out)\n`,
    );
    expect(readdirSync(out)).toEqual(['reach.csv']);
  });

  it('keeps summaries and the analysis side by side, each run replacing only its own', () => {
    const out = earlierRun();
    const summary = (year: string) =>
      runTides(['summary', dir, '--year', year, '--out', out, '-q', ...FAST], EPOCH);
    expect(summary('2016-17').code).toBe(0);
    const manifest = 'summary-2016-17.manifest.json';
    const listed = outputsOf(out, manifest);
    expect(listed.map((o) => o.path)).toEqual([
      'summary-2016-17.html',
      'summary-2016-17.json',
      'summary-2016-17.md',
    ]);
    for (const output of listed) expect(sha256(join(out, output.path))).toBe(output.sha256);
    // The summary's year, and the one analysis by year and partner it comes from.
    const recorded = JSON.parse(readFileSync(join(out, manifest), 'utf8'));
    expect(recorded.year).toBe('2016-17');
    expect(recorded.options).toMatchObject({ by: ['year', 'partner_id'], period: null });
    // The analysis is still whole beside it, and a new analysis leaves the summary alone.
    expectOneRun(out, ['notes.txt', manifest, ...listed.map((o) => o.path)]);
    expect(analyse(out, ['--format', 'csv', '-q']).code).toBe(0);
    expectOneRun(out, ['notes.txt', manifest, ...listed.map((o) => o.path)]);
    expect(outputsOf(out, manifest)).toEqual(listed);
  });
});

/**
 * The steps at which to stop a run: the first and last of each stretch of like steps (lock,
 * staging writes, journal, manifest removed, renames, removals, manifest renamed, clean-up), so
 * that every phase is cut at its start and its end without running every step twice.
 */
function boundaries(steps: readonly string[]): number[] {
  const call = (line: string | undefined) => line?.split(' ')[1];
  const chosen: number[] = [];
  steps.forEach((line, i) => {
    if (call(line) !== call(steps[i - 1]) || call(line) !== call(steps[i + 1])) chosen.push(i + 1);
  });
  return chosen;
}

describe('a run stopped part-way (built binary)', () => {
  it('leaves the earlier run whole, or no manifest, wherever it is killed (kill -9)', () => {
    const template = earlierRun();
    const log = join(tmp(), 'steps.log');
    const counted = join(tmp(), 'out');
    cpSync(template, counted, { recursive: true });
    // What is written does not matter here, only where the run stops: without disclosure
    // control (no linear programmes) each of the 30-odd runs takes half the time.
    const args = ['--format', 'csv', '-q'];
    expect(analyse(counted, args, runFaultEnv(counted, { TIDES_STEP_LOG: log })).code).toBe(0);
    const steps = readFileSync(log, 'utf8').trim().split('\n');
    // Lock (4), staging (1), 9 outputs, manifest and journal, old manifest removed, 9 renames,
    // 4 outputs of the earlier run removed (metrics.json, report.html, report.md, tables.xlsx),
    // manifest renamed, staging and lock removed.
    expect(steps).toHaveLength(33);
    const chosen = boundaries(steps);
    expect(chosen.length).toBeGreaterThanOrEqual(14);
    for (const step of chosen) {
      const out = join(tmp(), 'out');
      cpSync(template, out, { recursive: true });
      const killed = analyse(out, args, runFaultEnv(out, { TIDES_KILL_AT: String(step) }));
      const where = `killed before step ${steps[step - 1]}`;
      expect(killed.code, where).toBeNull();
      if (existsSync(join(out, 'manifest.json'))) {
        expectOneRun(out, ['notes.txt']);
      } else {
        // No manifest: the folder is visibly not one run, and the journal says how to finish.
        const staging = readdirSync(out).filter((name) => name.startsWith('.tides-staging-'));
        expect(
          staging.some((name) => existsSync(join(out, name, '.journal.json'))),
          where,
        ).toBe(true);
      }
      const lockLeft = existsSync(join(out, '.tides-lock'));
      const again = analyse(out, ['--format', 'csv']);
      expect(again.code, again.stderr).toBe(0);
      expect(expectOneRun(out, ['notes.txt']).map((o) => o.path)).toEqual(CSV);
      expect(
        readdirSync(out).filter((name) => name.startsWith('.')),
        where,
      ).toEqual([]);
      if (lockLeft)
        expect(again.stderr).toMatch(/took over the lock on .* left by tides process \d+/);
    }
  }, 300_000);

  it.each(['reach.csv', 'report.html'])(
    'leaves the earlier run whole when the disk fills up writing %s',
    (name) => {
      const out = earlierRun();
      const before = fingerprint(out);
      const run = analyse(out, ['-q', '--by', 'sex'], runFaultEnv(out, { TIDES_ENOSPC: name }));
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `tides: output file ${join(out, name)} cannot be written (no space left on the device: ENOSPC)\n`,
      );
      expect(fingerprint(out)).toEqual(before);
    },
  );
});

describe('two runs into one folder at once (built binary)', () => {
  it('refuses the second while the first is going, and the first completes', async () => {
    const out = earlierRun();
    const flags = tmp();
    const paused = join(flags, 'paused');
    const resume = join(flags, 'resume');
    // The first run stops before its first step after the lock: making its staging folder.
    const env = runFaultEnv(out, {
      TIDES_PAUSE_AT: '5',
      TIDES_PAUSED: paused,
      TIDES_RESUME: resume,
    });
    const first = spawn(process.execPath, [BIN, 'analyse', dir, '--out', out, '-q', ...FAST], {
      env: { ...process.env, ...EPOCH, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((done) => first.on('exit', done));
    while (!existsSync(paused)) await new Promise((wait) => setTimeout(wait, 20));
    const second = analyse(out, ['--format', 'csv']);
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(
      `tides: output folder ${out} is in use (tides process ${first.pid} is writing to it): wait for that run to finish, or choose another --out; if no tides run is going, remove ${join(out, '.tides-lock')}\n`,
    );
    writeFileSync(resume, '');
    expect(await exited).toBe(0);
    expect(expectOneRun(out, ['notes.txt'])).toHaveLength(13);
  }, 60_000);
});
