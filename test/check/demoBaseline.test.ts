/**
 * CI GUARD FOR PUBLISHED FIGURES — the project's own `tides check` run.
 *
 * Analyses the demo programme (fixtures/turning-tides) with the built CLI and compares its
 * metrics.json with the committed baseline test/baseline/metrics.json: any code change that moves
 * a published figure fails here. When a change is intended, regenerate the baseline and commit it
 * with the change that explains it:
 *
 *   npm run build
 *   node bin/tides.js analyse fixtures/turning-tides --by partner_id --format json --out /tmp/tt
 *   node bin/tides.js check /tmp/tt/metrics.json --baseline test/baseline/metrics.json --update
 *
 * It also checks the acceptance criterion from the other side: a perturbed copy of the
 * demo data makes `tides check` fail with a readable diff.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTides } from '../helpers/cli.js';

const DEMO = 'fixtures/turning-tides';
const BASELINE = 'test/baseline/metrics.json';
const ANALYSE = ['--by', 'partner_id', '--format', 'json', '--quiet'];
const SLOW = 180_000;

describe('CI: tides check on the demo programme against the committed baseline', () => {
  const out = mkdtempSync(join(tmpdir(), 'tides-demo-check-'));
  let analysed: ReturnType<typeof runTides>;
  beforeAll(() => {
    analysed = runTides(['analyse', DEMO, ...ANALYSE, '--out', out]);
  }, SLOW);

  it('analyses the demo programme', () => {
    expect(analysed.stderr).toBe('');
    expect(analysed.code).toBe(0);
  });

  it('finds every figure within tolerance of the baseline (exit 0)', () => {
    const run = runTides(['check', join(out, 'metrics.json'), '--baseline', BASELINE]);
    // On failure, the diff in stdout says which figures moved; see the header for --update.
    expect(run.stdout).toMatch(
      /^OK: \d+ metrics compared in 14 tables, 0 outside tolerance, 0 new rows, 0 missing rows/,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it(
    'fails with a readable diff on a perturbed copy of the demo data (exit 1)',
    () => {
      const copy = mkdtempSync(join(tmpdir(), 'tides-demo-perturbed-'));
      cpSync(DEMO, copy, { recursive: true });
      // One P003 follow-up questionnaire: every WEMWBS item answered 5 (all of the time).
      const outcomes = join(copy, 'P003', 'outcomes.csv');
      const lines = readFileSync(outcomes, 'utf8').split('\n');
      const at = lines.findIndex((line) => /^[^,]+,P003,wemwbs,followup,/.test(line));
      expect(at).toBeGreaterThan(0);
      const cells = (lines[at] as string).split(',');
      lines[at] = [...cells.slice(0, 5), '', ...Array(14).fill('5')].join(',');
      writeFileSync(outcomes, lines.join('\n'));

      // Outside the input folder: --out inside it is refused.
      const perturbedOut = join(mkdtempSync(join(tmpdir(), 'tides-demo-perturbed-out-')), 'report');
      const analysedCopy = runTides(['analyse', copy, ...ANALYSE, '--out', perturbedOut]);
      expect(analysedCopy.code).toBe(0);
      const run = runTides(['check', join(perturbedOut, 'metrics.json'), '--baseline', BASELINE]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /^FAIL: \d+ metrics compared in 14 tables, [1-9]\d* outside tolerance/,
      );
      expect(run.stdout).toMatch(
        /^table\s+key\s+metric\s+baseline\s+current\s+change\s+tolerance$/m,
      );
      expect(run.stdout).toMatch(
        /^wellbeing_change\s+partner_id=P003, measure=wemwbs\s+mean_change\s+\S+\s+\S+\s+\+/m,
      );
    },
    SLOW,
  );
});
