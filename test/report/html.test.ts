import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/metrics/table.js';
import { renderHtmlReport } from '../../src/report/html.js';
import type { ReportModel } from '../../src/report/model.js';
import { realisticModel, XSS } from './fixtures.js';

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

function minimalModel(overrides: Partial<ReportModel> = {}): ReportModel {
  return {
    programme: 'Test programme',
    toolVersion: '0.0.0',
    notForPublication: false,
    disclosure: 'Counts from 1 to 4 are suppressed ([c]).',
    minCell: 5,
    problems: [],
    headline: [],
    tables: [],
    methods: [],
    dataQuality: { files: [], topIssues: [] },
    ...overrides,
  };
}

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(realisticModel());

  it('is one self-contained document: no scripts, no external references', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html.replaceAll(SVG_NAMESPACE, '')).not.toMatch(/(https?|ftp):\/\/|src=["']?\/\//i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('@media print');
  });

  it('shows text from the data only escaped', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const hostile = renderHtmlReport(
      minimalModel({
        programme: XSS,
        problems: [`${XSS} broke`],
        headline: [{ label: XSS, value: '<b>1</b>', note: '"quoted" & \'single\'' }],
        methods: ['</p><script>alert(1)</script>'],
        dataQuality: {
          files: [{ path: `${XSS}.csv`, kind: 'participants', read: 1, used: 1, rejected: 0 }],
          topIssues: [{ rule: 'x', count: 1, hint: XSS }],
          ignored: [XSS],
        },
      }),
    );
    expect(hostile).not.toMatch(/<img|<script|<b>/);
    expect(hostile).toContain(
      `<title>${'&lt;img src=x onerror=alert(1)&gt;'}: evaluation report</title>`,
    );
    expect(hostile).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('has the sections in order', () => {
    const ids = [
      'problems',
      'headline',
      'reach',
      'wellbeing',
      'inequality',
      'cost',
      'data-quality',
      'methods',
    ];
    const positions = ids.map((id) => html.search(new RegExp(`<section [^>]*id="${id}"`)));
    for (const position of positions) expect(position).toBeGreaterThan(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html.indexOf('id="disclosure"')).toBeGreaterThan(positions.at(-1) as number);
  });

  it('draws each chart followed by a table of its data', () => {
    const charts = html.match(/<svg [^>]*role="img"/g) ?? [];
    // reach, and the primary measure's forest plot, bands and gradient (the other measure's
    // figures are in the tables)
    expect(charts).toHaveLength(4);
    for (const rest of html.split('</svg>').slice(1)) {
      expect(rest).toMatch(
        /^<figcaption[^>]*>[^<]*<\/figcaption><\/figure><div class="table-wrap[^"]*"><table class="chart-data"><caption>Data for this chart<\/caption>/,
      );
    }
  });

  it('states the disclosure rule and shows [c] for suppressed cells', () => {
    expect(html).toContain('Counts from 1 to 4 and statistics based on fewer than 5 people');
    expect(html).toContain('<abbr title="suppressed to protect confidentiality">[c]</abbr>');
    expect(html).not.toContain('NOT FOR PUBLICATION');
  });

  it('says NOT FOR PUBLICATION prominently when disclosure control is off', () => {
    const internal = renderHtmlReport(realisticModel({ notForPublication: true }));
    expect(internal).toContain('<title>NOT FOR PUBLICATION: ');
    expect(internal).toContain('<div class="banner" role="note">NOT FOR PUBLICATION');
    expect(internal).toContain('<footer><strong>NOT FOR PUBLICATION.</strong>');
  });

  it('shows a data problems box only when there are problems', () => {
    expect(html).toContain('<section class="problems" id="problems" role="alert">');
    expect(html).toContain('P005/outcomes.csv: parsing stopped at line 203');
    expect(renderHtmlReport(minimalModel())).not.toContain('id="problems"');
  });

  it('renders a table of many rows completely, and tables it does not know under Further tables', () => {
    const big: Table = {
      name: 'yearly',
      title: 'By year',
      columns: [
        { name: 'year', kind: 'group' },
        { name: 'participants', kind: 'count' },
      ],
      rows: Array.from({ length: 3000 }, (_, i) => ({ year: `y${i}`, participants: i + 10 })),
    };
    const out = renderHtmlReport(minimalModel({ tables: [big] }));
    expect(out).toContain('<section id="further"><h2>Further tables</h2>');
    expect(out.match(/<th scope="row">y\d+<\/th>/g)).toHaveLength(3000);
  });

  it('leaves out sections without tables and charts without data', () => {
    const out = renderHtmlReport(minimalModel());
    expect(out).not.toMatch(/<svg|id="reach"|id="cost"/);
    expect(out).toContain('<section id="data-quality">');
    expect(out).toContain('<section id="methods">');
  });

  it('is deterministic', () => {
    expect(renderHtmlReport(realisticModel())).toBe(html);
  });
});
