import type { Table } from '../metrics/table.js';
import { escapeHtml } from './escapeHtml.js';
import {
  type Figure,
  inequalityFigures,
  partnerFigures,
  reachFigures,
  wellbeingFigures,
} from './figures.js';
import { REPORT_CSS } from './htmlStyle.js';
import { htmlTable, htmlTableInPartsChunks } from './htmlTable.js';
import type { ReportModel } from './model.js';
import {
  DATA_QUALITY_NOTE,
  dataQualityFilesView,
  dataQualityIssuesTable,
} from './qualityTables.js';
import { furtherTables, madeLine, marksKey, reportSections, sectionTables } from './sections.js';
import { isShown, reportView } from './views.js';

/**
 * Nothing may load or run: the report is one file that opens offline and cannot be turned
 * into a script by the data it shows.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const NOT_FOR_PUBLICATION = 'NOT FOR PUBLICATION';

/**
 * The evaluation report as one self-contained HTML file: inline CSS and SVG charts, no scripts,
 * no external resources, every text from the data escaped, and a print layout. Sections:
 * title, the NOT FOR PUBLICATION banner (when disclosure control is off), data problems,
 * headline findings, reach, wellbeing change, inequality, cost, further tables, data quality,
 * methods and the disclosure rule. Every table is shown in full.
 */
export function renderHtmlReport(model: ReportModel): string {
  return [...htmlReportChunks(model)].join('');
}

/** Text, or text in chunks (a table, row by row). */
type Piece = string | Iterable<string>;

/**
 * {@link renderHtmlReport} in chunks, table row by table row, so that a report of very many
 * groups is never one string.
 */
export function htmlReportChunks(model: ReportModel): Generator<string> {
  const title = `${model.notForPublication ? `${NOT_FOR_PUBLICATION}: ` : ''}${model.programme}: ${model.kind ?? 'evaluation report'}`;
  const sections = [
    contents(model),
    problems(model),
    headline(model),
    inBrief(model),
    ...analysisSections(model),
    further(model),
    dataQuality(model),
    methods(model),
  ].filter((section) => section !== '');
  return joined(
    [
      '<!DOCTYPE html>',
      '<html lang="en-GB">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<meta name="generator" content="tides ${escapeHtml(model.toolVersion)}">`,
      `<title>${escapeHtml(title)}</title>`,
      `<style>${REPORT_CSS}${runningHeader(model)}</style>`,
      '</head>',
      '<body>',
      '<main>',
      header(model),
      banner(model),
      ...sections,
      footer(model),
      '</main>',
      '</body>',
      '</html>',
      '',
    ],
    '\n',
  );
}

/** The pieces with `separator` between them. */
function* joined(pieces: Iterable<Piece>, separator: string): Generator<string> {
  let first = true;
  for (const piece of pieces) {
    if (!first) yield separator;
    first = false;
    if (typeof piece === 'string') yield piece;
    else yield* piece;
  }
}

/** A table under its heading, as the report shows it (see `views.ts`), in chunks. */
function* tableWithHeading(table: Table, model: ReportModel): Generator<string> {
  const view = reportView(table, model.partnerNames, model.wholeTablesIn);
  yield `<h3>${escapeHtml(table.title)}</h3>`;
  yield* htmlTableInPartsChunks(view.table, {
    id: `table-${table.name}`,
    caption: table.title,
    captionHidden: true,
  });
  if (view.note) yield `<p class="table-note">${escapeHtml(view.note)}</p>`;
}

function header(model: ReportModel): string {
  return (
    '<header class="report">' +
    `<p class="eyebrow">${escapeHtml(capitalise(model.kind ?? 'evaluation report'))}</p>` +
    `<h1>${escapeHtml(model.programme)}</h1>` +
    `<p class="subtitle">${escapeHtml(madeLine(model))}</p>` +
    `<p class="key">${escapeHtml(marksKey(model.minCell))}</p>` +
    '</header>'
  );
}

/**
 * Each printed page's header (the programme and the period) and footer (page X of Y), in the
 * page's margin boxes. The text goes into CSS strings with every character outside a safe set
 * escaped (`\3c `), so no text from the data can end the string or the style element.
 */
