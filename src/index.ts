/**
 * tides as a library: the work of each command, returning typed results, without printing or
 * exiting. The `tides` CLI is a thin layer over these functions (see the README, "Library").
 *
 * ```ts
 * import { analyse } from 'tides-eval';
 * const result = await analyse('data/', { by: ['partner_id'], out: 'report/' });
 * ```
 */
export {
  type AnalyseOptions,
  type Analysis,
  type AnalysisResult,
  analyse,
} from './api/analyse.js';
export { type AuditOptions, audit, type OutputsAudit } from './api/audit.js';
export { type CheckOptions, type CheckRun, check } from './api/check.js';
export {
  type DisclosureOptions,
  OUTPUT_FORMATS,
  type OutputFormat,
  type PublishingOptions,
  type ReadingOptions,
  SII_SIMULATIONS,
  TEMPLATE_FORMATS,
  type TemplateFormat,
} from './api/options.js';
export type { DataSummary, RunResult } from './api/runResult.js';
export {
  type SummariseOptions,
  type SummaryResult,
  type SummaryTable,
  summarise,
} from './api/summarise.js';
export {
  type TemplateOptions,
  type TemplateResult,
  template,
} from './api/template.js';
export { type ValidateOptions, type ValidationResult, validate } from './api/validate.js';
export type { CheckResult } from './check/index.js';
export type { Issue } from './contract/issues.js';
export type { AuditResult, UnprotectedCount } from './disclosure/audit.js';
export { DISCLOSURE_PRESETS, type DisclosureRule } from './disclosure/index.js';
export { DisclosureError } from './disclosure/protect.js';
export { EXIT, type ExitCode, UnusableInputError, UsageError } from './errors.js';
export type { WrittenOutput } from './io/runFolder.js';
export type { LoadProgress } from './load/loadProgramme.js';
export { DIMENSIONS, type Dimension } from './metrics/grouping.js';
export type { AnalysisTables } from './metrics/index.js';
export {
  type ColumnReference,
  columnLabel,
  GROUP_COLUMNS,
  JSON_OUTPUT_REFERENCE,
  OUTPUT_REFERENCE,
  type PublishedTableName,
  type TableReference,
  tableReference,
  type Unit,
} from './metrics/reference.js';
export {
  type Cell,
  type ColumnDef,
  isMark,
  type Mark,
  NOT_APPLICABLE,
  NOT_AVAILABLE,
  SUPPRESSED,
  type Table,
} from './metrics/table.js';
