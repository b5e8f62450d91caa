import { isMark } from '../metrics/table.js';
import { roundCount } from './applyDisclosure.js';
import type { CellRef, Publication } from './publication.js';
import { buildRelations, type Relation, type RelationSet, type Variable } from './relations.js';
import {
  type LinearProblem,
  type LinearRow,
  type Range,
  RangeModel,
  type Solver,
  type SolverSource,
} from './solver.js';

/**
 * The audit of a publication: for every hidden count (a `[c]` cell, or a count the published
 * figures imply, such as the people of a partner in years not published), the range an intruder
 * holding every published file can pin it to by linear programming over the relations between
 * published counts (`relations.ts`). A hidden count is protected when that range reaches 0 or
 * `min_cell`: the intruder cannot tell it from nobody, or from a number that could be shown.
 */

/** What the intruder knows of one number. */
export interface Known {
  readonly lower: number;
  readonly upper: number;
  /** Exactly known (lower = upper): a shown count, or a rounded count's shown value. */
  readonly exact: boolean;
  /** A hidden count, which must be protected. */
  readonly hidden: boolean;
}

export interface UnprotectedCount {
  readonly variable: string;
  /** The published cells showing it `[c]` (none for an implied count). */
  readonly cells: readonly CellRef[];
  /** For an implied count, what it is. */
  readonly implied?: string;
  /** The whole numbers it can be: within 1 to min_cell − 1. */
  readonly min: number;
  readonly max: number;
  /** A count published as it is although it is from 1 to min_cell − 1 (not hidden at all). */
  readonly shown?: true;
  /** The solver gave no answer for its range (min and max are NaN): not shown to be protected. */
  readonly undecided?: true;
}

/** Published figures that contradict each other (a relation they break): not one run. */
export interface Contradiction {
  readonly reason: string;
  readonly cells: readonly CellRef[];
}

export interface AuditResult {
  /** Hidden counts checked. */
  readonly hidden: number;
  readonly unprotected: readonly UnprotectedCount[];
  readonly contradictions: readonly Contradiction[];
  readonly relations: RelationSet;
}

export interface AuditOptions {
  /**
   * The true value of a count (a run knows them): a hidden count whose true value is 0 or at
   * least min_cell is settled by the truth itself, a point the intruder cannot rule out.
   */
  readonly truth?: (variable: Variable) => number | undefined;
  /**
   * Hidden counts already shown to be protected (by an earlier audit of the same publication
   * with fewer counts hidden: hiding more only widens what an intruder must allow, so a count
   * protected then is protected now).
   */
  readonly protectedBefore?: ReadonlySet<string>;
  /**
   * Look only at the relations that tie these counts to one another through unknown numbers (the
   * relations each number is in: `relationsOf`). The counts must include every hidden count not
   * in `protectedBefore`: each is then audited as in the whole publication, since bounds and
   * ranges pass only through numbers the intruder does not know. Relations of known numbers alone
   * are not checked, nor counted in `hidden`: for a publication audited whole before with fewer
   * counts hidden (a round of protection), which hiding more cannot break.
   */
  readonly focus?: {
    readonly keys: Iterable<string>;
    readonly relationsOf: ReadonlyMap<string, readonly Relation[]>;
  };
}

const EPSILON = 1e-6;

/**
 * Audits a publication (see the module comment). The solver is loaded only if a hidden count is
 * not settled without it (by the truth, in a run).
 */
