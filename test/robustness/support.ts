import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { analyse as analyseProgramme } from '../../src/api/analyse.js';
import { validate as validateProgramme } from '../../src/api/validate.js';
import type { Dimension } from '../../src/metrics/grouping.js';
import { type CliResult, runTides } from '../helpers/cli.js';

/**
 * Shared by the robustness tests: the clean corpus programme (test/corpus/programme: partners A
 * and B, ids `ZQA001`…, `ZQB001`…), a copy of it with one of B's files (or partners.csv) swapped
 * for a broken one, and the checks every run must pass whatever the input.
 */
export const CORPUS = resolve('test/corpus');
export const PROGRAMME = join(CORPUS, 'programme');
/** Fixes "today" (2023-11-14) so that future-date checks and outputs are reproducible. */
export const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
/** Few SII simulations: these tests are about input handling, not the confidence limits. */
export const FAST = ['--sii-simulations', '1000'];
/** Every participant_id of the corpus programme (and of its broken variants). */
export const PARTICIPANT_ID = /ZQ[AB]\d{3}/;

export const tmp = (prefix = 'tides-robust-') => mkdtempSync(join(tmpdir(), prefix));

/** A copy of the corpus programme with files replaced: path in the programme → content. */
export function programmeWith(files: Record<string, string | Buffer> = {}): string {
  const dir = tmp('tides-robust-in-');
  cpSync(PROGRAMME, dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  return dir;
}

export function corpusFile(path: string): Buffer {
  return readFileSync(join(CORPUS, path));
}

export interface FileAccounting {
  readonly path: string;
  readonly kind: string;
  readonly read: number;
  readonly used: number;
  readonly rejected: number;
}

export interface IssueJson {
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
}

export interface ValidateJson {
  readonly files: FileAccounting[];
  readonly ignored: string[];
  readonly issues: IssueJson[];
  readonly totals: Record<
    'participants' | 'outcomes',
    { read: number; used: number; rejected: number }
  >;
}

/** Neither a stack trace nor tides' "internal error" message. */
export function expectNoCrash(run: CliResult): void {
  expect(run.stderr, run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/internal error|TypeError|RangeError|ReferenceError/);
  expect(run.code, `exit code (stderr: ${run.stderr})`).not.toBeNull();
}

/** read = used + rejected for every file, and the totals are the sums of the files'. */
export function expectAccounting(result: Pick<ValidateJson, 'files' | 'totals'>): void {
  for (const f of result.files) {
    expect(f.read, `${f.path}: read ${f.read} = used ${f.used} + rejected ${f.rejected}`).toBe(
      f.used + f.rejected,
    );
  }
  for (const kind of ['participants', 'outcomes'] as const) {
    const files = result.files.filter((f) => f.kind === kind);
    const sum = (key: 'read' | 'used' | 'rejected') => files.reduce((n, f) => n + f[key], 0);
    expect(result.totals[kind]).toEqual({
      read: sum('read'),
      used: sum('used'),
      rejected: sum('rejected'),
    });
  }
}

export function validate(dir: string, extra: readonly string[] = [], env: NodeJS.ProcessEnv = {}) {
  const run = runTides(['validate', dir, '--json', ...extra], { ...EPOCH, ...env });
  expectNoCrash(run);
  const result = (run.stdout.trim() === '' ? null : JSON.parse(run.stdout)) as ValidateJson | null;
  return { run, result };
}

/**
 * What {@link validate} does, in this process through the library: the JSON `tides validate
 * --json` prints, and the exit code it maps the result to (1 when the data has errors). The
 * built binary's own exit codes, stdout and stderr are checked by the CLI's tests.
 */
export async function validateInProcess(dir: string) {
  return atEpoch(async () => {
    const checked = await validateProgramme(dir, { listIssues: true });
    try {
      const stdout = [...checked.json()].join('');
      const run: CliResult = { code: checked.errors > 0 ? 1 : 0, stdout, stderr: '' };
      return { run, result: JSON.parse(stdout) as ValidateJson };
    } finally {
      checked.close();
    }
  });
}

/** Runs `f` with SOURCE_DATE_EPOCH at {@link EPOCH}, as the spawned runs have it, then puts it back. */
async function atEpoch<T>(f: () => Promise<T>): Promise<T> {
  const previous = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = EPOCH.SOURCE_DATE_EPOCH;
  try {
    return await f();
  } finally {
    if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = previous;
  }
}

/** `tides analyse` into a fresh folder; `--no-suppress` unless `suppress`, so figures compare. */
export function analyse(
  dir: string,
  extra: readonly string[] = [],
  options: { suppress?: boolean; env?: NodeJS.ProcessEnv } = {},
) {
  const out = join(tmp('tides-robust-out-'), 'report');
  const args = ['analyse', dir, '--out', out, ...FAST, ...extra];
  if (!options.suppress) args.push('--no-suppress');
  const run = runTides(args, { ...EPOCH, ...options.env });
  expectNoCrash(run);
  return { run, out };
}

/**
 * What {@link analyse} does, in this process through the library (`tides analyse` is the library's
 * `analyse` with its errors mapped to exit codes; the CLI's own tests check the mapping): for the
 * checks of what is read and published, without a process's start-up for each of many runs.
 * Returns the output folder and the notices the CLI would print on stderr.
 */
export async function analyseInProcess(
  dir: string,
  options: { by?: readonly Dimension[]; suppress?: boolean } = {},
): Promise<{ out: string; notices: string[] }> {
  const out = join(tmp('tides-robust-out-'), 'report');
  const notices: string[] = [];
  await atEpoch(() =>
    analyseProgramme(dir, {
      out,
      siiSimulations: 1000,
      suppress: options.suppress ?? false,
      ...(options.by ? { by: options.by } : {}),
      onNotice: (notice) => notices.push(notice),
    }),
  );
  return { out, notices };
}

/**
 * The text of an output file as a reader of it would see it: a workbook's every cell (sheet by
 * sheet, row by row; its bytes are compressed, so a search of them would find nothing), any
 * other file as UTF-8.
 */
export async function outputText(path: string): Promise<string> {
  if (!path.endsWith('.xlsx')) return readFileSync(path, 'utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const cells: string[] = [];
  for (const sheet of workbook.worksheets) {
    cells.push(sheet.name);
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.value));
      });
    });
  }
  return cells.join('\n');
}

