import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { inequality } from '../../src/metrics/inequality.js';
import { DEFAULT_ANALYSIS } from '../../src/metrics/options.js';
import { writeProgramme } from '../helpers/programme.js';

/**
 * Six people in each IMD quintile (deciles 1, 3, 5, 7, 9), population.csv with 1000·d residents
 * in decile d. Scores (person i = 0…5 of quintile q):
 *   baseline = q + 1 + (i mod 3); follow-up = baseline + ⌊(6 − q)/2⌋ + (i mod 2)
 * Expected values from numpy (weighted least squares of the quintile means on the midpoints of
 * cumulative population share, weights = shares):
 *   a = w/Σw; x = cumsum(a) − a/2; β = solve(XᵀWX, XᵀWy); SII = β₁, fitted(0) = β₀.
 */
function programmeFiles(): Record<string, string> {
  const participants = ['participant_id,partner_id,enrolled_on,lsoa'];
  const outcomes = ['participant_id,partner_id,measure,timepoint,recorded_on,score'];
  for (let q = 1; q <= 5; q++) {
    for (let i = 0; i < 6; i++) {
      const id = `q${q}p${i}`;
      const base = q + 1 + (i % 3);
      const follow = base + Math.floor((6 - q) / 2) + (i % 2);
      participants.push(`${id},P1,2016-05-01,E0100000${2 * q - 1}`);
      outcomes.push(`${id},P1,ons_life_satisfaction,baseline,2016-05-01,${base}`);
      outcomes.push(`${id},P1,ons_life_satisfaction,followup,2016-08-01,${follow}`);
    }
  }
  return {
    'partners.csv': 'partner_id,partner_name\nP1,Partner\n',
    'lsoa_imd.csv': `lsoa,imd_decile\n${[1, 3, 5, 7, 9].map((d) => `E0100000${d},${d}`).join('\n')}\n`,
    'population.csv': `dimension,group,population\n${Array.from({ length: 10 }, (_, i) => `imd_decile,${i + 1},${1000 * (i + 1)}`).join('\n')}\n`,
    'P1/participants.csv': `${participants.join('\n')}\n`,
    'P1/outcomes.csv': `${outcomes.join('\n')}\n`,
  };
}

const programme = await loadProgramme(writeProgramme(programmeFiles()), {
  today: dayNumber(2024, 1, 1),
});
const { inequality: table, quantiles } = inequality(programme, {
  ...DEFAULT_ANALYSIS,
  siiSimulations: 20_000,
});
const row = (timepoint: string) =>
  table.rows.find(
    (r) =>
      r.measure === 'ons_life_satisfaction' &&
      r.timepoint === timepoint &&
      r.dimension === 'imd_quintile',
  ) as Record<string, number>;

describe('inequality by IMD quintile', () => {
  it('fits the SII and RII on population-weighted ranks (numpy reference)', () => {
    expect(row('baseline').n).toBe(30);
    expect(row('baseline').sii).toBeCloseTo(4.282051282051281, 10);
    expect(row('baseline').fitted_most_deprived).toBeCloseTo(3.586247086247087, 10);
    expect(row('baseline').rii).toBeCloseTo(2.194020149496262, 10);
    expect(row('followup').sii).toBeCloseTo(1.8589743589743595, 10);
    expect(row('followup').rii).toBeCloseTo(1.3030533335866696, 10);
    expect(row('change').sii).toBeCloseTo(-2.423076923076923, 10);
    expect(row('change').rii).toEqual({ mark: 'z' });
  });

  it('brackets each SII with its simulated limits', () => {
    for (const t of ['baseline', 'followup', 'change']) {
      const r = row(t) as Record<string, number>;
      expect(r.sii_lcl).toBeLessThan(r.sii as number);
      expect(r.sii_ucl).toBeGreaterThan(r.sii as number);
    }
  });

  it('gives the quintile gap (5 − 1) and its narrowing', () => {
    expect(row('baseline').gap).toBeCloseTo(4, 12);
    expect(row('followup').gap).toBeCloseTo(2, 12);
    expect(row('change').gap).toBeCloseTo(-2, 12);
  });

  it('reports the quantile means it fits', () => {
    const means = quantiles.rows
      .filter(
        (r) =>
          r.measure === 'ons_life_satisfaction' &&
          r.timepoint === 'baseline' &&
          r.dimension === 'imd_quintile',
      )
      .map((r) => r.mean);
    expect(means).toEqual([3, 4, 5, 6, 7]);
  });

  it('derives reach equity per 1,000 residents by quintile', () => {
    const equity = table.rows.find(
      (r) => r.timepoint === 'reach' && r.dimension === 'imd_quintile',
    );
    expect(equity?.measure).toBe('participants_per_1000');
    expect(equity?.n).toBe(30);
  });
});
