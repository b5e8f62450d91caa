import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { inequality } from '../../src/metrics/inequality.js';
import { DEFAULT_ANALYSIS } from '../../src/metrics/options.js';
import { SUPPRESSED } from '../../src/metrics/table.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

/**
 * A yes/no measure's inequality: ten people followed up in each IMD quintile (deciles 1, 3, 5,
 * 7, 9), answering yes to `in_work` at baseline 3, 4, 5, 6, 8 of ten and at follow-up 5, 5, 6,
 * 7, 7 of ten. No population.csv, so each quintile weighs the same (0.2) and its midpoint on the
 * deprivation scale is 0.1, 0.3, 0.5, 0.7, 0.9.
 *
 * Worked by hand from PHE's formula (least squares of the quintile shares on the midpoints):
 *   baseline  y = 30, 40, 50, 60, 80 %; ȳ = 52; Σ(x − x̄)(y − ȳ) = 24; Σ(x − x̄)² = 0.4
 *             SII = 24 / 0.4 = 60 points; fitted(0) = 52 − 60·0.5 = 22; fitted(1) = 82;
 *             RII = 82 / 22 = 3.727…
 *   follow-up y = 50, 50, 60, 70, 70 %; ȳ = 60; Σ(x − x̄)(y − ȳ) = 12
 *             SII = 30; fitted(0) = 45; fitted(1) = 75; RII = 75 / 45 = 1.666…
 * Each quintile's standard error is the binomial √(p(100 − p)/n): √(30·70/10) = √210 for the
 * most deprived at baseline.
 *
 * The gap (least − most deprived quintile) has Newcombe's method-10 interval for two independent
 * shares, from scipy 1.17.1's Wilson limits:
 *   w = lambda k, n: binomtest(k, n).proportion_ci(method='wilson')
 *   d − √((p5 − l5)² + (u1 − p1)²), d + √((u5 − p5)² + (p1 − l1)²)
 *   baseline 3/10 vs 8/10: 50 (6.647631448630486, 73.97586340406176)
 *   follow-up 5/10 vs 7/10: 20 (−20.165494124038524, 52.60788199975558)
 */
const BASELINE_YES = [3, 4, 5, 6, 8];
const FOLLOWUP_YES = [5, 5, 6, 7, 7];

async function analyse(
  unknownDecile: readonly [boolean, boolean][],
  least: number | null,
  statisticCount: (count: number) => number = (count) => count,
) {
  const participants = ['participant_id,partner_id,enrolled_on,imd_decile'];
  const outcomes = ['participant_id,partner_id,measure,timepoint,recorded_on,score'];
  const add = (id: string, decile: string, before: boolean, after: boolean) => {
    participants.push(`${id},P1,2016-05-02,${decile}`);
    outcomes.push(`${id},P1,in_work,baseline,2016-05-02,${before ? 'yes' : 'no'}`);
    outcomes.push(`${id},P1,in_work,followup,2016-09-02,${after ? 'yes' : 'no'}`);
  };
  for (let q = 0; q < 5; q++) {
    for (let i = 0; i < 10; i++) {
      add(
        `q${q}p${i}`,
        String(2 * q + 1),
        i < (BASELINE_YES[q] as number),
        i < (FOLLOWUP_YES[q] as number),
      );
    }
  }
  unknownDecile.forEach(([before, after], i) => {
    add(`u${i}`, '', before, after);
  });
  const dir = writeProgramme({
    'partners.csv': 'partner_id,partner_name\nP1,Partner\n',
    'participants.csv': `${participants.join('\n')}\n`,
    'outcomes.csv': `${outcomes.join('\n')}\n`,
    'tides.config.json': JSON.stringify({
      measures: { in_work: { type: 'binary', better: 'yes', area: 'skills_employment' } },
    }),
  });
  const { programme } = await loadWithIssues(dir, { today: dayNumber(2024, 1, 1) });
  return inequality(programme, {
    ...DEFAULT_ANALYSIS,
    siiSimulations: 2_000,
    statisticCount,
    ...(least === null ? {} : { suppressSmall: true, minQuantileSize: least }),
  });
}

const quintileRow = (
  result: Awaited<ReturnType<typeof analyse>>,
  timepoint: string,
): Record<string, unknown> => {
  const found = result.inequality.rows.find(
    (r) => r.measure === 'in_work' && r.timepoint === timepoint && r.dimension === 'imd_quintile',
  );
  if (!found) throw new Error(`no ${timepoint} row`);
  return found;
};

