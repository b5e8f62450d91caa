import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTides } from '../helpers/cli.js';
import { hashes } from '../helpers/hashes.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tides-analyse-'));
const FAST = ['--sii-simulations', '2000'];
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

describe('tides analyse on the demo programme (built binary)', () => {
  const out = tmp();
  let run: ReturnType<typeof runTides>;
  beforeAll(() => {
    run = runTides(
      ['analyse', 'fixtures/turning-tides', '--by', 'partner_id', '--out', out, ...FAST],
      EPOCH,
    );
  });

  it('writes every output file of the contract and exits 0 despite the planted faults', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'band_change.csv',
      'binary_change.csv',
      'cost.csv',
      'count_change.csv',
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
      'social_value.csv',
      'sroi_sensitivity.csv',
      'tables.xlsx',
      'wellbeing_change.csv',
    ]);
    expect(run.stdout).toMatch(/People reached: 49,998 \(55,297 episodes at 88 partners\)/);
    expect(run.stdout).toMatch(/Wrote 18 files to /);
  });

  it('writes metrics.json in the contract shape, with row accounting that adds up', () => {
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.schema_version).toBe(1);
    expect(metrics.tool.name).toBe('tides');
    expect(metrics.options).toMatchObject({ by: ['partner_id'], period: null, min_cell: 5 });
    for (const kind of ['participants', 'outcomes']) {
      const a = metrics.row_accounting[kind];
      // Published counts, disclosed as every other: used and rejected add up to read, or
      // both are hidden together (4 rejected rows would be a small cell, and read − used gives it).
      if (a.rejected === null) expect(a.used).toBeNull();
      else expect(a.read).toBe(a.used + a.rejected);
    }
    expect(metrics.row_accounting.participants).toEqual({
      read: 55301,
      used: null,
      rejected: null,
    });
    // 12 rejected: the 8 planted before issue 16, the wide return's score of 11, and (issue 18)
    // an answer of maybe, a negative count and 300 GP appointments.
    expect(metrics.row_accounting.outcomes).toEqual({ read: 192048, used: 192036, rejected: 12 });
    for (const t of [
      'reach',
      'reach_profile',
      'wellbeing_change',
      'inequality',
      'cost',
      'data_quality',
    ]) {
      expect(metrics.tables[t].length).toBeGreaterThan(0);
    }
    const all = metrics.tables.reach.find((r: Record<string, unknown>) => r.partner_id === 'All');
    expect(all.participants).toBe(49998);
    const wemwbs = metrics.tables.wellbeing_change.find(
      (r: Record<string, unknown>) => r.partner_id === 'All' && r.measure === 'wemwbs',
    );
    // The demo plants an average improvement of a few WEMWBS points.
    expect(wemwbs.mean_change).toBeGreaterThan(2.5);
    expect(wemwbs.mean_change).toBeLessThan(5);
    expect(wemwbs.p_value).toBeLessThan(1e-6);
  });

  it('compares partners with figures copied from the published tables only', () => {
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    const comparison = metrics.tables.partner_comparison as Record<string, unknown>[];
    const change = metrics.tables.wellbeing_change as Record<string, unknown>[];
    const reach = metrics.tables.reach as Record<string, unknown>[];
    const sources = {
      mean_change: ['n_paired', 'mean_change'],
      followup_rate: ['n_baseline', 'followup_rate'],
      pct_core20: ['n_imd_known', 'pct_core20'],
    } as const;
    const statistics = new Set(comparison.map((r) => r.statistic));
    expect([...statistics]).toEqual(['mean_change', 'followup_rate', 'pct_core20']);
    for (const row of comparison) {
      const statistic = row.statistic as keyof typeof sources;
      const [n, value] = sources[statistic];
      const published =
        statistic === 'pct_core20'
          ? reach.find((r) => r.partner_id === row.partner_id)
          : change.find((r) => r.partner_id === row.partner_id && r.measure === 'wemwbs');
      expect(published, `${statistic} ${row.partner_id}`).toBeDefined();
      expect([row.n, row.value]).toEqual([published?.[n], published?.[value]]);
      // A hidden n hides the limits; a hidden value its flag.
      if (row.n === null) expect([row.lcl95, row.ucl998]).toEqual([null, null]);
      if (row.value === null) expect(row.flag).toBeNull();
      else
        expect(['above_99.8', 'above_95', 'within', 'below_95', 'below_99.8']).toContain(row.flag);
    }
    // Partners by name, from partners.csv.
    expect(comparison.find((r) => r.partner_id === 'P001')?.partner_name).toBe(
      'Mersey Colour Arts Collective',
    );
  });

  it('shows the planted deprivation gradient and its narrowing', () => {
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    const row = (t: string) =>
      metrics.tables.inequality.find(
        (r: Record<string, unknown>) =>
          r.measure === 'wemwbs' && r.timepoint === t && r.dimension === 'imd_decile',
      );
    expect(row('baseline').sii).toBeGreaterThan(0); // least deprived score higher
    expect(row('followup').sii).toBeLessThan(row('baseline').sii); // the gap narrows
    expect(row('change').sii).toBeLessThan(0); // the most deprived improve most
    expect(row('change').rii).toBeNull(); // [z]: no RII for change
  });

  it('publishes no count from 1 to 4 in any table', () => {
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    const countColumns =
      /^(n_.*|participants|episodes|count|denominator|read|used|rejected|issues)$/;
    for (const [name, rows] of Object.entries(metrics.tables) as [
      string,
      Record<string, unknown>[],
    ][]) {
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (countColumns.test(column) && typeof value === 'number') {
            expect(value === 0 || value >= 5, `${name}.${column} = ${value}`).toBe(true);
          }
        }
      }
    }
    const csv = parse(readFileSync(join(out, 'reach.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    expect(csv.some((r) => r.participants === '[c]')).toBe(true); // the demo's tiny partners
  });

  it('leaves no hidden count recoverable by subtraction within a row (reviewer cases)', () => {
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    const lone = (row: Record<string, unknown>, cells: string[]) =>
      cells.filter((c) => row[c] === null).length === 1;
    const identities: [string, string[]][] = [
      ['wellbeing_change', ['n_baseline', 'n_paired', 'n_lost']],
      ['wellbeing_change', ['n_paired', 'n_improved', 'n_no_change', 'n_declined']],
      ['reach', ['participants', 'n_imd_known', 'n_imd_unknown']],
    ];
    for (const [table, cells] of identities) {
      for (const row of metrics.tables[table]) {
        expect(lone(row, cells), `${table} ${JSON.stringify(row).slice(0, 80)}`).toBe(false);
      }
    }
    // A hidden n_paired takes its degrees of freedom (n − 1) and its band counts with it.
    for (const row of metrics.tables.wellbeing_change) {
      if (row.n_paired === null) expect(row.df).toBeNull();
    }
    const hiddenPairs = metrics.tables.wellbeing_change.filter(
      (r: Record<string, unknown>) => r.n_paired === null && r.partner_id !== 'All',
    );
    expect(hiddenPairs.length).toBeGreaterThan(0);
    for (const hidden of hiddenPairs) {
      const bands = metrics.tables.band_change.filter(
        (b: Record<string, unknown>) =>
          b.partner_id === hidden.partner_id && b.measure === hidden.measure,
      );
      for (const band of bands) expect(band.n_baseline_band).toBeNull();
    }
    // Profile shares are of everyone, so a share cannot give back the number of unknowns.
    for (const row of metrics.tables.reach_profile) expect(row.base).toBe('all');
  });

  it('gives byte-identical files whether the data files are read in worker threads or not', () => {
    // --jobs 0 reads in the main thread, --jobs 3 with three workers, so files finish in a
    // different order. Unsuppressed, every count is exact, so any difference in what was read
    // shows; the tables alone, since reading is all that differs (the library's test checks that
    // a second run writes every format byte for byte, with disclosure control).
    const runs = ['0', '3'].map((jobs) => {
      const again = tmp();
      const args = ['analyse', 'fixtures/turning-tides', '--by', 'partner_id', '--out', again];
      const run = runTides(
        [...args, '--jobs', jobs, '--no-suppress', '--format', 'csv,json', '-q', ...FAST],
        EPOCH,
      );
      expect(run.code).toBe(0);
      return hashes(again);
    });
    expect(Object.keys(runs[0] ?? {})).toContain('partner_comparison.csv');
    expect(runs[1]).toEqual(runs[0]);
  });

  it('lists every input file with its SHA-256 in the manifest, and no size', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.generated_at).toBe('2023-11-14T22:13:20.000Z');
    // partners.csv is read in the main thread, the data files by worker threads (the demo is
    // large enough): each digest must be of the file's bytes.
    for (const path of ['partners.csv', 'P001/participants.csv', 'P088/outcomes.csv']) {
      const bytes = readFileSync(join('fixtures/turning-tides', path));
      const input = manifest.inputs.find((f: Record<string, unknown>) => f.path === path);
      expect(input).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex') });
      // A small file's size beside the others' gives its number of rows (rows are of nearly
      // one width: the demo's P010/participants.csv, 3 people, was 3 rows by its size).
      expect(input).not.toHaveProperty('bytes');
    }
    // partners, lsoa_imd, population, postcodes, 88 partners' two files, the config.
    expect(manifest.inputs.length).toBe(1 + 1 + 1 + 1 + 88 * 2 + 1);
  });

  it('gives no issue totals in the manifest: beside the hidden issue counts they pin them down', () => {
    // The demo's data_quality.csv has 16 issue cells, all hidden ([c], so each is 1 to 4): a
    // manifest saying 8 errors and 8 warnings would tell an intruder that every one is 1.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.issues).toEqual({ errors: null, warnings: null });
    const quality = readFileSync(join(out, 'data_quality.csv'), 'utf8');
    expect(quality).toMatch(/,error,\[z\],\[z\],\[z\],\[c\],/);
  });
});

