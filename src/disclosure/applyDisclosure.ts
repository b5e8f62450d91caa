import { adjustFamily } from '../metrics/adjustedP.js';
import {
  type Cell,
  type ColumnDef,
  isMark,
  type RowIdentity,
  SUPPRESSED,
  type Table,
} from '../metrics/table.js';
import type { DisclosureRule } from './rule.js';

type MutableRow = Record<string, Cell>;

/**
 * A copy of `table` fit for publication under `rule` (the README's Methods, "Disclosure
 * control"), in four steps:
 *
 * 1. primary suppression: a `count` cell with 1 ≤ value < minCell becomes `[c]` (0 is shown);
 * 2. secondary suppression: within each row `identity` (count columns that add up), and within
 *    each `additive` row set, column by column, a lone suppressed
 *    cell could be recovered by subtracting the others from the published total, so the smallest
 *    other non-zero shown cell is suppressed too (a zero only when no non-zero cell is left);
 *    repeated until no set holds exactly one suppressed cell, so chains across overlapping sets
 *    are followed;
 * 3. statistics: a `number` cell becomes `[c]` when one of its `basis` counts is below minCell
 *    (judged on the unrounded count) or has been suppressed (in the input, or as a secondary
 *    cell in step 2: a t value or degrees of freedom would give it back), or when one of the counts it
 *    `reveals` has been suppressed (step 1 or 2); so does an `[x]` (a statistic that could not be
 *    computed, such as the standard deviation of one person) whose basis count is from 1 to
 *    minCell − 1, since `[x]` beside `[c]` would tell how few;
 * 4. rounding (when `roundTo` is set): shown counts go to the nearest multiple of `roundTo`, half
 *    up, but never below minCell (see {@link roundCount}). Statistics keep the values computed
 *    from unrounded counts.
 *
 * Existing marks (`[x]`, `[z]`, `[c]`) are kept as they are. With `rule.enabled` false the
 * table itself is returned. The input is never modified.
 *
 * @throws {Error} when the table is malformed: a `basis` or `reveals` entry that is not a count
 *   column of the table, or an additive row index outside the table
 */
export function applyDisclosure(table: Table, rule: DisclosureRule): Table {
  if (!rule.enabled) return table;
  checkTable(table);
  const raw = table.rows;
  const rows: MutableRow[] = raw.map((row) => ({ ...row }));
  const counts = table.columns.filter((column) => column.kind === 'count').map((c) => c.name);

  suppressSmallCounts(rows, counts, rule.minCell);
  suppressRecoverableCounts(rows, counts, table.additive ?? [], table.identities ?? []);
  for (const column of table.columns) {
    if (isStatistic(column)) suppressStatistics(rows, raw, column, rule.minCell);
  }
  adjustAcrossPublished(rows, table.columns);
  roundCounts(rows, counts, rule);

  return { ...table, rows };
}

/**
 * A disclosed table with more counts hidden (by the audit of a whole publication, see
 * `protect.ts`): secondary suppression and the statistics' rules run again from the cells
 * already hidden, with `truth` (the table before disclosure, row for row) for the statistics'
 * unrounded counts. Shown counts keep their rounding.
 */
export function extendDisclosure(table: Table, truth: Table, rule: DisclosureRule): Table {
  if (!rule.enabled) return table;
  const rows: MutableRow[] = table.rows.map((row) => ({ ...row }));
  const counts = table.columns.filter((column) => column.kind === 'count').map((c) => c.name);
  suppressRecoverableCounts(rows, counts, table.additive ?? [], table.identities ?? []);
  for (const column of table.columns) {
    if (isStatistic(column)) suppressStatistics(rows, truth.rows, column, rule.minCell);
  }
  adjustAcrossPublished(rows, table.columns);
  return { ...table, rows };
}

/**
 * Adjusted p-values again, across the rows of each family whose p is published. Holm's adjusted
 * p of a row is its own p times a whole number, or another row's (the running maximum); BH's
 * likewise: so a hidden p would come back as a shown row's adjusted p divided by a small whole
 * number (an intruder's review recovered 7 hidden p-values, and from them the split of
 * improved / no change / declined, in 5 of 18 small programmes). Adjusting only across the
 * published p-values makes the family the one a reader can see; with nothing hidden the values
 * are those computed with the table. A family of one is `[x]`, as when it is computed.
 */
