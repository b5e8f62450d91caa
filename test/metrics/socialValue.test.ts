import { describe, expect, it } from 'vitest';
import type { SocialValueConfig } from '../../src/config/types.js';
import { dayNumber } from '../../src/contract/values.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { presentValue, socialValue } from '../../src/metrics/socialValue.js';
import { SMALL_PROGRAMME, writeProgramme } from '../helpers/programme.js';

const flat = { deadweight: 0, attribution: 0, displacement: 0, drop_off: 0 };

describe('presentValue', () => {
  it('applies deadweight, attribution and displacement multiplicatively', () => {
    // 1000 × 0.8 × 0.9 × 0.95 = 684 (by hand)
    const v = presentValue(
      1000,
      { deadweight: 0.2, attribution: 0.1, displacement: 0.05, drop_off: 0, duration_years: 1 },
      { discountRate: 0.035, firstYear: 0 },
    );
    expect(v.net).toBeCloseTo(684, 10);
    expect(v.present).toBeCloseTo(684, 10); // year 0 is not discounted
  });

  it('drops off and discounts later years (Green Book 3.5%)', () => {
    // 800 + 800·0.5/1.035 + 800·0.25/1.035² = 800 + 386.4734 + 186.7021 = 1373.1755 (by hand)
    const v = presentValue(
      1000,
      { deadweight: 0.2, attribution: 0, displacement: 0, drop_off: 0.5, duration_years: 3 },
      { discountRate: 0.035, firstYear: 0 },
    );
    expect(v.present).toBeCloseTo(800 + 400 / 1.035 + 200 / 1.035 ** 2, 10);
    expect(v.present).toBeCloseTo(1373.1755, 3);
  });

  it('discounts the first year too when benefits start in year 1', () => {
    const v = presentValue(
      1000,
      { ...flat, duration_years: 2 },
      { discountRate: 0.035, firstYear: 1 },
    );
    expect(v.present).toBeCloseTo(1000 / 1.035 + 1000 / 1.035 ** 2, 10);
  });
});

describe('socialValue on the small programme', async () => {
  const programme = await loadProgramme(writeProgramme(SMALL_PROGRAMME), {
    today: dayNumber(2024, 1, 1),
  });
  const config: SocialValueConfig = {
    source: 'test values',
    outcomes: [
      {
        id: 'happier',
        measure: 'ons_happiness',
        basis: 'people_improved',
        value_gbp: 100,
        ...flat,
        duration_years: 1,
        source: 'test',
      },
      {
        id: 'points',
        measure: 'ons_happiness',
        basis: 'points_gained',
        value_gbp: 10,
        ...flat,
        duration_years: 1,
        source: 'test',
      },
    ],
  };
  const { value, sensitivity } = socialValue(programme, config, null);

  it('values people improved and points gained, each person once', () => {
    // All row of wellbeing change: 6 of 9 paired people improved by ≥ 1; differences sum to 13.
    const happier = value.rows.find((r) => r.outcome === 'happier');
    expect(happier).toMatchObject({
      n_people: 6,
      quantity: 6,
      gross_gbp: 600,
      present_value_gbp: 600,
    });
    const points = value.rows.find((r) => r.outcome === 'points');
    expect(points).toMatchObject({ n_people: 9, quantity: 13, gross_gbp: 130 });
  });

  it('divides the present value by the total funding for the SROI ratio', () => {
    const all = value.rows[0];
    expect(all).toMatchObject({ outcome: 'All', present_value_gbp: 730, investment_gbp: 14_000 });
    expect(all?.sroi_ratio).toBeCloseTo(730 / 14_000, 12);
    expect(all?.n_people).toBe(6); // the fewest people any outcome rests on
  });

  it('moves the ratio in the expected direction in the sensitivity table', () => {
    const ratio = (scenario: string) =>
      sensitivity.rows.find((r) => r.scenario === scenario)?.sroi_ratio as number;
    expect(ratio('deadweight +10 points')).toBeCloseTo((730 * 0.9) / 14_000, 12);
    expect(ratio('deadweight −10 points')).toBeCloseTo(730 / 14_000, 12); // clamped at 0
    expect(ratio('duration +1 year')).toBeCloseTo((730 + 730 / 1.035) / 14_000, 12);
  });

  it('gives no ratio for one financial year: funding covers the whole programme', () => {
    const year = socialValue(programme, config, '2016-17');
    expect(year.value.rows[0]?.sroi_ratio).toEqual({ mark: 'x' });
  });
});

describe('socialValue: a saving in service use', async () => {
  // GP appointments in the last 3 months at £42 (fewer is better): before 4, 2, 0 and after 2,
  // 1, 1, so 2 + 1 − 1 = 2 fewer per 3 months, 8 a year, £336 gross (by hand); deadweight 0.5
  // and attribution 0.25 leave £126 in year 0, and a 50% drop-off £63 / 1.035 in year 1.
  const dir = writeProgramme({
    'partners.csv': 'partner_id,partner_name,funding_gbp\nA,Alpha,1000\n',
    'participants.csv':
      'participant_id,partner_id,enrolled_on,sex\n1,A,2016-05-02,female\n2,A,2016-05-02,male\n3,A,2016-05-02,female\n',
    'outcomes.csv': `participant_id,partner_id,measure,timepoint,recorded_on,score\n${[
      [1, 4, 2],
      [2, 2, 1],
      [3, 0, 1],
    ]
      .map(
        ([id, b, a]) => `${id},A,gp,baseline,2016-05-02,${b}\n${id},A,gp,followup,2016-09-02,${a}`,
      )
      .join('\n')}\n`,
    'tides.config.json': JSON.stringify({
      measures: {
        gp: {
          type: 'count',
          direction: 'lower_better',
          recall_period: '3 months',
          area: 'nhs_demand',
          unit_cost_gbp: 42,
          unit_cost_source: 'illustrative',
        },
      },
    }),
  });
  const programme = await loadProgramme(dir, { today: dayNumber(2024, 1, 1) });
  const config: SocialValueConfig = {
    source: 'test',
    outcomes: [
      {
        id: 'gp_saved',
        measure: 'gp',
        basis: 'cost_saving',
        deadweight: 0.5,
        attribution: 0.25,
        displacement: 0,
        drop_off: 0.5,
        duration_years: 2,
        source: 'test',
      },
    ],
  };
  const { value } = socialValue(programme, config, null);
  const row = value.rows.find((r) => r.outcome === 'gp_saved');

  it('values the use avoided in a year at the measure’s unit cost', () => {
    expect(row?.n_people).toBe(3);
    expect(row?.quantity).toBeCloseTo(8, 12);
    expect(row?.value_gbp).toBe(42);
    expect(row?.gross_gbp).toBeCloseTo(336, 10);
    expect(row?.net_first_year_gbp).toBeCloseTo(126, 10);
    expect(row?.present_value_gbp).toBeCloseTo(126 + 63 / 1.035, 10);
    expect(value.rows[0]?.sroi_ratio).toBeCloseTo((126 + 63 / 1.035) / 1000, 12);
  });
});
