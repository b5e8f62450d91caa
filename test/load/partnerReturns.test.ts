import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { categoriesOf } from '../../src/metrics/grouping.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

/**
 * Returns as partners send them: NHS ethnicity codes and census names, gender words, timepoints
 * and measure names of their own, dates with month names, and recodes in the config for what
 * no rule can read. Every person's characteristic is known wherever the return gave it.
 */
const PARTNERS = 'partner_id,partner_name\nP1,Bridge Cafe\nP2,Dockside\n';
const P1_PEOPLE =
  'participant_id,partner_id,enrolled_on,sex,ethnicity\n' +
  '1,P1,3-Apr-2017,Woman,White British\n' +
  '2,P1,4 April 2017,Man,"Asian/Asian British: Pakistani"\n' +
  '3,P1,2017/04/05,Non-binary,Black/Black British: African\n' +
  '4,P1,06-Apr-17,Prefer not to say,"Mixed/Multiple ethnic groups: White and Black Caribbean"\n' +
  '5,P1,07/04/2017,F,White: Polish\n';
const P1_OUTCOMES =
  'participant_id,partner_id,measure,timepoint,recorded_on,score\n' +
  '1,P1,Life satisfaction,Entry,03/04/2017,5\n' +
  '1,P1,ONS life satisfaction,Exit,3 July 2017,7\n' +
  '2,P1,Warwick-Edinburgh,T1,04/04/2017,40\n' +
  '2,P1,WEMWBS,T2,04/07/2017,45\n';
// P2 writes NHS codes and its own codes, which its recode maps.
const P2_PEOPLE =
  'participant_id,partner_id,enrolled_on,sex,ethnicity\n' +
  '6,P2,2017-05-01,2,A\n' +
  '7,P2,2017-05-02,1,J\n' +
  '8,P2,2017-05-03,1,WB\n' +
  '9,P2,2017-05-04,2,Z\n';
const P2_OUTCOMES =
  'participant_id,partner_id,measure,timepoint,recorded_on,score\n' +
  '6,P2,happy,Visit 1,2017-05-01,6\n' +
  '6,P2,happy,Visit 2,2017-08-01,8\n';
const CONFIG = {
  partners: {
    P2: {
      recode: {
        ethnicity: { WB: 'white_british' },
        timepoint: { 'Visit 1': 'baseline', 'visit-2': 'followup' },
        measure: { happy: 'ons_happiness' },
      },
    },
  },
};

const TODAY = { today: dayNumber(2024, 1, 1) };

describe('reading returns as partners write them', async () => {
  const { programme, issues } = await loadWithIssues(
    writeProgramme({
      'partners.csv': PARTNERS,
      'P1/participants.csv': P1_PEOPLE,
      'P1/outcomes.csv': P1_OUTCOMES,
      'P2/participants.csv': P2_PEOPLE,
      'P2/outcomes.csv': P2_OUTCOMES,
      'tides.config.json': JSON.stringify(CONFIG),
    }),
    TODAY,
  );
  const of = (dimension: 'sex' | 'ethnicity' | 'ethnicity_detail') =>
    Array.from(
      { length: programme.episodes.count },
      (_, i) => categoriesOf(programme, dimension, i)[0],
    );

  it('reads every row, with only the detail it cannot know reported', () => {
    expect(programme.totals.participants).toEqual({ read: 9, used: 9, rejected: 0 });
    expect(programme.totals.outcomes).toEqual({ read: 6, used: 6, rejected: 0 });
    expect(issues.map((i) => `${i.file}:${i.line} ${i.rule} ${i.message}`)).toEqual([
      'P1/participants.csv:6 code.unknown ethnicity: the detail "polish" is not one tides knows; it is counted as white, its detail unknown',
    ]);
  });

  it('knows the ethnic group and its detail wherever the return gave them', () => {
    expect(of('ethnicity')).toEqual([
      'white',
      'asian',
      'black',
      'mixed',
      'white',
      'white',
      'asian',
      'white',
      'unknown',
    ]);
    expect(of('ethnicity_detail')).toEqual([
      'white_british',
      'asian_pakistani',
      'black_african',
      'mixed_white_black_caribbean',
      'white',
      'white_british',
      'asian_pakistani',
      'white_british',
      'unknown',
    ]);
  });

  it('counts gender words and NHS gender codes as the README says', () => {
    expect(of('sex')).toEqual([
      'female',
      'male',
      'other',
      'unknown',
      'female',
      'female',
      'male',
      'male',
      'female',
    ]);
  });

  it('pairs measures and timepoints named the partners’ way', () => {
    expect(programme.pairs.count).toBe(3);
    const days = Array.from({ length: programme.episodes.count }, (_, i) =>
      programme.episodes.enrolledOn.get(i),
    );
    expect(days.slice(0, 5)).toEqual([3, 4, 5, 6, 7].map((d) => dayNumber(2017, 4, d)));
  });
});

describe('a column whose values are mostly not codes', () => {
  it('is a problem of the file, beside the warning on each row', async () => {
    const { programme, issues } = await loadWithIssues(
      writeProgramme({
        'partners.csv': PARTNERS,
        'P1/participants.csv':
          'participant_id,partner_id,enrolled_on,ethnicity\n' +
          '1,P1,2017-04-03,WB\n2,P1,2017-04-03,WIRI\n3,P1,2017-04-03,A\n',
        'P1/outcomes.csv':
          'participant_id,partner_id,measure,timepoint,score\n1,P1,wemwbs,baseline,40\n',
      }),
      TODAY,
    );
    expect(issues.filter((i) => i.rule === 'code.unknown')).toHaveLength(2);
    const problem = issues.find((i) => i.rule === 'column.mostly_unknown');
    expect(problem).toMatchObject({
      file: 'P1/participants.csv',
      line: null,
      column: 'ethnicity',
      severity: 'warning',
    });
    expect(programme.totals.participants.used).toBe(3);
  });
});
