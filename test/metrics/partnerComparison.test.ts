import { describe, expect, it } from 'vitest';
import { partnerComparison } from '../../src/metrics/partnerComparison.js';
import { NOT_AVAILABLE, SUPPRESSED, type Table } from '../../src/metrics/table.js';

/**
 * Published tables of three partners and the programme (All), as disclosure control left them:
 * P3's follow-up figures hidden, P2's Core20 share hidden with its n shown.
 */
const change: Table = {
  name: 'wellbeing_change',
  title: 'Change',
  columns: [
    { name: 'partner_id', kind: 'group' },
    { name: 'measure', kind: 'text' },
    { name: 'n_baseline', kind: 'count' },
    { name: 'n_paired', kind: 'count' },
    { name: 'followup_rate', kind: 'number' },
    { name: 'mean_change', kind: 'number' },
    { name: 'sd_change', kind: 'number' },
  ],
  rows: [
    {
      partner_id: 'P1',
      measure: 'wemwbs',
      n_baseline: 200,
      n_paired: 100,
      followup_rate: 50,
      mean_change: 4,
      sd_change: 7,
    },
    {
      partner_id: 'P2',
      measure: 'wemwbs',
      n_baseline: 400,
      n_paired: 300,
      followup_rate: 75,
      mean_change: 1,
      sd_change: 8,
    },
    {
      partner_id: 'P3',
      measure: 'wemwbs',
      n_baseline: 10,
      n_paired: SUPPRESSED,
      followup_rate: SUPPRESSED,
      mean_change: SUPPRESSED,
      sd_change: SUPPRESSED,
    },
    {
      partner_id: 'P1',
      measure: 'swemwbs',
      n_baseline: 50,
      n_paired: 40,
      followup_rate: 80,
      mean_change: 9,
      sd_change: 3,
    },
    {
      partner_id: 'All',
      measure: 'wemwbs',
      n_baseline: 610,
      n_paired: 402,
      followup_rate: 65.9,
      mean_change: 2.5,
      sd_change: 8,
    },
  ],
};

const reach: Table = {
  name: 'reach',
  title: 'Reach',
  columns: [
    { name: 'partner_id', kind: 'group' },
    { name: 'n_imd_known', kind: 'count' },
    { name: 'pct_core20', kind: 'number' },
  ],
  rows: [
    { partner_id: 'P1', n_imd_known: 180, pct_core20: 30 },
    { partner_id: 'P2', n_imd_known: 390, pct_core20: SUPPRESSED },
    { partner_id: 'P3', n_imd_known: SUPPRESSED, pct_core20: SUPPRESSED },
    { partner_id: 'All', n_imd_known: 575, pct_core20: 40 },
  ],
};

const names = new Map([
  ['P1', 'Alpha Arts'],
  ['P2', 'Beta Walks'],
]);

function compare(by: readonly string[] = ['partner_id']) {
  return partnerComparison({
    reach,
    wellbeing_change: change,
    by,
    primaryMeasure: 'wemwbs',
    partnerNames: names,
  });
}

