import { describe, expect, it } from 'vitest';
import { compareMetrics } from '../../src/check/compareMetrics.js';
import { formatCheckText, summaryLine } from '../../src/check/formatText.js';
import { parseMetricsFile } from '../../src/check/metricsFile.js';
import { buildTolerances } from '../../src/check/tolerances.js';
import { rowOf, type SampleMetrics, sampleMetrics } from './sampleMetrics.js';

const parse = (m: SampleMetrics) => parseMetricsFile(JSON.stringify(m), 'm.json');
const labels = { current: 'report/metrics.json', baseline: 'baseline/metrics.json' };
const resultOf = (current: SampleMetrics, baseline = sampleMetrics()) =>
  compareMetrics(parse(current), parse(baseline), buildTolerances(null, {}));

describe('formatCheckText', () => {
  it('is one summary line when everything is within tolerance', () => {
    expect(formatCheckText(resultOf(sampleMetrics()), labels)).toBe(
      'OK: 57 metrics compared in 5 tables, 0 outside tolerance, 0 new rows, 0 missing rows (report/metrics.json against baseline baseline/metrics.json)\n',
    );
  });

  it('lists each failure with table, key, metric, baseline, current, change and tolerance', () => {
    const current = sampleMetrics();
    const row = rowOf(current, 'wellbeing_change', { partner_id: 'P001' });
    row.mean_change = (row.mean_change as number) + 0.5;
    rowOf(current, 'reach', { partner_id: 'P001' }).pct_core20 = null;
    current.tables.inequality?.pop();
    expect(formatCheckText(resultOf(current), labels)).toBe(
      [
        'FAIL: 51 metrics compared in 5 tables, 2 outside tolerance, 0 new rows, 1 missing row (report/metrics.json against baseline baseline/metrics.json)',
        '',
        'table             key                                                       metric       baseline     current    change         tolerance',
        'reach             partner_id=P001                                           pct_core20   45.71428571  null       became null',
        'wellbeing_change  partner_id=P001, measure=wemwbs                           mean_change  4.0456459    4.5456459  +0.5 (+12.4%)  ±1e-9',
        'inequality        measure=wemwbs, timepoint=change, dimension=imd_quintile  (row)        present      (absent)   missing row',
        '',
        'If these changes are intended, accept them with: tides check report/metrics.json --baseline baseline/metrics.json --update',
        '',
      ].join('\n'),
    );
  });

  it('lists at most 50 failures, then says how many more there are', () => {
    const rows = (shift: number) =>
      Array.from({ length: 60 }, (_, i) => ({
        partner_id: `P${String(i + 1).padStart(3, '0')}`,
        n: i + shift,
      }));
    const baseline = sampleMetrics();
    const current = sampleMetrics();
    baseline.tables.reach = rows(0);
    current.tables.reach = rows(1);
    const lines = formatCheckText(resultOf(current, baseline), labels).split('\n');
    const listed = lines.filter((line) => line.startsWith('reach '));
    expect(listed).toHaveLength(50);
    expect(listed[0]).toMatch(/^reach\s+partner_id=P001\s+n\s+0\s+1\s+\+1\s+±1e-9$/);
    expect(listed[49]).toMatch(/partner_id=P050/);
    expect(lines).toContain('… and 10 more: use --format json or --format junit for the full list');
  });

  it('styles the verdict when given a style', () => {
    const style = {
      bold: (t: string) => t,
      red: (t: string) => `<r>${t}</r>`,
      green: (t: string) => `<g>${t}</g>`,
      dim: (t: string) => t,
    };
    expect(summaryLine(resultOf(sampleMetrics()), labels, style)).toMatch(/^<g>OK<\/g>: /);
  });
});
