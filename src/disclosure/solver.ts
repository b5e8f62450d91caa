import { createRequire } from 'node:module';
import type { Highs, InitOptions } from 'highs';

// The package's types describe its CommonJS build (whose module.exports is the loader) in a way
// TypeScript reads as a namespace when imported from an ES module: it is loaded through require.
const loadHighs = createRequire(import.meta.url)('highs') as (
  options?: InitOptions,
) => Promise<Highs>;

/**
 * Linear programming for the disclosure audit, by HiGHS (Huangfu and Hall's dual simplex, the
 * University of Edinburgh's open-source solver, compiled to WebAssembly: the `highs` package). A
 * hand-written simplex would be the riskiest code in tides; HiGHS is what statistical agencies'
 * own tools can use (sdcTable supports it) and it runs in-process, with no native build.
 */
export type Solver = Highs;

/** Loads the solver: about 4 MB of WebAssembly, compiled in some tenths of a second. */
export function loadSolver(): Promise<Solver> {
  return loadHighs();
}

/** A solver loaded when first asked for (most runs never need one), then kept. */
export type SolverSource = () => Promise<Solver>;

/** A {@link SolverSource} that loads the solver once, on first use. */
export function lazySolver(): SolverSource {
  let loading: Promise<Solver> | undefined;
  return () => {
    loading ??= loadSolver();
    return loading;
  };
}

/** `lower ≤ Σ values[k] × x[indices[k]] ≤ upper`. */
export interface LinearRow {
  readonly indices: readonly number[];
  readonly values: readonly number[];
  readonly lower: number;
  readonly upper: number;
}

/** Variables with bounds and the rows that tie them. */
export interface LinearProblem {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly rows: readonly LinearRow[];
}

export interface Range {
  readonly min: number;
  readonly max: number;
}

export type RangeOutcome =
  | { readonly feasible: false }
  | { readonly feasible: true; readonly ranges: ReadonlyMap<number, Range> };

/** A HiGHS model of the problem (to be disposed by the caller), with no objective yet. */
function createModel(solver: Solver, problem: LinearProblem) {
  const n = problem.lower.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of problem.rows) {
    for (let k = 0; k < row.indices.length; k++) {
      indices.push(row.indices[k] as number);
      values.push(row.values[k] as number);
    }
    starts.push(indices.length);
  }
  const infinity = solver.infinity;
  const bound = (x: number) =>
    x === Number.POSITIVE_INFINITY ? infinity : x === Number.NEGATIVE_INFINITY ? -infinity : x;
  const model = solver.createModel({
    numCols: n,
    numRows: problem.rows.length,
    colCost: new Float64Array(n),
    colLower: problem.lower.map(bound),
    colUpper: problem.upper.map(bound),
    rowLower: problem.rows.map((r) => bound(r.lower)),
    rowUpper: problem.rows.map((r) => bound(r.upper)),
    matrix: { format: 'csr', numRows: problem.rows.length, numCols: n, starts, indices, values },
  });
  model.options.set({ output_flag: false });
  return model;
}

/**
 * The least and greatest value each target variable can take, for the targets a feasible point
 * does not already settle (`settled(j, x)` says that variable j may be x, which is enough for the
 * caller): every solution found on the way settles what it can, so a large set of targets needs
 * a few solves, not two each. First the sum of the targets is minimised, then maximised, then
 * each target left is minimised and maximised on its own. Infinite bounds are unbounded.
 */
export function targetRanges(
  solver: Solver,
  problem: LinearProblem,
  targets: readonly number[],
  settled: (j: number, value: number) => boolean,
): RangeOutcome {
  const n = problem.lower.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of problem.rows) {
    indices.push(...row.indices);
    values.push(...row.values);
    starts.push(indices.length);
  }
  const infinity = solver.infinity;
  const bound = (x: number) =>
    x === Number.POSITIVE_INFINITY ? infinity : x === Number.NEGATIVE_INFINITY ? -infinity : x;
  const model = solver.createModel({
    numCols: n,
    numRows: problem.rows.length,
    colCost: new Float64Array(n),
    colLower: problem.lower.map(bound),
    colUpper: problem.upper.map(bound),
    rowLower: problem.rows.map((r) => bound(r.lower)),
    rowUpper: problem.rows.map((r) => bound(r.upper)),
    matrix: { format: 'csr', numRows: problem.rows.length, numCols: n, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false });
    const { minimize, maximize } = solver.constants.objectiveSense;
    const { optimal, infeasible, unbounded, unboundedOrInfeasible } = solver.constants.modelStatus;
    const remaining = new Set(targets);
    const settle = (colValue: Float64Array) => {
      for (const j of remaining) if (settled(j, colValue[j] as number)) remaining.delete(j);
    };
    const objective = (columns: Iterable<number>, sense: typeof minimize) => {
      model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, new Float64Array(n));
      for (const j of columns) model.changeColCost(j, 1);
      model.changeObjectiveSense(sense);
      return model.run().modelStatus;
    };

    const first = objective(remaining, minimize);
    if (first === infeasible || first === unboundedOrInfeasible) return { feasible: false };
    if (first === optimal) settle(model.getSolution().colValue);
    if (remaining.size > 0 && objective(remaining, maximize) === optimal) {
      settle(model.getSolution().colValue);
    }
    const ranges = new Map<number, Range>();
    for (const j of [...remaining].sort((a, b) => a - b)) {
      if (!remaining.has(j)) continue;
      const low = objective([j], minimize);
      if (low !== optimal)
        throw new Error(`the solver stopped with status ${low} while minimising`);
      const min = model.getObjectiveValue();
      settle(model.getSolution().colValue);
      if (!remaining.has(j)) continue;
      const high = objective([j], maximize);
      if (high === unbounded || high === unboundedOrInfeasible) {
        remaining.delete(j);
        continue;
      }
      if (high !== optimal)
        throw new Error(`the solver stopped with status ${high} while maximising`);
      const max = model.getObjectiveValue();
      settle(model.getSolution().colValue);
      if (remaining.has(j)) {
        ranges.set(j, { min, max });
        remaining.delete(j);
      }
    }
    return { feasible: true, ranges };
  } finally {
    model.dispose();
  }
}

/**
 * One solution of the problem with the targets' sum as small (or large) as it can be, which
 * settles as many targets as one solve can; null when there is none (or, maximising, when the sum
 * is unbounded).
 */
export function feasiblePoint(
  solver: Solver,
  problem: LinearProblem,
  targets: readonly number[],
  sense: 'minimise' | 'maximise',
): Float64Array | null {
  const model = createModel(solver, problem);
  try {
    for (const j of targets) model.changeColCost(j, 1);
    const { minimize, maximize } = solver.constants.objectiveSense;
    model.changeObjectiveSense(sense === 'minimise' ? minimize : maximize);
    const status = model.run().modelStatus;
    if (status !== solver.constants.modelStatus.optimal) return null;
    return Float64Array.from(model.getSolution().colValue);
  } finally {
    model.dispose();
  }
}
