import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { binaryChange } from '../../src/metrics/binaryChange.js';
import { DEFAULT_ANALYSIS } from '../../src/metrics/options.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

/**
 * A programme with two yes/no measures. `in_work` (yes is better): partner A's people followed
 * up fall in the paired 2 × 2 as (yes → yes, yes → no, no → yes, no → no) = (10, 4, 9, 7), with
 * 3 more lost to follow-up; partner B's (5, 2, 6, 12), with 2 lost. `smokes` (no is better), at
 * A only: (8, 5, 1, 16). Answers are spelled as partners send them: Yes, y, 1, TRUE; No, n, 0,
 * false.
 *
 * Expected values from scipy 1.17.1 (independent of tides' code):
 *   binomtest(k, n).proportion_ci(method='wilson')            # the shares' limits
 *   binomtest(b, b + c).pvalue                                # McNemar exact, as R binom.test
 *   chi2.sf((abs(b - c) - 1) ** 2 / (b + c), 1)               # as R mcnemar.test
 * and for the change, contingencytables' Newcombe_square_and_add_CI_paired_2x2 transcribed
 * into Python (the script is in test/stats/pairedProportions.test.ts), negated for
 * follow-up − baseline.
 */
const YES = ['Yes', 'y', '1', 'TRUE'];
const NO = ['No', 'n', '0', 'false'];

function people(partner: string, cells: readonly number[], lost: { n: number; yes: boolean }) {
  const rows: { id: string; before: boolean; after: boolean | null }[] = [];
  const kinds: [boolean, boolean][] = [
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ];
  cells.forEach((count, k) => {
    const [before, after] = kinds[k] as [boolean, boolean];
    for (let i = 0; i < count; i++) rows.push({ id: `${partner}${rows.length}`, before, after });
  });
  for (let i = 0; i < lost.n; i++)
    rows.push({ id: `${partner}${rows.length}`, before: lost.yes, after: null });
  return rows;
}

const spell = (yes: boolean, i: number) => (yes ? YES[i % 4] : NO[i % 4]) as string;
const a = people('a', [10, 4, 9, 7], { n: 3, yes: true });
const b = people('b', [5, 2, 6, 12], { n: 2, yes: false });
const smokes = people('a', [8, 5, 1, 16], { n: 0, yes: false });
const participants = [...a, ...b].map(
  (p) => `${p.id},${p.id.startsWith('a') ? 'A' : 'B'},2016-05-02,female,3`,
);
const outcomes: string[] = [];
const answer = (
  p: { id: string; before: boolean; after: boolean | null },
  measure: string,
  i: number,
) => {
  const partner = p.id.startsWith('a') ? 'A' : 'B';
  outcomes.push(`${p.id},${partner},${measure},baseline,2016-05-02,${spell(p.before, i)}`);
  if (p.after !== null) {
    outcomes.push(`${p.id},${partner},${measure},followup,2016-09-02,${spell(p.after, i + 1)}`);
  }
};
[...a, ...b].forEach((p, i) => {
  answer(p, 'in_work', i);
});
smokes.forEach((p, i) => {
  answer(p, 'smokes', i);
});

const config = {
  measures: {
    in_work: { type: 'binary', better: 'yes', area: 'skills_employment' },
    smokes: { type: 'binary', better: 'no', area: 'living_well', label: 'Smokes' },
  },
};
const dir = writeProgramme({
  'partners.csv': 'partner_id,partner_name\nA,Alpha\nB,Beta\n',
  'participants.csv': `participant_id,partner_id,enrolled_on,sex,imd_decile\n${participants.join('\n')}\n`,
  'outcomes.csv': `participant_id,partner_id,measure,timepoint,recorded_on,score\n${outcomes.join('\n')}\n`,
  'tides.config.json': JSON.stringify(config),
});
const { programme, issues } = await loadWithIssues(dir, { today: dayNumber(2024, 1, 1) });
const table = binaryChange(programme, { ...DEFAULT_ANALYSIS, by: ['partner_id'] });
const row = (partner: string, measure: string) => {
  const found = table.rows.find((r) => r.partner_id === partner && r.measure === measure);
  if (!found) throw new Error(`no row ${partner} ${measure}`);
  return found;
};

const EXPECTED = [
  // partner, measure, n_baseline, n_paired, yes before, yes after, became yes, became no,
  // then (per cent) base, lcl, ucl, follow-up, lcl, ucl, change, lcl, ucl, exact p, chi-square p
  [
    'A',
    'in_work',
    [33, 30, 14, 19, 9, 4],
    [
      46.666666666666664, 30.232388907699754, 63.8577003801267, 63.333333333333336,
      45.51356365479487, 78.12607919389927, 16.666666666666664, -6.982325063799477,
      37.79046712872608, 0.266845703125, 0.2672574931543847,
    ],
  ],
  [
    'B',
    'in_work',
    [27, 25, 7, 11, 6, 2],
    [
      28, 14.283853850956568, 47.57660519036158, 44, 26.665638881067355, 62.93266813020123,
      15.999999999999998, -6.599970420660495, 36.35236161293092, 0.2890625, 0.2888443663464818,
    ],
  ],
  [
    'All',
    'in_work',
    [60, 55, 21, 30, 15, 6],
    [
      38.18181818181818, 26.515954258893792, 51.39077976751006, 54.54545454545455,
      41.52269024186123, 66.97471974798343, 16.36363636363636, 0.0749430847948096,
      31.33696315230461, 0.0783538818359375, 0.08085559837005234,
    ],
  ],
  [
    'A',
    'smokes',
    [30, 30, 13, 9, 1, 5],
    [
      43.333333333333336, 27.377485576466526, 60.80269299918639, 30, 16.664748268243798,
      47.875787458714946, -13.333333333333336, -28.721572449889372, 3.179852038908182, 0.21875,
      0.22067136191984324,
    ],
  ],
] as const;

const COUNTS = [
  'n_baseline',
  'n_paired',
  'n_yes_baseline',
  'n_yes_followup',
  'n_became_yes',
  'n_became_no',
];
const STATISTICS = [
  'pct_yes_baseline',
  'pct_yes_baseline_lcl',
  'pct_yes_baseline_ucl',
  'pct_yes_followup',
  'pct_yes_followup_lcl',
  'pct_yes_followup_ucl',
  'pct_point_change',
  'pct_point_change_lcl',
  'pct_point_change_ucl',
  'p_mcnemar_exact',
  'p_mcnemar_chisq',
];

describe('binaryChange', () => {
  it('reads every spelling of yes and no, and rejects none of them', () => {
    expect(issues).toEqual([]);
  });

  it.each(EXPECTED)('%s %s matches scipy and the transcribed Newcombe interval', (p, m, n, s) => {
    const r = row(p, m);
    COUNTS.forEach((name, i) => {
      expect(r[name], name).toBe(n[i]);
    });
    STATISTICS.forEach((name, i) => {
      expect(r[name] as number, name).toBeCloseTo(s[i] as number, 10);
    });
  });

  it('counts a move to the better answer: no → yes where yes is better, yes → no where no is', () => {
    expect(row('A', 'in_work').pct_improved).toBeCloseTo((100 * 9) / 30, 12);
    expect(row('A', 'smokes').pct_improved).toBeCloseTo((100 * 5) / 30, 12);
    expect(row('A', 'smokes').better).toBe('no');
  });

  it('leaves yes/no measures out of the tables of score change', async () => {
    const { wellbeingChange } = await import('../../src/metrics/wellbeingChange.js');
    const { change } = wellbeingChange(programme, DEFAULT_ANALYSIS);
    expect(change.rows).toEqual([]);
  });
});
