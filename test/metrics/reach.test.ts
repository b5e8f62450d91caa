import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { inequality } from '../../src/metrics/inequality.js';
import { DEFAULT_ANALYSIS } from '../../src/metrics/options.js';
import { reach } from '../../src/metrics/reach.js';
import { SMALL_PROGRAMME, writeProgramme } from '../helpers/programme.js';

const programme = await loadProgramme(writeProgramme(SMALL_PROGRAMME), {
  today: dayNumber(2024, 1, 1),
});
const options = { ...DEFAULT_ANALYSIS, by: ['partner_id'] as const, siiSimulations: 1000 };
const tables = reach(programme, options);
const row = (partner: string) => tables.reach.rows.find((r) => r.partner_id === partner);

/**
 * Hand counts from test/helpers/programme.ts. Deciles (from the LSOA lookup, person 1 described
 * by their first episode at A): p1 1, p2 2, p3 5, p4 9, p5 10, p6 unknown, p7 1, p8 2, p9 5, p10 10.
 * PLUS: p2 asian, p5 black, p8 mixed (and refugee), p3 homeless.
 * Wilson limits computed independently in Python from the METHODS.md formula:
 *   p=x/n; c=(p+z²/2n)/(1+z²/n); h=z·√(p(1−p)/n+z²/4n²)/(1+z²/n), z=1.959963984540054.
 */
describe('reach on the small programme', () => {
  it('counts each person once in the All row', () => {
    expect(row('All')).toMatchObject({
      participants: 10,
      episodes: 11,
      partners: 2,
      n_imd_known: 9,
      n_core20: 4,
      n_plus: 4,
      n_core20_or_plus: 6,
      n_imd_unknown: 1,
    });
    const all = row('All') as Record<string, number>;
    expect(all.pct_core20).toBeCloseTo((100 * 4) / 9, 12);
    expect(all.pct_core20_lcl).toBeCloseTo(18.87785210976645, 10);
    expect(all.pct_core20_ucl).toBeCloseTo(73.3348706504507, 10);
    expect(all.pct_plus).toBeCloseTo(40, 12);
    expect(all.pct_core20_or_plus).toBeCloseTo(60, 12);
    expect(all.episodes_per_participant).toBeCloseTo(1.1, 12);
    expect(all.residents).toBe(55_000);
    expect(all.per_1000_residents).toBeCloseTo((10 / 55_000) * 1000, 12);
  });

  it('counts people per partner, a person at two partners in both', () => {
    expect(row('A')).toMatchObject({ participants: 7, episodes: 7, n_imd_known: 6, n_core20: 3 });
    expect(row('B')).toMatchObject({ participants: 4, episodes: 4, n_imd_known: 4, n_core20: 2 });
    expect((row('A') as Record<string, number>).pct_core20_lcl).toBeCloseTo(18.76163064826506, 10);
    expect(row('A')?.residents).toEqual({ mark: 'x' }); // no population for a partner
  });

  it('rates a year by every resident, and a margin by its one restricted dimension', () => {
    // The population does not change by year of enrolment: a year's rate is per 1,000 of all
    // residents. In a cross-classification, (All, quintile 1) is restricted on deprivation
    // alone: deciles 1 and 2 of population.csv, 1,000 + 2,000 residents.
    const byYear = reach(programme, { ...options, by: ['year', 'imd_quintile'] });
    const yearRows = byYear.reach.rows.filter((r) => r.year !== 'All' && r.imd_quintile === 'All');
    expect(yearRows.map((r) => r.year)).toEqual(['2016-17', '2017-18']);
    for (const r of yearRows) {
      expect(r.residents).toBe(55_000);
      expect(r.per_1000_residents).toBeCloseTo(((r.participants as number) / 55_000) * 1000, 12);
    }
    const first = byYear.reach.rows.find((r) => r.year === 'All' && r.imd_quintile === '1');
    expect(first?.residents).toBe(3000);
    // A year × quintile cell: its quintile's residents.
    const cell = byYear.reach.rows.find((r) => r.year === '2016-17' && r.imd_quintile === '1');
    expect(cell?.residents).toBe(3000);
    // Partner and quintile together: no population says how many residents that is.
    const both = reach(programme, { ...options, by: ['partner_id', 'imd_quintile'] });
    const partnerCell = both.reach.rows.find((r) => r.partner_id === 'A' && r.imd_quintile === '1');
    expect(partnerCell?.residents).toEqual({ mark: 'x' });
  });

  it('profiles the All group by decile against the population', () => {
    const deciles = tables.profile.rows.filter(
      (r) => r.partner_id === 'All' && r.dimension === 'imd_decile',
    );
    expect(deciles.map((r) => [r.category, r.count])).toEqual([
      ['1', 2],
      ['2', 2],
      ['3', 0],
      ['4', 0],
      ['5', 2],
      ['6', 0],
      ['7', 0],
      ['8', 0],
      ['9', 1],
      ['10', 2],
      ['unknown', 1],
    ]);
    // Shares of all 10 participants, unknowns included (a share of the 9 known would give the
    // number of unknowns back when it is suppressed).
    const first = deciles[0] as Record<string, number>;
    expect(first.pct).toBeCloseTo((100 * 2) / 10, 12);
    expect(first.pct_population).toBeCloseTo((100 * 1000) / 55_000, 12);
    expect(first.representation_ratio).toBeCloseTo(((2 / 10) * 55_000) / 1000, 12);
    expect(deciles.at(-1)).toMatchObject({
      base: 'all',
      denominator: 10,
      pct_population: { mark: 'z' },
    });
  });

  it('marks each group × dimension as additive for secondary suppression', () => {
    const set = tables.profile.additive?.[0] ?? [];
    const rows = set.map((i) => tables.profile.rows[i]);
    expect(rows.every((r) => r?.dimension === 'imd_decile' && r?.partner_id === 'All')).toBe(true);
    expect(rows.reduce((sum, r) => sum + (r?.count as number), 0)).toBe(10);
  });
});

describe('inequality on a programme too small for an SII', () => {
  it('leaves the SII out and says why', () => {
    const { inequality: table } = inequality(programme, options);
    const baseline = table.rows.find(
      (r) =>
        r.measure === 'ons_happiness' &&
        r.timepoint === 'baseline' &&
        r.dimension === 'imd_quintile',
    );
    expect(baseline?.sii).toEqual({ mark: 'x' });
    expect(String(baseline?.note)).toMatch(/fewer than 5 people/);
    const change = table.rows.find(
      (r) =>
        r.measure === 'ons_happiness' && r.timepoint === 'change' && r.dimension === 'imd_quintile',
    );
    expect(change?.rii).toEqual({ mark: 'z' });
  });
});
