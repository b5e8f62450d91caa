import { UnusableInputError } from '../errors.js';
import { parseJsonText } from '../io/jsonParse.js';
import { emptyRecord, ownValue } from '../ownKeys.js';

/** An absolute and a relative tolerance: a change passes when it is within either. */
export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
}

/** A tolerance that may set only one of its parts; the other comes from the next level up. */
export interface PartialTolerance {
  readonly abs?: number;
  readonly rel?: number;
}

/**
 * Tolerances for `tides check`: a metric's own (`"wellbeing_change.p_value"`) beats its table's
 * (`"inequality"`), which beats the default, part by part (a table that sets only `abs` keeps the
 * default `rel`).
 */
export interface Tolerances {
  readonly default: Tolerance;
  readonly tables: Readonly<Record<string, PartialTolerance>>;
  readonly metrics: Readonly<Record<string, PartialTolerance>>;
}

/** The default when neither flags nor a tolerances file say otherwise: equal up to rounding noise. */
export const DEFAULT_TOLERANCE: Tolerance = { abs: 1e-9, rel: 0 };

/** A tolerance as it applies to one metric, and the level it came from. */
export interface ResolvedTolerance extends Tolerance {
  readonly source: 'default' | 'table' | 'metric';
}

export function resolveTolerance(
  tolerances: Tolerances,
  table: string,
  metric: string,
): ResolvedTolerance {
  const ofMetric = ownValue(tolerances.metrics, `${table}.${metric}`);
  const ofTable = ownValue(tolerances.tables, table);
  const abs = ofMetric?.abs ?? ofTable?.abs ?? tolerances.default.abs;
  const rel = ofMetric?.rel ?? ofTable?.rel ?? tolerances.default.rel;
  const source =
    ofMetric?.abs !== undefined || ofMetric?.rel !== undefined
      ? 'metric'
      : ofTable?.abs !== undefined || ofTable?.rel !== undefined
        ? 'table'
        : 'default';
  return { abs, rel, source };
}

/** The largest change a tolerance allows from `baseline`: max(abs, rel × |baseline|). */
export function allowedChange(baseline: number, tolerance: Tolerance): number {
  return Math.max(tolerance.abs, tolerance.rel * Math.abs(baseline));
}

/**
 * Whether `current` is within tolerance of `baseline`: |current − baseline| ≤ max(abs, rel ×
 * |baseline|). A change that lands on the boundary passes even when binary floating point puts
 * it a few units in the last place beyond (1 → 1.1 with abs 0.1 differs by 0.10000000000000009);
 * a zero tolerance asks for exact equality.
 */
export function withinTolerance(baseline: number, current: number, tolerance: Tolerance): boolean {
  const allowed = allowedChange(baseline, tolerance);
  const difference = Math.abs(current - baseline);
  if (difference <= allowed) return true;
  if (allowed === 0) return false;
  const slack = 4 * Number.EPSILON * Math.max(Math.abs(baseline), Math.abs(current), allowed);
  return difference <= allowed + slack;
}

/**
 * The tolerances for a run: those of a tolerances file (if any), with its default replaced part by
 * part by the `--tolerance` (abs) and `--relative` (rel) flags when they are given.
 */
export function buildTolerances(file: Tolerances | null, flags: PartialTolerance): Tolerances {
  const base = file ?? { default: DEFAULT_TOLERANCE, tables: {}, metrics: {} };
  return {
    ...base,
    default: {
      abs: flags.abs ?? base.default.abs,
      rel: flags.rel ?? base.default.rel,
    },
  };
}

/**
 * Reads a tolerances file: `{"default": {"abs": 1e-9, "rel": 0}, "tables": {"inequality":
 * {"abs": 0.05}}, "metrics": {"wellbeing_change.p_value": {"rel": 0.01}}}`; every part optional.
 * Anything else (unknown keys, negative or non-numeric tolerances, a metric not written
 * `table.column`) is unusable input naming `label`, the file: a typo must not loosen a check
 * silently.
 */
export function parseTolerances(text: string, label: string): Tolerances {
  const value = parseJsonText(text, label);
  const fail = (why: string) => new UnusableInputError(`${label}: ${why}`);
  if (!isObject(value)) throw fail('expected an object with "default", "tables" and/or "metrics"');
  for (const key of Object.keys(value)) {
    if (key !== 'default' && key !== 'tables' && key !== 'metrics') {
      throw fail(`unknown key "${key}" (expected "default", "tables" or "metrics")`);
    }
  }
  const partial = (where: string, spec: unknown): PartialTolerance => {
    if (!isObject(spec)) throw fail(`${where} must be an object like {"abs": 0.01, "rel": 0}`);
    const out: { abs?: number; rel?: number } = {};
    for (const [part, amount] of Object.entries(spec)) {
      if (part !== 'abs' && part !== 'rel') {
        throw fail(`${where}: unknown key "${part}" (expected "abs" or "rel")`);
      }
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
        throw fail(`${where}.${part} must be a number ≥ 0, got ${JSON.stringify(amount)}`);
      }
      out[part] = amount;
    }
    return out;
  };
  const section = (name: 'tables' | 'metrics'): Record<string, PartialTolerance> => {
    const raw = value[name];
    const out = emptyRecord<PartialTolerance>();
    if (raw === undefined) return out;
    if (!isObject(raw)) throw fail(`"${name}" must be an object`);
    for (const [key, spec] of Object.entries(raw)) {
      if (name === 'metrics' && !/^[^.]+\.[^.]+$/.test(key)) {
        throw fail(`metric "${key}" must be written table.column, e.g. "wellbeing_change.p_value"`);
      }
      out[key] = partial(`${name}.${key}`, spec);
    }
    return out;
  };
  const defaults = value.default === undefined ? {} : partial('default', value.default);
  return {
    default: {
      abs: defaults.abs ?? DEFAULT_TOLERANCE.abs,
      rel: defaults.rel ?? DEFAULT_TOLERANCE.rel,
    },
    tables: section('tables'),
    metrics: section('metrics'),
  };
}

/**
 * Table and metric names in the tolerances that name nothing in either file, so a misspelt
 * `"inequalty"` is reported rather than silently ignored.
 */
export function unmatchedTolerances(
  tolerances: Tolerances,
  columnsByTable: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const unmatched: string[] = [];
  for (const table of Object.keys(tolerances.tables)) {
    if (!columnsByTable.has(table)) unmatched.push(`table "${table}"`);
  }
  for (const metric of Object.keys(tolerances.metrics)) {
    const [table, column] = metric.split('.') as [string, string];
    if (!columnsByTable.get(table)?.has(column)) unmatched.push(`metric "${metric}"`);
  }
  return unmatched;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