describe('partnerComparison', () => {
  const table = compare() as Table;
  const row = (statistic: string, partner: string) =>
    table.rows.find((r) => r.statistic === statistic && r.partner_id === partner);

  it('has the columns of partner_comparison.csv and a row per statistic and partner', () => {
    expect(table.columns.map((c) => c.name)).toEqual([
      'statistic',
      'partner_id',
      'partner_name',
      'n',
      'value',
      'target',
      'lcl95',
      'ucl95',
      'lcl998',
      'ucl998',
      'flag',
    ]);
    expect(table.rows.map((r) => `${r.statistic} ${r.partner_id}`)).toEqual([
      'mean_change P1',
      'mean_change P2',
      'mean_change P3',
      'followup_rate P1',
      'followup_rate P2',
      'followup_rate P3',
      'pct_core20 P1',
      'pct_core20 P2',
      'pct_core20 P3',
    ]);
  });

  it('copies n and value from the published rows of the primary measure, and names partners', () => {
    expect(row('mean_change', 'P1')).toMatchObject({
      n: 100,
      value: 4,
      target: 2.5,
      partner_name: 'Alpha Arts',
    });
    expect(row('followup_rate', 'P2')).toMatchObject({ n: 400, value: 75, target: 65.9 });
    expect(row('pct_core20', 'P1')).toMatchObject({ n: 180, value: 30, target: 40 });
    // A partner missing from partners.csv's names has no name.
    expect(row('mean_change', 'P3')?.partner_name).toEqual(NOT_AVAILABLE);
  });

  it('puts limits for a mean at target ± z·SD/√n with the programme SD (hand calculation)', () => {
    // P1: 2.5 ± 1.959964 × 8 / √100 = 2.5 ± 1.567971; 99.8%: 2.5 ± 3.090232 × 0.8 = 2.5 ± 2.472186.
    const p1 = row('mean_change', 'P1') as Record<string, number>;
    expect(p1.lcl95).toBeCloseTo(0.932029, 5);
    expect(p1.ucl95).toBeCloseTo(4.067971, 5);
    expect(p1.lcl998).toBeCloseTo(0.027814, 5);
    expect(p1.ucl998).toBeCloseTo(4.972186, 5);
    // 4 < 4.068: within.
    expect(p1.flag).toBe('within');
    // P2: 8/√300 = 0.461880, so the lower limits are 2.5 − 0.905270 = 1.594730 (95%) and
    // 2.5 − 1.427318 = 1.072682 (99.8%): 1 is below both.
    const p2 = row('mean_change', 'P2') as Record<string, number>;
    expect(p2.lcl998).toBeCloseTo(1.072682, 5);
    expect(p2.flag).toBe('below_99.8');
  });

  it('puts Wilson-based limits around a percentage (PHE funnel method)', () => {
    // P1's follow-up: target 65.9% at n = 200; the limits are the proportions whose Wilson
    // interval at n = 200 reaches 0.659 (the method itself is checked against PHE's data in
    // test/stats/funnelLimits.test.ts).
    const p1 = row('followup_rate', 'P1') as Record<string, number>;
    expect(p1.lcl95).toBeLessThan(65.9);
    expect(p1.ucl95).toBeGreaterThan(65.9);
    expect(p1.lcl998).toBeLessThan(p1.lcl95 as number);
    // 50% is far below 65.9% at n = 200.
    expect(p1.flag).toBe('below_99.8');
    expect(row('followup_rate', 'P2')?.flag).toBe('above_99.8');
  });

  it('hides the limits of a hidden n, and the flag of a hidden value', () => {
    // P3's n_paired is hidden: its limits would give it back.
    expect(row('mean_change', 'P3')).toMatchObject({
      n: SUPPRESSED,
      value: SUPPRESSED,
      lcl95: SUPPRESSED,
      ucl998: SUPPRESSED,
      flag: SUPPRESSED,
    });
    // P2's Core20 share is hidden, its n shown: limits at n, but no flag (it would place the share).
    const p2 = row('pct_core20', 'P2') as Record<string, unknown>;
    expect(typeof p2.lcl95).toBe('number');
    expect(p2.value).toEqual(SUPPRESSED);
    expect(p2.flag).toEqual(SUPPRESSED);
  });

  it('compares partners only when the analysis is grouped by partner', () => {
    expect(compare(['sex'])).toBeNull();
    // With a second dimension, the partner rows are those with All on it.
    const crossed: Table = {
      ...change,
      columns: [{ name: 'sex', kind: 'group' }, ...change.columns],
      rows: [
        ...change.rows.map((r) => ({ ...r, sex: 'All' })),
        { ...(change.rows[0] as object), sex: 'female', n_paired: 60 },
      ],
    };
    const both = partnerComparison({
      reach: { ...reach, rows: reach.rows.map((r) => ({ ...r, sex: 'All' })) },
      wellbeing_change: crossed,
      by: ['partner_id', 'sex'],
      primaryMeasure: 'wemwbs',
      partnerNames: names,
    }) as Table;
    expect(both.rows.filter((r) => r.statistic === 'mean_change').map((r) => r.n)).toEqual([
      100,
      300,
      SUPPRESSED,
    ]);
  });
});