describe('inequality of a yes/no measure', () => {
  it('fits the SII and RII of the share answering yes (hand-worked from the formula)', async () => {
    const result = await analyse([], null);
    const baseline = quintileRow(result, 'baseline');
    expect(baseline.n).toBe(50);
    expect(baseline.sii).toBeCloseTo(60, 10);
    expect(baseline.fitted_most_deprived).toBeCloseTo(22, 10);
    expect(baseline.rii).toBeCloseTo(82 / 22, 10);
    const followup = quintileRow(result, 'followup');
    expect(followup.sii).toBeCloseTo(30, 10);
    expect(followup.fitted_least_deprived).toBeCloseTo(75, 10);
    expect(followup.rii).toBeCloseTo(75 / 45, 10);
    // The gap is least deprived minus most deprived, in percentage points.
    expect(baseline.gap).toBeCloseTo(50, 10);
    expect(baseline.gap_lcl).toBeCloseTo(6.647631448630486, 10);
    expect(baseline.gap_ucl).toBeCloseTo(73.97586340406176, 10);
    expect(followup.gap).toBeCloseTo(20, 10);
    expect(followup.gap_lcl).toBeCloseTo(-20.165494124038524, 10);
    expect(followup.gap_ucl).toBeCloseTo(52.60788199975558, 10);
  });

  it('has no change row: the change of a share is binary_change’s', async () => {
    const result = await analyse([], null);
    expect(
      result.inequality.rows.some((r) => r.measure === 'in_work' && r.timepoint === 'change'),
    ).toBe(false);
  });

  it('gives each quintile’s share with the binomial standard error', async () => {
    const result = await analyse([], null);
    const rows = result.quantiles.rows.filter(
      (r) =>
        r.measure === 'in_work' && r.timepoint === 'baseline' && r.dimension === 'imd_quintile',
    );
    expect(rows.map((r) => r.mean)).toEqual([30, 40, 50, 60, 80]);
    expect(rows[0]?.se).toBeCloseTo(Math.sqrt(210), 12);
    expect(rows[4]?.se).toBeCloseTo(Math.sqrt(160 / 1), 12); // √(80·20/10)
  });

  it('hides a timepoint where a quintile has few people answering yes, or no', async () => {
    // At least 3: at baseline the least deprived quintile has 2 answering no; at follow-up
    // every quintile has 3 or more of each.
    const result = await analyse([], 3);
    const baseline = quintileRow(result, 'baseline');
    expect(baseline.sii).toEqual(SUPPRESSED);
    expect(baseline.rii).toEqual(SUPPRESSED);
    expect(baseline.gap).toEqual(SUPPRESSED);
    const hiddenShares = result.quantiles.rows.filter(
      (r) => r.measure === 'in_work' && r.timepoint === 'baseline',
    );
    expect(hiddenShares.length).toBeGreaterThan(0);
    for (const r of hiddenShares) expect(r.mean).toEqual(SUPPRESSED);
    const followup = quintileRow(result, 'followup');
    expect(followup.sii).toBeCloseTo(30, 10);
  });

  it('hides a timepoint where the people with no known decile have few answering yes', async () => {
    // Two people with no decile, one answering yes at follow-up: the difference between the
    // total in binary_change and the quintiles would give that one person's answer.
    const result = await analyse(
      [
        [false, true],
        [false, false],
      ],
      3,
    );
    expect(quintileRow(result, 'followup').sii).toEqual(SUPPRESSED);
  });

  it('takes each share from the counts as published when counts are rounded', async () => {
    // Rounded to 5: baseline yes 3, 4, 5, 6, 8 of 10 are published as 5, 5, 5, 5, 10 of 10,
    // so the shares are 50, 50, 50, 50, 100 (a share of the exact counts beside a rounded n
    // would give the exact n back).
    const result = await analyse([], null, (count) => 5 * Math.round(count / 5));
    const rows = result.quantiles.rows.filter(
      (r) =>
        r.measure === 'in_work' && r.timepoint === 'baseline' && r.dimension === 'imd_quintile',
    );
    expect(rows.map((r) => r.mean)).toEqual([50, 50, 50, 50, 100]);
    expect(quintileRow(result, 'baseline').gap).toBeCloseTo(50, 10);
  });
});