export async function auditPublication(
  solverSource: SolverSource,
  publication: Publication,
  options: AuditOptions = {},
  relations: RelationSet = buildRelations(publication),
): Promise<AuditResult> {
  const minCell = publication.rule.minCell;
  let known = knowledge(publication, relations);
  const contradictions: Contradiction[] = [];
  const unprotected: UnprotectedCount[] = [];
  const settledValue = (value: number) => value <= EPSILON || value >= minCell - EPSILON;

  // Relations among unknowns only; those of known numbers alone must simply hold.
  const check = (relation: Relation, values: ReadonlyMap<string, Known>) => {
    const sum = relation.terms.reduce((s, [key, c]) => s + c * (values.get(key)?.lower ?? 0), 0);
    const slack = 1e-6 * Math.max(1, Math.abs(sum));
    if (sum < relation.lower - slack || sum > relation.upper + slack) {
      contradictions.push({ reason: relation.reason, cells: cellsOf(relations, relation) });
    }
  };
  const initial: Relation[] = [];
  const scope = options.focus
    ? relationsAround(options.focus, known, relations.relations)
    : relations.relations;
  for (const relation of scope) {
    if (relation.terms.some(([key]) => !known.get(key)?.exact)) initial.push(relation);
    else check(relation, known);
  }
  // Bounds each relation implies, and the relations that can no longer bind, dropped: the
  // problems left are smaller, and many hidden counts are settled or pinned without a solve.
  const tightened = tightenBounds(initial, known);
  if (tightened === null) {
    contradictions.push({
      reason: 'the published figures admit no solution of the relations between them',
      cells: initial.flatMap((r) => cellsOf(relations, r)),
    });
    return { hidden: 0, unprotected, contradictions, relations };
  }
  known = tightened.known;
  const open: Relation[] = [];
  for (const relation of tightened.relations) {
    if (relation.terms.some(([key]) => !known.get(key)?.exact)) open.push(relation);
    else check(relation, known);
  }
  // A hidden count the bounds already hold within 1 to min_cell − 1 needs no solve.
  const pinned = new Set<string>();
  for (const [key, k] of known) {
    if (!k.hidden || k.lower < 1 - EPSILON || k.upper > minCell - 1 + EPSILON) continue;
    if (options.protectedBefore?.has(key)) continue;
    pinned.add(key);
    const variable = relations.variables.get(key) as Variable;
    unprotected.push({
      variable: key,
      cells: variable.cells,
      ...(variable.implied ? { implied: variable.implied } : {}),
      min: Math.ceil(k.lower - EPSILON),
      max: Math.floor(k.upper + EPSILON),
    });
  }
  let hidden = pinned.size;
  for (const component of components(open, known)) {
    const targets = component.variables.filter((key) => known.get(key)?.hidden && !pinned.has(key));
    hidden += targets.length;
    // The truth, where known, settles a target at once; the rest go to the solver.
    const unsettled = targets.filter((key) => {
      if (options.protectedBefore?.has(key)) return false;
      const variable = relations.variables.get(key) as Variable;
      const value = options.truth?.(variable);
      return value === undefined || !settledValue(value);
    });
    if (unsettled.length === 0) continue;
    const solved = await solveComponent(
      solverSource,
      component,
      known,
      unsettled,
      settledValue,
      anchorFromTruth(component, relations, options.truth, publication),
    );
    if (solved === null) {
      contradictions.push({
        reason: 'the published figures admit no solution of the relations between them',
        cells: component.variables.flatMap((key) => relations.variables.get(key)?.cells ?? []),
      });
      continue;
    }
    for (const [key, range] of solved) {
      const variable = relations.variables.get(key) as Variable;
      unprotected.push({
        variable: variable.key,
        cells: variable.cells,
        ...(variable.implied ? { implied: variable.implied } : {}),
        // No answer from the solver: not shown to be protected, so counted as not.
        ...(range === null
          ? { min: Number.NaN, max: Number.NaN, undecided: true as const }
          : { min: Math.ceil(range.min - EPSILON), max: Math.floor(range.max + EPSILON) }),
      });
    }
  }
  // A small count shown as it is (disclosure control off, or a table that escaped it).
  for (const variable of relations.variables.values()) {
    const k = known.get(variable.key);
    if (k?.exact && !k.hidden && variable.cells.length > 0 && k.lower >= 1 && k.lower < minCell) {
      unprotected.push({
        variable: variable.key,
        cells: variable.cells,
        min: k.lower,
        max: k.lower,
        shown: true,
      });
    }
  }
  const related = new Set(open.flatMap((relation) => relation.terms.map(([key]) => key)));
  for (const variable of relations.variables.values()) {
    // A hidden count in no relation left: its bounds say all there is, and they reach 0 or
    // min_cell (or it was pinned above).
    if (
      known.get(variable.key)?.hidden &&
      !related.has(variable.key) &&
      !pinned.has(variable.key)
    ) {
      hidden++;
    }
  }
  unprotected.sort((a, b) => (a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : 0));
  return { hidden, unprotected, contradictions, relations };
}

