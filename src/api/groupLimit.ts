import { UsageError } from '../errors.js';
import { countGroups } from '../metrics/groupCount.js';
import type { Dimension } from '../metrics/grouping.js';
import type { Programme } from '../model/programme.js';
import { groupDigits } from '../report/format.js';

/**
 * The most groups (rows of the reach table, margins and total included) a run publishes. Each
 * group takes some 40 rows of reach_profile and 50 KB of report.html: 10,000 groups (the most
 * partners `tides generate` makes, with the total) give about 400,000 profile rows, a 500 MB
 * report and a minute's work; 40,000 cohorts would give 1.6 million rows and 2.9 GB, tables
 * nobody can publish or read.
 */
export const MAX_GROUPS = 10_000;

/**
 * Refuses (exit 2), right after loading and before any analysis, a grouping that would make more
 * than {@link MAX_GROUPS} groups, naming each dimension and its number of categories.
 */
export function checkGroupLimit(
  programme: Programme,
  by: readonly Dimension[],
  period: string | null,
): void {
  if (by.length === 0) return;
  const { groups, categories } = countGroups(programme, by, period);
  if (groups <= MAX_GROUPS) return;
  const counts = categories
    .map(({ dimension, count }) => `${dimension} has ${groupDigits(String(count))} categories`)
    .join(', ');
  const made = by.length > 1 ? ' (with the margins and the total)' : ' (with the total)';
  throw new UsageError(
    `--by ${by.join(',')} makes ${groupDigits(String(groups))} groups${made}: ${counts}${period ? ` in ${period}` : ''}; ` +
      `tides publishes at most ${groupDigits(String(MAX_GROUPS))} groups in a run: group by fewer or coarser dimensions`,
  );
}
