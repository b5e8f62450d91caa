import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  analyse,
  audit,
  check,
  isMark,
  summarise,
  UnusableInputError,
  UsageError,
  validate,
} from '../../src/index.js';
import { runTides } from '../helpers/cli.js';
import { hashes } from '../helpers/hashes.js';

/**
 * The library and the CLI are one: each API call writes exactly the files its command writes,
 * and returns what the command prints, typed. (The packed package is tested in package.test.ts.)
 */
const EPOCH = '1764000000';
const tmp = () => mkdtempSync(join(tmpdir(), 'tides-api-'));

describe('the library API against the CLI', () => {
  beforeEach(() => {
    vi.stubEnv('SOURCE_DATE_EPOCH', EPOCH);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('analyse writes the files tides analyse writes, byte for byte, and returns its tables', async () => {
    const viaApi = tmp();
    const viaCli = tmp();
    const options = ['--by', 'sex', '--preset', 'nhsd-2018', '--sii-simulations', '1000'];
    const result = await analyse('fixtures/messy', {
      out: viaApi,
      by: ['sex'],
      preset: 'nhsd-2018',
      siiSimulations: 1000,
    });
    const cli = runTides(['analyse', 'fixtures/messy', ...options, '--out', viaCli, '-q'], {
      SOURCE_DATE_EPOCH: EPOCH,
    });
    expect(cli.code).toBe(0);
    expect(hashes(viaApi)).toEqual(hashes(viaCli));

    // What it returns is what it wrote.
    const metrics = JSON.parse(readFileSync(join(viaApi, 'metrics.json'), 'utf8'));
    const reach = result.tables.reach;
    expect(reach?.rows.length).toBe(metrics.tables.reach.length);
    reach?.rows.forEach((row, i) => {
      const n = row.participants;
      expect(isMark(n) ? null : n).toBe(metrics.tables.reach[i].participants);
    });
    expect(result.outputs.map((o) => o.path).sort()).toEqual(
      Object.keys(hashes(viaApi))
        .filter((name) => name !== 'manifest.json')
        .sort(),
    );
    for (const output of result.outputs) {
      expect(hashes(viaApi)[output.path]).toBe(output.sha256);
    }
    expect(result.manifest).toBe('manifest.json');
    // Tables carry their method and confidence level (as PHEindicatormethods' outputs do).
    expect(result.tables.wellbeing_change?.confidence).toBe(0.95);
    expect(result.tables.reach?.method).toMatch(/Wilson score intervals/);
    expect(result.tables.inequality?.method).toMatch(/phe_sii/);
    expect(result.rule).toMatchObject({ enabled: true, minCell: 8, roundTo: 5 });
    // The evaluator's own record: true row counts, adding up, and the issues by rule.
    const t = result.totals.participants;
    expect(t.read).toBe(t.used + t.rejected);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.issues.reduce((sum, r) => sum + r.errors, 0)).toBe(result.errors);
  });

  it('summarise writes the files tides summary writes, byte for byte', async () => {
    const viaApi = tmp();
    const viaCli = tmp();
    const result = await summarise('fixtures/messy', {
      out: viaApi,
      year: '2016-17',
      siiSimulations: 1000,
    });
    const cli = runTides(
      [
        'summary',
        'fixtures/messy',
        '--year',
        '2016-17',
        '--sii-simulations',
        '1000',
        '--out',
        viaCli,
        '-q',
      ],
      { SOURCE_DATE_EPOCH: EPOCH },
    );
    expect(cli.code).toBe(0);
    expect(hashes(viaApi)).toEqual(hashes(viaCli));
    expect(result.year).toBe('2016-17');
    expect(result.tables.map((t) => t.table.name)).toContain('reach_by_partner');
    expect(result.errors).toBeGreaterThan(0);
    expect(result.manifest).toBe('summary-2016-17.manifest.json');

    // And the audit of what it wrote finds every hidden count protected.
    const audited = await audit([viaApi]);
    expect(audited.result.unprotected).toEqual([]);
    expect(audited.result.hidden).toBeGreaterThan(0);
  });

  it('validate returns what tides validate --json prints', async () => {
    const result = await validate('fixtures/messy', { listIssues: true });
    try {
      const json = [...result.json()].join('');
      const cli = runTides(['validate', 'fixtures/messy', '--json']);
      expect(cli.code).toBe(1);
      expect(json).toBe(cli.stdout);
      const parsed = JSON.parse(json);
      expect(parsed.issues.length).toBe(result.issues.reduce((sum, r) => sum + r.count, 0));
      expect(result.files.length).toBe(parsed.files.length);
    } finally {
      result.close();
    }
  });

  it('check compares as tides check does', async () => {
    const run = await check('test/baseline/metrics.json', {
      baseline: 'test/baseline/metrics.json',
    });
    expect(run.result.passed).toBe(true);
    expect(run.unmatched).toEqual([]);
  });

  it('throws typed errors and writes nothing for bad options and unusable folders', async () => {
    const out = tmp();
    await expect(analyse('fixtures/messy', { out, siiSimulations: 10 })).rejects.toThrow(
      UsageError,
    );
    await expect(analyse('fixtures/messy', { out, by: ['nonsense' as never] })).rejects.toThrow(
      /"nonsense" is not a dimension/,
    );
    await expect(summarise('fixtures/messy', { out, year: '2016-18' })).rejects.toThrow(UsageError);
    await expect(analyse('fixtures/messy', { out, format: ['pdf' as never] })).rejects.toThrow(
      /"pdf" is not one of csv, json, md, html/,
    );
    await expect(analyse('fixtures/does-not-exist', { out })).rejects.toThrow(/does not exist/);
    await expect(analyse('fixtures/messy', { out: 'fixtures/messy/report' })).rejects.toThrow(
      /inside the input folder/,
    );
    await expect(analyse('fixtures/clean', { out, period: '2030-31' })).rejects.toThrow(
      UnusableInputError,
    );
    expect(readdirSync(out)).toEqual([]);
  });
});
