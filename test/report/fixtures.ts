import {
  applyDisclosure,
  describeDisclosureRule,
  resolveDisclosureRule,
} from '../../src/disclosure/index.js';
import { type Cell, NOT_APPLICABLE, NOT_AVAILABLE, type Table } from '../../src/metrics/table.js';
import type { ReportModel } from '../../src/report/model.js';

export const XSS = '<img src=x onerror=alert(1)>';

/** A least-squares line through equally weighted points: [intercept, slope]. */
function leastSquaresLine(xs: number[], ys: number[]): [number, number] {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxy / sxx;
  return [my - slope * mx, slope];
}

const reach: Table = {
  name: 'reach',
  title: 'Reach by partner',
  columns: [
    { name: 'partner_id', kind: 'group' },
    { name: 'participants', kind: 'count', description: 'distinct people' },
    { name: 'episodes', kind: 'count' },
    {
      name: 'partners',
      kind: 'number',
      format: 'integer',
      description: 'organisations, not people: never suppressed',
    },
    {
      name: 'episodes_per_participant',
      kind: 'number',
      format: 'decimal2',
      basis: ['participants'],
    },
    { name: 'pct_core20', kind: 'number', format: 'decimal1', basis: ['participants'] },
    { name: 'pct_core20_lcl', kind: 'number', format: 'decimal1', basis: ['participants'] },
    { name: 'pct_core20_ucl', kind: 'number', format: 'decimal1', basis: ['participants'] },
  ],
  rows: [
    ['P001', 212, 230, 1, 1.085, 48.1, 41.5, 54.8],
    ['P002', 156, 160, 1, 1.026, 35.3, 28.2, 43.1],
    ['P003', 3, 3, 1, 1, 66.7, 20.8, 93.9],
    ['P004', 88, 90, 1, 1.023, 52.3, 41.9, 62.4],
    ['P005', 41, 41, 1, 1, 29.3, 17.6, 44.5],
    ['All', 489, 524, 5, 1.072, 43.8, 39.5, 48.3],
  ].map(([partner, participants, episodes, partners, epp, pct, lcl, ucl]) => ({
    partner_id: partner as string,
    participants: participants as number,
    episodes: episodes as number,
    partners: partners as number,
    episodes_per_participant: epp as number,
    pct_core20: pct as number,
    pct_core20_lcl: lcl as number,
    pct_core20_ucl: ucl as number,
  })),
};

const deciles = [
  [1, 118, 10.1],
  [2, 96, 9.9],
  [3, 71, 10.2],
  [4, 52, 9.8],
  [5, 40, 10.0],
  [6, 33, 10.1],
  [7, 24, 9.9],
  [8, 14, 10.0],
  [9, 3, 10.1],
  [10, 9, 9.9],
] as const;

function profileRows(): Record<string, Cell>[] {
  const known = deciles.reduce((sum, [, count]) => sum + count, 0);
  const rows: Record<string, Cell>[] = deciles.map(([decile, count, population]) => {
    const pct = (100 * count) / known;
    return {
      partner_id: 'All',
      dimension: 'imd_decile',
      category: String(decile),
      count,
      pct,
      pct_lcl: Math.max(0, pct - 3.1),
      pct_ucl: pct + 3.4,
      pct_population: population,
      representation_ratio: pct / population,
    };
  });
  rows.push({
    partner_id: 'All',
    dimension: 'imd_decile',
    category: 'unknown',
    count: 29,
    pct: NOT_APPLICABLE,
    pct_lcl: NOT_APPLICABLE,
    pct_ucl: NOT_APPLICABLE,
    pct_population: NOT_AVAILABLE,
    representation_ratio: NOT_AVAILABLE,
  });
  for (const [sex, count, population] of [
    ['female', 301, 50.9],
    ['male', 184, 48.6],
    ['other', 4, 0.5],
  ] as const) {
    const pct = (100 * count) / 489;
    rows.push({
      partner_id: 'All',
      dimension: 'sex',
      category: sex,
      count,
      pct,
      pct_lcl: Math.max(0, pct - 4),
      pct_ucl: pct + 4,
      pct_population: population,
      representation_ratio: pct / population,
    });
  }
  return rows;
}

