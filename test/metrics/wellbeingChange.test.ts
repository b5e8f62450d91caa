import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { DEFAULT_ANALYSIS } from '../../src/metrics/options.js';
import { wellbeingChange } from '../../src/metrics/wellbeingChange.js';
import { SMALL_PROGRAMME, writeProgramme } from '../helpers/programme.js';

const programme = await loadProgramme(writeProgramme(SMALL_PROGRAMME), {
  today: dayNumber(2024, 1, 1),
});
const { change, bands } = wellbeingChange(programme, { ...DEFAULT_ANALYSIS, by: ['partner_id'] });
const row = (partner: string, measure: string) => {
  const found = change.rows.find((r) => r.partner_id === partner && r.measure === measure);
  if (!found) throw new Error(`no row ${partner} ${measure}`);
  return found;
};

/**
 * Expected values from scipy 1.17.1 on the differences listed in test/helpers/programme.ts:
 *   d = np.array([...]); stats.ttest_rel(d, 0*d); stats.t.ppf(0.975, n-1);
 *   stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx')  # as R ≤ 4.5 with ties/zeros
 * V (R's statistic, sum of positive ranks) by hand: All 27, A 14, B 6.
 */
describe('wellbeingChange on the small programme', () => {
  it('counts each person once in the All row, using their first episode', () => {
    const all = row('All', 'ons_happiness');
    expect(all.n_baseline).toBe(10);
    expect(all.n_paired).toBe(9);
    expect(all.mean_baseline).toBeCloseTo(4.5, 12);
    expect(all.mean_change).toBeCloseTo(1.4444444444444444, 12);
    expect(all.sd_change).toBeCloseTo(1.4240006242195886, 12);
    expect(all.change_lcl).toBeCloseTo(0.34986066844988284, 10);
    expect(all.change_ucl).toBeCloseTo(2.539028220439006, 10);
    expect(all.t).toBeCloseTo(3.0430698270993943, 10);
    expect(all.p_value).toBeCloseTo(0.015988512682140577, 10);
    expect(all.wilcoxon_v).toBe(27);
    expect(all.wilcoxon_p).toBeCloseTo(0.031110765434896187, 10);
    expect(all.wilcoxon_method).toBe('normal');
    expect(all.effect_size_dz).toBeCloseTo(1.0143566090331315, 10);
    expect(all.followup_rate).toBeCloseTo(90, 10);
  });

  it('computes each partner on its own episodes, a person at two partners in both', () => {
    const a = row('A', 'ons_happiness');
    expect([a.n_baseline, a.n_paired]).toEqual([7, 6]);
    expect(a.mean_baseline).toBeCloseTo(4.857142857142857, 12);
    expect(a.mean_change).toBeCloseTo(1.3333333333333333, 12);
    expect(a.change_lcl).toBeCloseTo(-0.24663956765057082, 10);
    expect(a.p_value).toBeCloseTo(0.08221518307764485, 10);
    expect(a.wilcoxon_v).toBe(14);
    expect(a.wilcoxon_p).toBeCloseTo(0.0992856347713577, 10);
    const b = row('B', 'ons_happiness');
    expect([b.n_baseline, b.n_paired]).toEqual([4, 4]);
    expect(b.mean_change).toBeCloseTo(1.75, 12);
    expect(b.t).toBeCloseTo(2.781517949836592, 10);
    expect(b.wilcoxon_v).toBe(6);
    expect(b.wilcoxon_p).toBeCloseTo(0.17356816655592167, 10);
    expect(b.effect_size_dz).toBeCloseTo(1.390758974918296, 10);
  });

  it('classifies improvement by the meaningful change (ONS: 1 point)', () => {
    const all = row('All', 'ons_happiness');
    expect([all.n_improved, all.n_no_change, all.n_declined]).toEqual([6, 2, 1]);
    expect(all.pct_improved).toBeCloseTo((100 * 6) / 9, 12);
    const a = row('A', 'ons_happiness');
    expect([a.n_improved, a.n_no_change, a.n_declined]).toEqual([4, 1, 1]);
  });

  it('counts a fall in a lower-is-better score as an improvement but keeps the raw mean change', () => {
    const anxiety = row('All', 'ons_anxiety');
    expect(anxiety.direction).toBe('lower_better');
    expect(anxiety.mean_change).toBeCloseTo(-0.5, 12);
    expect([anxiety.n_improved, anxiety.n_no_change, anxiety.n_declined]).toEqual([1, 0, 1]);
  });

  it('compares baselines of those followed up and those lost (attrition)', () => {
    const a = row('A', 'ons_happiness');
    expect(a.n_lost).toBe(1);
    expect(a.mean_baseline_followed).toBeCloseTo(5, 12); // (5+4+6+3+7+5)/6
    expect(a.mean_baseline_lost).toBeCloseTo(4, 12);
  });

  it('adjusts p-values across partners (Holm: 2 tests → min(1, 2p) for the smaller)', () => {
    const a = row('A', 'ons_happiness');
    const b = row('B', 'ons_happiness');
    // By hand, as R p.adjust(..., "holm"): sorted p 0.0689035 × 2 = 0.1378070; 0.0822152 × 1, raised
    // to the running maximum 0.1378070.
    expect(b.p_holm).toBeCloseTo(0.13780701783, 9);
    expect(a.p_holm).toBeCloseTo(0.13780701783, 9);
    expect(row('All', 'ons_happiness').p_holm).toEqual({ mark: 'z' }); // not applicable
  });

  it('counts band membership at baseline and follow-up among paired people', () => {
    const all = bands.rows.filter((r) => r.partner_id === 'All' && r.measure === 'ons_happiness');
    // Baselines of the 9 paired: 5,4,6,3,7,5,2,4,5 → low (≤4): 4, medium (5–6): 4, high (7–8): 1.
    // Follow-ups: 7,6,6,5,6,8,5,4,7 → low 1, medium 5, high 3.
    expect(all.map((r) => [r.band, r.n_baseline_band, r.n_followup_band])).toEqual([
      ['low', 4, 1],
      ['medium', 4, 5],
      ['high', 1, 3],
      ['very high', 0, 0],
    ]);
  });
});
