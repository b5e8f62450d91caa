import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { SUPPRESSED, type Table } from '../../src/metrics/table.js';
import { coverage } from '../../src/report/assemble.js';
import { forestRowsByMeasure } from '../../src/report/chartData.js';
import { displayCell, groupDigits } from '../../src/report/format.js';
import { cssString, renderHtmlReport } from '../../src/report/html.js';
import { renderMarkdownReport } from '../../src/report/markdown.js';
import { dataQualityFilesView } from '../../src/report/qualityTables.js';
import { isShown, MAX_REPORT_ROWS, reportView } from '../../src/report/views.js';
import { writeProgramme } from '../helpers/programme.js';
import { realisticModel, XSS } from './fixtures.js';

/** wellbeing_change by partner: `partners` partner rows and the All row, one measure. */
function changeByPartner(partners: number): Table {
  const row = (partner: string, n: number) => ({
    partner_id: partner,
    measure: 'wemwbs',
    direction: 'higher_better',
    n_baseline: n,
    n_paired: n,
    mean_change: 2.5,
    sd_change: 4,
  });
  return {
    name: 'wellbeing_change',
    title: 'Wellbeing change',
    columns: [
      { name: 'partner_id', kind: 'group' },
      { name: 'measure', kind: 'text' },
      { name: 'direction', kind: 'text' },
      { name: 'n_baseline', kind: 'count' },
      { name: 'n_paired', kind: 'count' },
      { name: 'mean_change', kind: 'number', format: 'decimal2', basis: ['n_paired'] },
      { name: 'sd_change', kind: 'number', format: 'decimal2', basis: ['n_paired'] },
    ],
    rows: [
      ...Array.from({ length: partners }, (_, i) => row(`P${String(i + 1).padStart(3, '0')}`, 20)),
      row('All', 20 * partners),
    ],
  };
}

describe('reportView: the rows and columns the report shows', () => {
  it('shows a table of few groups whole, with human headings', () => {
    const view = reportView(changeByPartner(3));
    expect(view.table.rows).toHaveLength(4);
    // The main columns only (direction and sd_change are in the CSV), each with its label.
    expect(view.table.columns.map((c) => c.name)).toEqual([
      'partner_id',
      'measure',
      'n_baseline',
      'n_paired',
      'mean_change',
    ]);
    expect(view.table.columns.map((c) => c.label)).toEqual([
      'Partner',
      'Measure',
      'People with a baseline',
      'People followed up',
      'Mean change',
    ]);
    expect(view.note).toBe(
      'The main columns: the whole table (4 rows and 7 columns) is in wellbeing_change.csv.',
    );
  });

  it('leaves out a group column that reads one group throughout, and follows the table kind', () => {
    // A yearly summary's reach by partner: the year on every row, the table named apart.
    const byPartner = changeByPartner(88);
    const table: Table = {
      ...byPartner,
      name: 'change_by_partner',
      kind: 'wellbeing_change',
      columns: [{ name: 'year', kind: 'group' }, ...byPartner.columns],
      rows: byPartner.rows.map((row) => ({ year: '2016-17', ...row })),
    };
    const view = reportView(table, undefined, 'summary-2016-17.json');
    expect(view.table.columns.map((c) => c.label ?? c.name)).toEqual([
      'Partner',
      'Measure',
      'People with a baseline',
      'People followed up',
      'Mean change',
    ]);
    expect(view.table.rows.map((r) => r.partner_id)).toEqual(['All']);
    expect(view.note).toBe(
      'Programme totals only: the whole table (89 rows and 8 columns, by partner) is in summary-2016-17.json.',
    );
    // A column that varies, or reads All throughout, stays.
    const years = {
      ...table,
      rows: table.rows.map((row, i) => ({ ...row, year: i % 2 ? '2016-17' : '2017-18' })),
    };
    expect(reportView(years).table.columns[0]?.name).toBe('year');
  });

  it('shows only the programme totals of a table of many groups, and says where the rest is', () => {
    const view = reportView(changeByPartner(88));
    expect(view.table.rows.map((r) => r.partner_id)).toEqual(['All']);
    expect(view.note).toBe(
      'Programme totals only: the whole table (89 rows and 7 columns, by partner) is in wellbeing_change.csv.',
    );
    // The boundary: MAX_REPORT_ROWS rows are shown whole.
    expect(reportView(changeByPartner(MAX_REPORT_ROWS - 1)).table.rows).toHaveLength(
      MAX_REPORT_ROWS,
    );
    expect(reportView(changeByPartner(MAX_REPORT_ROWS)).table.rows).toHaveLength(1);
  });

  it('leaves the charted and summarised tables out, and the decile profile to its chart', () => {
    const model = realisticModel();
    const names = model.tables.filter(isShown).map((t) => t.name);
    expect(names).not.toContain('inequality_quantiles');
    expect(names).not.toContain('data_quality');
    expect(names).toContain('wellbeing_change');
    const profile: Table = {
      name: 'reach_profile',
      title: 'Profile',
      columns: [
        { name: 'dimension', kind: 'text' },
        { name: 'category', kind: 'text' },
        { name: 'count', kind: 'count' },
      ],
      rows: [
        { dimension: 'sex', category: 'female', count: 10 },
        { dimension: 'imd_decile', category: '1', count: 10 },
      ],
    };
    expect(reportView(profile).table.rows).toEqual([
      { dimension: 'sex', category: 'female', count: 10 },
    ]);
  });

  it('lists only the files with records left out when there are many files', () => {
    const files = Array.from({ length: 40 }, (_, i) => ({
      path: `P${i}/participants.csv`,
      kind: 'participants',
      read: 10,
      used: i === 3 ? 9 : 10,
      rejected: i === 3 ? 1 : i === 7 ? SUPPRESSED : 0,
    }));
    const view = dataQualityFilesView({ files, topIssues: [] });
    expect(view.table.rows.map((r) => r.file)).toEqual([
      'P3/participants.csv',
      'P7/participants.csv',
    ]);
    expect(view.note).toBe(
      'The files with records left out; the other 38 of the 40 files were used in full (data_quality.csv lists every file).',
    );
    expect(
      dataQualityFilesView({ files: files.slice(0, 5), topIssues: [] }).table.rows,
    ).toHaveLength(5);
  });

  it('puts the notes under the tables in both reports', () => {
    const model = { ...realisticModel(), tables: [changeByPartner(88)] };
    const note =
      'Programme totals only: the whole table (89 rows and 7 columns, by partner) is in wellbeing_change.csv.';
    expect(renderHtmlReport(model)).toContain(`<p class="table-note">${note}</p>`);
    expect(renderMarkdownReport(model)).toContain(note);
    expect(renderMarkdownReport(model)).toContain('| Partner | Measure | People with a baseline |');
  });
});

