import { describe, expect, it } from 'vitest';
import { NOT_APPLICABLE, NOT_AVAILABLE, SUPPRESSED, type Table } from '../../src/metrics/table.js';
import {
  bandSharesByMeasure,
  CHART_COLUMNS,
  core20ByYear,
  forestRowsByMeasure,
  gradientsByMeasure,
  groupWords,
  imdReachPoints,
  measureDirections,
} from '../../src/report/chartData.js';

describe('imdReachPoints', () => {
  const table: Table = {
    name: 'reach_profile',
    title: 'Profile',
    columns: [
      { name: 'partner_id', kind: 'group' },
      { name: 'dimension', kind: 'text' },
      { name: 'category', kind: 'text' },
      { name: 'pct', kind: 'number' },
      { name: 'pct_population', kind: 'number' },
    ],
    rows: [
      { partner_id: 'All', dimension: 'imd_decile', category: '10', pct: 5, pct_population: 10 },
      {
        partner_id: 'All',
        dimension: 'imd_decile',
        category: '2',
        pct: SUPPRESSED,
        pct_population: 10,
      },
      {
        partner_id: 'All',
        dimension: 'imd_decile',
        category: 'unknown',
        pct: NOT_APPLICABLE,
        pct_population: 0,
      },
      { partner_id: 'P1', dimension: 'imd_decile', category: '1', pct: 50, pct_population: 10 },
      { partner_id: 'All', dimension: 'sex', category: '1', pct: 50, pct_population: 10 },
      { partner_id: 'All', dimension: 'imd_decile', category: '1', pct: 30, pct_population: 9.5 },
    ],
  };

  it('takes the programme-wide deciles, in order, known deciles only', () => {
    expect(imdReachPoints(table)).toEqual([
      { decile: '1', participants: 30, residents: 9.5 },
      { decile: '2', participants: SUPPRESSED, residents: 10 },
      { decile: '10', participants: 5, residents: 10 },
    ]);
  });

  it('gives null without the table or its columns', () => {
    expect(imdReachPoints(undefined)).toBeNull();
    expect(imdReachPoints({ ...table, columns: table.columns.slice(0, 3) })).toBeNull();
  });

  it('marks residents not available without a population column', () => {
    const points = imdReachPoints({
      ...table,
      columns: table.columns.filter((column) => column.name !== 'pct_population'),
    });
    expect(points?.[0]?.residents).toBe(NOT_AVAILABLE);
  });
});

describe('forestRowsByMeasure', () => {
  it('labels each group, flags the All row, and splits by measure', () => {
    const table: Table = {
      name: 'wellbeing_change',
      title: 'Change',
      columns: [
        { name: 'partner_id', kind: 'group' },
        { name: 'cohort', kind: 'group' },
        { name: 'measure', kind: 'text' },
        { name: 'n_paired', kind: 'count' },
        { name: 'mean_change', kind: 'number' },
        { name: 'change_lcl', kind: 'number' },
        { name: 'change_ucl', kind: 'number' },
      ],
      rows: [
        {
          partner_id: 'P1',
          cohort: 'A',
          measure: 'wemwbs',
          n_paired: 9,
          mean_change: 1,
          change_lcl: 0,
          change_ucl: 2,
        },
        {
          partner_id: 'All',
          cohort: 'All',
          measure: 'wemwbs',
          n_paired: 20,
          mean_change: 2,
          change_lcl: 1,
          change_ucl: 3,
        },
        {
          partner_id: 'P1',
          cohort: 'A',
          measure: 'swemwbs',
          n_paired: SUPPRESSED,
          mean_change: SUPPRESSED,
          change_lcl: SUPPRESSED,
          change_ucl: SUPPRESSED,
        },
      ],
    };
    const result = forestRowsByMeasure(table);
    expect([...result.keys()]).toEqual(['wemwbs', 'swemwbs']);
    expect(result.get('wemwbs')).toEqual([
      { label: 'P1 · A', n: 9, estimate: 1, lower: 0, upper: 2, total: false },
      { label: 'All', n: 20, estimate: 2, lower: 1, upper: 3, total: true },
    ]);
    expect(result.get('swemwbs')?.[0]?.estimate).toBe(SUPPRESSED);
  });
});

describe('bandSharesByMeasure', () => {
  it('reads the wide shape', () => {
    const table: Table = {
      name: 'band_change',
      title: 'Bands',
      columns: [
        { name: 'measure', kind: 'text' },
        { name: 'band', kind: 'text' },
        { name: 'pct_baseline', kind: 'number' },
        { name: 'pct_followup', kind: 'number' },
      ],
      rows: [
        { measure: 'wemwbs', band: 'low', pct_baseline: 40, pct_followup: 30 },
        { measure: 'wemwbs', band: 'high', pct_baseline: SUPPRESSED, pct_followup: 10 },
      ],
    };
    expect(bandSharesByMeasure(table).get('wemwbs')).toEqual([
      { band: 'low', baseline: 40, followup: 30 },
      { band: 'high', baseline: SUPPRESSED, followup: 10 },
    ]);
  });
});