function runningHeader(model: ReportModel): string {
  const title = [
    model.notForPublication ? NOT_FOR_PUBLICATION : '',
    model.programme,
    model.coverage ?? model.period ?? '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
  return (
    `@page{@top-left{content:${cssString(title)};font-size:8pt;color:#4d4d4d}` +
    '@bottom-right{content:"Page " counter(page) " of " counter(pages);font-size:8pt;color:#4d4d4d}}'
  );
}

/**
 * A CSS string holding `text`: letters, digits and spaces as they are, anything else as a hex
 * escape ended by a space (which the escape consumes, so a space after it stays a space).
 */
export function cssString(text: string): string {
  let out = '';
  for (const char of text) {
    out += /^[A-Za-z0-9 ]$/.test(char)
      ? char
      : `\\${(char.codePointAt(0) as number).toString(16)} `;
  }
  return `"${out}"`;
}

function banner(model: ReportModel): string {
  if (!model.notForPublication) return '';
  return (
    `<div class="banner" role="note">${NOT_FOR_PUBLICATION}` +
    '<small>Disclosure control was switched off: small numbers are shown. For internal ' +
    'analysis only.</small></div>'
  );
}

interface Entry {
  readonly id: string;
  readonly title: string;
}

function entries(model: ReportModel): Entry[] {
  const list: Entry[] = [];
  if (model.problems.length > 0) list.push({ id: 'problems', title: 'Data problems' });
  if (model.headline.length > 0) list.push({ id: 'headline', title: 'Headline findings' });
  if ((model.summary?.length ?? 0) + (model.cautions?.length ?? 0) > 0) {
    list.push({ id: 'summary', title: 'In brief' });
  }
  for (const section of reportSections(model)) {
    if (sectionTables(model, section).length > 0) list.push(section);
  }
  if (furtherTables(model).length > 0) list.push({ id: 'further', title: 'Further tables' });
  list.push({ id: 'data-quality', title: 'Data quality' }, { id: 'methods', title: 'Methods' });
  return list;
}

function contents(model: ReportModel): string {
  const items = entries(model)
    .map((entry) => `<li><a href="#${entry.id}">${escapeHtml(entry.title)}</a></li>`)
    .join('');
  return `<nav class="contents" aria-label="Contents"><ol>${items}</ol></nav>`;
}

function problems(model: ReportModel): string {
  if (model.problems.length === 0) return '';
  const items = model.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('');
  return (
    '<section class="problems" id="problems" role="alert">' +
    '<h2>Data problems</h2>' +
    '<p>Some input could not be used in full. The figures below are based on the data that ' +
    'could be read; the data quality section gives the details.</p>' +
    `<ul>${items}</ul></section>`
  );
}

function headline(model: ReportModel): string {
  if (model.headline.length === 0) return '';
  const items = model.headline
    .map(
      (finding) =>
        `<li><span class="${valueClass(finding.value)}">${escapeHtml(finding.value)}</span>` +
        `<span class="label">${escapeHtml(finding.label)}</span>` +
        (finding.note ? `<span class="note">${escapeHtml(finding.note)}</span>` : '') +
        '</li>',
    )
    .join('');
  return `<section id="headline"><h2>Headline findings</h2><ul class="headline">${items}</ul></section>`;
}

/** The opening in words, and the figures to read with care. */
function inBrief(model: ReportModel): string {
  const summary = model.summary ?? [];
  const cautions = model.cautions ?? [];
  if (summary.length === 0 && cautions.length === 0) return '';
  const paragraphs = summary.map((text) => `<p>${escapeHtml(text)}</p>`).join('');
  const box =
    cautions.length === 0
      ? ''
      : '<div class="cautions" role="note"><h3>Read with care</h3><ul>' +
        cautions
          .map((c) => `<li><strong>${escapeHtml(c.figure)}</strong>: ${escapeHtml(c.text)}</li>`)
          .join('') +
        '</ul></div>';
  return `<section id="summary"><h2>In brief</h2>${paragraphs}${box}</section>`;
}

/** Short figures are set large; a sentence-long value gets a smaller size to stay readable. */
function valueClass(value: string): string {
  const length = [...value].length;
  return length <= 16 ? 'value' : length <= 32 ? 'value medium' : 'value long';
}

function analysisSections(model: ReportModel): Piece[] {
  const figuresBySection: Readonly<Record<string, Figure[]>> = {
    reach: reachFigures(model),
    wellbeing: wellbeingFigures(model),
    inequality: inequalityFigures(model),
    partners: partnerFigures(model),
  };
  return reportSections(model).flatMap((section) => {
    const tables = sectionTables(model, section);
    if (tables.length === 0) return [];
    const figures = (figuresBySection[section.id] ?? []).map(figure).join('\n');
    return [
      joined(
        [
          `<section id="${section.id}"><h2>${escapeHtml(section.title)}</h2>` +
            `<p class="intro">${escapeHtml(section.intro(tables))}</p>\n${figures}\n`,
          // The funnel plots' own tables list the partners outside the limits.
          joined(
            tables
              .filter(isShown)
              .filter((t) => !(t.name === 'partner_comparison' && figures !== ''))
              .map((table) => tableWithHeading(table, model)),
            '\n',
          ),
          '</section>',
        ],
        '',
      ),
    ];
  });
}

function figure(item: Figure): string {
  return (
    `<h3>${escapeHtml(item.heading)}</h3>` +
    `<figure aria-labelledby="${item.id}-caption">${item.svg}` +
    `<figcaption id="${item.id}-caption">${escapeHtml(item.caption)}</figcaption></figure>` +
    htmlTable(item.data, { caption: 'Data for this chart', className: 'chart-data' })
  );
}

function further(model: ReportModel): Piece {
  const tables = furtherTables(model);
  if (tables.length === 0) return '';
  return joined(
    [
      '<section id="further"><h2>Further tables</h2>',
      joined(
        tables.map((table) => tableWithHeading(table, model)),
        '\n',
      ),
      '</section>',
    ],
    '',
  );
}

function dataQuality(model: ReportModel): Piece {
  const quality = model.dataQuality;
  const filesView = dataQualityFilesView(quality);
  const parts: Piece[] = [
    '<section id="data-quality"><h2>Data quality</h2>',
    '<p class="intro">Every input file, how many records were read, used and rejected, and ' +
      'the most frequent problems. Rejected records are left out of every figure.</p>',
    htmlTable(filesView.table, { caption: 'Files read' }),
    ...(filesView.note ? [`<p class="table-note">${escapeHtml(filesView.note)}</p>`] : []),
  ];
  if (quality.topIssues.length > 0) {
    parts.push(htmlTable(dataQualityIssuesTable(quality), { caption: 'Most frequent problems' }));
  }
  if (quality.ignored && quality.ignored.length > 0) {
    const list = quality.ignored.map((path) => `<li>${escapeHtml(path)}</li>`).join('');
    parts.push(`<p>Files found but not read:</p><ul>${list}</ul>`);
  }
  parts.push(`<p class="table-note">${escapeHtml(DATA_QUALITY_NOTE)}</p>`, '</section>');
  return joined(parts, '\n');
}

function methods(model: ReportModel): string {
  const paragraphs = model.methods.map((text) => `<p>${escapeHtml(text)}</p>`).join('');
  const limits = model.limitations ?? [];
  const limitations =
    limits.length === 0
      ? ''
      : '<h3 id="limitations">Limitations</h3><ul class="limitations">' +
        limits.map((text) => `<li>${escapeHtml(text)}</li>`).join('') +
        '</ul>';
  return (
    '<section id="methods"><h2>Methods</h2>' +
    paragraphs +
    limitations +
    '<h3 id="disclosure">Disclosure control</h3>' +
    `<p>${escapeHtml(model.disclosure)}</p>` +
    `<p class="key">${escapeHtml(marksKey(model.minCell))}</p></section>`
  );
}

function footer(model: ReportModel): string {
  const warning = model.notForPublication ? `<strong>${NOT_FOR_PUBLICATION}.</strong> ` : '';
  return (
    `<footer>${warning}Produced with tides ${escapeHtml(model.toolVersion)}. ` +
    `${escapeHtml(marksKey(model.minCell))}</footer>`
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