describe('displayCell: figures as readers read them', () => {
  it('separates thousands and writes money in pounds, locale-free', () => {
    const money = { name: 'funding_gbp', kind: 'number', format: 'money' } as const;
    expect(displayCell(1_379_000, money)).toBe('£1,379,000');
    expect(displayCell(43_216_137.83, money)).toBe('£43,216,138');
    expect(displayCell(24.934, money)).toBe('£24.93');
    expect(displayCell(-1500, money)).toBe('−£1,500');
    expect(displayCell(49_998, { name: 'n', kind: 'count' })).toBe('49,998');
    expect(displayCell(1234.56, { name: 'x', kind: 'number', format: 'decimal1' })).toBe('1,234.6');
    expect(displayCell(0.00001, { name: 'p', kind: 'number', format: 'pvalue' })).toBe('<0.0001');
    expect(displayCell(SUPPRESSED, { name: 'n', kind: 'count' })).toBe('[c]');
    expect(groupDigits('-1234567.891')).toBe('-1,234,567.891');
    expect(groupDigits('999')).toBe('999');
  });
});

describe('the period, the date and the running header', () => {
  it('names the financial years of enrolment, or the year asked for with its dates', async () => {
    const dir = writeProgramme({
      'partners.csv': 'partner_id,partner_name\nA,Alpha\n',
      'A/participants.csv':
        'participant_id,partner_id,enrolled_on\n1,A,2016-03-31\n2,A,2017-04-01\n',
      'A/outcomes.csv': 'participant_id,partner_id,measure,timepoint,score\n',
    });
    const programme = await loadProgramme(dir, { today: dayNumber(2024, 1, 1) });
    expect(coverage(programme, null)).toBe('enrolments from 2015-16 to 2017-18');
    expect(coverage(programme, '2016-17')).toBe('2016-17 (1 April 2016 to 31 March 2017)');
  });

  it('writes the running header as a CSS string that no text from the data can leave', () => {
    expect(cssString('Tides · 2016-17')).toBe('"Tides \\b7  2016\\2d 17"');
    const css = cssString(`x"</style><script>alert(1)</script>\\`);
    const inside = css.slice(1, -1);
    expect(inside).not.toMatch(/[<>"]/);
    // Every backslash begins a hex escape ended by a space.
    expect(inside.replace(/\\[0-9a-f]{1,6} /g, '')).toBe('xstylescriptalert1script');
    const html = renderHtmlReport({ ...realisticModel(), programme: XSS, coverage: '2016-17' });
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).toContain('@top-left{content:"');
    expect(style).not.toContain('<img');
    expect(html).toContain('Page " counter(page) " of " counter(pages)');
  });
});

describe('partners by name', () => {
  const names = new Map([
    ['P001', 'Mersey Colour Arts Collective'],
    ['P002', 'Dockside Street Theatre'],
  ]);

  it('puts each partner’s name beside its id in the report’s tables', () => {
    const view = reportView(changeByPartner(2), names);
    expect(view.table.columns.slice(0, 2).map((c) => [c.name, c.label])).toEqual([
      ['partner_id', 'Partner'],
      ['partner_name', 'Partner name'],
    ]);
    expect(view.table.rows.map((r) => [r.partner_id, r.partner_name])).toEqual([
      ['P001', 'Mersey Colour Arts Collective'],
      ['P002', 'Dockside Street Theatre'],
      ['All', ''],
    ]);
    // Without names, or without a partner column, the table is as it was.
    expect(reportView(changeByPartner(2)).table.columns.map((c) => c.name)).not.toContain(
      'partner_name',
    );
  });

  it('labels a forest plot’s partners by name with the id whole', () => {
    const rows = forestRowsByMeasure(changeByPartner(2), names).get('wemwbs') ?? [];
    expect(rows.map((r) => r.label)).toEqual([
      'Mersey Colour Arts Col… (P001)',
      'Dockside Street Theatre (P002)',
      'All',
    ]);
    for (const row of rows) expect([...row.label].length).toBeLessThanOrEqual(30);
  });
});
