import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validateConfig.js';
import { UnusableInputError } from '../../src/errors.js';

const valid = {
  programme: 'Test',
  aliases: { participant_id: ['client_ref'] },
  partners: {
    P1: { aliases: { lsoa: ['Postcode LSOA'] }, recode: { timepoint: { 'Visit 1': 'baseline' } } },
  },
  recode: {
    ethnicity: { WB: 'white_british', 'Asian - other': 'Other Asian' },
    sex: { W: 'female' },
    measure: { lonely: 'loneliness' },
  },
  two_digit_years: true,
  measures: {
    loneliness: {
      min: 3,
      max: 9,
      direction: 'lower_better',
      meaningful_change: 1,
      items: 3,
      bands: [{ label: 'ok', up_to: 5, inclusive: true }, { label: 'lonely' }],
    },
    in_work: { type: 'binary', better: 'yes', area: 'skills_employment', label: 'In work' },
    gp_visits: {
      type: 'count',
      direction: 'lower_better',
      recall_period: '3 months',
      max: 60,
      area: 'nhs_demand',
      unit_cost_gbp: 42,
      unit_cost_source: 'PSSRU Unit Costs 2023',
    },
  },
  max_missing_items: 2,
  swemwbs_score: 'raw',
  meaningful_change: { swemwbs: 2, loneliness: 1 },
  primary_measure: 'loneliness',
  disclosure: { min_cell: 10 },
  inclusion_groups: ['homeless'],
  social_value: {
    source: 'bank',
    outcomes: [
      {
        id: 'x',
        measure: 'wemwbs',
        basis: 'people_improved',
        value_gbp: 1,
        deadweight: 0,
        attribution: 0,
        displacement: 0,
        drop_off: 0,
        duration_years: 1,
        source: 's',
      },
    ],
  },
};