describe('gradientsByMeasure', () => {
  const quantiles: Table = {
    name: 'inequality_quantiles',
    title: 'Quantiles',
    columns: [
      { name: 'measure', kind: 'text' },
      { name: 'timepoint', kind: 'text' },
      { name: 'dimension', kind: 'text' },
      { name: 'quantile', kind: 'text' },
      { name: 'weight_share', kind: 'number' },
      { name: 'mean', kind: 'number' },
    ],
    rows: [
      ...['imd_decile', 'imd_quintile'].flatMap((dimension) =>
        ['baseline', 'followup', 'change'].flatMap((timepoint) =>
          // Equal shares: quantile 1 at rank 0.25, quantile 2 at 0.75 (listed in reverse).
          [0.75, 0.25].map((x, i) => ({
            measure: 'wemwbs',
            timepoint,
            dimension,
            quantile: String(2 - i),
            weight_share: 0.5,
            mean: 40 + 10 * x,
          })),
        ),
      ),
    ],
  };
  const inequality = (withIntercept: boolean): Table => ({
    name: 'inequality',
    title: 'Inequality',
    columns: [
      { name: 'measure', kind: 'text' },
      { name: 'timepoint', kind: 'text' },
      { name: 'dimension', kind: 'text' },
      { name: 'sii', kind: 'number' },
      { name: 'rii', kind: 'number' },
      ...(withIntercept ? [{ name: 'fitted_most_deprived', kind: 'number' as const }] : []),
    ],
    rows: [
      {
        measure: 'wemwbs',
        timepoint: 'baseline',
        dimension: 'imd_quintile',
        sii: 10,
        rii: 1.25,
        fitted_most_deprived: 40,
      },
      {
        measure: 'wemwbs',
        timepoint: 'followup',
        dimension: 'imd_quintile',
        sii: SUPPRESSED,
        rii: SUPPRESSED,
        fitted_most_deprived: 41,
      },
      {
        measure: 'wemwbs',
        timepoint: 'baseline',
        dimension: 'imd_decile',
        sii: 99,
        rii: 2,
        fitted_most_deprived: 1,
      },
    ],
  });

  it('prefers quintiles, orders points by rank, and takes fitted(0) from the fitted end', () => {
    const gradient = gradientsByMeasure(inequality(true), quantiles).get('wemwbs');
    expect(gradient?.dimension).toBe('imd_quintile');
    expect(gradient?.series.map((one) => one.timepoint)).toEqual(['baseline', 'followup']);
    expect(gradient?.series[0]?.points.map((point) => point.quantile)).toEqual(['1', '2']);
    expect(gradient?.series[0]?.fit).toEqual({ atZero: 40, atOne: 50 });
    expect(gradient?.series[1]?.fit).toBeNull();
  });

  it('derives fitted(0) from SII and RII without a fitted end', () => {
    // RII = (a + SII)/a → a = SII/(RII − 1) = 10/0.25 = 40
    const fit = gradientsByMeasure(inequality(false), quantiles).get('wemwbs')?.series[0]?.fit;
    expect(fit?.atZero).toBeCloseTo(40, 12);
    expect(fit?.atOne).toBeCloseTo(50, 12);
  });

  it('derives ranks from weight shares and takes the fitted ends as published', () => {
    const table: Table = {
      ...quantiles,
      columns: quantiles.columns,
      rows: [0.2, 0.5, 0.3].map((share, i) => ({
        measure: 'wemwbs',
        timepoint: 'baseline',
        dimension: 'imd_quintile',
        quantile: i + 1,
        weight_share: share,
        mean: 40 + i,
      })),
    };
    const fitted: Table = {
      name: 'inequality',
      title: 'Inequality',
      columns: [
        { name: 'measure', kind: 'text' },
        { name: 'timepoint', kind: 'text' },
        { name: 'dimension', kind: 'text' },
        { name: 'sii', kind: 'number' },
        { name: 'fitted_most_deprived', kind: 'number' },
        { name: 'fitted_least_deprived', kind: 'number' },
      ],
      rows: [
        {
          measure: 'wemwbs',
          timepoint: 'baseline',
          dimension: 'imd_quintile',
          sii: 3,
          fitted_most_deprived: 39.5,
          fitted_least_deprived: 42.5,
        },
      ],
    };
    const series = gradientsByMeasure(fitted, table).get('wemwbs')?.series[0];
    // midpoints of cumulative shares 0.2, 0.5, 0.3: 0.1, 0.45, 0.85
    expect(series?.points.map((point) => point.x)).toEqual([0.1, 0.45, 0.85]);
    expect(series?.points.map((point) => point.quantile)).toEqual(['1', '2', '3']);
    expect(series?.fit).toEqual({ atZero: 39.5, atOne: 42.5 });
  });

  it('draws points without lines when there is no inequality table', () => {
    const gradient = gradientsByMeasure(undefined, quantiles).get('wemwbs');
    expect(gradient?.series.every((one) => one.fit === null)).toBe(true);
  });
});

