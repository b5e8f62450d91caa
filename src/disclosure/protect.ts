import { type Cell, isMark, SUPPRESSED, type Table } from '../metrics/table.js';
import { extendDisclosure } from './applyDisclosure.js';
import { type AuditResult, auditPublication, type UnprotectedCount } from './audit.js';
import type { Publication, PublishedTable } from './publication.js';
import { buildRelations, type Relation, type RelationSet, type Variable } from './relations.js';
import type { SolverSource } from './solver.js';

/**
 * Protection of a whole publication: each table has had its own disclosure control
 * (`applyDisclosure`); this audits every table together, as an intruder holding all of them
 * would, and hides more counts until no hidden count can be pinned to a small number. Each round
 * hides, for each count left unprotected, one shown count of a relation that pins it (the one
 * tightest on it, then the smallest), everywhere that count is published, and runs each changed
 * table's own rules again (its secondary suppression and statistics).
 */

/** The publication could not be protected: nothing is written (see the README, exit codes). */
export class DisclosureError extends Error {
  override readonly name = 'DisclosureError';
}

export interface Protection {
  readonly publication: Publication;
  /** Counts hidden beyond each table's own rules, and the rounds it took. */
  readonly added: number;
  readonly rounds: number;
  /** The final audit: no unprotected count. */
  readonly audit: AuditResult;
}

/** Enough for any publication tides makes; each round hides at least one more count. */
const MAX_ROUNDS = 200;

/**
 * Protects a publication whose tables carry their `truth` (see the module comment).
 *
 * @throws {DisclosureError} when a count cannot be protected by hiding others (a relation with
 *   nothing left to hide), or the rounds run out
 */
export async function protectPublication(
  solver: SolverSource,
  publication: Publication,
): Promise<Protection> {
  if (!publication.rule.enabled) {
    const relations = buildRelations(publication);
    return {
      publication,
      added: 0,
      rounds: 0,
      audit: { hidden: 0, unprotected: [], contradictions: [], relations },
    };
  }
  let current = publication;
  let added = 0;
  // Hiding more counts never makes a protected count unprotected: each round checks only the
  // hidden counts not yet shown protected.
  const protectedBefore = new Set<string>();
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const relations = buildRelations(current);
    const audit = await auditPublication(
      solver,
      current,
      { truth: truthOf(current), protectedBefore },
      relations,
    );
    const unprotected = new Set(audit.unprotected.map((u) => u.variable));
    for (const [key, variable] of relations.variables) {
      if (!unprotected.has(key) && isHidden(current, variable)) protectedBefore.add(key);
    }
    if (audit.contradictions.length > 0) {
      const first = audit.contradictions[0];
      throw new Error(`a relation between published counts does not hold: ${first?.reason}`);
    }
    if (audit.unprotected.length === 0)
      return { publication: current, added, rounds: round, audit };
    const hide = new Set<string>();
    const relationsOf = relationIndex(relations);
    for (const finding of audit.unprotected) {
      const key = chooseCountToHide(current, relations, relationsOf, finding);
      if (key === undefined) {
        throw new DisclosureError(
          `a hidden count (${describe(current, finding)}) can be worked out as ${finding.min}–${finding.max} from the other published figures, and no other count can be hidden to prevent it`,
        );
      }
      hide.add(key);
    }
    added += hide.size;
    current = hideCounts(current, relations, hide);
  }
  throw new DisclosureError(`disclosure control did not settle after ${MAX_ROUNDS} rounds`);
}

/** Whether a number is hidden: implied by others, or shown nowhere. */
function isHidden(publication: Publication, variable: Variable): boolean {
  if (variable.implied !== undefined) return true;
  if (variable.roundedOf !== undefined || variable.cells.length === 0) return false;
  return shownValue(publication, variable) === undefined;
}

/** The true value of a count (from its first cell's table before disclosure). */
function truthOf(publication: Publication): (variable: Variable) => number | undefined {
  return (variable) => {
    const cell = variable.cells[0];
    if (!cell) return undefined;
    const value = publication.tables[cell.table]?.truth?.rows[cell.row]?.[cell.column];
    return typeof value === 'number' ? value : undefined;
  };
}