describe('validateConfig', () => {
  it('accepts every documented setting', () => {
    expect(validateConfig(valid, 'tides.config.json')).toEqual(valid);
  });

  it.each([
    [{ progamme: 'x' }, '"progamme" is not a setting tides knows'],
    [{ recode: { cohort: { a: 'b' } } }, 'recode.cohort is not a coded column'],
    [{ recode: { sex: { W: 'woman-ish' } } }, 'recode.sex."W" must be a value sex accepts'],
    [{ recode: { ethnicity: { WP: 'White: Polish' } } }, 'recode.ethnicity."WP" must be a value'],
    [{ recode: { measure: { happy: 'joy' } } }, 'recode.measure."happy" must be a value'],
    [
      { partners: { P1: { recode: { timepoint: { V3: 'middle' } } } } },
      'partners.P1.recode.timepoint."V3"',
    ],
    [{ two_digit_years: 'yes' }, 'two_digit_years must be true or false'],
    [{ imd_edition: '2015' }, 'imd_edition must be "2019" (LSOA 2011 codes) or "2025"'],
    [{ files: { partners: ['x.csv'] } }, 'files.partners is not a kind of file'],
    [{ layouts: { w: { files: [], measures: {} } } }, 'layouts.w.files must be a list of globs'],
    [
      { layouts: { w: { files: ['a.csv'], measures: { joy: { baseline: { score: 'J' } } } } } },
      'layouts.w.measures.joy names no known measure',
    ],
    [
      { layouts: { w: { files: ['a.csv'], measures: { wemwbs: { middle: { score: 'J' } } } } } },
      'layouts.w.measures.wemwbs.middle is not a timepoint',
    ],
    [
      {
        layouts: {
          w: { files: ['a.csv'], measures: { wemwbs: { baseline: { items: 'Q_pre' } } } },
        },
      },
      'layouts.w.measures.wemwbs.baseline.items must be a list of column names, or a pattern with {n}',
    ],
    [
      { aliases: { participant: ['id'] } },
      'aliases.participant is not a column of the data contract',
    ],
    [{ max_missing_items: 14 }, 'max_missing_items must be a whole number from 0 to 13'],
    [{ swemwbs_score: 'both' }, 'swemwbs_score must be "auto", "raw" or "metric"'],
    [{ measures: { wemwbs: {} } }, 'measures.wemwbs is a built-in measure'],
    [{ measures: { 'Bad Name': {} } }, 'measures.Bad Name must be named in lower case'],
    [{ meaningful_change: { happiness: 1 } }, 'meaningful_change.happiness names no known measure'],
    [{ primary_measure: 'nothing' }, 'primary_measure must name a known measure'],
    [
      { measures: { m: { type: 'yesno' } } },
      'measures.m.type must be "score", "binary" or "count"',
    ],
    [
      { measures: { m: { type: 'binary', area: 'living_well' } } },
      'measures.m.better must be "yes" or "no"',
    ],
    [
      { measures: { m: { type: 'binary', better: 'yes' } } },
      'measures.m.area must name the outcome area of a binary measure',
    ],
    [
      { measures: { m: { type: 'binary', better: 'no', area: 'living_well', min: 0 } } },
      'measures.m.min is for a score measure, not a binary one',
    ],
    [
      { measures: { m: { type: 'count', direction: 'lower_better', area: 'nhs_demand' } } },
      'measures.m.recall_period must say the period each count covers',
    ],
    [
      {
        measures: {
          m: { type: 'count', direction: 'up', recall_period: '3 months', area: 'nhs_demand' },
        },
      },
      'measures.m.direction must be "higher_better" or "lower_better"',
    ],
    [
      {
        measures: {
          m: {
            type: 'count',
            direction: 'lower_better',
            recall_period: '3 months',
            area: 'nhs_demand',
            max: 2.5,
          },
        },
      },
      'measures.m.max must be a whole number ≥ 1',
    ],
    [
      { measures: { m: { type: 'binary', better: 'yes', area: 'Living Well' } } },
      'measures.m.area must be one of inequalities, wellbeing',
    ],
    [
      {
        measures: { m: { type: 'binary', better: 'yes', area: 'living_well' } },
        primary_measure: 'm',
      },
      'primary_measure must name a score measure',
    ],
    [
      {
        measures: {
          m: { type: 'count', direction: 'lower_better', recall_period: 'a while', area: 'x' },
        },
      },
      'measures.m.recall_period must say the period each count covers, as a number of days',
    ],
    [
      {
        measures: {
          m: {
            type: 'count',
            direction: 'lower_better',
            recall_period: '3 months',
            area: 'nhs_demand',
            unit_cost_gbp: 42,
          },
        },
      },
      'measures.m.unit_cost_source must say where the unit cost comes from',
    ],
    [
      {
        social_value: {
          ...valid.social_value,
          outcomes: [{ ...valid.social_value.outcomes[0], basis: 'cost_saving' }],
        },
      },
      'social_value.outcomes[0].measure must name a count measure with a unit_cost_gbp',
    ],
    [
      {
        measures: valid.measures,
        social_value: {
          ...valid.social_value,
          outcomes: [
            { ...valid.social_value.outcomes[0], basis: 'cost_saving', measure: 'gp_visits' },
          ],
        },
      },
      'social_value.outcomes[0].value_gbp is not given for a cost_saving',
    ],
    [
      {
        measures: valid.measures,
        social_value: {
          ...valid.social_value,
          outcomes: [{ ...valid.social_value.outcomes[0], measure: 'in_work' }],
        },
      },
      'social_value.outcomes[0].measure must name a known score measure',
    ],
    [{ disclosure: { min_cell: 0 } }, 'disclosure.min_cell must be a whole number ≥ 1'],
    [{ social_value: { outcomes: [] } }, 'social_value.source must say where the values come from'],
    [
      {
        social_value: {
          ...valid.social_value,
          outcomes: [{ ...valid.social_value.outcomes[0], deadweight: 1.5 }],
        },
      },
      'social_value.outcomes[0].deadweight must be a share from 0 to 1',
    ],
    [
      {
        social_value: {
          ...valid.social_value,
          outcomes: [{ ...valid.social_value.outcomes[0], id: 'All' }],
        },
      },
      'social_value.outcomes[0].id must not be All, the name of the total row',
    ],
    [
      { social_value: { ...valid.social_value, illustrative: 'yes' } },
      'social_value.illustrative must be true or false',
    ],
    [[1, 2], 'the file must hold a JSON object'],
  ])('refuses %j, naming the key', (raw, message) => {
    expect(() => validateConfig(raw, 'tides.config.json')).toThrow(UnusableInputError);
    expect(() => validateConfig(raw, 'tides.config.json')).toThrow(message);
  });
});
