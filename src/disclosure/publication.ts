import type { Table } from '../metrics/table.js';
import type { DisclosureRule } from './rule.js';

/** The grouping and period of the analysis a table comes from. */
export interface TableContext {
  /** Grouping dimensions, in column order (`[]` for an ungrouped table). */
  readonly by: readonly string[];
  /** The UK financial year the analysis was restricted to, or null for the whole programme. */
  readonly period: string | null;
}

/**
 * Where a table of an analysis grouped by `analysis.by` over `analysis.period` comes from: the
 * tables of people and change are grouped as the run was; cost is by partner; data quality is
 * the whole programme's; the rest (inequality, partners compared, social value) are ungrouped.
 */
export function tableContext(name: string, analysis: TableContext): TableContext {
  switch (name) {
    case 'reach':
    case 'reach_profile':
    case 'wellbeing_change':
    case 'band_change':
    case 'binary_change':
    case 'count_change':
      return { by: analysis.by, period: analysis.period };
    case 'cost':
      return { by: ['partner_id'], period: analysis.period };
    case 'data_quality':
    case 'row_accounting':
      return { by: [], period: null };
    default:
      return { by: [], period: analysis.period };
  }
}

/**
 * One table as published, with what an intruder (or the auditor) can know of it: its kind (the
 * schema it follows: `reach`, `wellbeing_change`…), the analysis it comes from, and whether it
 * lists every group of that analysis.
 */
export interface PublishedTable {
  /** The table's schema: one of the analysis tables' names. */
  readonly kind: string;
  /** The figures as published: counts, statistics and marks (`[c]`, `[x]`, `[z]`). */
  readonly table: Table;
  readonly context: TableContext;
  /**
   * false when only some of the analysis's groups are published (the years up to one, say): the
   * groups left out are then unknown, not zero.
   */
  readonly complete: boolean;
  /** Where the table is (a file, or the output it will be), for messages. */
  readonly source: string;
  /**
   * Half the last decimal place a statistic is published to (`27.58`: 0.005), when it was read
   * from a file; in a run, statistics are taken as exact (metrics.json publishes them in full).
   */
  readonly precision?: (row: number, column: string) => number | undefined;
  /** The table before disclosure control, row for row: known in a run, never to an auditor. */
  readonly truth?: Table;
  /**
   * Figures the intruder is taken to hold from another publication (what an analysis of the
   * whole programme by partner publishes, beside a yearly summary): not written by this run,
   * audited as shown, and never hidden to protect the run's own counts.
   */
  readonly known?: true;
}

/** Everything one run (or several, audited together) publishes, and the rule it follows. */
export interface Publication {
  readonly tables: readonly PublishedTable[];
  readonly rule: DisclosureRule;
  /**
   * Whether figures derived from counts (percentages, rates, costs per person) were computed from
   * the published, rounded counts, as tides computes them: their ratios then tell nothing more.
   */
  readonly ratiosFromRoundedCounts: boolean;
}

/** A count cell of a publication: table, row and column. */
export interface CellRef {
  readonly table: number;
  readonly row: number;
  readonly column: string;
}
