import {
  FUNNEL_95,
  FUNNEL_998,
  type FunnelLimits,
  funnelFlag,
  meanFunnelLimits,
  proportionFunnelLimits,
} from '../stats/funnelLimits.js';
import {
  ALL,
  type Cell,
  type ColumnDef,
  isMark,
  NOT_AVAILABLE,
  SUPPRESSED,
  type Table,
} from './table.js';

/** The statistics partners are compared on, in the order of the table. */
export const COMPARED = ['mean_change', 'followup_rate', 'pct_core20'] as const;
export type ComparedStatistic = (typeof COMPARED)[number];

type Row = Readonly<Record<string, Cell>>;

export interface PartnerComparisonInputs {
  /** The published (disclosure-controlled) reach and wellbeing_change tables. */
  readonly reach: Table;
  readonly wellbeing_change: Table;
  /** The analysis grouping: partners are compared only when it includes partner_id. */
  readonly by: readonly string[];
  /** The measure whose mean change is compared (the config's primary measure). */
  readonly primaryMeasure: string;
  /** Partner id → name, from partners.csv. */
  readonly partnerNames: ReadonlyMap<string, string>;
}

/**
 * Partners compared fairly, whatever their size: funnel plots' control limits at 95% and 99.8%
 * around the programme's value (the `All` row) for the primary measure's mean change, the
 * follow-up rate and the Core20 share, and where each partner lies (`above_99.8` … `below_99.8`).
 * Proportions have the limits of PHEindicatormethods' `calculate_funnel_limits` (Wilson-based);
 * a mean has target ± z·SD/√n with the programme's SD of the change.
 *
 * Every figure comes from the published tables, never from the data: `n` and `value` are copies
 * of published cells (marks included), and the target, the SD and the limits are computed from
 * published cells only (the limits from the published `n`, rounded when counts are rounded). So
 * the table tells an intruder nothing the published tables do not; a partner whose value is
 * hidden has no flag, and one whose `n` is hidden has no limits.
 *
 * Null when the analysis is not grouped by partner (there are no partner rows to compare).
 */
export function partnerComparison(inputs: PartnerComparisonInputs): Table | null {
  if (!inputs.by.includes('partner_id')) return null;
  const others = inputs.by.filter((d) => d !== 'partner_id');
  const isPartnerRow = (row: Row) =>
    typeof row.partner_id === 'string' &&
    row.partner_id !== ALL &&
    others.every((d) => row[d] === ALL);
  const isTotal = (row: Row) => inputs.by.every((d) => row[d] === ALL);

  const rows: Record<string, Cell>[] = [];
  const change = inputs.wellbeing_change.rows.filter((r) => r.measure === inputs.primaryMeasure);
  const changeTotal = change.find(isTotal);
  const reachTotal = inputs.reach.rows.find(isTotal);
  const sources: Record<ComparedStatistic, { rows: readonly Row[]; total: Row | undefined }> = {
    mean_change: { rows: change.filter(isPartnerRow), total: changeTotal },
    followup_rate: { rows: change.filter(isPartnerRow), total: changeTotal },
    pct_core20: { rows: inputs.reach.rows.filter(isPartnerRow), total: reachTotal },
  };
  for (const statistic of COMPARED) {
    const { rows: partners, total } = sources[statistic];
    const spec = SPECS[statistic];
    const target = total?.[spec.value] ?? NOT_AVAILABLE;
    const sd = total?.sd_change ?? NOT_AVAILABLE;
    for (const row of partners) {
      const id = row.partner_id as string;
      const n = row[spec.n] ?? NOT_AVAILABLE;
      const value = row[spec.value] ?? NOT_AVAILABLE;
      const limits = funnel(statistic, target, sd, n);
      rows.push({
        statistic,
        partner_id: id,
        partner_name: inputs.partnerNames.get(id) ?? NOT_AVAILABLE,
        n,
        value,
        target,
        lcl95: limits.at95?.lower ?? limits.mark,
        ucl95: limits.at95?.upper ?? limits.mark,
        lcl998: limits.at998?.lower ?? limits.mark,
        ucl998: limits.at998?.upper ?? limits.mark,
        flag:
          typeof value === 'number' && limits.at95 && limits.at998
            ? funnelFlag(value, limits.at95, limits.at998)
            : isMark(value) && value.mark === 'c'
              ? SUPPRESSED
              : limits.mark,
      });
    }
  }
  return {
    name: 'partner_comparison',
    title: 'Partners compared: funnel plot limits around the programme value',
    columns: COLUMNS,
    rows,
    confidence: 0.95,
  };
}