describe('measureDirections', () => {
  it('reads the direction column of wellbeing_change', () => {
    const table: Table = {
      name: 'wellbeing_change',
      title: 'Change',
      columns: [
        { name: 'measure', kind: 'text' },
        { name: 'direction', kind: 'text' },
      ],
      rows: [
        { measure: 'wemwbs', direction: 'higher_better' },
        { measure: 'ons_anxiety', direction: 'lower_better' },
        { measure: 'odd', direction: 'sideways' },
      ],
    };
    expect([...measureDirections(table)]).toEqual([
      ['wemwbs', true],
      ['ons_anxiety', false],
    ]);
  });
});

describe('CHART_COLUMNS', () => {
  it('names only columns the tables produce', async () => {
    const { loadProgramme } = await import('../../src/load/loadProgramme.js');
    const { analyseProgramme, DEFAULT_ANALYSIS } = await import('../../src/metrics/index.js');
    const programme = await loadProgramme('fixtures/messy', { today: 20_600 });
    const tables = analyseProgramme(programme, { ...DEFAULT_ANALYSIS, siiSimulations: 1000 });
    for (const [name, columns] of Object.entries(CHART_COLUMNS)) {
      const table = tables[name as keyof typeof tables];
      const produced = table?.columns.map((column) => column.name) ?? [];
      for (const column of Object.values(columns)) {
        expect(produced, `${name}.${column}`).toContain(column);
      }
    }
  });
});

describe('a yearly summary’s tables of one year, and its trend', () => {
  const profile: Table = {
    name: 'reach_profile',
    title: 'Who was reached in 2016-17',
    columns: [
      { name: 'year', kind: 'group' },
      { name: 'dimension', kind: 'text' },
      { name: 'category', kind: 'text' },
      { name: 'pct', kind: 'number' },
      { name: 'pct_population', kind: 'number' },
    ],
    rows: [
      { year: '2016-17', dimension: 'imd_decile', category: '2', pct: 40, pct_population: 10 },
      { year: '2016-17', dimension: 'imd_decile', category: '1', pct: 60, pct_population: 10 },
    ],
  };

  it('charts a table of one group as that group’s whole', () => {
    expect(imdReachPoints(profile)?.map((p) => [p.decile, p.participants])).toEqual([
      ['1', 60],
      ['2', 40],
    ]);
    // Two groups and no total: nothing is the whole, nothing is charted.
    const twoYears = {
      ...profile,
      rows: [...profile.rows, { ...profile.rows[0], year: '2017-18' }] as Table['rows'],
    };
    expect(imdReachPoints(twoYears)).toBeNull();
  });

  const reach: Table = {
    name: 'reach',
    title: 'Reach by year',
    columns: [
      { name: 'year', kind: 'group' },
      { name: 'n_imd_known', kind: 'count' },
      { name: 'pct_core20', kind: 'number' },
      { name: 'pct_core20_lcl', kind: 'number' },
      { name: 'pct_core20_ucl', kind: 'number' },
    ],
    rows: [
      {
        year: '2015-16',
        n_imd_known: 900,
        pct_core20: 74.7,
        pct_core20_lcl: 73.9,
        pct_core20_ucl: 75.4,
      },
      {
        year: '2016-17',
        n_imd_known: 1200,
        pct_core20: SUPPRESSED,
        pct_core20_lcl: SUPPRESSED,
        pct_core20_ucl: SUPPRESSED,
      },
    ],
  };

  it('reads the Core20 share of each year, marks kept, from a table by year alone', () => {
    expect(core20ByYear(reach)).toEqual([
      { label: '2015-16', n: 900, estimate: 74.7, lower: 73.9, upper: 75.4 },
      { label: '2016-17', n: 1200, estimate: SUPPRESSED, lower: SUPPRESSED, upper: SUPPRESSED },
    ]);
    // One year is no trend; a table by partner is not one.
    expect(core20ByYear({ ...reach, rows: reach.rows.slice(0, 1) })).toBeNull();
    const byPartner = {
      ...reach,
      columns: [{ name: 'partner_id', kind: 'group' as const }, ...reach.columns.slice(1)],
    };
    expect(core20ByYear(byPartner)).toBeNull();
  });

  it('names the groups a table varies over', () => {
    expect(groupWords(reach, [], 'financial year of follow-up')).toBe(
      'financial year of follow-up',
    );
    expect(groupWords(profile, ['dimension', 'category'], 'year')).toBe('group');
  });
});