const reachProfile: Table = {
  name: 'reach_profile',
  title: 'Profile of participants',
  columns: [
    { name: 'partner_id', kind: 'group' },
    { name: 'dimension', kind: 'text' },
    { name: 'category', kind: 'text' },
    { name: 'count', kind: 'count' },
    { name: 'pct', kind: 'number', format: 'decimal1', reveals: ['count'] },
    { name: 'pct_lcl', kind: 'number', format: 'decimal1', reveals: ['count'] },
    { name: 'pct_ucl', kind: 'number', format: 'decimal1', reveals: ['count'] },
    { name: 'pct_population', kind: 'number', format: 'decimal1' },
    { name: 'representation_ratio', kind: 'number', format: 'decimal2', reveals: ['count'] },
  ],
  rows: profileRows(),
  additive: [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    [11, 12, 13],
  ],
};

const cohorts = ['Walk & Talk', "Men's Shed", XSS, 'Tiny group', 'All'];

function changeRow(
  cohort: string,
  measure: string,
  nBaseline: number,
  nPaired: number,
  baseline: number,
  change: number,
  sd: number,
): Record<string, Cell> {
  const half = (1.97 * sd) / Math.sqrt(nPaired);
  return {
    cohort,
    measure,
    n_baseline: nBaseline,
    n_paired: nPaired,
    followup_rate: (100 * nPaired) / nBaseline,
    mean_baseline: baseline,
    mean_followup: baseline + change,
    mean_change: change,
    change_lcl: change - half,
    change_ucl: change + half,
    p_value:
      change === 0 ? 1 : Math.min(1, Math.exp(-Math.abs(change / (sd / Math.sqrt(nPaired))) * 1.6)),
    pct_improved: 55.2,
  };
}

const wellbeingChange: Table = {
  name: 'wellbeing_change',
  title: 'Wellbeing change by cohort',
  columns: [
    { name: 'cohort', kind: 'group' },
    { name: 'measure', kind: 'text' },
    { name: 'n_baseline', kind: 'count' },
    { name: 'n_paired', kind: 'count' },
    {
      name: 'followup_rate',
      kind: 'number',
      format: 'decimal1',
      basis: ['n_baseline'],
      reveals: ['n_paired'],
    },
    { name: 'mean_baseline', kind: 'number', format: 'decimal2', basis: ['n_baseline'] },
    { name: 'mean_followup', kind: 'number', format: 'decimal2', basis: ['n_paired'] },
    { name: 'mean_change', kind: 'number', format: 'decimal2', basis: ['n_paired'] },
    { name: 'change_lcl', kind: 'number', format: 'decimal2', basis: ['n_paired'] },
    { name: 'change_ucl', kind: 'number', format: 'decimal2', basis: ['n_paired'] },
    { name: 'p_value', kind: 'number', format: 'pvalue', basis: ['n_paired'] },
    { name: 'pct_improved', kind: 'number', format: 'decimal1', basis: ['n_paired'] },
  ],
  rows: [
    changeRow(cohorts[0] as string, 'wemwbs', 120, 84, 41.2, 4.1, 7.9),
    changeRow(cohorts[1] as string, 'wemwbs', 66, 41, 43.5, 2.2, 8.4),
    changeRow(cohorts[2] as string, 'wemwbs', 35, 22, 44.1, -0.8, 9.1),
    changeRow(cohorts[3] as string, 'wemwbs', 6, 3, 39.0, 6.3, 5.0),
    changeRow('All', 'wemwbs', 227, 150, 42.1, 3.0, 8.2),
    changeRow(cohorts[0] as string, 'ons_anxiety', 118, 80, 5.6, -1.2, 2.9),
    changeRow(cohorts[1] as string, 'ons_anxiety', 64, 40, 5.1, -0.6, 2.7),
    changeRow(cohorts[2] as string, 'ons_anxiety', 35, 21, 4.9, 0.3, 3.1),
    changeRow(cohorts[3] as string, 'ons_anxiety', 6, 2, 6.0, -2.5, 1.0),
    changeRow('All', 'ons_anxiety', 223, 143, 5.3, -0.8, 2.9),
  ],
};

const bands = [
  ['probable depression', 61, 38],
  ['possible depression', 29, 24],
  ['average', 56, 78],
  ['high', 4, 10],
] as const;

const bandChange: Table = {
  name: 'band_change',
  title: 'WEMWBS bands at baseline and follow-up',
  columns: [
    { name: 'cohort', kind: 'group' },
    { name: 'measure', kind: 'text' },
    { name: 'band', kind: 'text' },
    { name: 'n_baseline', kind: 'count' },
    { name: 'pct_baseline', kind: 'number', format: 'decimal1', reveals: ['n_baseline'] },
    { name: 'n_followup', kind: 'count' },
    { name: 'pct_followup', kind: 'number', format: 'decimal1', reveals: ['n_followup'] },
  ],
  rows: bands.map(([band, baseline, followup]) => ({
    cohort: 'All',
    measure: 'wemwbs',
    band,
    n_baseline: baseline,
    pct_baseline: (100 * baseline) / 150,
    n_followup: followup,
    pct_followup: (100 * followup) / 150,
  })),
  additive: [[0, 1, 2, 3]],
};

