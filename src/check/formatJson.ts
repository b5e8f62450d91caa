import type { CheckResult, MetricCheck } from './compareMetrics.js';
import { describeCheck } from './describeCheck.js';
import type { CheckLabels } from './formatText.js';
import { formatKey, keyObject } from './rowKey.js';
import type { Tolerances } from './tolerances.js';

/** Version of the `tides check --format json` document, raised on any incompatible change. */
export const CHECK_JSON_VERSION = 1;

/**
 * The machine-readable result: the verdict, the counts, per-table counts, and every check that
 * failed or concerns a row or column only in one file (allowed new rows included), in report
 * order. Values are full precision; `baseline`/`current` are omitted where the file has none.
 */
export function checkResultJson(
  result: CheckResult,
  labels: CheckLabels,
  tolerances: Tolerances,
): Record<string, unknown> {
  const s = result.summary;
  return {
    check_version: CHECK_JSON_VERSION,
    passed: result.passed,
    current: labels.current,
    baseline: labels.baseline,
    summary: {
      tables: s.tables,
      compared: s.compared,
      outside_tolerance: s.outsideTolerance,
      new_rows: s.newRows,
      missing_rows: s.missingRows,
      failures: s.failures,
    },
    tolerances,
    tables: result.tables.map((t) => ({
      table: t.table,
      key_columns: t.keyColumns,
      compared: t.checks.filter((c) => c.metric !== null).length,
      failures: t.checks.filter((c) => !c.passed).length,
      new_rows: t.checks.filter((c) => c.outcome === 'new_row').length,
      missing_rows: t.checks.filter((c) => c.outcome === 'missing_row').length,
    })),
    findings: result.tables.flatMap((t) =>
      t.checks.filter((c) => !c.passed || c.outcome !== 'within').map(findingJson),
    ),
  };
}

function findingJson(check: MetricCheck): Record<string, unknown> {
  return {
    table: check.table,
    key: keyObject(check.key),
    key_text: formatKey(check.key),
    metric: check.metric,
    outcome: check.outcome,
    passed: check.passed,
    ...(check.baseline !== undefined ? { baseline: check.baseline } : {}),
    ...(check.current !== undefined ? { current: check.current } : {}),
    change: check.change,
    tolerance:
      check.tolerance === null
        ? null
        : {
            abs: check.tolerance.abs,
            rel: check.tolerance.rel,
            source: check.tolerance.source,
            allowed: check.allowed,
          },
    message: describeCheck(check),
  };
}
