import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/csvText.js';
import {
  type ColumnDef,
  NOT_APPLICABLE,
  NOT_AVAILABLE,
  SUPPRESSED,
  type Table,
} from '../../src/metrics/table.js';
import {
  escapeMarkdown,
  escapeMarkdownBlock,
  formatCell,
  tableToCsv,
  tableToCsvRows,
  tableToJsonRows,
  tableToMarkdown,
} from '../../src/report/format.js';

const XSS = '<img src=x onerror=alert(1)>';
const number = (format?: ColumnDef['format']): ColumnDef => ({
  name: 'v',
  kind: 'number',
  ...(format ? { format } : {}),
});

describe('formatCell', () => {
  it('writes marks as GSS shorthand', () => {
    expect(formatCell(SUPPRESSED, number())).toBe('[c]');
    expect(formatCell(NOT_AVAILABLE, number())).toBe('[x]');
    expect(formatCell(NOT_APPLICABLE, number())).toBe('[z]');
  });

  it('leaves text as it is (escaping belongs to each renderer)', () => {
    expect(formatCell(XSS, { name: 'cohort', kind: 'group' })).toBe(XSS);
  });

  it('formats numbers by the column format', () => {
    expect(formatCell(12.5, number('integer'))).toBe('13');
    expect(formatCell(-0.4, number('integer'))).toBe('0');
    expect(formatCell(1234.5, number('money'))).toBe('1234.50');
    expect(formatCell(2.25, number('decimal1'))).toBe('2.3');
    expect(formatCell(-0.004, number('decimal2'))).toBe('0.00');
    expect(formatCell(-1.2, number('decimal2'))).toBe('-1.20');
    expect(formatCell(1 / 3, number('decimal3'))).toBe('0.333');
  });

  it('writes p-values with 4 significant digits and <0.0001', () => {
    expect(formatCell(0.04567891, number('pvalue'))).toBe('0.04568');
    expect(formatCell(0.5, number('pvalue'))).toBe('0.5000');
    expect(formatCell(1, number('pvalue'))).toBe('1.000');
    expect(formatCell(0.0001, number('pvalue'))).toBe('0.0001000');
    expect(formatCell(0.0000999, number('pvalue'))).toBe('<0.0001');
    expect(formatCell(0, number('pvalue'))).toBe('<0.0001');
  });

  it('writes other numbers with up to 4 decimals, trailing zeros trimmed, no grouping', () => {
    expect(formatCell(Math.PI, number())).toBe('3.1416');
    expect(formatCell(2.5, number())).toBe('2.5');
    expect(formatCell(2, number())).toBe('2');
    expect(formatCell(1234567.891, number())).toBe('1234567.891');
    expect(formatCell(-0.00001, number())).toBe('0');
    expect(formatCell(42, { name: 'n', kind: 'count' })).toBe('42');
  });
});

const table: Table = {
  name: 'wellbeing_change',
  title: 'Wellbeing change',
  columns: [
    { name: 'cohort', kind: 'group' },
    { name: 'n_paired', kind: 'count' },
    { name: 'mean_change', kind: 'number', format: 'decimal2' },
    { name: 'p_value', kind: 'number', format: 'pvalue' },
    { name: 'note', kind: 'text' },
  ],
  rows: [
    {
      cohort: '=HYPERLINK("http://x")',
      n_paired: 12,
      mean_change: -3.2049,
      p_value: 0.00001,
      note: 'a|b',
    },
    {
      cohort: XSS,
      n_paired: SUPPRESSED,
      mean_change: SUPPRESSED,
      p_value: SUPPRESSED,
      note: 'line\nbreak',
    },
    { cohort: 'All', n_paired: 40, mean_change: 1 / 3, p_value: 0.2, note: NOT_APPLICABLE },
  ],
};