/** The value a count is shown with, or undefined when it is hidden everywhere. */
function shownValue(publication: Publication, variable: Variable | undefined): number | undefined {
  for (const cell of variable?.cells ?? []) {
    const value = publication.tables[cell.table]?.table.rows[cell.row]?.[cell.column];
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/**
 * The shown count to hide for an unprotected one: among the relations it is in (then, if none of
 * those has a shown count left, the relations of the counts they tie it to), the one with the
 * fewest unknowns, then its smallest non-zero shown count, then a zero.
 */
function chooseCountToHide(
  publication: Publication,
  relations: RelationSet,
  relationsOf: ReadonlyMap<string, readonly Relation[]>,
  finding: UnprotectedCount,
): string | undefined {
  const baseOf = (key: string) => relations.variables.get(key)?.roundedOf ?? key;
  const shown = new Map<string, number | undefined>();
  const shownOf = (key: string) => {
    if (!shown.has(key)) shown.set(key, shownValue(publication, relations.variables.get(key)));
    return shown.get(key);
  };
  let frontier = [finding.variable];
  const seen = new Set(frontier);
  const seenRelations = new Set<Relation>();
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    let best: { key: string; unknowns: number; value: number } | undefined;
    const next: string[] = [];
    for (const key of frontier) {
      for (const relation of relationsOf.get(key) ?? []) {
        if (seenRelations.has(relation)) continue;
        seenRelations.add(relation);
        const keys = relation.terms.map(([k]) => baseOf(k));
        const candidates = keys.filter((k) => shownOf(k) !== undefined);
        const unknowns = keys.length - candidates.length;
        for (const candidate of candidates) {
          const value = shownOf(candidate) as number;
          // Zero last: hiding a zero protects as well, but tells the reader least.
          const rank = value === 0 ? Number.POSITIVE_INFINITY : value;
          if (
            !best ||
            unknowns < best.unknowns ||
            (unknowns === best.unknowns &&
              (rank < best.value || (rank === best.value && candidate < best.key)))
          ) {
            best = { key: candidate, unknowns, value: rank };
          }
        }
        for (const k of keys) {
          if (!seen.has(k)) {
            seen.add(k);
            next.push(k);
          }
        }
      }
    }
    if (best) return best.key;
    frontier = next;
  }
  return undefined;
}

/** The relations each number is in. */
function relationIndex(relations: RelationSet): Map<string, Relation[]> {
  const index = new Map<string, Relation[]>();
  for (const relation of relations.relations) {
    for (const [key] of relation.terms) {
      const list = index.get(key);
      if (list) list.push(relation);
      else index.set(key, [relation]);
    }
  }
  return index;
}

/** The publication with the counts of `keys` hidden in every cell, and each changed table's rules rerun. */
function hideCounts(
  publication: Publication,
  relations: RelationSet,
  keys: ReadonlySet<string>,
): Publication {
  const changed = new Map<number, Record<string, Cell>[]>();
  for (const key of keys) {
    for (const cell of relations.variables.get(key)?.cells ?? []) {
      const published = publication.tables[cell.table] as PublishedTable;
      let rows = changed.get(cell.table);
      if (!rows) {
        rows = published.table.rows.map((row) => ({ ...row }));
        changed.set(cell.table, rows);
      }
      const row = rows[cell.row] as Record<string, Cell>;
      if (!isMark(row[cell.column])) row[cell.column] = SUPPRESSED;
    }
  }
  const tables = publication.tables.map((published, t) => {
    const rows = changed.get(t);
    if (!rows) return published;
    const table: Table = { ...published.table, rows };
    return {
      ...published,
      table: published.truth ? extendDisclosure(table, published.truth, publication.rule) : table,
    };
  });
  return { ...publication, tables };
}

/** Where an unprotected count is, for a message. */
export function describe(publication: Publication, finding: UnprotectedCount): string {
  const cell = finding.cells[0];
  if (!cell) return finding.implied ?? finding.variable;
  const published = publication.tables[cell.table];
  const row = published?.table.rows[cell.row] ?? {};
  const groups = (published?.table.columns ?? [])
    .filter((c) => c.kind === 'group' || c.kind === 'text')
    .slice(0, 4)
    .map((c) => `${c.name} ${String(row[c.name])}`)
    .join(', ');
  return `${published?.source ?? '?'} row ${cell.row + 1} (${groups}), column ${cell.column}`;
}
