import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/metrics/table.js';
import { htmlReportChunks, renderHtmlReport } from '../../src/report/html.js';
import { markdownReportChunks, renderMarkdownReport } from '../../src/report/markdown.js';
import type { ReportModel } from '../../src/report/model.js';
import { realisticModel } from './fixtures.js';

/** A table of `rows` rows, as a grouping of many categories makes. */
function longTable(name: string, rows: number): Table {
  return {
    name,
    title: `Table ${name}`,
    columns: [
      { name: 'cohort', kind: 'group' },
      { name: 'participants', kind: 'count' },
      { name: 'pct', kind: 'number', format: 'decimal1' },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({
      cohort: `c${i}`,
      participants: i,
      pct: i / 3,
    })),
  };
}

/**
 * Reports are written in chunks (a table row by row), so that a report of very many groups is
 * never one string: V8 refuses strings over about 512 MB ("Invalid string length").
 */
describe.each([
  ['Markdown', markdownReportChunks, renderMarkdownReport],
  ['HTML', htmlReportChunks, renderHtmlReport],
] as const)('the %s report in chunks', (_, chunks, render) => {
  it('joins to the whole report', () => {
    for (const model of [realisticModel(), realisticModel({ notForPublication: true })]) {
      expect([...chunks(model)].join('')).toBe(render(model));
    }
  });

  it('holds no chunk that grows with the number of rows', () => {
    const model: ReportModel = {
      ...realisticModel(),
      tables: [...realisticModel().tables, longTable('reach_profile', 50_000), longTable('x', 3)],
    };
    const pieces = [...chunks(model)];
    const text = pieces.join('');
    expect(text).toContain('c49999');
    const largest = Math.max(...pieces.map((piece) => piece.length));
    // The largest piece is a chart or a section's opening, whatever the number of rows.
    expect(largest).toBeLessThan(200_000);
    expect(largest).toBeLessThan(text.length / 10);
  });
});
