import { describe, expect, it } from 'vitest';
import { type ColumnDef, NOT_AVAILABLE, SUPPRESSED, type Table } from '../../src/metrics/table.js';
import { htmlTable, htmlTableInParts } from '../../src/report/htmlTable.js';

const XSS = '<img src=x onerror=alert(1)>';

describe('htmlTable', () => {
  const table: Table = {
    name: 'change',
    title: 'Change <by> cohort',
    columns: [
      { name: 'cohort', kind: 'group' },
      { name: 'note', kind: 'text', description: 'a "note"' },
      { name: 'n_paired', kind: 'count' },
      { name: 'mean_change', kind: 'number', format: 'decimal2' },
    ],
    rows: [
      { cohort: XSS, note: 'a & b', n_paired: 12, mean_change: -1.234 },
      { cohort: 'Tiny', note: '', n_paired: SUPPRESSED, mean_change: NOT_AVAILABLE },
      { cohort: 'All', note: '', n_paired: 40, mean_change: 2 },
    ],
  };
  const html = htmlTable(table);

  it('escapes every text and formats numbers by column', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('<th scope="row">&lt;img src=x onerror=alert(1)&gt;</th>');
    expect(html).toContain('<td>a &amp; b</td>');
    expect(html).toContain('<caption>Change &lt;by&gt; cohort</caption>');
    expect(html).toContain('title="a &quot;note&quot;"');
    expect(html).toContain('<td class="num">-1.23</td>');
  });

  it('marks suppressed and unavailable cells and the All row', () => {
    expect(html).toContain(
      '<td class="num mark"><abbr title="suppressed to protect confidentiality">[c]</abbr></td>',
    );
    expect(html).toContain('<abbr title="not available">[x]</abbr>');
    expect(html).toContain('<tr class="total"><th scope="row">All</th>');
    expect(html).toContain('<th scope="col" class="num">n_<wbr>paired</th>');
  });

  it('does not mark All rows in a table that only has All rows', () => {
    const only = htmlTable({ ...table, rows: [table.rows[2] as Table['rows'][number]] });
    expect(only).not.toContain('class="total"');
  });

  it('says when a table has no rows', () => {
    expect(htmlTable({ ...table, rows: [] })).toContain(
      '<td colspan="4" class="empty">No rows.</td>',
    );
  });
});

describe('htmlTableInParts', () => {
  const figures: ColumnDef[] = Array.from({ length: 30 }, (_, i) => ({
    name: `statistic_${i}`,
    kind: 'number',
    format: 'decimal2',
  }));
  const wide: Table = {
    name: 'wide',
    title: 'Wide',
    columns: [{ name: 'partner_id', kind: 'group' }, { name: 'measure', kind: 'text' }, ...figures],
    rows: Array.from({ length: 40 }, (_, r) => ({
      partner_id: `P${r}`,
      measure: 'wemwbs',
      ...Object.fromEntries(figures.map((column, i) => [column.name, r * 1000 + i])),
    })),
  };

  it('splits a table too wide for the page into parts that repeat the row labels', () => {
    const html = htmlTableInParts(wide, { id: 'table-wide' });
    const parts = html.match(/<table[ >]/g) ?? [];
    expect(parts.length).toBeGreaterThan(1);
    const captions = [...html.matchAll(/<caption>(Part \d+ of \d+): statistic_(\d+) to/g)];
    expect(captions.map((match) => match[1])).toEqual(
      parts.map((_, i) => `Part ${i + 1} of ${parts.length}`),
    );
    expect(html.match(/>partner_<wbr>id</g)).toHaveLength(parts.length);
    for (const column of figures) {
      expect(html.match(new RegExp(`>statistic_<wbr>${column.name.slice(10)}<`, 'g'))).toHaveLength(
        1,
      );
    }
    expect(html.match(/id="table-wide"/g)).toHaveLength(1);
    expect(html).toContain('class="table-wrap long');
  });

  it('keeps a table that fits whole', () => {
    const narrow = { ...wide, columns: wide.columns.slice(0, 6) };
    expect(htmlTableInParts(narrow)).toBe(htmlTable(narrow));
  });
});