/** Population shares of the quintiles, most deprived first, and their rank midpoints. */
const shares = [0.22, 0.2, 0.2, 0.18, 0.2];
const xs = shares.map((share, i) => shares.slice(0, i).reduce((a, b) => a + b, 0) + share / 2);
const quintileMeans = {
  baseline: [38.2, 40.9, 42.6, 44.8, 47.1],
  followup: [42.4, 44.1, 45.0, 46.9, 48.3],
};
const quintileN = { baseline: [61, 38, 24, 22, 5], followup: [61, 38, 24, 22, 4] };

function inequalityTables(): [Table, Table] {
  const rows: Record<string, Cell>[] = [];
  const quantileRows: Record<string, Cell>[] = [];
  for (const timepoint of ['baseline', 'followup'] as const) {
    const [intercept, sii] = leastSquaresLine(xs, quintileMeans[timepoint]);
    rows.push({
      measure: 'wemwbs',
      timepoint,
      dimension: 'imd_quintile',
      n: 150,
      sii,
      sii_lcl: sii - 2.9,
      sii_ucl: sii + 2.9,
      rii: (intercept + sii) / intercept,
      rii_lcl: (intercept + sii - 2.9) / intercept,
      rii_ucl: (intercept + sii + 2.9) / intercept,
      fitted_most_deprived: intercept,
      fitted_least_deprived: intercept + sii,
      gap: (quintileMeans[timepoint][4] as number) - (quintileMeans[timepoint][0] as number),
      gap_lcl: 4.2,
      gap_ucl: 13.1,
      method: 'PHE SII, 100000 simulations',
    });
    shares.forEach((share, i) => {
      quantileRows.push({
        measure: 'wemwbs',
        timepoint,
        dimension: 'imd_quintile',
        quantile: String(i + 1),
        n: quintileN[timepoint][i] as number,
        weight_share: share,
        mean: quintileMeans[timepoint][i] as number,
      });
    });
  }
  rows.push({
    measure: 'wemwbs',
    timepoint: 'change',
    dimension: 'imd_quintile',
    n: 150,
    sii: -2.9,
    sii_lcl: -6.1,
    sii_ucl: 0.4,
    rii: NOT_APPLICABLE,
    rii_lcl: NOT_APPLICABLE,
    rii_ucl: NOT_APPLICABLE,
    fitted_most_deprived: 4.2,
    fitted_least_deprived: 1.3,
    gap: -2.9,
    gap_lcl: -7.9,
    gap_ucl: 2.1,
    method: 'PHE SII, 100000 simulations',
  });
  const number = (name: string, format: 'decimal2' | 'decimal3' = 'decimal2') =>
    ({ name, kind: 'number', format, basis: ['n'] }) as const;
  return [
    {
      name: 'inequality',
      title: 'Slope and relative index of inequality',
      columns: [
        { name: 'measure', kind: 'text' },
        { name: 'timepoint', kind: 'text' },
        { name: 'dimension', kind: 'text' },
        { name: 'n', kind: 'count' },
        number('sii'),
        number('sii_lcl'),
        number('sii_ucl'),
        number('rii', 'decimal3'),
        number('rii_lcl', 'decimal3'),
        number('rii_ucl', 'decimal3'),
        number('fitted_most_deprived'),
        number('fitted_least_deprived'),
        number('gap'),
        number('gap_lcl'),
        number('gap_ucl'),
        { name: 'method', kind: 'text' },
      ],
      rows,
    },
    {
      name: 'inequality_quantiles',
      title: 'Means by IMD quintile',
      columns: [
        { name: 'measure', kind: 'text' },
        { name: 'timepoint', kind: 'text' },
        { name: 'dimension', kind: 'text' },
        { name: 'quantile', kind: 'text' },
        { name: 'n', kind: 'count' },
        { name: 'weight_share', kind: 'number', format: 'decimal3' },
        { name: 'mean', kind: 'number', format: 'decimal2', basis: ['n'] },
      ],
      rows: quantileRows,
    },
  ];
}

