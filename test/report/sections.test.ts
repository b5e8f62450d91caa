import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/metrics/table.js';
import type { ReportModel } from '../../src/report/model.js';
import { marksKey, reportSections, SECTIONS, sectionTables } from '../../src/report/sections.js';

const table = (confidence: number): Table => ({
  name: 'wellbeing_change',
  title: 'Wellbeing change',
  columns: [],
  rows: [],
  confidence,
});

describe('report sections', () => {
  it('state the confidence level their tables carry, not a fixed 95%', () => {
    const wellbeing = SECTIONS.find((s) => s.id === 'wellbeing');
    expect(wellbeing?.intro([table(0.9)])).toContain('its 90% confidence interval');
    expect(wellbeing?.intro([table(0.95)])).toContain('its 95% confidence interval');
  });

  it('place each table in one section at most, but the change tables in each outcome area', () => {
    const placed = SECTIONS.filter((s) => s.area === undefined).flatMap((s) => s.tables);
    expect(new Set(placed).size).toBe(placed.length);
    const outcomes = SECTIONS.filter((s) => s.area !== undefined);
    expect(outcomes.map((s) => s.area)).toEqual(['wellbeing', 'inequalities']);
    for (const name of placed) expect(outcomes.some((s) => s.tables.includes(name))).toBe(false);
  });

  it('give each outcome area with measures a section, its tables holding its measures only', () => {
    const change = (name: string, measures: string[]): Table => ({
      name,
      title: name,
      columns: [],
      rows: measures.map((measure) => ({ measure })),
      confidence: 0.95,
    });
    const model = {
      tables: [
        change('wellbeing_change', ['wemwbs', 'pain']),
        change('binary_change', ['in_work', 'smokes', 'belonging']),
      ],
      measures: [
        { name: 'wemwbs', label: 'WEMWBS', higherIsBetter: true, area: 'wellbeing' },
        { name: 'pain', label: 'Pain', higherIsBetter: false, area: 'living_well' },
        { name: 'in_work', label: 'In work', higherIsBetter: true, area: 'skills_employment' },
        { name: 'smokes', label: 'Smokes', higherIsBetter: false, area: 'living_well' },
        { name: 'belonging', label: 'Belonging', higherIsBetter: true, area: 'community_pride' },
        // An area whose measures have no rows: no section.
        { name: 'gp', label: 'GP', higherIsBetter: false, area: 'nhs_demand' },
      ],
    } as unknown as ReportModel;
    const sections = reportSections(model)
      .map((section) => ({ section, tables: sectionTables(model, section) }))
      .filter(({ tables }) => tables.length > 0);
    expect(sections.map(({ section }) => section.title)).toEqual([
      'Wellbeing and mental health',
      'Skills and employment',
      'Living well',
      'Community pride',
    ]);
    const rows = (i: number) =>
      sections[i]?.tables.map((t) => `${t.name}:${t.rows.map((r) => r.measure).join('+')}`);
    expect(rows(0)).toEqual(['wellbeing_change:wemwbs']);
    expect(rows(2)).toEqual(['wellbeing_change:pain', 'binary_change:smokes']);
    expect(rows(3)).toEqual(['binary_change:belonging']);
  });

  it('explain the marks, with the threshold when there is one', () => {
    expect(marksKey(5)).toContain('fewer than 5 people');
    expect(marksKey(null)).toBe('[c] suppressed; [x] not available; [z] not applicable.');
  });
});