function adjustAcrossPublished(rows: MutableRow[], columns: readonly ColumnDef[]) {
  for (const column of columns) {
    const adjusts = column.adjusts;
    if (!adjusts) continue;
    const families = new Map<string, MutableRow[]>();
    for (const row of rows) {
      const adjustedCell = row[column.name];
      // Rows outside the family ([z]: a total) or never in it ([x]: no test) stay as they are.
      if (typeof adjustedCell !== 'number' && !isSuppressed(adjustedCell)) continue;
      if (typeof row[adjusts.p] !== 'number') continue;
      const key = JSON.stringify(adjusts.family.map((name) => row[name] ?? null));
      const family = families.get(key);
      if (family) family.push(row);
      else families.set(key, [row]);
    }
    for (const family of families.values()) {
      const values = adjustFamily(
        family.map((row) => row[adjusts.p] as number),
        adjusts.method,
      );
      family.forEach((row, i) => {
        row[column.name] = values[i] as Cell;
      });
    }
  }
}

function suppressSmallCounts(rows: MutableRow[], counts: readonly string[], minCell: number) {
  for (const row of rows) {
    for (const name of counts) {
      const value = row[name];
      if (typeof value === 'number' && value >= 1 && value < minCell) row[name] = SUPPRESSED;
    }
  }
}

function suppressRecoverableCounts(
  rows: MutableRow[],
  counts: readonly string[],
  additive: readonly (readonly number[])[],
  identities: readonly RowIdentity[],
) {
  const sets = additive.map((set) => [...new Set(set)]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const row of rows) {
      for (const identity of identities) {
        if (!isLone(identity.cells, (name) => isSuppressed(row[name]))) continue;
        const next = nextInRow(row, identity);
        if (next === undefined) continue;
        row[next] = SUPPRESSED;
        changed = true;
      }
    }
    for (const set of sets) {
      for (const name of counts) {
        if (!isLone(set, (index) => isSuppressed(cellAt(rows, index, name)))) continue;
        const next = nextToSuppress(rows, set, name);
        if (next === undefined) continue;
        (rows[next] as MutableRow)[name] = SUPPRESSED;
        changed = true;
      }
    }
  }
}

/** Whether exactly one of the items passes (looking no further than a second). */
function isLone<T>(items: readonly T[], passes: (item: T) => boolean): boolean {
  let found = 0;
  for (const item of items) {
    if (passes(item) && ++found > 1) return false;
  }
  return found === 1;
}

/** The cell of an identity to suppress next: a spare one, else the smallest non-zero, else a zero. */
function nextInRow(row: MutableRow, identity: RowIdentity): string | undefined {
  for (const name of identity.spare ?? []) {
    const value = row[name];
    if (typeof value === 'number' && value !== 0) return name;
  }
  let best: string | undefined;
  let bestValue = Number.POSITIVE_INFINITY;
  let firstZero: string | undefined;
  for (const name of identity.cells) {
    const value = row[name];
    if (typeof value !== 'number') continue;
    if (value === 0) firstZero ??= name;
    else if (value < bestValue) {
      best = name;
      bestValue = value;
    }
  }
  return best ?? firstZero;
}

/** The row in `set` whose shown count in `name` is the smallest non-zero one (else a zero). */
function nextToSuppress(rows: MutableRow[], set: readonly number[], name: string) {
  let best: number | undefined;
  let bestValue = Number.POSITIVE_INFINITY;
  let firstZero: number | undefined;
  for (const index of set) {
    const value = cellAt(rows, index, name);
    if (typeof value !== 'number') continue;
    if (value === 0) {
      firstZero ??= index;
    } else if (value < bestValue) {
      best = index;
      bestValue = value;
    }
  }
  return best ?? firstZero;
}

/** A number, or a text that says something of its people (it has a basis or reveals counts). */
export function isStatistic(column: ColumnDef): boolean {
  return column.kind === 'number' || (column.kind === 'text' && column.basis !== undefined);
}

