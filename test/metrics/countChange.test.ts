import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { countChange } from '../../src/metrics/countChange.js';
import { DEFAULT_ANALYSIS } from '../../src/metrics/options.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

/**
 * GP appointments in the last 3 months (fewer is better, £42 each), before and after, for
 * partner A's 30 people and B's 20. Expected values from scipy 1.17.1:
 *   d = a - b; stats.ttest_rel(a, b).pvalue; d.mean() ± t.ppf(0.975, n - 1) · sd(d) / √n
 *   stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx').pvalue
 *     (R ≤ 4.5's wilcox.test with ties and zeros, as tides does for scores)
 * and the ratio's limits by inverting the t test that defines Fieller's interval (the ratios ρ
 * for which the mean of a − ρb is not significantly different from 0), not by its closed form:
 *   f = lambda r: stats.ttest_1samp(a - r * b, 0).pvalue - 0.05
 *   brentq(f, 0.01, R, xtol=1e-15), brentq(f, R, 5, xtol=1e-15)
 */
const DATA = {
  A: {
    before: [
      4, 2, 0, 6, 3, 1, 0, 5, 2, 2, 8, 1, 0, 3, 4, 2, 1, 0, 7, 3, 2, 2, 5, 1, 0, 4, 3, 2, 6, 1,
    ],
    after: [
      2, 1, 0, 4, 3, 0, 1, 2, 2, 1, 5, 1, 0, 1, 2, 2, 0, 1, 4, 2, 1, 1, 3, 0, 0, 2, 2, 1, 3, 1,
    ],
  },
  B: {
    before: [0, 2, 3, 9, 1, 2, 0, 4, 2, 3, 1, 1, 0, 2, 5, 3, 2, 0, 1, 2],
    after: [1, 1, 2, 5, 0, 1, 0, 2, 1, 2, 2, 1, 1, 2, 3, 3, 1, 0, 0, 1],
  },
};
const participants: string[] = [];
const outcomes: string[] = [];
for (const [partner, { before, after }] of Object.entries(DATA)) {
  before.forEach((count, i) => {
    const id = `${partner}${i}`;
    participants.push(`${id},${partner},2016-05-02,female,3`);
    outcomes.push(`${id},${partner},gp_visits,baseline,2016-05-02,${count}`);
    outcomes.push(`${id},${partner},gp_visits,followup,2016-09-02,${after[i]}`);
  });
}
// One more person at A with a baseline only: counted in n_baseline, not in the change.
participants.push('A99,A,2016-05-02,male,3');
outcomes.push('A99,A,gp_visits,baseline,2016-05-02,12');

const config = {
  measures: {
    gp_visits: {
      type: 'count',
      direction: 'lower_better',
      recall_period: '3 months',
      max: 60,
      area: 'nhs_demand',
      unit_cost_gbp: 42,
      unit_cost_source: 'PSSRU Unit Costs of Health and Social Care 2023 (illustrative)',
    },
  },
};
const dir = writeProgramme({
  'partners.csv': 'partner_id,partner_name\nA,Alpha\nB,Beta\n',
  'participants.csv': `participant_id,partner_id,enrolled_on,sex,imd_decile\n${participants.join('\n')}\n`,
  'outcomes.csv': `participant_id,partner_id,measure,timepoint,recorded_on,score\n${outcomes.join('\n')}\n`,
  'tides.config.json': JSON.stringify(config),
});
const { programme, issues } = await loadWithIssues(dir, { today: dayNumber(2024, 1, 1) });
const table = countChange(programme, { ...DEFAULT_ANALYSIS, by: ['partner_id'] });
const row = (partner: string) => {
  const found = table.rows.find((r) => r.partner_id === partner);
  if (!found) throw new Error(`no row ${partner}`);
  return found;
};

const EXPECTED = [
  // partner, [n_baseline, n_paired, reduced, same, increased],
  // [mean before, after, change, lcl, ucl, t p, Wilcoxon p, ratio, ratio lcl, ratio ucl]
  [
    'A',
    [31, 30, 20, 8, 2],
    [
      2.6666666666666665, 1.6, -1.0666666666666667, -1.4933552182053544, -0.6399781151279789,
      1.853802716667154e-5, 0.00017590040379865027, 0.6, 0.5234036705748374, 0.6888319553117477,
    ],
  ],
  [
    'B',
    [20, 20, 12, 5, 3],
    [
      2.15, 1.45, -0.7, -1.2495827171569474, -0.15041728284305256, 0.015271361252156215,
      0.015694761291645976, 0.6744186046511628, 0.5471391032522869, 0.8862192194160493,
    ],
  ],
  [
    'All',
    [51, 50, 32, 13, 5],
    [
      2.46, 1.54, -0.92, -1.2490317447499322, -0.5909682552500679, 8.993475750249911e-7,
      6.524508374583211e-6, 0.6260162601626016, 0.5610181156008384, 0.7038811361622112,
    ],
  ],
] as const;

describe('countChange', () => {
  it('reads every count', () => {
    expect(issues).toEqual([]);
  });

  it.each(EXPECTED)('%s matches scipy', (partner, counts, stats) => {
    const r = row(partner);
    expect([r.n_baseline, r.n_paired, r.n_reduced, r.n_no_change, r.n_increased]).toEqual(counts);
    const names = [
      'mean_baseline',
      'mean_followup',
      'mean_change',
      'change_lcl',
      'change_ucl',
      'p_value',
      'wilcoxon_p',
      'ratio',
    ];
    names.forEach((name, i) => {
      expect(r[name] as number, name).toBeCloseTo(stats[i] as number, 10);
    });
    expect(r.ratio_lcl as number, 'ratio_lcl').toBeCloseTo(stats[8], 10);
    expect(r.ratio_ucl as number, 'ratio_ucl').toBeCloseTo(stats[9], 10);
    expect(r.pct_reduced).toBeCloseTo((100 * counts[2]) / counts[1], 12);
    expect(r.recall_period).toBe('3 months');
  });

  it('prices the change in use per person at the unit cost', () => {
    const all = row('All');
    expect(all.unit_cost_gbp).toBe(42);
    expect(all.cost_change_gbp).toBeCloseTo(-0.92 * 42, 10);
    expect(all.cost_change_lcl).toBeCloseTo(-1.2490317447499322 * 42, 8);
  });

  it('gives the same figures on every run', () => {
    const again = countChange(programme, { ...DEFAULT_ANALYSIS, by: ['partner_id'] });
    expect(again.rows).toEqual(table.rows);
  });
});
