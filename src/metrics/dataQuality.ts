import { RULES, type RuleId } from '../contract/rules.js';
import type { Programme } from '../model/programme.js';
import { type Cell, type ColumnDef, NOT_APPLICABLE, type Table } from './table.js';

/**
 * The `data_quality` table: per file, its rows read, used and rejected (rule `(all)`), then one
 * row per rule found in it with the number of issues and what to do. Counts are published under
 * the same disclosure rule as every other table: a rejected count of 3 could single out people.
 */
export function dataQuality(programme: Programme): Table {
  // Per file: each rule's issues by severity, as found (a rule can be an error in one place and a
  // warning in another: an unknown sex code is a warning, an unknown population dimension an
  // error), in the tally's order: rule, then errors before warnings.
  const perFile = new Map<string, { rule: RuleId; severity: string; count: number }[]>();
  for (const { file, rule, severity, count } of programme.issues.counts()) {
    let rules = perFile.get(file);
    if (!rules) {
      rules = [];
      perFile.set(file, rules);
    }
    const same = rules.find((r) => r.rule === rule && r.severity === severity);
    if (same) same.count += count;
    else rules.push({ rule, severity, count });
  }
  const rows: Record<string, Cell>[] = [];
  for (const file of programme.files) {
    rows.push({
      file: file.path,
      kind: file.kind,
      rule: '(all)',
      severity: '',
      read: file.read,
      used: file.used,
      rejected: file.rejected,
      issues: (perFile.get(file.path) ?? []).reduce((sum, r) => sum + r.count, 0),
      what_to_do: '',
    });
    for (const { rule, severity, count } of perFile.get(file.path) ?? []) {
      rows.push({
        file: file.path,
        kind: file.kind,
        rule,
        severity,
        read: NOT_APPLICABLE,
        used: NOT_APPLICABLE,
        rejected: NOT_APPLICABLE,
        issues: count,
        what_to_do: RULES[rule].hint,
      });
    }
  }
  for (const ignored of programme.ignored) {
    rows.push({
      file: ignored.display,
      kind: 'ignored',
      rule: '(ignored)',
      severity: '',
      read: NOT_APPLICABLE,
      used: NOT_APPLICABLE,
      rejected: NOT_APPLICABLE,
      issues: NOT_APPLICABLE,
      what_to_do: ignored.reason,
    });
  }
  return {
    name: 'data_quality',
    title: 'Data quality: rows read, used and rejected, and why',
    columns: DATA_QUALITY_COLUMNS,
    rows,
    identities: [{ cells: ['read', 'used', 'rejected'] }],
  };
}

export const DATA_QUALITY_COLUMNS: readonly ColumnDef[] = [
  { name: 'file', kind: 'text' },
  { name: 'kind', kind: 'text' },
  { name: 'rule', kind: 'text' },
  { name: 'severity', kind: 'text' },
  { name: 'read', kind: 'count' },
  { name: 'used', kind: 'count' },
  { name: 'rejected', kind: 'count' },
  { name: 'issues', kind: 'count' },
  { name: 'what_to_do', kind: 'text' },
];

/**
 * Rows read, used and rejected over all participant files and over all outcome files
 * (metrics.json's `row_accounting`), as a table so that disclosure control protects these totals
 * with the files they add up from.
 */
export function rowAccounting(programme: Programme): Table {
  const { participants, outcomes } = programme.totals;
  return {
    name: 'row_accounting',
    title: 'Rows read, used and rejected, by kind of file',
    columns: [
      { name: 'records', kind: 'text' },
      { name: 'read', kind: 'count' },
      { name: 'used', kind: 'count' },
      { name: 'rejected', kind: 'count' },
    ],
    rows: [
      { records: 'participants', ...participants },
      { records: 'outcomes', ...outcomes },
    ],
    identities: [{ cells: ['read', 'used', 'rejected'] }],
  };
}
