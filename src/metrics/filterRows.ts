import type { Cell, Table } from './table.js';

/**
 * The table with only the rows that pass, for presenting part of an already-disclosed table.
 * Additive row sets are dropped (their indices no longer hold): filter after disclosure only.
 */
export function filterRows(
  table: Table,
  keep: (row: Readonly<Record<string, Cell>>) => boolean,
  title: string = table.title,
): Table {
  return { name: table.name, title, columns: table.columns, rows: table.rows.filter(keep) };
}
