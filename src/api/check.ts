import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  analysisDifferences,
  buildTolerances,
  type CheckLabels,
  type CheckResult,
  comparedColumns,
  compareMetrics,
  describeDifferences,
  type MetricsFile,
  parseMetricsFile,
  parseTolerances,
  type Tolerances,
  unmatchedTolerances,
} from '../check/index.js';
import { UnusableInputError } from '../errors.js';
import { describeFsError } from '../io/outputDir.js';
import { readRegularText } from '../io/regularFile.js';

/** The options of {@link check}: `tides check`'s, by the same names. */
export interface CheckOptions {
  /** The baseline metrics.json (or the folder that holds it). */
  readonly baseline: string;
  /** Absolute tolerance for every metric (default 1e-9). */
  readonly tolerance?: number;
  /** Relative tolerance for every metric (default 0). */
  readonly relative?: number;
  /** A tolerances file: `default`, per-`tables` and per-`metrics` tolerances. */
  readonly tolerances?: string;
  /** New rows pass instead of failing. */
  readonly allowNew?: boolean;
}

/** A comparison of a metrics.json with its baseline. */
export interface CheckRun {
  readonly result: CheckResult;
  /** The two files compared. */
  readonly labels: CheckLabels;
  readonly tolerances: Tolerances;
  /** Tolerances of the tolerances file that matched no column of either file (misspelt). */
  readonly unmatched: readonly string[];
}

/**
 * Compares `current` (a metrics.json, or the folder that holds it) with its baseline, metric by
 * metric, as `tides check` does: `result.passed` is false when a figure moved beyond its
 * tolerance, became suppressed, or a row is new or missing. Nothing is printed; nothing exits.
 *
 * @throws {UnusableInputError} when a file is missing, not tides metrics, or from a different
 *   analysis (other grouping, period or disclosure rule)
 */
export async function check(current: string, options: CheckOptions): Promise<CheckRun> {
  const currentPath = await metricsPath(current);
  const baselinePath = await metricsPath(options.baseline);
  const now = parseMetricsFile(await readText(currentPath, 'current metrics'), currentPath);
  const baseline = parseMetricsFile(await readText(baselinePath, 'baseline'), baselinePath);
  assertComparable(now, currentPath, baseline, baselinePath);
  const tolerances = await loadTolerances(options);
  const result = compareMetrics(now, baseline, tolerances, { allowNew: options.allowNew === true });
  return {
    result,
    labels: { current: currentPath, baseline: baselinePath },
    tolerances,
    unmatched: unmatchedTolerances(tolerances, comparedColumns(result)),
  };
}

/** Comparing different analyses (schema, grouping, period, disclosure) is meaningless: exit 2. */
function assertComparable(
  current: MetricsFile,
  currentPath: string,
  baseline: MetricsFile,
  baselinePath: string,
): void {
  if (current.schemaVersion !== baseline.schemaVersion) {
    throw new UnusableInputError(
      `${currentPath} has schema_version ${current.schemaVersion} but the baseline ${baselinePath} has ${baseline.schemaVersion}; update the baseline with --update`,
    );
  }
  const differences = analysisDifferences(current, baseline);
  if (differences.length > 0) {
    throw new UnusableInputError(
      `${currentPath} and the baseline ${baselinePath} are different analyses: ${describeDifferences(differences)}; run tides analyse with the baseline's options, or replace the baseline with --update`,
    );
  }
}

export async function loadTolerances(cli: CheckOptions): Promise<Tolerances> {
  const file = cli.tolerances
    ? parseTolerances(await readText(cli.tolerances, 'tolerances file'), cli.tolerances)
    : null;
  return buildTolerances(file, {
    ...(cli.tolerance !== undefined ? { abs: cli.tolerance } : {}),
    ...(cli.relative !== undefined ? { rel: cli.relative } : {}),
  });
}

/** A folder stands for the metrics.json inside it (`tides check report/ --baseline baseline/`). */
export async function metricsPath(path: string): Promise<string> {
  try {
    if ((await stat(path)).isDirectory()) return join(path, 'metrics.json');
  } catch {
    // A path that does not exist is reported when it is read (or created by --update).
  }
  return path;
}

export async function readText(path: string, role: string): Promise<string> {
  try {
    return readRegularText(path);
  } catch (error) {
    throw new UnusableInputError(
      `cannot read the ${role} file ${path} (${describeFsError(error)})`,
    );
  }
}
