import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

// A wide return: one row per person, their details and each measure's scores at both
// timepoints in columns of their own (SWEMWBS as items Q1_pre … Q7_post).
const items = (suffix: string) => Array.from({ length: 7 }, (_, k) => `Q${k + 1}_${suffix}`);
const HEADER = [
  'ID',
  'partner_id',
  'enrolled_on',
  'sex',
  'WEMWBS baseline',
  'Baseline date',
  'WEMWBS follow-up',
  'Follow-up date',
  ...items('pre'),
  ...items('post'),
  'LS start',
  'LS end',
].join(',');
const ROWS = [
  // Everything: WEMWBS 40 → 47, SWEMWBS items all 3 → all 4, life satisfaction 5 → 7.
  [
    '1',
    'P3',
    '2017-04-03',
    'female',
    '40',
    '2017-04-03',
    '47',
    '2017-07-03',
    ...Array(7).fill('3'),
    ...Array(7).fill('4'),
    '5',
    '7',
  ],
  // Baseline only.
  [
    '2',
    'P3',
    '2017-04-04',
    'male',
    '50',
    '2017-04-04',
    '',
    '',
    ...Array(7).fill('2'),
    ...Array(7).fill(''),
    '6',
    '',
  ],
  // A follow-up score out of range: the message names the file's own column.
  [
    '3',
    'P3',
    '2017-04-05',
    'male',
    '45',
    '2017-04-05',
    '99',
    '2017-07-05',
    ...Array(14).fill(''),
    '',
    '',
  ],
].map((r) => r.join(','));
const CONFIG = {
  aliases: { participant_id: ['ID'] },
  layouts: {
    p3: {
      files: ['P3/*.csv'],
      measures: {
        wemwbs: {
          baseline: { score: 'WEMWBS baseline', recorded_on: 'Baseline date' },
          followup: { score: 'WEMWBS follow-up', recorded_on: 'Follow-up date' },
        },
        swemwbs: { baseline: { items: 'Q{n}_pre' }, followup: { items: 'Q{n}_post' } },
        ons_life_satisfaction: { baseline: { score: 'LS start' }, followup: { score: 'LS end' } },
      },
    },
  },
};

describe('a wide return read through its layout', async () => {
  const { programme, issues } = await loadWithIssues(
    writeProgramme({
      'partners.csv': 'partner_id,partner_name\nP3,Dockside\n',
      'P3/participants.csv': `${HEADER}\n${ROWS.join('\n')}\n`,
      'tides.config.json': JSON.stringify(CONFIG),
    }),
    { today: dayNumber(2024, 1, 1) },
  );
  const report = (display: string) => programme.files.find((f) => f.path === display);

  it('reads the file as participants, and as outcome records under its (wide) name', () => {
    expect(report('P3/participants.csv')).toMatchObject({ kind: 'participants', read: 3, used: 3 });
    // Records: 6 + 3 + 2 (person 3's empty SWEMWBS and life satisfaction cells are none).
    expect(report('P3/participants.csv (wide)')).toMatchObject({
      kind: 'outcomes',
      read: 11,
      used: 10,
      rejected: 1,
    });
  });

  it('names the row and the file’s own column in messages', () => {
    expect(issues.map((i) => [i.file, i.line, i.column, i.rule, i.value])).toEqual([
      ['P3/participants.csv (wide)', 4, 'WEMWBS follow-up', 'score.range', '99'],
    ]);
  });

  it('pairs each measure’s baseline and follow-up as a long return would', () => {
    const { pairs, measures } = programme;
    const paired = (id: string) => {
      let count = 0;
      for (let slot = 0; slot < pairs.count; slot++) {
        if (
          pairs.measure.get(slot) === measures.indexOf(id) &&
          pairs.has(slot, 0) &&
          pairs.has(slot, 1)
        )
          count++;
      }
      return count;
    };
    expect(paired('wemwbs')).toBe(1);
    expect(paired('swemwbs')).toBe(1);
    expect(paired('ons_life_satisfaction')).toBe(1);
  });
});

describe('a layout that does not fit its file', () => {
  it('makes the file unusable, naming the missing column', async () => {
    const { issues, programme } = await loadWithIssues(
      writeProgramme({
        'partners.csv': 'partner_id,partner_name\nP3,Dockside\n',
        'P3/participants.csv': 'participant_id,partner_id,enrolled_on\n1,P3,2017-04-03\n',
        'P3/scores.csv': 'participant_id,partner_id,WEMWBS pre\n1,P3,40\n',
        'tides.config.json': JSON.stringify({
          layouts: {
            p3: {
              files: ['P3/scores.csv'],
              measures: { wemwbs: { baseline: { score: 'WEMWBS start' } } },
            },
          },
        }),
      }),
      { today: dayNumber(2024, 1, 1) },
    );
    expect(issues.map((i) => [i.file, i.rule, i.column])).toContainEqual([
      'P3/scores.csv',
      'header.missing_column',
      'WEMWBS start',
    ]);
    expect(programme.files.find((f) => f.path === 'P3/scores.csv')).toMatchObject({
      read: 1,
      rejected: 1,
    });
  });
});
