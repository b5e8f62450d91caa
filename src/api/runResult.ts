import type { DisclosureRule } from '../disclosure/index.js';
import type { WrittenOutput } from '../io/runFolder.js';
import type { RuleCount } from '../model/issueTally.js';
import type { FileReport, Programme, RowTotals } from '../model/programme.js';

/**
 * What every run that reads an input folder tells its caller about the data: the files read
 * with their rows read, used and rejected (true counts: this is the evaluator's record, not a
 * publication; the published counts are in the tables and the manifest), and the issues found.
 */
export interface DataSummary {
  readonly files: readonly Pick<FileReport, 'path' | 'kind' | 'read' | 'used' | 'rejected'>[];
  readonly totals: { readonly participants: RowTotals; readonly outcomes: RowTotals };
  readonly errors: number;
  readonly warnings: number;
  /** The issues of each rule: how many, how many are errors, and the first three. */
  readonly issues: readonly RuleCount[];
}

/** What a publishing run (analyse, summarise) wrote, and what it read. */
export interface RunResult extends DataSummary {
  /** The output folder. */
  readonly out: string;
  /** The outputs written, each with its size and SHA-256, as the manifest lists them. */
  readonly outputs: readonly WrittenOutput[];
  /** The run's manifest, in `out`. */
  readonly manifest: string;
  /** The disclosure rule applied. */
  readonly rule: DisclosureRule;
  /** True when disclosure control was off: the outputs are NOT FOR PUBLICATION. */
  readonly notForPublication: boolean;
}

export function dataSummary(programme: Programme): DataSummary {
  return {
    files: programme.files.map(({ path, kind, read, used, rejected }) => ({
      path,
      kind,
      read,
      used,
      rejected,
    })),
    totals: programme.totals,
    errors: programme.errors,
    warnings: programme.warnings,
    issues: programme.issues.rules(),
  };
}

export function runResult(
  programme: Programme,
  rule: DisclosureRule,
  out: string,
  written: readonly WrittenOutput[],
  manifest: string,
): RunResult {
  return {
    ...dataSummary(programme),
    out,
    outputs: written,
    manifest,
    rule,
    notForPublication: !rule.enabled,
  };
}