export type Row = Record<string, unknown>;

/** The rows of a metrics.json table. */
export function metricsTable(out: string, table: string): Row[] {
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  return metrics.tables[table] as Row[];
}

/** Columns whose value depends on every group row (multiple-testing adjustments across rows). */
const CROSS_ROW = new Set(['p_holm', 'p_bh']);

/** The rows of `partner`, without the columns that legitimately depend on the other rows. */
export function partnerRows(out: string, table: string, partner: string, drop: string[] = []) {
  return metricsTable(out, table)
    .filter((r) => r.partner_id === partner)
    .map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !CROSS_ROW.has(k) && !drop.includes(k))),
    );
}

/** Tables whose partner rows depend on that partner's data only. */
export const PER_PARTNER_TABLES = ['reach', 'reach_profile', 'wellbeing_change', 'band_change'];

export function readCsv(path: string): string[][] {
  return parse(readFileSync(path), { relax_column_count: true }) as string[][];
}

/** Every file below `dir` (relative paths, `/`), sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Content hash, size and modification time of every file below `dir`. */
export function fingerprint(dir: string, skip: (path: string) => boolean = () => false) {
  return Object.fromEntries(
    listFiles(dir)
      .filter((path) => !skip(path))
      .map((path) => {
        const full = join(dir, path);
        const info = statSync(full);
        const sha = createHash('sha256').update(readFileSync(full)).digest('hex');
        return [path, `${sha} ${info.size} ${info.mtimeMs} ${info.mode}`];
      }),
  );
}

/**
 * A module preloaded into the built binary (`node --import`) that injects one file system fault,
 * deterministically, where the test says (`TIDES_FAULT_PATH`: a path suffix):
 * - `vanish`: the file is deleted as it is opened for reading, after discovery;
 * - `eio`: reading delivers the first `TIDES_FAULT_BYTES` bytes, then fails with EIO;
 * - `eacces-folder`: the folder is not writable (`access(W_OK)` fails with EACCES);
 * - `eacces-write`: writing a file there fails with EACCES (the folder turned read-only mid-run).
 */
const FAULTS = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { Writable } from 'node:stream';
const target = process.env.TIDES_FAULT_PATH ?? '';
const mode = process.env.TIDES_FAULT_MODE ?? '';
const keep = Number(process.env.TIDES_FAULT_BYTES ?? '0');
const hit = (path) => typeof path === 'string' && target !== '' && path.endsWith(target);
const denied = (syscall, path) =>
  Object.assign(new Error(\`EACCES: permission denied, \${syscall} '\${path}'\`), {
    code: 'EACCES',
    syscall,
    path,
  });
// Data files are read with openSync/readSync: a vanishing file is removed just before it is
// opened; an EIO file gives its first \${keep} bytes, then fails.
const failing = new Map(); // descriptor → reads so far
const open = fs.openSync;
fs.openSync = function (path, ...rest) {
  if (hit(path) && mode === 'vanish') fs.rmSync(path, { force: true });
  const fd = open.call(this, path, ...rest);
  if (hit(path) && mode === 'eio') failing.set(fd, 0);
  return fd;
};
const close = fs.closeSync;
fs.closeSync = function (fd) {
  failing.delete(fd); // the number is reused by the next file opened
  return close.call(this, fd);
};
const readSync = fs.readSync;
fs.readSync = function (fd, buffer, offset, length, position) {
  const reads = failing.get(fd);
  if (reads === undefined) return readSync.call(this, fd, buffer, offset, length, position);
  failing.set(fd, reads + 1);
  if (reads > 0) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
  return readSync.call(this, fd, buffer, offset, Math.min(length, keep), position);
};
const access = fs.promises.access;
fs.promises.access = async function (path, ...rest) {
  if (hit(path) && mode === 'eacces-folder') throw denied('access', path);
  return access.call(this, path, ...rest);
};
const write = fs.createWriteStream;
fs.createWriteStream = function (path, options) {
  if (mode === 'eacces-write' && typeof path === 'string' && path.includes(target)) {
    const stream = new Writable({ write: (_chunk, _encoding, done) => done(denied('open', path)) });
    process.nextTick(() => stream.destroy(denied('open', path)));
    return stream;
  }
  return write.call(this, path, options);
};
syncBuiltinESMExports();
`;

let hook: string | null = null;

export type Fault = 'vanish' | 'eio' | 'eacces-folder' | 'eacces-write';

/** The environment that makes the built binary meet `fault` at paths ending in `path`. */
export function faultEnv(path: string, fault: Fault, bytes = 0): NodeJS.ProcessEnv {
  if (hook === null) {
    hook = join(tmp('tides-faults-'), 'faults.mjs');
    writeFileSync(hook, FAULTS);
  }
  return {
    NODE_OPTIONS: `--import ${hook}`,
    TIDES_FAULT_PATH: path,
    TIDES_FAULT_MODE: fault,
    TIDES_FAULT_BYTES: String(bytes),
  };
}

export { dirname, join };
