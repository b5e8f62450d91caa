import { describe, expect, it } from 'vitest';
import { compareMetrics, type MetricCheck } from '../../src/check/compareMetrics.js';
import { checkResultJson } from '../../src/check/formatJson.js';
import { parseMetricsFile } from '../../src/check/metricsFile.js';
import { formatKey } from '../../src/check/rowKey.js';
import { buildTolerances, parseTolerances } from '../../src/check/tolerances.js';
import { rowOf, type SampleMetrics, sampleMetrics } from './sampleMetrics.js';

const parse = (m: SampleMetrics) => parseMetricsFile(JSON.stringify(m), 'm.json');
const exact = buildTolerances(null, {});

function compare(
  current: SampleMetrics,
  baseline = sampleMetrics(),
  tolerances = exact,
  allowNew = false,
) {
  return compareMetrics(parse(current), parse(baseline), tolerances, { allowNew });
}

function failures(current: SampleMetrics, baseline?: SampleMetrics, tolerances = exact) {
  return compare(current, baseline, tolerances).tables.flatMap((t) =>
    t.checks.filter((c) => !c.passed),
  );
}

const brief = (c: MetricCheck) =>
  `${c.table} | ${formatKey(c.key)} | ${c.metric ?? '(row)'} | ${c.outcome}`;