/**
 * The relations tied to the focus counts through numbers not known exactly (see
 * `AuditOptions.focus`), in the order of `all`: the components of the whole publication that
 * hold a focus count, before bound tightening splits them.
 */
function relationsAround(
  focus: NonNullable<AuditOptions['focus']>,
  known: ReadonlyMap<string, Known>,
  all: readonly Relation[],
): Relation[] {
  const reached = new Set<Relation>();
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (key: string) => {
    if (seen.has(key) || known.get(key)?.exact) return;
    seen.add(key);
    queue.push(key);
  };
  for (const key of focus.keys) visit(key);
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    for (const relation of focus.relationsOf.get(key) ?? []) {
      if (reached.has(relation)) continue;
      reached.add(relation);
      for (const [term] of relation.terms) visit(term);
    }
  }
  return all.filter((relation) => reached.has(relation));
}

function cellsOf(relations: RelationSet, relation: Relation): CellRef[] {
  return relation.terms.flatMap(([key]) => relations.variables.get(key)?.cells ?? []);
}

/**
 * What an intruder knows of each number from its cells alone: a shown count exactly (or, rounded,
 * within half the base and never below min_cell), a hidden one only that it is not negative.
 */
function knowledge(publication: Publication, relations: RelationSet): Map<string, Known> {
  const { minCell, roundTo } = publication.rule;
  const known = new Map<string, Known>();
  const shownValue = (variable: Variable): number | undefined => {
    for (const cell of variable.cells) {
      const value = publication.tables[cell.table]?.table.rows[cell.row]?.[cell.column];
      if (typeof value === 'number') return value;
    }
    return undefined;
  };
  for (const variable of relations.variables.values()) {
    if (variable.roundedOf !== undefined) continue;
    const shown = shownValue(variable);
    if (shown === undefined) {
      const hidden =
        variable.implied !== undefined ||
        variable.cells.some((cell) => {
          const value = publication.tables[cell.table]?.table.rows[cell.row]?.[cell.column];
          return isMark(value) && value.mark === 'c';
        });
      known.set(variable.key, { lower: 0, upper: Number.POSITIVE_INFINITY, exact: false, hidden });
    } else if (roundTo === null || shown === 0 || shown % roundTo !== 0) {
      known.set(variable.key, { lower: shown, upper: shown, exact: true, hidden: false });
    } else {
      // Half up to the nearest multiple: from shown − base/2 to below shown + base/2, and a
      // shown count is never a suppressed one (below min_cell).
      const lower = Math.max(minCell, Math.ceil(shown - roundTo / 2));
      const upper = Math.ceil(shown + roundTo / 2) - 1;
      known.set(variable.key, { lower, upper, exact: false, hidden: false });
    }
  }
  for (const variable of relations.variables.values()) {
    if (variable.roundedOf === undefined) continue;
    const of = known.get(variable.roundedOf);
    // The rounded value of a shown count is what was shown (rounded by the rule, when it was
    // shown as it is).
    const value =
      of && !of.hidden
        ? shownValue(relations.variables.get(variable.roundedOf) as Variable)
        : undefined;
    const shown =
      value !== undefined && of?.exact && roundTo !== null
        ? roundCount(value, roundTo, minCell)
        : value;
    known.set(
      variable.key,
      shown === undefined
        ? { lower: 0, upper: Number.POSITIVE_INFINITY, exact: false, hidden: false }
        : { lower: shown, upper: shown, exact: true, hidden: false },
    );
  }
  return known;
}