const cost: Table = {
  name: 'cost',
  title: 'Cost per participant and per improved person',
  columns: [
    { name: 'partner_id', kind: 'group' },
    { name: 'funding_gbp', kind: 'number', format: 'money' },
    { name: 'participants', kind: 'count' },
    { name: 'cost_per_participant', kind: 'number', format: 'money', basis: ['participants'] },
    { name: 'n_improved', kind: 'count' },
    { name: 'cost_per_improved', kind: 'number', format: 'money', basis: ['n_improved'] },
  ],
  rows: [
    ['P001', 48000, 212, 61],
    ['P002', 36500, 156, 40],
    ['P003', 5000, 3, 1],
    ['P004', 22000, 88, 30],
    ['P005', 9000, 41, 12],
    ['All', 120500, 489, 144],
  ].map(([partner, funding, participants, improved]) => ({
    partner_id: partner as string,
    funding_gbp: funding as number,
    participants: participants as number,
    cost_per_participant: (funding as number) / (participants as number),
    n_improved: improved as number,
    cost_per_improved: (funding as number) / (improved as number),
  })),
};

const dataQualityTable: Table = {
  name: 'data_quality',
  title: 'Data quality by file and rule',
  columns: [
    { name: 'file', kind: 'text' },
    { name: 'rule', kind: 'text' },
    { name: 'rows', kind: 'count' },
    { name: 'example', kind: 'text' },
  ],
  rows: [
    {
      file: 'P002/participants.csv',
      rule: 'date.invalid',
      rows: 12,
      example: 'line 41: 31/02/2017',
    },
    { file: 'P004/outcomes.csv', rule: 'score.range', rows: 7, example: 'line 9: wemwbs 71' },
    { file: 'P005/outcomes.csv', rule: 'csv.unterminated_quote', rows: 58, example: 'line 203' },
  ],
};

/** A realistic report model: disclosed tables (with suppressed cells), one broken file. */
export function realisticModel(options: { notForPublication?: boolean } = {}): ReportModel {
  const rule = resolveDisclosureRule({ suppress: !options.notForPublication });
  const [inequality, inequalityQuantiles] = inequalityTables();
  const tables = [
    reach,
    reachProfile,
    wellbeingChange,
    bandChange,
    inequality,
    inequalityQuantiles,
    cost,
    dataQualityTable,
  ].map((table) => applyDisclosure(table, rule));
  return {
    programme: 'Turning Tides Community Wellbeing Programme',
    toolVersion: '0.1.0',
    period: null,
    notForPublication: !rule.enabled,
    disclosure: describeDisclosureRule(rule),
    minCell: rule.enabled ? rule.minCell : null,
    problems: [
      'P005/outcomes.csv: parsing stopped at line 203 (a quoted field is never closed); 58 records could not be read.',
    ],
    headline: [
      { label: 'Participants reached', value: '489', note: '5 partners, 524 episodes' },
      {
        label: 'Living in the most deprived 20% (Core20)',
        value: '43.8%',
        note: '95% CI 39.5% to 48.3%',
      },
      {
        label: 'Mean change in WEMWBS',
        value: '+3.0 points',
        note: '95% CI 1.7 to 4.3; 150 people',
      },
      {
        label: 'Gap between least and most deprived (SII)',
        value: '11.0 → 7.4',
        note: 'baseline → follow-up',
      },
    ],
    tables,
    measures: [
      { name: 'wemwbs', label: 'WEMWBS', higherIsBetter: true },
      { name: 'ons_anxiety', label: 'ONS anxiety', higherIsBetter: false },
    ],
    methods: [
      'Participants are distinct pseudonymised identifiers across the programme; an episode is one person at one partner.',
      'Mean change uses a t-based 95% confidence interval on the paired differences; p-values are from the two-sided paired t-test.',
      'The slope index of inequality follows PHEindicatormethods phe_sii with 100,000 simulations and a fixed seed.',
    ],
    dataQuality: {
      files: [
        { path: 'partners.csv', kind: 'partners', read: 5, used: 5, rejected: 0 },
        { path: 'P001/participants.csv', kind: 'participants', read: 230, used: 230, rejected: 0 },
        { path: 'P002/participants.csv', kind: 'participants', read: 172, used: 160, rejected: 12 },
        { path: 'P005/outcomes.csv', kind: 'outcomes', read: 160, used: 102, rejected: 58 },
      ],
      topIssues: [
        {
          rule: 'csv.unterminated_quote',
          count: 58,
          hint: 'Close the quoted field on line 203 and send the file again.',
        },
        { rule: 'date.invalid', count: 12, hint: 'Use YYYY-MM-DD or DD/MM/YYYY dates that exist.' },
      ],
      ignored: ['notes.txt'],
    },
  };
}
