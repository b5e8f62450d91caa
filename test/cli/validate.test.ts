import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compareIssues, type Issue } from '../../src/contract/issues.js';
import { runTides } from '../helpers/cli.js';
import { writeProgramme } from '../helpers/programme.js';

describe('tides validate (built binary)', () => {
  it('reports every planted issue of fixtures/messy and exits 1', () => {
    const r = runTides(['validate', 'fixtures/messy', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(['files', 'ignored', 'issues', 'totals']);
    expect(result.ignored).toEqual(['README.md', 'notes.txt']);
    expect(result.totals).toEqual({
      participants: { read: 32, used: 17, rejected: 15 },
      outcomes: { read: 25, used: 12, rejected: 13 },
    });
    expect(result.issues).toHaveLength(39);
    expect(result.issues[0]).toEqual({
      file: 'P001/outcomes.csv',
      line: 2,
      column: 'timepoint',
      value: 'baseline',
      rule: 'outcome.duplicate',
      severity: 'warning',
      message:
        'another baseline ons_happiness record for this person and partner (P001/outcomes.csv line 4) is the earliest baseline and is used; this one is not',
    });
    for (const f of result.files) expect(f.read).toBe(f.used + f.rejected);
  });

  it('reports the same issues and counts when files are read in worker threads', () => {
    // fixtures/messy is small, so by default it is read in the main thread; --jobs forces workers.
    const inThread = runTides(['validate', 'fixtures/messy', '--json', '--jobs', '0']);
    for (const jobs of ['1', '2', '4']) {
      const parallel = runTides(['validate', 'fixtures/messy', '--json', '--jobs', jobs]);
      expect(parallel.code).toBe(1);
      expect(parallel.stdout).toBe(inThread.stdout);
    }
  });

  it('refuses a --jobs value that is not a number of threads', () => {
    const r = runTides(['validate', 'fixtures/messy', '--jobs', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs.*expected a number of threads from 0 to 64, got "many"/);
  });

  it('finds exactly the faults planted in the demo programme (fixtures/turning-tides)', () => {
    const planted = JSON.parse(readFileSync('fixtures/turning-tides/planted-faults.json', 'utf8'));
    const r = runTides(['validate', 'fixtures/turning-tides', '--json']);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout).issues.map(
      (i: Record<string, unknown>) => `${i.file}:${i.line}:${i.column}:${i.value}:${i.rule}`,
    );
    const expected = (planted.faults ?? planted)
      .filter((f: Record<string, unknown>) => f.rule !== null)
      .map((f: Record<string, unknown>) => `${f.file}:${f.line}:${f.column}:${f.value}:${f.rule}`);
    expect([...found].sort()).toEqual([...expected].sort());
  });

  it('prints a human summary with file:line:column and hints', () => {
    const r = runTides(['validate', 'fixtures/messy']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^file\s+kind\s+read\s+used\s+rejected$/m);
    expect(r.stdout).toMatch(/P001\/participants\.csv\s+participants\s+16\s+8\s+8/);
    expect(r.stdout).toContain(
      'P001/participants.csv:5:enrolled_on "31/02/2017" enrolled_on is not a valid date: day 31 does not exist in February 2017',
    );
    expect(r.stdout).toContain('participants: 32 read, 17 used, 15 rejected');
    expect(r.stdout).not.toContain('\u001b['); // no colour when not a terminal
  });

  it('writes every issue to --issues-out, formula-safe', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tides-issues-')), 'issues.csv');
    const r = runTides(['validate', 'fixtures/messy', '--issues-out', out]);
    expect(r.code).toBe(1);
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(39);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'file',
      'line',
      'column',
      'value',
      'rule',
      'severity',
      'message',
      'hint',
      'cell',
    ]);
    // A CSV file's issues name no cell: its line and column say where.
    expect(rows.every((row) => row.cell === '')).toBe(true);
  });

  it.skipIf(!existsSync('/dev/full'))(
    'exits 2 in one line when standard output cannot be written (a full disk)',
    () => {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(
          process.execPath,
          [resolve('bin/tides.js'), 'validate', 'fixtures/turning-tides', '--json'],
          { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' },
        );
        expect(r.status).toBe(2);
        expect(r.stderr).toBe(
          'tides: standard output cannot be written (no space left on the device: ENOSPC)\n',
        );
      } finally {
        closeSync(full);
      }
    },
  );

  it('stops quietly when the reader of --json stops early (| head)', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" bin/tides.js validate fixtures/turning-tides --json | head -c 10; echo " \${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('{\n  "files 1\n');
  });

  it('exits 0 on clean data', () => {
    const r = runTides(['validate', 'fixtures/clean']);
    expect(r.code).toBe(0);
  });

  it.each([
    [['validate', 'fixtures/nope'], /input folder fixtures\/nope does not exist/],
    [['validate', 'fixtures/messy/P001'], /no partners\.csv/],
    [['validate'], /missing required argument 'dir'/],
    [['validate', 'fixtures/messy', '--bogus'], /unknown option '--bogus'/],
  ])('exits 2 on unusable input or usage: %j', (args, message) => {
    const r = runTides(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });
});