/** Where each statistic's size and value are in the published tables. */
const SPECS: Readonly<Record<ComparedStatistic, { n: string; value: string }>> = {
  mean_change: { n: 'n_paired', value: 'mean_change' },
  followup_rate: { n: 'n_baseline', value: 'followup_rate' },
  pct_core20: { n: 'n_imd_known', value: 'pct_core20' },
};

/**
 * The limits at 95% and 99.8%, or the mark that stands for them: `[c]` when the size is hidden
 * (limits would give it back), `[x]` when there is no size or no target to draw them around.
 */
function funnel(
  statistic: ComparedStatistic,
  target: Cell,
  sd: Cell,
  n: Cell,
): { at95?: FunnelLimits; at998?: FunnelLimits; mark: Cell } {
  if (isMark(n) && n.mark === 'c') return { mark: SUPPRESSED };
  if (typeof n !== 'number' || n <= 0 || typeof target !== 'number') return { mark: NOT_AVAILABLE };
  const limits = comparisonLimits(statistic, target, typeof sd === 'number' ? sd : null, n);
  return limits ? { ...limits, mark: NOT_AVAILABLE } : { mark: NOT_AVAILABLE };
}

/**
 * A statistic's control limits at 95% and 99.8% at size `n` around `target`, on the table's
 * scale (points for the mean change, percentages otherwise): the table's limits at each
 * partner's n, and the funnel plot's curves. Null for a mean without the programme's SD.
 */
export function comparisonLimits(
  statistic: ComparedStatistic,
  target: number,
  sd: number | null,
  n: number,
): { at95: FunnelLimits; at998: FunnelLimits } | null {
  if (statistic === 'mean_change') {
    if (sd === null) return null;
    return {
      at95: meanFunnelLimits(target, sd, n, FUNNEL_95),
      at998: meanFunnelLimits(target, sd, n, FUNNEL_998),
    };
  }
  // Percentages in the tables; proportions for the limits.
  const scaled = (limits: FunnelLimits) => ({
    lower: limits.lower * 100,
    upper: limits.upper * 100,
  });
  return {
    at95: scaled(proportionFunnelLimits(target / 100, n, FUNNEL_95)),
    at998: scaled(proportionFunnelLimits(target / 100, n, FUNNEL_998)),
  };
}

const limit = (name: string, description: string): ColumnDef => ({
  name,
  kind: 'number',
  format: 'decimal2',
  description,
});

/**
 * The columns. `n` is a count copied from a published table; the figures beside it are copies or
 * functions of published figures, so the table needs no disclosure rule of its own (see
 * {@link partnerComparison}): it is kind `text` and `number` without a basis, and `n` a count
 * that is already protected.
 */
const COLUMNS: readonly ColumnDef[] = [
  { name: 'statistic', kind: 'text' },
  { name: 'partner_id', kind: 'text' },
  { name: 'partner_name', kind: 'text' },
  { name: 'n', kind: 'count', description: 'people the value rests on (as published)' },
  { name: 'value', kind: 'number', format: 'decimal2', description: 'the partner’s value' },
  { name: 'target', kind: 'number', format: 'decimal2', description: 'the programme’s value' },
  limit('lcl95', 'lower 95% control limit at the partner’s n'),
  limit('ucl95', 'upper 95% control limit'),
  limit('lcl998', 'lower 99.8% control limit'),
  limit('ucl998', 'upper 99.8% control limit'),
  { name: 'flag', kind: 'text' },
];
