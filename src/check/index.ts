export {
  analysisDifferences,
  DEFINING_OPTIONS,
  describeDifferences,
  type OptionDifference,
  RECORDED_OPTIONS,
} from './analysisOptions.js';
export {
  type CheckOutcome,
  type CheckResult,
  type CheckSummary,
  type CompareOptions,
  comparedColumns,
  compareMetrics,
  type MetricCheck,
  ROW_ACCOUNTING_TABLE,
  type TableCheck,
} from './compareMetrics.js';
export { describeCheck, formatChange, formatTolerance, formatValue } from './describeCheck.js';
export { CHECK_JSON_VERSION, checkResultJson } from './formatJson.js';
export {
  type CheckLabels,
  DIFF_LINE_LIMIT,
  formatCheckText,
  PLAIN,
  summaryLine,
  summaryText,
  type TextStyle,
} from './formatText.js';
export {
  type MetricCell,
  type MetricRow,
  type MetricsFile,
  type MetricsTable,
  parseMetricsFile,
  SUPPORTED_SCHEMA_VERSIONS,
} from './metricsFile.js';
export { escapeXml, renderJunit } from './renderJunit.js';
export {
  compareKeys,
  DESCRIPTIVE_COLUMNS,
  formatKey,
  IDENTIFYING_COLUMNS,
  keyColumns,
  keyId,
  keyObject,
  naturalCompare,
  type RowKey,
  rowKeys,
} from './rowKey.js';
export {
  allowedChange,
  buildTolerances,
  DEFAULT_TOLERANCE,
  type PartialTolerance,
  parseTolerances,
  type ResolvedTolerance,
  resolveTolerance,
  type Tolerance,
  type Tolerances,
  unmatchedTolerances,
  withinTolerance,
} from './tolerances.js';
