import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runTides } from '../helpers/cli.js';
import { rowOf, type SampleMetrics, sampleMetrics } from './sampleMetrics.js';

/** `tides check` end to end, through the built binary, on small hand-made metrics files. */
let dir: string;
let baseline: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tides-check-'));
  baseline = write('baseline.json', sampleMetrics());
});

function write(name: string, content: SampleMetrics | string): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`,
  );
  return path;
}

function perturbed(): SampleMetrics {
  const metrics = sampleMetrics();
  const row = rowOf(metrics, 'wellbeing_change', { partner_id: 'P001' });
  row.mean_change = (row.mean_change as number) + 0.5;
  return metrics;
}

/** A one-line message on stderr, never a stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr.trimEnd()).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('tides check (built binary)', () => {
  it('exits 0 when nothing changed', () => {
    const current = write('current.json', sampleMetrics());
    const run = runTides(['check', current, '--baseline', baseline]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^OK: 57 metrics compared in 5 tables, 0 outside tolerance, 0 new rows, 0 missing rows/,
    );
  });

  it('exits 1 with a readable diff when a mean_change moved by 0.5', () => {
    const current = write('current.json', perturbed());
    const run = runTides(['check', current, '--baseline', baseline]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^FAIL: 57 metrics compared in 5 tables, 1 outside tolerance, 0 new rows, 0 missing rows/,
    );
    expect(lines[2]).toMatch(/^table\s+key\s+metric\s+baseline\s+current\s+change\s+tolerance$/);
    expect(lines[3]).toMatch(
      /^wellbeing_change\s+partner_id=P001, measure=wemwbs\s+mean_change\s+4\.0456459\s+4\.5456459\s+\+0\.5 \(\+12\.4%\)\s+±1e-9$/,
    );
    expect(run.stdout).toContain('--update');
  });

  it('passes the same change within a tolerance given by flag or tolerances file', () => {
    const current = write('current.json', perturbed());
    expect(runTides(['check', current, '--baseline', baseline, '--tolerance', '0.5']).code).toBe(0);
    expect(runTides(['check', current, '--baseline', baseline, '--relative', '0.13']).code).toBe(0);
    const tolerances = write(
      'tol.json',
      '{"metrics": {"wellbeing_change.mean_change": {"abs": 0.6}}}',
    );
    const run = runTides(['check', current, '--baseline', baseline, '--tolerances', tolerances]);
    expect(run.code).toBe(0);
    // Flags set the default only: the metric's own tolerance still applies.
    const strict = write('strict.json', '{"tables": {"wellbeing_change": {"abs": 0.1}}}');
    expect(
      runTides([
        'check',
        current,
        '--baseline',
        baseline,
        '--tolerances',
        strict,
        '--tolerance',
        '1',
      ]).code,
    ).toBe(1);
  });

  it('warns about tolerances that name no table or metric', () => {
    const current = write('current.json', sampleMetrics());
    const tolerances = write('tol.json', '{"tables": {"inequalty": {"abs": 0.05}}}');
    const run = runTides(['check', current, '--baseline', baseline, '--tolerances', tolerances]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: .*tol\.json: table "inequalty" in neither file/);
  });

  it('prints a machine-readable result with --format json', () => {
    const current = write('current.json', perturbed());
    const run = runTides(['check', current, '--baseline', baseline, '--format', 'json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.passed).toBe(false);
    expect(result.summary).toEqual({
      tables: 5,
      compared: 57,
      outside_tolerance: 1,
      new_rows: 0,
      missing_rows: 0,
      failures: 1,
    });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      table: 'wellbeing_change',
      key: { partner_id: 'P001', measure: 'wemwbs' },
      metric: 'mean_change',
      outcome: 'outside_tolerance',
      baseline: 4.0456459,
      tolerance: { abs: 1e-9, rel: 0, source: 'default' },
    });
  });

  it('writes JUnit XML to --output, atomically, and prints the summary', () => {
    const current = write('current.json', perturbed());
    const output = join(dir, 'reports', 'check.xml');
    const run = runTides([
      'check',
      current,
      '--baseline',
      baseline,
      '--format',
      'junit',
      '--output',
      output,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL: .*\nReport written to .*check\.xml\n$/);
    const xml = readFileSync(output, 'utf8');
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="tides check" tests="57" failures="1"/,
    );
    expect(xml).toContain(
      '<testcase classname="tides.check.wellbeing_change" name="partner_id=P001, measure=wemwbs: mean_change">',
    );
  });

  it('reads a folder as the metrics.json inside it', () => {
    write('metrics.json', sampleMetrics());
    expect(runTides(['check', dir, '--baseline', baseline]).code).toBe(0);
  });

  it('refuses JSON nested 100,000 deep (a cell, an option, a tolerance) with exit 2', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = JSON.stringify(sampleMetrics());
    const cell = write('cell.json', text.replace(/"mean_change":[^,}]+/, `"mean_change":${deep}`));
    const option = write('option.json', text.replace('"options":{', `"options":{"deep":${deep},`));
    const tolerances = write('tolerances.json', `{"default": {"abs": ${deep}}}`);
    for (const [args, file] of [
      [[cell, '--baseline', baseline], 'cell'],
      [[baseline, '--baseline', option], 'option'],
      [[baseline, '--baseline', baseline, '--tolerances', tolerances], 'tolerances'],
      [[cell, '--baseline', baseline, '--update'], 'cell'],
    ] as const) {
      const run = runTides(['check', ...args]);
      expect(run.code).toBe(2);
      expectOneLine(
        run.stderr,
        new RegExp(
          `${file}\\.json: line 1, column \\d+: arrays and objects nested more than 64 deep`,
        ),
      );
    }
    expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual(sampleMetrics());
  });

  it('refuses a metrics file that is a FIFO at once instead of waiting for a writer', () => {
    const fifo = join(dir, 'metrics.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const args of [
      [fifo, '--baseline', baseline],
      [baseline, '--baseline', fifo],
    ]) {
      const run = runTides(['check', ...args]);
      expect(run.code).toBe(2);
      expectOneLine(run.stderr, /metrics\.fifo \(not a regular file but a FIFO \(named pipe\)\)$/);
    }
  });

  it('fails new rows unless --allow-new', () => {
    const metrics = sampleMetrics();
    metrics.tables.reach?.push({
      partner_id: 'P003',
      participants: 6,
      episodes: 6,
      partners: 1,
      pct_core20: 50,
    });
    const current = write('current.json', metrics);
    const run = runTides(['check', current, '--baseline', baseline]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 new row, 0 missing rows/);
    expect(run.stdout).toMatch(
      /^reach\s+partner_id=P003\s+\(row\)\s+\(absent\)\s+present\s+new row$/m,
    );
    expect(runTides(['check', current, '--baseline', baseline, '--allow-new']).code).toBe(0);
  });

  describe('unusable input exits 2 with one line naming the file', () => {
    it('a missing baseline', () => {
      const current = write('current.json', sampleMetrics());
      const run = runTides(['check', current, '--baseline', join(dir, 'missing.json')]);
      expect(run.code).toBe(2);
      expectOneLine(
        run.stderr,
        /^tides: cannot read the baseline file .*missing\.json \(no such file or folder: ENOENT\)$/,
      );
      expect(run.stdout).toBe('');
    });

    it('a missing current file', () => {
      const run = runTides(['check', join(dir, 'nope.json'), '--baseline', baseline]);
      expect(run.code).toBe(2);
      expectOneLine(
        run.stderr,
        /cannot read the current metrics file .*nope\.json \(no such file or folder: ENOENT\)/,
      );
    });

    it('a file that is not JSON', () => {
      const current = write('current.json', '{"schema_version": 1,');
      const run = runTides(['check', current, '--baseline', baseline]);
      expect(run.code).toBe(2);
      expectOneLine(run.stderr, /^tides: .*current\.json: not valid JSON/);
    });

    it('an unsupported or different schema_version', () => {
      const current = write('current.json', { ...sampleMetrics(), schema_version: 2 });
      const run = runTides(['check', current, '--baseline', baseline]);
      expect(run.code).toBe(2);
      expectOneLine(
        run.stderr,
        /current\.json: schema_version 2 is not supported \(tides check reads 1\)/,
      );
    });

    it('a different analysis (grouping, period, minimum cell)', () => {
      const metrics = sampleMetrics();
      metrics.options.by = ['imd_quintile'];
      metrics.options.min_cell = 10;
      const current = write('current.json', metrics);
      const run = runTides(['check', current, '--baseline', baseline]);
      expect(run.code).toBe(2);
      expectOneLine(
        run.stderr,
        /are different analyses: by \(current \["imd_quintile"\], baseline \["partner_id"\]\), min_cell \(current 10, baseline 5\)/,
      );
    });

    it('a broken tolerances file', () => {
      const current = write('current.json', sampleMetrics());
      const tolerances = write('tol.json', '{"default": {"abs": -1}}');
      const run = runTides(['check', current, '--baseline', baseline, '--tolerances', tolerances]);
      expect(run.code).toBe(2);
      expectOneLine(run.stderr, /tol\.json: default\.abs must be a number ≥ 0, got -1/);
    });

    it.each([
      [['--tolerance', '-1'], /expected a number ≥ 0/],
      [['--relative', 'lots'], /expected a number ≥ 0/],
      [['--format', 'xml'], /Allowed choices are text, json, junit/],
    ])('a bad option %j', (flags, message) => {
      const current = write('current.json', sampleMetrics());
      const run = runTides(['check', current, '--baseline', baseline, ...flags]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    });

    it('no --baseline', () => {
      const current = write('current.json', sampleMetrics());
      const run = runTides(['check', current]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/required option '-b, --baseline <file>' not specified/);
    });
  });

  describe('--update', () => {
    it('creates the baseline as a byte-for-byte copy, then replaces it deliberately', () => {
      const first = write('first.json', sampleMetrics());
      const target = join(dir, 'ci', 'baseline', 'metrics.json');
      const created = runTides(['check', first, '--baseline', target, '--update']);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(
        /^Created baseline .*ci\/baseline\/metrics\.json from .*first\.json \(4 tables, 10 rows\)\n$/,
      );
      expect(readFileSync(target, 'utf8')).toBe(readFileSync(first, 'utf8'));

      const second = write('second.json', perturbed());
      expect(runTides(['check', second, '--baseline', target]).code).toBe(1);
      const updated = runTides(['check', second, '--baseline', target, '--update']);
      expect(updated.code).toBe(0);
      expect(updated.stdout).toMatch(
        /^Updated baseline .* from .*second\.json \(4 tables, 10 rows\); against the old baseline: 57 metrics compared in 5 tables, 1 outside tolerance, 0 new rows, 0 missing rows\n$/,
      );
      expect(readFileSync(target, 'utf8')).toBe(readFileSync(second, 'utf8'));
      expect(runTides(['check', second, '--baseline', target]).code).toBe(0);

      const again = runTides(['check', second, '--baseline', target, '--update']);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/is already identical to .*: nothing to do/);
    });

    it('refuses to copy a file that is not a metrics.json', () => {
      const current = write('current.json', '{"hello": 1}');
      const run = runTides(['check', current, '--baseline', baseline, '--update']);
      expect(run.code).toBe(2);
      expectOneLine(run.stderr, /current\.json: no schema_version/);
      expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual(sampleMetrics());
    });
  });
});