function suppressStatistics(
  rows: MutableRow[],
  raw: Table['rows'],
  column: ColumnDef,
  minCell: number,
) {
  const basis = column.basis ?? [];
  const reveals = column.reveals ?? [];
  if (basis.length === 0 && reveals.length === 0) return;
  rows.forEach((row, index) => {
    const cell = row[column.name];
    const computed = typeof cell === 'number' || typeof cell === 'string';
    // A statistic that could not be computed ([x]: a standard deviation of one person) is
    // hidden like any other when its people are too few: `[x]` beside `[c]` would say how few.
    if (!computed && !(isMark(cell) && cell.mark === 'x')) return;
    const original = raw[index] ?? {};
    // Too few people, or a basis count that secondary suppression hid: a statistic such as t
    // or a degrees of freedom would give the hidden count back. A count of 0 is published, so
    // a statistic of nobody stays [x].
    const tooFewPeople = basis.some((name) => {
      const count = original[name];
      if (typeof count === 'number' && count < minCell && (computed || count > 0)) return true;
      return isSuppressed(row[name]) || isSuppressed(count);
    });
    const revealsSuppressed = reveals.some((name) => isSuppressed(row[name]));
    if (tooFewPeople || revealsSuppressed) row[column.name] = SUPPRESSED;
  });
}

function roundCounts(rows: MutableRow[], counts: readonly string[], rule: DisclosureRule) {
  const base = rule.roundTo;
  if (base === null) return;
  for (const row of rows) {
    for (const name of counts) {
      const value = row[name];
      if (typeof value === 'number') row[name] = roundCount(value, base, rule.minCell);
    }
  }
}

/**
 * A shown count rounded to the nearest multiple of `base`, half up. Zero stays zero; a non-zero
 * count is never shown below `minCell` (nor as 0): it goes up to the next multiple of `base`
 * at or above `minCell`, so no published count looks like a small number.
 *
 * @example
 * roundCount(12, 5, 5); // => 10
 * roundCount(13, 5, 5); // => 15
 * roundCount(7, 5, 7);  // => 10, not 5
 */
export function roundCount(value: number, base: number, minCell = 1): number {
  if (value <= 0) return value === 0 ? 0 : -roundCount(-value, base, minCell);
  const rounded = Math.round(value / base) * base;
  return rounded < Math.max(minCell, 1) ? Math.ceil(Math.max(minCell, 1) / base) * base : rounded;
}

/**
 * One count outside a table, disclosed as a table's count would be: hidden from 1 to
 * min_cell − 1, else rounded (the report's problem counts, say).
 */
export function discloseCount(count: number, rule: DisclosureRule): Cell {
  if (!rule.enabled) return count;
  if (count > 0 && count < rule.minCell) return SUPPRESSED;
  return rule.roundTo === null ? count : roundCount(count, rule.roundTo, rule.minCell);
}

function isSuppressed(cell: Cell | undefined): boolean {
  return isMark(cell) && cell.mark === 'c';
}

function cellAt(rows: readonly MutableRow[], index: number, name: string): Cell | undefined {
  return rows[index]?.[name];
}

function checkTable(table: Table) {
  const kinds = new Map(table.columns.map((column) => [column.name, column.kind]));
  for (const column of table.columns) {
    for (const name of [...(column.basis ?? []), ...(column.reveals ?? [])]) {
      if (kinds.get(name) !== 'count') {
        throw new Error(
          `table ${table.name}: column ${column.name} refers to ${name}, which is not a count column`,
        );
      }
    }
  }
  for (const identity of table.identities ?? []) {
    for (const name of [...identity.cells, ...(identity.spare ?? [])]) {
      if (kinds.get(name) !== 'count') {
        throw new Error(`table ${table.name}: identity cell ${name} is not a count column`);
      }
    }
  }
  for (const set of table.additive ?? []) {
    for (const index of set) {
      if (!Number.isInteger(index) || index < 0 || index >= table.rows.length) {
        throw new Error(`table ${table.name}: additive row ${index} is outside the table`);
      }
    }
  }
}