interface Component {
  readonly variables: string[];
  readonly relations: Relation[];
}

/** The relations split into groups that share no unknown number, each solved on its own. */
function components(
  relations: readonly Relation[],
  known: ReadonlyMap<string, Known>,
): Component[] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    let node = key;
    while (node !== root) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const free = (relation: Relation) =>
    relation.terms.map(([key]) => key).filter((key) => !known.get(key)?.exact);
  for (const relation of relations) {
    const keys = free(relation);
    for (const key of keys) if (!parent.has(key)) parent.set(key, key);
    for (const key of keys.slice(1)) {
      const a = find(keys[0] as string);
      const b = find(key);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const byRoot = new Map<string, Component>();
  for (const relation of relations) {
    const root = find(free(relation)[0] as string);
    let component = byRoot.get(root);
    if (!component) {
      component = { variables: [], relations: [] };
      byRoot.set(root, component);
    }
    component.relations.push(relation);
  }
  for (const key of [...parent.keys()].sort()) byRoot.get(find(key))?.variables.push(key);
  return [...byRoot.keys()].sort().map((root) => byRoot.get(root) as Component);
}

/** A component as a linear problem: unknowns as columns, known numbers moved to the bounds. */
function linearProblem(component: Component, known: ReadonlyMap<string, Known>): LinearProblem {
  const index = new Map(component.variables.map((key, j) => [key, j]));
  const rows: LinearRow[] = component.relations.map((relation) => {
    let constant = 0;
    const indices: number[] = [];
    const values: number[] = [];
    for (const [key, coefficient] of relation.terms) {
      const k = known.get(key);
      if (k?.exact) constant += coefficient * k.lower;
      else {
        indices.push(index.get(key) as number);
        values.push(coefficient);
      }
    }
    return { indices, values, lower: relation.lower - constant, upper: relation.upper - constant };
  });
  return {
    lower: component.variables.map((key) => known.get(key)?.lower ?? 0),
    upper: component.variables.map((key) => known.get(key)?.upper ?? Number.POSITIVE_INFINITY),
    rows,
  };
}

/** How far a search near a solution reaches: relations hops through hidden counts, and size. */
const LOCAL_HOPS = 3;
const LOCAL_SIZE = 600;

/**
 * The targets of one component that no point found settles, with their range: points are
 * searched near an anchor (a feasible point: the truth, or one solution of the whole component),
 * moving only the unknowns within a few relations of the target and holding the rest where the
 * anchor has them, which finds any point such a move reaches (each is feasible for the whole
 * component); what that does not settle gets, when `exact`, the exact range over the whole
 * component. Returns null when the component has no solution (the figures contradict).
 */
async function solveComponent(
  solverSource: SolverSource,
  component: Component,
  known: ReadonlyMap<string, Known>,
  targets: readonly string[],
  settledValue: (value: number) => boolean,
  truthAnchor: Float64Array | null,
): Promise<Map<string, Range | null> | null> {
  const solver = await solverSource();
  const problem = linearProblem(component, known);
  const index = new Map(component.variables.map((key, j) => [key, j]));
  const remaining = new Set(targets.map((key) => index.get(key) as number));
  const settle = (solution: Float64Array) => {
    for (const j of remaining) if (settledValue(solution[j] as number)) remaining.delete(j);
  };
  const model = new RangeModel(solver, problem);
  try {
    // One solve with the targets' sum as small as it can be, one as large: each settles many.
    const low = model.extreme(remaining, 'minimise');
    if (low === 'infeasible') return null;
    if (low) settle(low);
    if (remaining.size > 0) {
      const high = model.extreme(remaining, 'maximise');
      if (high === 'infeasible') return null;
      if (high) settle(high);
    }
    const anchor = truthAnchor ?? (low instanceof Float64Array ? low : null);
    const decided = new Map<number, Range>();
    if (anchor !== null) {
      searchNear(solver, problem, component, known, anchor, remaining, settledValue, decided);
    }
    const result = new Map<string, Range | null>();
    for (const [j, range] of decided) result.set(component.variables[j] as string, range);
    for (const j of [...remaining].sort((a, b) => a - b)) {
      if (!remaining.has(j)) continue;
      remaining.delete(j);
      const range = model.range(j, settledValue, settle);
      if (range !== 'settled') result.set(component.variables[j] as string, range);
    }
    return result;
  } finally {
    model.dispose();
  }
}

/**
 * Decides what it can of `remaining` from the unknowns within a few relations of each target
 * (through hidden counts), two ways: moving only them, the rest held at the anchor, finds points
 * feasible for the whole component (a target one of them settles is protected); keeping only the
 * relations among them gives a range that holds whatever the rest are (a target whose range
 * stays within 1 to min_cell − 1 is pinned, whatever else the component allows). Decided targets
 * leave `remaining`; pinned ones are recorded with that range.
 */
function searchNear(
  solver: Solver,
  problem: LinearProblem,
  component: Component,
  known: ReadonlyMap<string, Known>,
  anchor: Float64Array,
  remaining: Set<number>,
  settledValue: (value: number) => boolean,
  pinned: Map<number, Range>,
): void {
  const rowsOf = rowsByColumn(problem);
  const isHidden = component.variables.map((key) => known.get(key)?.hidden === true);
  const solve = (sub: LinearProblem, at: number) => {
    const model = new RangeModel(solver, sub);
    try {
      return model.range(at, settledValue, () => {});
    } finally {
      model.dispose();
    }
  };
  for (const j of [...remaining].sort((a, b) => a - b)) {
    if (!remaining.has(j)) continue;
    const inside = new Set([j]);
    let frontier = [j];
    for (let hop = 0; hop < LOCAL_HOPS; hop++) {
      const next: number[] = [];
      for (const f of frontier) {
        for (const r of rowsOf[f] ?? []) {
          for (const k of problem.rows[r]?.indices ?? []) {
            if (inside.has(k)) continue;
            inside.add(k);
            if (isHidden[k]) next.push(k);
          }
        }
      }
      if (inside.size > LOCAL_SIZE && hop > 0) break;
      frontier = next;
      const columns = [...inside];
      const at = columns.indexOf(j);
      if (solve(subProblem(problem, rowsOf, columns, anchor), at) === 'settled') {
        remaining.delete(j);
        break;
      }
      const relaxed = solve(subProblem(problem, rowsOf, columns, null), at);
      if (relaxed !== null && relaxed !== 'settled') {
        pinned.set(j, relaxed);
        remaining.delete(j);
        break;
      }
      if (next.length === 0) break;
    }
  }
}

/** The rows each column is in. */
function rowsByColumn(problem: LinearProblem): number[][] {
  const rows: number[][] = problem.lower.map(() => []);
  problem.rows.forEach((row, r) => {
    for (const j of row.indices) rows[j]?.push(r);
  });
  return rows;
}

/**
 * The problem in `columns` only: every other unknown held at its anchor value (a restriction:
 * its points are the whole problem's), or, with no anchor, the relations that involve any other
 * unknown left out (a relaxation: its ranges hold for the whole problem).
 */
function subProblem(
  problem: LinearProblem,
  rowsOf: readonly number[][],
  columns: readonly number[],
  anchor: Float64Array | null,
): LinearProblem {
  const local = new Map(columns.map((j, i) => [j, i]));
  const rowIds = new Set<number>();
  for (const j of columns) for (const r of rowsOf[j] ?? []) rowIds.add(r);
  const rows: LinearRow[] = [];
  for (const r of [...rowIds].sort((a, b) => a - b)) {
    const row = problem.rows[r] as LinearRow;
    let constant = 0;
    const indices: number[] = [];
    const values: number[] = [];
    let outside = false;
    row.indices.forEach((j, k) => {
      const at = local.get(j);
      if (at !== undefined) {
        indices.push(at);
        values.push(row.values[k] as number);
      } else if (anchor === null) outside = true;
      else constant += (row.values[k] as number) * (anchor[j] as number);
    });
    if (outside) continue;
    rows.push({ indices, values, lower: row.lower - constant, upper: row.upper - constant });
  }
  return {
    lower: columns.map((j) => problem.lower[j] as number),
    upper: columns.map((j) => problem.upper[j] as number),
    rows,
  };
}

/**
 * The truth as a point of the component, when it is known for every unknown: counts from their
 * cells, a count's rounded value by the rule, and each implied count from the one equality that
 * defines it. Null when some unknown stays without a value.
 */
function anchorFromTruth(
  component: Component,
  relations: RelationSet,
  truth: AuditOptions['truth'],
  publication: Publication,
): Float64Array | null {
  if (!truth) return null;
  const values = new Map<string, number>();
  const { roundTo, minCell } = publication.rule;
  const truthValue = (key: string): number | undefined => {
    const known = values.get(key);
    if (known !== undefined) return known;
    const variable = relations.variables.get(key);
    if (!variable) return undefined;
    if (variable.roundedOf !== undefined) {
      const base = truthValue(variable.roundedOf);
      return base === undefined || roundTo === null ? base : roundCount(base, roundTo, minCell);
    }
    return truth(variable);
  };
  for (const key of component.variables) {
    const value = truthValue(key);
    if (value !== undefined) values.set(key, value);
  }
  // Implied counts: the equality that defines each gives it from the others.
  for (const relation of component.relations) {
    if (relation.lower !== relation.upper) continue;
    const missing = relation.terms.filter(
      ([key]) => !values.has(key) && truthValue(key) === undefined,
    );
    if (missing.length !== 1) continue;
    const [key, coefficient] = missing[0] as readonly [string, number];
    const rest = relation.terms.reduce(
      (sum, [k, c]) => (k === key ? sum : sum + c * (values.get(k) ?? truthValue(k) ?? 0)),
      0,
    );
    values.set(key, (relation.lower - rest) / coefficient);
  }
  const anchor = new Float64Array(component.variables.length);
  for (let j = 0; j < component.variables.length; j++) {
    const value = values.get(component.variables[j] as string);
    if (value === undefined) return null;
    anchor[j] = value;
  }
  return anchor;
}

/** Passes of bound tightening over every relation (each pass is cheap; most settle in a few). */
const TIGHTENING_PASSES = 20;

/**
 * The bounds on each unknown that the relations imply, one relation at a time, repeated until
 * they settle (an LP presolve's bound propagation), rounded inward since every number is a whole
 * count; and the relations that can still bind given those bounds. A hidden count whose bounds
 * meet is pinned (exact, still hidden). Null when some bounds cross: the figures contradict.
 */
export function tightenBounds(
  relations: readonly Relation[],
  known: ReadonlyMap<string, Known>,
): { known: Map<string, Known>; relations: Relation[] } | null {
  // The relations as one sparse matrix of typed arrays (row r's terms are starts[r] to
  // starts[r + 1]), so the passes run on numbers of one kind.
  const keys: string[] = [];
  const index = new Map<string, number>();
  const bounds: number[] = [];
  let size = 0;
  for (const relation of relations) size += relation.terms.length;
  const starts = new Int32Array(relations.length + 1);
  const columns = new Int32Array(size);
  const values = new Float64Array(size);
  let at = 0;
  relations.forEach((relation, r) => {
    for (const [key, coefficient] of relation.terms) {
      let j = index.get(key);
      if (j === undefined) {
        j = keys.length;
        index.set(key, j);
        keys.push(key);
        const k = known.get(key);
        bounds.push(k?.lower ?? 0, k?.upper ?? Number.POSITIVE_INFINITY);
      }
      columns[at] = j;
      values[at] = coefficient;
      at++;
    }
    starts[r + 1] = at;
  });
  const lower = new Float64Array(keys.length);
  const upper = new Float64Array(keys.length);
  for (let j = 0; j < keys.length; j++) {
    lower[j] = bounds[2 * j] as number;
    upper[j] = bounds[2 * j + 1] as number;
  }
  const inward = (x: number, up: boolean) => (up ? Math.floor(x + 1e-7) : Math.ceil(x - 1e-7));
  for (let pass = 0; pass < TIGHTENING_PASSES; pass++) {
    let changed = false;
    for (let r = 0; r < relations.length; r++) {
      const relation = relations[r] as Relation;
      const first = starts[r] as number;
      const last = starts[r + 1] as number;
      // The least and greatest the row's sum can be, counting infinite parts apart.
      let min = 0;
      let max = 0;
      let minInfinite = 0;
      let maxInfinite = 0;
      for (let t = first; t < last; t++) {
        const a = values[t] as number;
        const j = columns[t] as number;
        const lo = a > 0 ? a * (lower[j] as number) : a * (upper[j] as number);
        const hi = a > 0 ? a * (upper[j] as number) : a * (lower[j] as number);
        if (Number.isFinite(lo)) min += lo;
        else minInfinite++;
        if (Number.isFinite(hi)) max += hi;
        else maxInfinite++;
      }
      for (let t = first; t < last; t++) {
        const a = values[t] as number;
        const j = columns[t] as number;
        const lo = a > 0 ? a * (lower[j] as number) : a * (upper[j] as number);
        const hi = a > 0 ? a * (upper[j] as number) : a * (lower[j] as number);
        // The others' least sum bounds this term from above, their greatest from below.
        const othersMin =
          minInfinite - (Number.isFinite(lo) ? 0 : 1) > 0
            ? Number.NEGATIVE_INFINITY
            : min - (Number.isFinite(lo) ? lo : 0);
        const othersMax =
          maxInfinite - (Number.isFinite(hi) ? 0 : 1) > 0
            ? Number.POSITIVE_INFINITY
            : max - (Number.isFinite(hi) ? hi : 0);
        const termUpper = relation.upper - othersMin;
        const termLower = relation.lower - othersMax;
        const newUpper = a > 0 ? termUpper / a : termLower / a;
        const newLower = a > 0 ? termLower / a : termUpper / a;
        if (Number.isFinite(newUpper) && inward(newUpper, true) < (upper[j] as number) - 1e-9) {
          upper[j] = inward(newUpper, true);
          changed = true;
        }
        if (Number.isFinite(newLower) && inward(newLower, false) > (lower[j] as number) + 1e-9) {
          lower[j] = inward(newLower, false);
          changed = true;
        }
        if ((lower[j] as number) > (upper[j] as number) + 1e-9) return null;
      }
    }
    if (!changed) break;
  }
  const tightened = new Map(known);
  keys.forEach((key, j) => {
    const k = known.get(key);
    const lo = lower[j] as number;
    const hi = upper[j] as number;
    tightened.set(key, {
      lower: lo,
      upper: hi,
      exact: lo === hi,
      hidden: k?.hidden ?? false,
    });
  });
  // A relation that holds whatever its unknowns are within their bounds cannot bind.
  const binding: Relation[] = [];
  relations.forEach((relation, r) => {
    let min = 0;
    let max = 0;
    for (let t = starts[r] as number; t < (starts[r + 1] as number); t++) {
      const a = values[t] as number;
      const j = columns[t] as number;
      min += a > 0 ? a * (lower[j] as number) : a * (upper[j] as number);
      max += a > 0 ? a * (upper[j] as number) : a * (lower[j] as number);
    }
    if (min < relation.lower - 1e-9 || max > relation.upper + 1e-9) binding.push(relation);
  });
  return { known: tightened, relations: binding };
}
