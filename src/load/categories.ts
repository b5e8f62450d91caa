import { reservedLabel, TOTAL_LABEL } from '../contract/codes.js';
import type { Partner } from '../contract/records.js';
import type { Interner } from '../model/columnar.js';
import type { Row } from './table.js';

/**
 * A free-text category cell (a cohort, a theme), trimmed as every cell is. `All` labels the
 * total rows of every table (the README's data contract): a category that reads `All` would be
 * counted into the totals, so it is renamed, with a warning. It is read as `All` here and
 * renamed once every label of its column is known (`publishedLabel`), since the new label must
 * be one that no other category has.
 */
export function readCategory(row: Row, column: string): string {
  const text = row.get(column);
  if (text !== TOTAL_LABEL) return text;
  row.issue({
    column,
    value: text,
    rule: 'value.reserved',
    severity: 'warning',
    message: `${column} ${TOTAL_LABEL} would be taken for the total rows of the tables; it is published as ${reservedLabel(column)} (or ${reservedLabel(column, 2)}, ${reservedLabel(column, 3)}… if the data has a ${column} of that name)`,
  });
  return text;
}

/**
 * The label a category read as `All` is published under: the first of `All (cohort)`,
 * `All (cohort 2)`, `All (cohort 3)`… that is not among the column's labels (`taken`, every
 * label in the data). A rename so never merges two categories (a cohort `All` and a cohort
 * `All (cohort)` were once published as one), and the choice depends on the set of labels
 * only, not on the order in which files, or pieces of them, were read.
 */
export function publishedLabel(column: string, taken: (label: string) => boolean): string {
  for (let n = 1; ; n++) {
    const label = reservedLabel(column, n);
    if (!taken(label)) return label;
  }
}

/** Renames the cohort read as `All`, if any, once every participant file is read. */
export function publishCohorts(cohorts: Interner): void {
  if (cohorts.find(TOTAL_LABEL) < 0) return;
  cohorts.relabel(
    TOTAL_LABEL,
    publishedLabel('cohort', (label) => cohorts.find(label) >= 0),
  );
}

/** The partners, with a theme read as `All` renamed against every theme of partners.csv. */
export function publishThemes(partners: readonly Partner[]): Partner[] {
  const themes = new Set(partners.map((p) => p.theme));
  if (!themes.has(TOTAL_LABEL)) return [...partners];
  const label = publishedLabel('theme', (theme) => themes.has(theme));
  return partners.map((p) => (p.theme === TOTAL_LABEL ? { ...p, theme: label } : p));
}
