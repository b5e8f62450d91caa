#!/usr/bin/env node
// Benchmark: generate programmes of 50,000 and 1,000,000 participants (and 10,000,000 with
// --large) with `tides generate`, run `tides analyse` and `tides validate` on each, and print wall
// time, rows/s, MB/s and peak RSS next to this machine's floor (`wc -l` over the same files) and,
// where Python with Polars is installed, a Polars script doing reach and paired change
// (bench/polars_reach_change.py; skipped without Polars).
// Usage: npm run bench [-- --large] [-- --sizes 50000,200000]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'tides.js');
const cache = join(root, 'bench', '.data');
const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : null;
const sizes = sizesArg
  ? sizesArg.split(',').map(Number)
  : [50_000, 1_000_000, ...(args.includes('--large') ? [10_000_000] : [])];

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

/** Runs a command, sampling the child's peak resident memory (VmHWM) from /proc while it runs. */
function measure(command, commandArgs, okCodes = [0]) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
    let peakKb = 0;
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // the process has ended
      }
    };
    const timer = setInterval(sample, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!okCodes.includes(code))
        reject(new Error(`${command} ${commandArgs.join(' ')} exited ${code}`));
      else resolvePromise({ seconds, peakMb: peakKb / 1024, stdout });
    });
  });
}

function csvFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...csvFiles(path));
    else if (entry.name.endsWith('.csv')) out.push(path);
  }
  return out.sort();
}

/** Issue 19's targets on a 2-core machine, by size. */
const TARGETS = new Map([
  [50_000, 'under 0.8 s'],
  [1_000_000, 'under 3 s, peak RSS under 500 MB'],
  [10_000_000, 'under 30 s, peak RSS under 2 GB'],
]);

/** Python with Polars, for the comparison script; null (the column is skipped) without it. */
function polarsPython() {
  try {
    execFileSync('python3', ['-c', 'import polars'], { stdio: 'ignore' });
    return 'python3';
  } catch {
    return null;
  }
}
const python = polarsPython();
const polarsScript = join(root, 'bench', 'polars_reach_change.py');
if (python === null) {
  process.stderr.write('Python with Polars is not installed here: its comparison is skipped.\n');
}

// Node's own start-up, which the 50,000 target excludes.
const startup = await measure(process.execPath, ['-e', '']);

const rows = [];
for (const n of sizes) {
  const dir = join(cache, String(n));
  if (!existsSync(join(dir, 'partners.csv'))) {
    process.stderr.write(`generating ${n.toLocaleString('en-GB')} participants into ${dir}…\n`);
    rmSync(dir, { recursive: true, force: true });
    execFileSync(process.execPath, [bin, 'generate', dir, '--participants', String(n)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const files = csvFiles(dir);
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const floor = await measure('wc', ['-l', ...files]);
  const lines = Number(
    /(\d+) total/.exec(floor.stdout)?.[1] ?? floor.stdout.trim().split(/\s+/)[0],
  );
  const out = mkdtempSync(join(tmpdir(), 'tides-bench-'));
  const run = await measure(process.execPath, [bin, 'analyse', dir, '--out', out, '--quiet']);
  rmSync(out, { recursive: true, force: true });
  // validate exits 1 when it finds errors: the generated programmes have planted faults.
  const check = await measure(process.execPath, [bin, 'validate', dir], [0, 1]);
  const polars = python === null ? null : await measure(python, [polarsScript, dir]);
  rows.push({
    participants: n.toLocaleString('en-GB'),
    'CSV MB': (bytes / 1e6).toFixed(0),
    rows: lines.toLocaleString('en-GB'),
    'analyse s': run.seconds.toFixed(2),
    'rows/s': Math.round(lines / run.seconds).toLocaleString('en-GB'),
    'MB/s': (bytes / 1e6 / run.seconds).toFixed(1),
    'peak RSS MB': run.peakMb.toFixed(0),
    'validate s': check.seconds.toFixed(2),
    ...(polars === null
      ? {}
      : {
          'Polars s': polars.seconds.toFixed(2),
          'Polars peak RSS MB': polars.peakMb.toFixed(0),
        }),
    'wc -l s': floor.seconds.toFixed(2),
    'analyse ÷ wc': (run.seconds / floor.seconds).toFixed(1),
    target: TARGETS.get(n) ?? '',
  });
}

const node = process.version;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `tides bench — Node ${node}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node start-up ${startup.seconds.toFixed(2)} s`,
);
const columns = Object.keys(rows[0] ?? {});
console.log(`| ${columns.join(' | ')} |`);
console.log(`|${columns.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${columns.map((c) => row[c]).join(' | ')} |`);