describe('tableToCsvRows and tableToCsv', () => {
  it('gives numbers as numbers, formatted by the column, and marks as [c]', () => {
    const { columns, rows } = tableToCsvRows(table);
    expect(columns).toEqual(['cohort', 'n_paired', 'mean_change', 'p_value', 'note']);
    // A p-value stays a number in CSV (4 significant digits), though reports show <0.0001.
    expect(rows[0]).toEqual(['=HYPERLINK("http://x")', 12, -3.2, 0.00001, 'a|b']);
    expect(rows[1]).toEqual([XSS, '[c]', '[c]', '[c]', 'line\nbreak']);
    expect(rows[2]).toEqual(['All', 40, 0.33, 0.2, '[z]']);
  });

  it('neutralises formulas in text but not negative numbers', () => {
    const csv = [...tableToCsv(table)].join('');
    expect(csv).toBe(
      [...toCsv(tableToCsvRows(table).columns, tableToCsvRows(table).rows)].join(''),
    );
    const lines = csv.split('\n');
    expect(lines[0]).toBe('cohort,n_paired,mean_change,p_value,note');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")",12,-3.2,0.00001,a|b`);
    expect(csv).toContain('[c],[c],[c],line\\nbreak');
  });
});

describe('tableToJsonRows', () => {
  it('keeps full precision and writes marks as null, keys in column order', () => {
    const rows = tableToJsonRows(table);
    expect(rows[2]).toEqual({
      cohort: 'All',
      n_paired: 40,
      mean_change: 1 / 3,
      p_value: 0.2,
      note: null,
    });
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'cohort',
      'n_paired',
      'mean_change',
      'p_value',
      'note',
    ]);
    expect(rows[1]?.n_paired).toBeNull();
    expect(rows[0]?.mean_change).toBe(-3.2049);
  });
});

describe('escapeMarkdown', () => {
  it('escapes Markdown and HTML syntax so data stays text', () => {
    expect(escapeMarkdown(XSS)).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(escapeMarkdown('a|b*c*[d](e) `f` ~g~ \\h')).toBe(
      'a\\|b\\*c\\*\\[d\\](e) \\`f\\` \\~g\\~ \\\\h',
    );
    expect(escapeMarkdown('&lt;b&gt; & co')).toBe('\\&lt;b\\&gt; & co');
  });

  it('keeps underscores inside words but escapes those that could start emphasis', () => {
    expect(escapeMarkdown('partner_id')).toBe('partner_id');
    expect(escapeMarkdown('_emphasis_ here')).toBe('\\_emphasis\\_ here');
  });

  it('keeps URLs from becoming links', () => {
    expect(escapeMarkdown('see https://evil.example and www.evil.example')).toBe(
      'see https\\://evil.example and www\\.evil.example',
    );
  });

  it('shows line breaks and control characters as escapes, so a row stays one line', () => {
    // Markdown renders `\\n` as `\n`: the visible form of visibleText.ts.
    expect(escapeMarkdown('one\ntwo\r\nthree\rfour')).toBe('one\\\\ntwo\\\\r\\\\nthree\\\\rfour');
    expect(escapeMarkdown('Tue\u001b[8msday\u202e')).toBe('Tue\\\\x1b\\[8msday\\\\u202e');
  });

  it('escapes block markers at the start of a paragraph', () => {
    expect(escapeMarkdownBlock('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdownBlock('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdownBlock('2017. A year')).toBe('2017\\. A year');
    expect(escapeMarkdownBlock('A - B')).toBe('A - B');
  });
});

describe('tableToMarkdown', () => {
  it('writes a GitHub-flavoured table with every row, escaped text and right-aligned numbers', () => {
    expect(tableToMarkdown(table)).toBe(
      [
        '| cohort | n_paired | mean_change | p_value | note |',
        '| --- | ---: | ---: | ---: | --- |',
        '| =HYPERLINK("http\\://x") | 12 | -3.20 | <0.0001 | a\\|b |',
        '| \\<img src=x onerror=alert(1)\\> | [c] | [c] | [c] | line\\\\nbreak |',
        '| All | 40 | 0.33 | 0.2000 | [z] |',
        '',
      ].join('\n'),
    );
  });

  it('writes a table of many rows completely', () => {
    const many: Table = {
      name: 'many',
      title: 'Many',
      columns: [{ name: 'n', kind: 'count' }],
      rows: Array.from({ length: 2500 }, (_, i) => ({ n: i })),
    };
    expect(tableToMarkdown(many).trimEnd().split('\n')).toHaveLength(2502);
  });
});
