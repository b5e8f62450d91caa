import { type Cell, isMark, SUPPRESSED, type Table } from '../metrics/table.js';
import { extendDisclosure } from './applyDisclosure.js';
import { type AuditResult, auditPublication, type UnprotectedCount } from './audit.js';
import type { Publication, PublishedTable } from './publication.js';
import {
  buildRelations,
  type Relation,
  type RelationSet,
  relationFrame,
  relationsFrom,
  type Variable,
} from './relations.js';
import type { SolverSource } from './solver.js';

/**
 * Protection of a whole publication: each table has had its own disclosure control
 * (`applyDisclosure`); this audits every table together, as an intruder holding all of them
 * would, and hides more counts until no hidden count can be pinned to a small number. Each round
 * hides, for each count left unprotected, one shown count of a relation that pins it (one the
 * true counts meet exactly, then the one with fewest unknowns, then its smallest count), everywhere that count is published, and runs each changed
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
  /** The last round's audit (of the counts it had still to check): no unprotected count. */
  readonly audit: AuditResult;
}

/** Enough for any publication tides makes; each round hides at least one more count. */
const MAX_ROUNDS = 200;
/** Rounds of one count each for an unprotected count before more are hidden for it. */
const PATIENCE = 3;

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
  // How often each count has been found unprotected: a count still pinned after PATIENCE rounds
  // (the relations chosen for it were not the ones that pin it) gets more counts hidden for it,
  // from relations not tried for it before, so that protection settles in a few rounds where
  // one count a round could take hundreds (a partner × sex breakdown of 3,000 people took more
  // than 200 rounds and was refused; it now takes 10 s).
  const attempts = new Map<string, number>();
  const truth = truthOf(publication);
  const tried = new Map<string, Set<string>>();
  // Hiding counts leaves where they are, and so most relations, as they were.
  const frame = relationFrame(publication);
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const relations = relationsFrom(frame, current);
    const relationsOf = relationIndex(relations);
    const hidden: string[] = [];
    for (const [key, variable] of relations.variables) {
      if (isHidden(current, variable)) hidden.push(key);
    }
    // After the first round, which audits the whole publication, only the counts not yet shown
    // protected and the relations around them.
    const focus =
      round === 1
        ? {}
        : { focus: { keys: hidden.filter((key) => !protectedBefore.has(key)), relationsOf } };
    const audit = await auditPublication(
      solver,
      current,
      { truth: truthOf(current), protectedBefore, ...focus },
      relations,
    );
    const unprotected = new Set(audit.unprotected.map((u) => u.variable));
    for (const key of hidden) if (!unprotected.has(key)) protectedBefore.add(key);
    if (audit.contradictions.length > 0) {
      const first = audit.contradictions[0];
      throw new Error(`a relation between published counts does not hold: ${first?.reason}`);
    }
    if (audit.unprotected.length === 0)
      return { publication: current, added, rounds: round, audit };
    const hide = new Set<string>();
    for (const finding of audit.unprotected) {
      const attempt = attempts.get(finding.variable) ?? 0;
      attempts.set(finding.variable, attempt + 1);
      let triedFor = tried.get(finding.variable);
      if (!triedFor) {
        triedFor = new Set();
        tried.set(finding.variable, triedFor);
      }
      // The first rounds hide one count, from the tightest relation; a count still pinned after
      // them gets counts from relations not tried for it, twice as many each round.
      const stuck = attempt >= PATIENCE;
      const choice = {
        wanted: stuck ? 2 ** Math.min(attempt - PATIENCE + 1, 10) : 1,
        tried: stuck ? triedFor : null,
        truth,
        copies: false,
      };
      let keys = chooseCountsToHide(current, relations, relationsOf, finding, choice);
      if (keys.length === 0) {
        keys = chooseCountsToHide(current, relations, relationsOf, finding, {
          ...choice,
          copies: true,
        });
      }
      if (keys.length === 0) {
        throw new DisclosureError(
          `a hidden count (${describe(current, finding)}) can be worked out as ${finding.min}–${finding.max} from the other published figures, and no other count can be hidden to prevent it`,
        );
      }
      for (const key of keys) hide.add(key);
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

/** How many counts to choose for an unprotected one, and how. */
interface Choice {
  readonly wanted: number;
  /** Relations already tried for it (updated); null: any relation. */
  readonly tried: Set<string> | null;
  readonly truth: (variable: Variable) => number | undefined;
  /** Whether a count equal to another that stays shown may be chosen (only when nothing else can). */
  readonly copies: boolean;
}

/**
 * Shown counts to hide for an unprotected one (up to `wanted`): among the relations it is in
 * (then, if none of those has a shown count left, the relations of the counts they tie it to),
 * first those not tried for it before (`tried`, updated; null: any), those the true counts meet
 * exactly, the one with the fewest unknowns, then its smallest non-zero shown counts, then zeros;
 * more relations while fewer than `wanted`.
 */
function chooseCountsToHide(
  publication: Publication,
  relations: RelationSet,
  relationsOf: ReadonlyMap<string, readonly Relation[]>,
  finding: UnprotectedCount,
  choice: Choice,
): string[] {
  const { wanted, tried, truth, copies } = choice;
  const baseOf = (key: string) => relations.variables.get(key)?.roundedOf ?? key;
  const shown = new Map<string, number | undefined>();
  // A count the intruder holds from another publication (shown in a known table) cannot be
  // hidden: it is never chosen. One the other publication hides may be hidden here too.
  const shownOf = (key: string) => {
    if (!shown.has(key)) {
      const variable = relations.variables.get(key);
      const held = variable?.cells.some((cell) => {
        const published = publication.tables[cell.table];
        return (
          published?.known === true &&
          typeof published.table.rows[cell.row]?.[cell.column] === 'number'
        );
      });
      shown.set(key, held ? undefined : shownValue(publication, variable));
    }
    return shown.get(key);
  };
  // Zero last: hiding a zero protects as well, but tells the reader least.
  const rank = (key: string) => {
    const value = shownOf(key) as number;
    return value === 0 ? Number.POSITIVE_INFINITY : value;
  };
  // A relation the true counts meet with room to spare pins nothing at the truth: hiding its
  // counts seldom helps, so the relations tight at the truth come first.
  const slack = (relation: Relation) => {
    let value = 0;
    for (const [key, coefficient] of relation.terms) {
      const variable = relations.variables.get(key);
      const v = variable && truth(variable);
      if (v === undefined) return 0;
      value += coefficient * v;
    }
    const tight =
      Math.abs(value - relation.lower) < 1e-9 || Math.abs(value - relation.upper) < 1e-9;
    return tight ? 0 : 1;
  };
  // A count equal to another that stays shown (a partner's people and its episodes) is no use
  // hidden: the intruder reads it off the other.
  const isCopy = (key: string) =>
    (relationsOf.get(key) ?? []).some(
      (relation) =>
        relation.terms.length === 2 &&
        relation.lower === 0 &&
        relation.upper === 0 &&
        relation.terms[0]?.[1] === -(relation.terms[1]?.[1] as number) &&
        relation.terms.some(([k]) => k !== key && shownOf(baseOf(k)) !== undefined),
    );
  const chosen: string[] = [];
  let frontier = [finding.variable];
  const seen = new Set(frontier);
  const seenRelations = new Set<Relation>();
  for (let depth = 0; depth < 4 && frontier.length > 0 && chosen.length < wanted; depth++) {
    const options: { relation: string; slack: number; unknowns: number; candidates: string[] }[] =
      [];
    const next: string[] = [];
    for (const key of frontier) {
      for (const relation of relationsOf.get(key) ?? []) {
        if (seenRelations.has(relation)) continue;
        seenRelations.add(relation);
        const keys = relation.terms.map(([k]) => baseOf(k));
        const candidates = [
          ...new Set(keys.filter((k) => shownOf(k) !== undefined && (copies || !isCopy(k)))),
        ];
        if (candidates.length > 0) {
          candidates.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
          const name = `${relation.reason}\u0000${[...keys].sort().join('\u0000')}`;
          options.push({
            relation: name,
            slack: slack(relation),
            unknowns: keys.length - candidates.length,
            candidates,
          });
        }
        for (const k of keys) {
          if (!seen.has(k)) {
            seen.add(k);
            next.push(k);
          }
        }
      }
    }
    const untried = (o: { relation: string }) => (tried?.has(o.relation) ? 1 : 0);
    options.sort(
      (a, b) =>
        untried(a) - untried(b) ||
        a.slack - b.slack ||
        a.unknowns - b.unknowns ||
        rank(a.candidates[0] as string) - rank(b.candidates[0] as string) ||
        ((a.candidates[0] as string) < (b.candidates[0] as string) ? -1 : 1),
    );
    for (const option of options) {
      if (chosen.length >= wanted) break;
      tried?.add(option.relation);
      for (const candidate of option.candidates) {
        if (chosen.length >= wanted) break;
        if (!chosen.includes(candidate)) chosen.push(candidate);
      }
    }
    frontier = next;
  }
  return chosen;
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
      if (published.known) continue;
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
