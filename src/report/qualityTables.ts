import type { Table } from '../metrics/table.js';
import type { DataQualitySummary } from './model.js';

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
