import type { Table } from '../metrics/table.js';
import { escapeMarkdown, escapeMarkdownBlock, markdownTableLines } from './format.js';
import type { ReportModel } from './model.js';
import {
  DATA_QUALITY_NOTE,
  dataQualityFilesView,
  dataQualityIssuesTable,
} from './qualityTables.js';
import { furtherTables, madeLine, marksKey, reportSections, sectionTables } from './sections.js';
import { isShown, reportView } from './views.js';

const NOT_FOR_PUBLICATION = 'NOT FOR PUBLICATION';

/**
 * The evaluation report as GitHub-flavoured Markdown: title, the NOT FOR PUBLICATION warning
 * (when disclosure control is off), data problems, headline findings, then each table in full
 * under its section, data quality, methods and the disclosure rule. Every text from the data is
 * escaped, so it shows as text, never as markup.
 */
export function renderMarkdownReport(model: ReportModel): string {
  return [...markdownReportChunks(model)].join('');
}

/**
 * {@link renderMarkdownReport} in chunks, table row by table row, so that a report of very
 * many groups is never one string.
 */
export function* markdownReportChunks(model: ReportModel): Generator<string> {
  let first = true;
  for (const block of reportBlocks(model)) {
    if (!first) yield '\n\n';
    first = false;
    if (typeof block === 'string') yield block.trimEnd();
    else yield* block;
  }
  yield '\n';
}

/** A block of the report: text, or a table's lines (chunks that end without a line break). */
type Block = string | Iterable<string>;

/** The report's blocks, separated by a blank line when written. */
function reportBlocks(model: ReportModel): Block[] {
  const blocks: Block[] = [];
  const prefix = model.notForPublication ? `${NOT_FOR_PUBLICATION}: ` : '';
  blocks.push(
    `# ${prefix}${escapeMarkdown(model.programme)}: ${escapeMarkdown(model.kind ?? 'evaluation report')}`,
  );
  blocks.push(escapeMarkdown(madeLine(model)));
  if (model.notForPublication) {
    blocks.push(
      `> **${NOT_FOR_PUBLICATION}.** Disclosure control was switched off: small numbers are ` +
        'shown. For internal analysis only.',
    );
  }
  if (model.problems.length > 0) {
    blocks.push(
      '## Data problems',
      'Some input could not be used in full. The figures below are based on the data that ' +
        'could be read; the data quality section gives the details.',
      model.problems.map((problem) => `- ${escapeMarkdown(problem)}`).join('\n'),
    );
  }
  if (model.headline.length > 0) {
    blocks.push(
      '## Headline findings',
      model.headline
        .map((finding) => {
          const note = finding.note ? ` (${escapeMarkdown(finding.note)})` : '';
          return `- **${escapeMarkdown(finding.label)}:** ${escapeMarkdown(finding.value)}${note}`;
        })
        .join('\n'),
    );
  }
  const summary = model.summary ?? [];
  const cautions = model.cautions ?? [];
  if (summary.length > 0 || cautions.length > 0) {
    blocks.push('## In brief', ...summary.map(escapeMarkdownBlock));
    if (cautions.length > 0) {
      blocks.push(
        '**Read with care**',
        cautions
          .map((c) => `- **${escapeMarkdown(c.figure)}**: ${escapeMarkdown(c.text)}`)
          .join('\n'),
      );
    }
  }
  for (const section of reportSections(model)) {
    const tables = sectionTables(model, section);
    if (tables.length === 0) continue;
    blocks.push(`## ${section.title}`, escapeMarkdownBlock(section.intro(tables)));
    for (const table of tables.filter(isShown)) blocks.push(...tableBlocks(table, model));
  }
  const further = furtherTables(model);
  if (further.length > 0) {
    blocks.push('## Further tables');
    for (const table of further) blocks.push(...tableBlocks(table, model));
  }
  blocks.push(...dataQuality(model));
  blocks.push('## Methods', ...model.methods.map(escapeMarkdownBlock));
  const limits = model.limitations ?? [];
  if (limits.length > 0) {
    blocks.push('### Limitations', limits.map((text) => `- ${escapeMarkdown(text)}`).join('\n'));
  }
  blocks.push('### Disclosure control', escapeMarkdownBlock(model.disclosure));
  blocks.push(escapeMarkdownBlock(marksKey(model.minCell)));
  if (model.notForPublication) blocks.push(`**${NOT_FOR_PUBLICATION}.**`);
  return blocks;
}

/** A table under its heading, as the report shows it (see `views.ts`). */
function tableBlocks(table: Table, model: ReportModel): Block[] {
  const view = reportView(table, model.partnerNames, model.wholeTablesIn);
  const blocks: Block[] = [`### ${escapeMarkdown(table.title)}`, tableBlock(view.table)];
  if (view.note) blocks.push(escapeMarkdownBlock(view.note));
  return blocks;
}

/** A table as a block: its lines, one chunk each, joined by line breaks. */
function* tableBlock(table: Table): Generator<string> {
  let first = true;
  for (const line of markdownTableLines(table)) {
    yield first ? line : `\n${line}`;
    first = false;
  }
}

function dataQuality(model: ReportModel): Block[] {
  const quality = model.dataQuality;
  const filesView = dataQualityFilesView(quality);
  const blocks: Block[] = [
    '## Data quality',
    'Every input file, how many records were read, used and rejected, and the most frequent ' +
      'problems. Rejected records are left out of every figure.',
    tableBlock(filesView.table),
    ...(filesView.note ? [escapeMarkdownBlock(filesView.note)] : []),
  ];
  if (quality.topIssues.length > 0) {
    blocks.push('### Most frequent problems', tableBlock(dataQualityIssuesTable(quality)));
  }
  if (quality.ignored && quality.ignored.length > 0) {
    blocks.push(
      'Files found but not read:',
      quality.ignored.map((path) => `- ${escapeMarkdown(path)}`).join('\n'),
    );
  }
  blocks.push(escapeMarkdownBlock(DATA_QUALITY_NOTE));
  return blocks;
}