describe('tides analyse options and failures', () => {
  it('publishes the margins of a cross-classification and protects every line of it', () => {
    // A generated programme of 3,000 people at 15 partners, whose partner × sex breakdown once
    // took more than 200 rounds of protection and was refused (exit 3); the demo's 50,000 take
    // longer to protect by partner × sex (see the README, Performance).
    const data = tmp();
    expect(
      runTides(['generate', data, '--partners', '15', '--participants', '3000', '--seed', '5'])
        .code,
    ).toBe(0);
    const out = tmp();
    expect(runTides(['analyse', data, '--by', 'partner_id,sex', '--out', out, ...FAST]).code).toBe(
      0,
    );
    const reach = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).tables
      .reach as Record<string, unknown>[];
    // Each partner's people by sex, and each sex's people by partner, are lines of a table whose
    // total is published: a single hidden cell in a line is its total less the others, which must
    // then not be a small number (a large count hidden for another relation may be worked out).
    expect(reach.filter((r) => r.participants === null).length).toBeGreaterThan(0);
    let lone = 0;
    for (const [line, other] of [
      ['partner_id', 'sex'],
      ['sex', 'partner_id'],
    ] as const) {
      const lines = new Map<unknown, Record<string, unknown>[]>();
      for (const row of reach) lines.set(row[line], [...(lines.get(row[line]) ?? []), row]);
      for (const [key, rows] of lines) {
        const hidden = rows.filter((r) => r.participants === null);
        if (hidden.length !== 1) continue;
        const total = rows.find((r) => r[other] === 'All')?.participants;
        if (typeof total !== 'number') continue;
        lone++;
        const shown = rows
          .filter((r) => r[other] !== 'All' && typeof r.participants === 'number')
          .reduce((sum, r) => sum + (r.participants as number), 0);
        const left = total - shown;
        expect(left > 0 && left < 5, `${line} ${String(key)} across ${other}: ${left}`).toBe(false);
      }
    }
    expect(lone).toBeLessThan(reach.length);
    // And the audit of everything written finds no hidden count that can be pinned.
    const audit = runTides(['audit', out]);
    expect(audit.stdout).toContain('Every hidden count is protected');
    expect(audit.code).toBe(0);
  }, 120_000);

  it('protects a category across the groups of one dimension (--by sex: All − female = male)', () => {
    const out = tmp();
    const r = runTides(['analyse', 'fixtures/turning-tides', '--by', 'sex', '--out', out, ...FAST]);
    expect(r.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    const byCategory = new Map<string, Record<string, unknown>[]>();
    for (const row of metrics.tables.reach_profile) {
      const key = `${row.dimension}/${row.category}`;
      byCategory.set(key, [...(byCategory.get(key) ?? []), row]);
    }
    for (const [key, rows] of byCategory) {
      const all = rows.find((row) => row.sex === 'All');
      const hidden = rows.filter((row) => row.sex !== 'All' && row.count === null);
      if (all?.count !== null) expect(hidden.length, key).not.toBe(1);
    }
  });

  it('marks every output NOT FOR PUBLICATION without suppression', () => {
    const out = tmp();
    const r = runTides(['analyse', 'fixtures/messy', '--no-suppress', '--out', out, ...FAST]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NOT FOR PUBLICATION');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('NOT FOR PUBLICATION');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('NOT FOR PUBLICATION');
    // Without disclosure control the manifest keeps the issue totals (tides validate's figures).
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.issues.errors).toBe(24);
    expect(manifest.issues.warnings).toBeGreaterThan(0);
  });

  it('exits 1 under --strict when the data has errors, still writing the outputs', () => {
    const out = tmp();
    const r = runTides(['analyse', 'fixtures/messy', '--strict', '--out', out, ...FAST, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /the data has 24 error\(s\) \(--strict\): exit 1; the outputs are written/,
    );
    expect(readdirSync(out)).toContain('report.html');
  });

  it('exits 2 when the output folder cannot be written', () => {
    const parent = tmp();
    const blocker = join(parent, 'file');
    writeFileSync(blocker, 'not a folder');
    const r = runTides(['analyse', 'fixtures/clean', '--out', join(blocker, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/output folder .* cannot be written/);
    chmodSync(parent, 0o755);
  });

  it.each([
    [['--by', 'postcode'], /"postcode" is not a dimension/],
    [['--period', '2016-18'], /not a financial year/],
    [['--period', '2019-20'], /no episode is enrolled in 2019-20; the data covers 2016-17/],
    [['--min-cell', '0'], /expected a whole number/],
    [['--preset', 'lax'], /Allowed choices are standard, nhsd-2018, secure-research/],
    // PHE's SII needs 1,000 simulations or more; 2e9 would take some 64 GB.
    [['--sii-simulations', '1'], /simulations from 1,000 to 10,000,000, got "1"/],
    [['--sii-simulations', '999'], /simulations from 1,000 to 10,000,000, got "999"/],
    [['--sii-simulations', '10000001'], /simulations from 1,000 to 10,000,000/],
    [['--sii-simulations', '2000000000'], /simulations from 1,000 to 10,000,000/],
    [['--sii-simulations', '2e9'], /simulations from 1,000 to 10,000,000/],
  ])('exits 2 on a bad option %j', (args, message) => {
    const r = runTides(['analyse', 'fixtures/clean', '--out', tmp(), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
