import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/metrics/table.js';
import { marksKey, SECTIONS } from '../../src/report/sections.js';

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

  it('place each table in one section at most', () => {
    const placed = SECTIONS.flatMap((s) => s.tables);
    expect(new Set(placed).size).toBe(placed.length);
  });

  it('explain the marks, with the threshold when there is one', () => {
    expect(marksKey(5)).toContain('fewer than 5 people');
    expect(marksKey(null)).toBe('[c] suppressed; [x] not available; [z] not applicable.');
  });
});