describe('compareMetrics', () => {
  it('passes an unchanged file, counting every compared cell', () => {
    const result = compare(sampleMetrics());
    expect(result.passed).toBe(true);
    // Non-key cells: row_accounting 2×3, reach 3×4, wellbeing_change 3×5, inequality 2×6,
    // data_quality 2×6 (file, rule and severity are its key).
    expect(result.summary).toEqual({
      tables: 5,
      compared: 6 + 12 + 15 + 12 + 12,
      outsideTolerance: 0,
      newRows: 0,
      missingRows: 0,
      failures: 0,
    });
  });

  it('fails a mean_change moved by 0.5, naming table, key and metric, with the change', () => {
    const current = sampleMetrics();
    const row = rowOf(current, 'wellbeing_change', { partner_id: 'P001' });
    row.mean_change = (row.mean_change as number) + 0.5;
    const [failure, ...rest] = failures(current);
    expect(rest).toEqual([]);
    expect(failure && brief(failure)).toBe(
      'wellbeing_change | partner_id=P001, measure=wemwbs | mean_change | outside_tolerance',
    );
    expect(failure?.baseline).toBe(4.0456459);
    expect(failure?.current).toBeCloseTo(4.5456459, 12);
    expect(failure?.change).toBeCloseTo(0.5, 12);
    expect(failure?.tolerance).toEqual({ abs: 1e-9, rel: 0, source: 'default' });
  });

  it('applies table and metric tolerances from a tolerances file', () => {
    const current = sampleMetrics();
    rowOf(current, 'inequality', { timepoint: 'baseline' }).sii = 5.07;
    rowOf(current, 'wellbeing_change', { partner_id: 'All' }).p_value = 0.000124;
    rowOf(current, 'wellbeing_change', { partner_id: 'P002' }).p_value = 0.0401;
    const tolerances = parseTolerances(
      '{"tables": {"inequality": {"abs": 0.05}}, "metrics": {"wellbeing_change.p_value": {"rel": 0.01}}}',
      'tol.json',
    );
    expect(failures(current, sampleMetrics(), tolerances)).toEqual([]);
    rowOf(current, 'inequality', { timepoint: 'baseline' }).sii = 5.09;
    expect(failures(current, sampleMetrics(), tolerances).map(brief)).toEqual([
      'inequality | measure=wemwbs, timepoint=baseline, dimension=imd_quintile | sii | outside_tolerance',
    ]);
  });

  it('fails a value that became null (suppressed) and one that reappeared; passes null in both', () => {
    const current = sampleMetrics();
    rowOf(current, 'reach', { partner_id: 'P001' }).pct_core20 = null;
    rowOf(current, 'reach', { partner_id: 'P002' }).pct_core20 = 39.5;
    const found = failures(current);
    expect(found.map(brief)).toEqual([
      'reach | partner_id=P001 | pct_core20 | became_null',
      'reach | partner_id=P002 | pct_core20 | reappeared',
    ]);
    expect(found[0]?.baseline).toBe(45.714285714285715);
    expect(found[0]?.current).toBeNull();
    // inequality rii is null in both files: within.
    const rii = compare(sampleMetrics())
      .tables.find((t) => t.table === 'inequality')
      ?.checks.find((c) => c.metric === 'rii' && c.baseline === null);
    expect(rii?.outcome).toBe('within');
  });

  it('fails changed text outside the key, and a value whose type changed', () => {
    const current = sampleMetrics();
    rowOf(current, 'inequality', { timepoint: 'change' }).method = 'another method';
    rowOf(current, 'wellbeing_change', { partner_id: 'P002' }).n_paired = '20';
    rowOf(current, 'data_quality', { rule: '(all)' }).what_to_do = null;
    expect(failures(current).map(brief)).toEqual([
      'wellbeing_change | partner_id=P002, measure=wemwbs | n_paired | text_changed',
      'inequality | measure=wemwbs, timepoint=change, dimension=imd_quintile | method | text_changed',
      'data_quality | file=P001/participants.csv, rule=(all), severity= | what_to_do | text_changed',
    ]);
  });

  it('reports rows only in the baseline as missing and rows only in the current file as new', () => {
    const current = sampleMetrics();
    current.tables.reach = (current.tables.reach ?? []).filter((r) => r.partner_id !== 'P002');
    current.tables.wellbeing_change?.push({
      ...rowOf(current, 'wellbeing_change', { partner_id: 'P001' }),
      measure: 'swemwbs',
    });
    const result = compare(current);
    expect(result.passed).toBe(false);
    expect(result.summary.missingRows).toBe(1);
    expect(result.summary.newRows).toBe(1);
    expect(result.summary.failures).toBe(2);
    expect(failures(current).map(brief)).toEqual([
      'reach | partner_id=P002 | (row) | missing_row',
      'wellbeing_change | partner_id=P001, measure=swemwbs | (row) | new_row',
    ]);
  });

  it('lets new rows, columns and tables pass with allowNew, but never missing ones', () => {
    const current = sampleMetrics();
    current.tables.reach?.push({
      partner_id: 'P003',
      participants: 9,
      episodes: 9,
      partners: 1,
      pct_core20: 50,
    });
    for (const row of current.tables.reach ?? []) row.pct_plus = 12;
    current.tables.cost = [{ partner_id: 'All', funding_gbp: 1000 }];
    const allowed = compare(current, sampleMetrics(), exact, true);
    expect(allowed.passed).toBe(true);
    expect(allowed.summary.newRows).toBe(2);
    const json = checkResultJson(allowed, { current: 'c', baseline: 'b' }, exact);
    expect((json.findings as { outcome: string }[]).map((f) => f.outcome)).toEqual([
      'new_metric',
      'new_metric',
      'new_metric',
      'new_row',
      'new_row',
    ]);

    expect(compare(current).summary.failures).toBe(5);
    const baseline = sampleMetrics();
    for (const row of baseline.tables.reach ?? []) row.pct_plus = 12;
    const dropped = compare(sampleMetrics(), baseline, exact, true);
    expect(dropped.passed).toBe(false);
    expect(dropped.tables.flatMap((t) => t.checks.filter((c) => !c.passed)).map(brief)).toEqual([
      'reach | partner_id=All | pct_plus | missing_metric',
      'reach | partner_id=P001 | pct_plus | missing_metric',
      'reach | partner_id=P002 | pct_plus | missing_metric',
    ]);
  });

  it('compares row accounting as a table keyed by records', () => {
    const current = sampleMetrics();
    (current.row_accounting.outcomes as Record<string, number>).rejected = 5;
    expect(failures(current).map(brief)).toEqual([
      'row_accounting | records=outcomes | rejected | outside_tolerance',
    ]);
  });

  it('orders tables as the baseline, rows by key (All first) and metrics by column order', () => {
    const current = sampleMetrics();
    current.tables.reach?.reverse();
    const tables = Object.entries(current.tables).reverse();
    current.tables = Object.fromEntries(tables);
    const result = compare(current);
    expect(result.passed).toBe(true);
    expect(result.tables.map((t) => t.table)).toEqual([
      'row_accounting',
      'reach',
      'wellbeing_change',
      'inequality',
      'data_quality',
    ]);
    const reach = result.tables[1];
    expect(reach?.checks.map((c) => `${c.key.values[0]}.${c.metric}`).slice(0, 5)).toEqual([
      'All.participants',
      'All.episodes',
      'All.partners',
      'All.pct_core20',
      'P001.participants',
    ]);
    expect(reach?.keyColumns).toEqual(['partner_id']);
    expect(reach?.metrics).toEqual(['participants', 'episodes', 'partners', 'pct_core20']);
  });

  it('gives the same result whichever order the current rows come in', () => {
    const shuffled = sampleMetrics();
    shuffled.tables.wellbeing_change?.reverse();
    const perturbed = (m: SampleMetrics) => {
      rowOf(m, 'wellbeing_change', { partner_id: 'P002' }).mean_change = 9;
      return m;
    };
    const a = checkResultJson(compare(perturbed(shuffled)), { current: 'c', baseline: 'b' }, exact);
    const b = checkResultJson(
      compare(perturbed(sampleMetrics())),
      { current: 'c', baseline: 'b' },
      exact,
    );
    expect(a).toEqual(b);
  });
});
