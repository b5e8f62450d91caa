import type { MetricsFile } from './metricsFile.js';

/**
 * The options that define what an analysis computes: grouping, period and disclosure control.
 * Two metrics files that differ in any of them describe different analyses, so comparing them
 * figure by figure would report meaningless "regressions". Run-time settings that only move
 * figures (confidence simulations, seed) are not listed: their effect shows up as metric changes.
 */
export const DEFINING_OPTIONS = ['by', 'period', 'min_cell'] as const;

/** Further defining options, compared when both files record them (older files may not). */
export const RECORDED_OPTIONS = ['round_to', 'preset', 'suppress', 'confidence'] as const;

/** An option whose value differs between the current and the baseline analysis. */
export interface OptionDifference {
  readonly option: string;
  readonly current: unknown;
  readonly baseline: unknown;
}

/**
 * The defining options that differ. One of {@link DEFINING_OPTIONS} missing from a file counts as
 * null (`period` is null when the analysis is not restricted); one of {@link RECORDED_OPTIONS} is
 * compared only when both files record it.
 */
export function analysisDifferences(
  current: MetricsFile,
  baseline: MetricsFile,
): OptionDifference[] {
  const differences: OptionDifference[] = [];
  const recordedInBoth = RECORDED_OPTIONS.filter(
    (option) => option in current.options && option in baseline.options,
  );
  for (const option of [...DEFINING_OPTIONS, ...recordedInBoth]) {
    const a = current.options[option] ?? null;
    const b = baseline.options[option] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      differences.push({ option, current: a, baseline: b });
    }
  }
  return differences;
}

/** One line for a user: `by (current ["imd_quintile"], baseline ["partner_id"])`, … */
export function describeDifferences(differences: readonly OptionDifference[]): string {
  return differences
    .map(
      (d) =>
        `${d.option} (current ${JSON.stringify(d.current)}, baseline ${JSON.stringify(d.baseline)})`,
    )
    .join(', ');
}
