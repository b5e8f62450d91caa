import type { Table } from '../metrics/table.js';
import type { DataQualitySummary } from './model.js';
import { MAX_REPORT_ROWS, type TableView } from './views.js';

/** The per-file row accounting as a table (counts of records). */
export function dataQualityFilesTable(quality: DataQualitySummary): Table {
  return {
    name: 'data_quality_files',
    title: 'Files read',
    columns: [
      { name: 'file', kind: 'text' },
      { name: 'kind', kind: 'text' },
      { name: 'read', kind: 'count', description: 'data records read (not the header)' },
      { name: 'used', kind: 'count', description: 'records used in the analysis' },
      { name: 'rejected', kind: 'count', description: 'records left out, with the reasons below' },
    ],
    rows: quality.files.map((file) => ({
      file: file.path,
      kind: file.kind,
      read: file.read,
      used: file.used,
      rejected: file.rejected,
    })),
  };
}

/** Where the report's data quality section sends readers for every file and rule. */
export const DATA_QUALITY_NOTE =
  'Every file, with each rule’s issues and what to do, is in data_quality.csv; tides validate lists every issue with its line.';

/**
 * The files table as the report shows it: every file when there are few, else the files with
 * records rejected and a line for the rest (a programme of 88 partners reads some 180 files).
 */
export function dataQualityFilesView(quality: DataQualitySummary): TableView {
  const table = dataQualityFilesTable(quality);
  if (table.rows.length <= MAX_REPORT_ROWS) return { table, note: null };
  const rows = table.rows.filter((row) => row.rejected !== 0);
  const rest = table.rows.length - rows.length;
  return {
    table: { ...table, rows },
    note: `The files with records left out; the other ${rest} of the ${table.rows.length} files were used in full (data_quality.csv lists every file).`,
  };
}

/** The most frequent validation problems as a table. */
export function dataQualityIssuesTable(quality: DataQualitySummary): Table {
  return {
    name: 'data_quality_issues',
    title: 'Most frequent problems',
    columns: [
      { name: 'rule', kind: 'text' },
      { name: 'records', kind: 'count' },
      { name: 'what to do', kind: 'text' },
    ],
    rows: quality.topIssues.map((issue) => ({
      rule: issue.rule,
      records: issue.count,
      'what to do': issue.hint,
    })),
  };
}