/** Three partners' participant files of `rows` rows each, every row with 5 warnings. */
function programmeOfWarnings(rows: number): string {
  const files: Record<string, string> = {
    'partners.csv': `partner_id,partner_name,partner_type,theme,funding_gbp\n${['A', 'B', 'C']
      .map((p) => `${p},${p},community,arts,1000`)
      .join('\n')}\n`,
    'A/outcomes.csv': 'participant_id,partner_id,measure,timepoint,recorded_on,score\n',
  };
  for (const partner of ['A', 'B', 'C']) {
    const lines = ['participant_id,partner_id,enrolled_on,age,sex,ethnicity,disability,lsoa'];
    for (let i = 1; i <= rows; i++)
      lines.push(`${partner}${i},${partner},2016-04-01,999,x,y,z,BAD`);
    files[`${partner}/participants.csv`] = `${lines.join('\n')}\n`;
  }
  return writeProgramme(files);
}

/**
 * Runs tides with a V8 heap of `heapMb` and its standard output to a file (too long to capture):
 * tides' memory must not grow with the number of issues.
 */
function runInSmallHeap(args: readonly string[], heapMb: number) {
  const out = join(mkdtempSync(join(tmpdir(), 'tides-stdout-')), 'stdout');
  const fd = openSync(out, 'w');
  try {
    const r = spawnSync(
      process.execPath,
      [`--max-old-space-size=${heapMb}`, resolve('bin/tides.js'), ...args],
      {
        stdio: ['ignore', fd, 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 120_000,
      },
    );
    return { code: r.status, stderr: r.stderr, stdout: readFileSync(out, 'utf8') };
  } finally {
    closeSync(fd);
    rmSync(out);
  }
}

describe('tides validate on a partial delivery (built binary)', () => {
  const people =
    'participant_id,partner_id,enrolled_on,sex\n1,P1,2017-04-03,female\n2,P1,2017-04-04,male\n3,P9,2017-04-04,male\n';
  const outcomes =
    'participant_id,partner_id,measure,timepoint,score\n1,P1,wemwbs,baseline,40\n4,P1,wemwbs,followup,99\n';

  it('checks participant files that come without outcome files', () => {
    const dir = writeProgramme({
      'partners.csv': 'partner_id,partner_name\nP1,A\n',
      'P1/participants.csv': people,
    });
    const r = runTides(['validate', dir, '--json']);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout);
    expect(result.totals.participants).toEqual({ read: 3, used: 2, rejected: 1 });
    expect(result.issues.map((i: Issue) => `${i.line} ${i.rule}`)).toEqual(['4 partner.unknown']);
    expect(r.code).toBe(1);
  });

  it('checks outcome files alone on their own rows, matching no one', () => {
    const dir = writeProgramme({
      'partners.csv': 'partner_id,partner_name\nP1,A\n',
      'P1/outcomes.csv': outcomes,
    });
    const result = JSON.parse(runTides(['validate', dir, '--json']).stdout);
    expect(result.totals.outcomes).toEqual({ read: 2, used: 1, rejected: 1 });
    expect(result.issues.map((i: Issue) => `${i.line} ${i.rule}`)).toEqual(['3 score.range']);
  });

  it("checks one partner's folder against the programme's partners given with --partners", () => {
    const programme = writeProgramme({ 'partners.csv': 'partner_id,partner_name\nP1,A\nP9,B\n' });
    const delivery = writeProgramme({ 'participants.csv': people, 'outcomes.csv': outcomes });
    const r = runTides([
      'validate',
      delivery,
      '--json',
      '--partners',
      join(programme, 'partners.csv'),
    ]);
    const result = JSON.parse(r.stdout);
    expect(result.totals.participants).toEqual({ read: 3, used: 3, rejected: 0 });
    expect(result.issues.map((i: Issue) => `${i.file}:${i.line} ${i.rule}`)).toEqual([
      'outcomes.csv:3 outcome.no_episode',
      'outcomes.csv:3 score.range',
    ]);
    // Without --partners, the delivery cannot be checked: exit 2, saying what to give.
    const without = runTides(['validate', delivery]);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(
      /no partners\.csv in .*: give the programme's partners with --partners FILE/,
    );
    const missing = runTides(['validate', delivery, '--partners', join(programme, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--partners .*nope\.csv: no such file or folder/);
  });

  it('still needs both kinds of file to analyse', () => {
    const dir = writeProgramme({
      'partners.csv': 'partner_id,partner_name\nP1,A\n',
      'P1/participants.csv': people,
    });
    const r = runTides(['analyse', dir, '--out', join(dir, '..', 'out-partial')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /no outcome files \(\*outcomes\*\.csv, or a \.xlsx workbook so named or with a sheet so named\)/,
    );
  });
});

describe('tides validate with more issues than fit in memory (built binary)', () => {
  // 225,010 issues: tides lists them in a 64 MB heap (it needs under 32 MB, however many issues);
  // before it kept only counts and examples and streamed the list, it ran out of memory. Each
  // file's sex, ethnicity and disability are all unknown codes: 3 × 3 column.mostly_unknown.
  const dir = programmeOfWarnings(15_000);
  const total = 3 * 15_000 * 5 + 1 + 3 * 3;

  it('lists every issue in report order in --json and --issues-out, and counts them', () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'tides-issues-')), 'issues.csv');
    const r = runInSmallHeap(['validate', dir, '--json', '--issues-out', csv, '--jobs', '0'], 64);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(['files', 'ignored', 'issues', 'totals']);
    const issues = result.issues as Issue[];
    expect(issues).toHaveLength(total);
    const outOfOrder = issues.filter(
      (issue, i) => i > 0 && compareIssues(issues[i - 1] as Issue, issue) > 0,
    );
    expect(outOfOrder).toEqual([]);
    const rows = parse(readFileSync(csv), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(total);
    expect(rows.map((row) => `${row.file}:${row.line}:${row.column}:${row.rule}`)).toEqual(
      issues.map((i) => `${i.file}:${i.line ?? ''}:${i.column ?? ''}:${i.rule}`),
    );

    // The summary needs only counts and examples (before, it held every issue and took over 48 MB).
    const summary = runInSmallHeap(['validate', dir, '--jobs', '0'], 48);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain(`0 error(s), ${total} warning(s)`);
    for (const rule of ['code.unknown', 'lsoa.malformed', 'number.range']) {
      const count = issues.filter((i) => i.rule === rule).length;
      expect(summary.stdout).toContain(`warning ${rule} ×${count}:`);
    }

    // Worker threads that read ahead wait for their issues to be taken: the same list, in order.
    // (With 65,536 issues in flight per worker, the held pieces ran out of this heap in 3 runs of 4.)
    const parallel = runInSmallHeap(['validate', dir, '--json', '--jobs', '2'], 64);
    expect(parallel.stderr.slice(-2_000)).toBe('');
    expect(parallel.code).toBe(0);
    expect(parallel.stdout).toBe(r.stdout);
  }, 240_000);
});
