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

/**
 * A linear problem loaded into HiGHS once and solved for many objectives: after the first solve
 * only the objective changes, so each later solve starts from the last basis (a few simplex
 * iterations) rather than from scratch. Must be disposed.
 */
export class RangeModel {
  private readonly model: ReturnType<Solver['createModel']>;
  private readonly n: number;
  private solved = false;

  constructor(
    private readonly solver: Solver,
    problem: LinearProblem,
  ) {
    this.n = problem.lower.length;
    this.model = createModel(solver, problem);
  }

  dispose(): void {
    this.model.dispose();
  }

  /**
   * A solution with the sum of `columns` as small (or as large) as it can be: one solve settles
   * as many targets as it can. `infeasible` when the problem has no solution; null when the sum
   * is unbounded or the solver gives no answer.
   */
  extreme(
    columns: Iterable<number>,
    sense: 'minimise' | 'maximise',
  ): Float64Array | 'infeasible' | null {
    const status = this.run(columns, sense);
    const { optimal, infeasible, unboundedOrInfeasible } = this.solver.constants.modelStatus;
    if (status === infeasible || (status === unboundedOrInfeasible && sense === 'minimise')) {
      return 'infeasible';
    }
    return status === optimal ? Float64Array.from(this.model.getSolution().colValue) : null;
  }

  /**
   * The least and greatest value of column j, unless a solution on the way settles it
   * (`settled(x)`: the caller only needs to know j may be x). Every solution found is also
   * offered to `seen`, to settle other columns. Null when the solver gives no answer.
   */
  range(
    j: number,
    settled: (value: number) => boolean,
    seen: (solution: Float64Array) => void,
  ): Range | 'settled' | null {
    const { optimal, unbounded, unboundedOrInfeasible } = this.solver.constants.modelStatus;
    const low = this.run([j], 'minimise');
    if (low !== optimal) return null;
    const min = this.model.getObjectiveValue();
    const atMin = this.model.getSolution().colValue;
    seen(atMin);
    if (settled(min)) return 'settled';
    const high = this.run([j], 'maximise');
    if (high === unbounded || high === unboundedOrInfeasible) return 'settled';
    if (high !== optimal) return null;
    const max = this.model.getObjectiveValue();
    seen(this.model.getSolution().colValue);
    return settled(max) ? 'settled' : { min, max };
  }

  private run(columns: Iterable<number>, sense: 'minimise' | 'maximise') {
    const { minimize, maximize } = this.solver.constants.objectiveSense;
    this.model.changeColsCost({ kind: 'range', from: 0, to: this.n - 1 }, new Float64Array(this.n));
    for (const j of columns) this.model.changeColCost(j, 1);
    this.model.changeObjectiveSense(sense === 'minimise' ? minimize : maximize);
    let status = this.model.run().modelStatus;
    if (!this.solved) {
      this.solved = true;
      this.model.options.set({ presolve: 'off' });
    } else if (
      status !== this.solver.constants.modelStatus.optimal &&
      !isDecided(this.solver, status)
    ) {
      // A hot start that ends without an answer: solve again from scratch, with presolve. The
      // solver's state goes, not only the basis: after a hot start that stopped undecided, a
      // logical basis alone can stop undecided again (HiGHS 1.15 gives status 15, unknown, on a
      // maximise that is unbounded; test/disclosure/solver.test.ts has the case).
      this.model.options.set({ presolve: 'on' });
      this.model.clearSolver();
      status = this.model.run().modelStatus;
      this.model.options.set({ presolve: 'off' });
    }
    return status;
  }
}

/** Whether a status is an answer (optimal, infeasible or unbounded) rather than a stop. */
function isDecided(solver: Solver, status: number): boolean {
  const { optimal, infeasible, unbounded, unboundedOrInfeasible } = solver.constants.modelStatus;
  return [optimal, infeasible, unbounded, unboundedOrInfeasible].includes(status as never);
}

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
