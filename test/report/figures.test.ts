import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/metrics/table.js';
import { partnerFigures } from '../../src/report/figures.js';
import type { ReportModel } from '../../src/report/model.js';
import { realisticModel } from './fixtures.js';

/** A programme's change (All row, with its SD) and two partners compared on it. */
function model(primary: string): ReportModel {
  const base = realisticModel();
  const change: Table = {
    name: 'wellbeing_change',
    title: 'Change',
    columns: [
      { name: 'partner_id', kind: 'group' },
      { name: 'measure', kind: 'text' },
      { name: 'n_paired', kind: 'count' },
      { name: 'mean_change', kind: 'number' },
      { name: 'sd_change', kind: 'number' },
    ],
    rows: [{ partner_id: 'All', measure: primary, n_paired: 300, mean_change: 2, sd_change: 6 }],
  };
  const row = (id: string, n: number, value: number, flag: string) => ({
    statistic: 'mean_change',
    partner_id: id,
    partner_name: `Partner ${id}`,
    n,
    value,
    target: 2,
    flag,
  });
  const comparison: Table = {
    name: 'partner_comparison',
    title: 'Partners compared',
    columns: [
      { name: 'statistic', kind: 'text' },
      { name: 'partner_id', kind: 'group' },
      { name: 'partner_name', kind: 'text' },
      { name: 'n', kind: 'count' },
      { name: 'value', kind: 'number' },
      { name: 'target', kind: 'number' },
      { name: 'flag', kind: 'text' },
    ],
    rows: [row('P1', 100, 5, 'above_99.8'), row('P2', 200, 1.8, 'within')],
  };
  return { ...base, primaryMeasure: primary, tables: [change, comparison] };
}

describe('partnerFigures: funnel plots that say which side is better', () => {
  it('reads above the limits as better for a measure where higher is better', () => {
    const [figure] = partnerFigures(model('wemwbs'));
    expect(figure?.heading).toBe('Partners compared: mean change in WEMWBS');
    expect(figure?.caption).toContain('1 of 2 partners lie outside the 95% limits');
    expect(figure?.caption).toContain(
      'For WEMWBS, higher scores are better: a partner above the limits did better than the programme, one below did worse.',
    );
  });

  it('reads above the limits as worse for a measure where lower is better', () => {
    const [figure] = partnerFigures(model('ons_anxiety'));
    expect(figure?.caption).toContain(
      'For ONS anxiety, lower scores are better: a partner below the limits did better than the programme, one above did worse.',
    );
  });
});
