import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { buildMeasureRegistry } from '../../src/measures/registry.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

/** Yes/no and count measures: what a partner's answers are read as, and what is refused. */
const config = {
  measures: {
    volunteering: { type: 'binary', better: 'yes', area: 'social_connection' },
    gp_visits: {
      type: 'count',
      direction: 'lower_better',
      recall_period: '3 months',
      max: 60,
      area: 'nhs_demand',
      label: 'GP appointments',
    },
  },
};

const rows = [
  ['1', 'volunteering', 'baseline', 'Yes'], // line 2
  ['1', 'volunteering', 'followup', ' n '],
  ['2', 'volunteering', 'baseline', 'TRUE'],
  ['2', 'volunteering', 'followup', 'maybe'], // line 5: refused
  ['3', 'volunteering', 'baseline', '0'],
  ['3', 'volunteering', 'followup', '2'], // line 7: refused
  ['1', 'gp_visits', 'baseline', '4'],
  ['1', 'gp_visits', 'followup', '1'],
  ['2', 'gp_visits', 'baseline', '-1'], // line 10: refused
  ['2', 'gp_visits', 'followup', '300'], // line 11: refused (max 60)
  ['3', 'gp_visits', 'baseline', '2.5'], // line 12: refused
  ['3', 'gp_visits', 'followup', '0'],
];

const dir = writeProgramme({
  'partners.csv': 'partner_id,partner_name\nA,Alpha\n',
  'participants.csv':
    'participant_id,partner_id,enrolled_on,sex\n1,A,2016-05-02,female\n2,A,2016-05-02,male\n3,A,2016-05-02,female\n',
  'outcomes.csv': `participant_id,partner_id,measure,timepoint,recorded_on,score\n${rows
    .map(([id, m, t, v]) => `${id},A,${m},${t},2016-0${t === 'baseline' ? 5 : 9}-02,"${v}"`)
    .join('\n')}\n`,
  'tides.config.json': JSON.stringify(config),
});
const { programme, issues } = await loadWithIssues(dir, { today: dayNumber(2024, 1, 1) });

describe('yes/no and count measures', () => {
  it('names file, line, column, value and rule for every answer it refuses', () => {
    expect(issues.map((i) => `${i.file}:${i.line}:${i.column}:${i.value}:${i.rule}`)).toEqual([
      'outcomes.csv:5:score:maybe:score.invalid',
      'outcomes.csv:7:score:2:score.invalid',
      'outcomes.csv:10:score:-1:score.range',
      'outcomes.csv:11:score:300:score.range',
      'outcomes.csv:12:score:2.5:score.invalid',
    ]);
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
    expect(issues[0]?.message).toContain('yes or no (also y/n, 1/0, true/false)');
    expect(issues[2]?.message).toBe(
      'GP appointments (gp_visits) is a count over 3 months: it cannot be negative',
    );
    expect(issues[3]?.message).toContain('more than 60 is not plausible');
  });

  it('accounts for every row: the refused ones are rejected, the rest used', () => {
    expect(programme.totals.outcomes).toMatchObject({ read: 12, used: 7, rejected: 5 });
  });

  it('gives each type its rules: a yes/no is 0–1, a count whole from 0 to its limit', () => {
    const registry = buildMeasureRegistry(config as never);
    expect(registry.get('volunteering')).toMatchObject({
      type: 'binary',
      area: 'social_connection',
      min: 0,
      max: 1,
      direction: 'higher_better',
    });
    expect(registry.get('gp_visits')).toMatchObject({
      type: 'count',
      area: 'nhs_demand',
      recallPeriod: '3 months',
      max: 60,
      direction: 'lower_better',
    });
    expect(registry.get('wemwbs')).toMatchObject({ type: 'score', area: 'wellbeing' });
  });
});
