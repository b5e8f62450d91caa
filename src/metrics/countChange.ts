import type { MeasureDefinition } from '../measures/types.js';
import type { Programme } from '../model/programme.js';
import { tTestOfMoments } from '../stats/pairedTTest.js';
import { ratioOfTotals } from '../stats/ratioOfTotals.js';
import { sampleMoments } from '../stats/sampleMoments.js';
import { wilcoxonSignedRank } from '../stats/wilcoxonSignedRank.js';
import { groupCells, lineSets } from './grouping.js';
import type { AnalysisOptions } from './options.js';
import { MeasureSlotIndex, slotGroups } from './slots.js';
import {
  type Cell,
  type ColumnDef,
  moneyColumn,
  NOT_APPLICABLE,
  NOT_AVAILABLE,
  num,
  row,
  type Table,
} from './table.js';

/** The counts of one group's people followed up, baseline and follow-up, in slot order. */
interface CountGroup {
  readonly nBaseline: number;
  readonly before: Float64Array;
  readonly after: Float64Array;
}

function countGroup(programme: Programme, slots: ArrayLike<number>): CountGroup {
  const { pairs } = programme;
  const [baseScore, followScore] = pairs.score;
  let paired = 0;
  for (let i = 0; i < slots.length; i++) if (pairs.has(slots[i] as number, 1)) paired++;
  const before = new Float64Array(paired);
  const after = new Float64Array(paired);
  let k = 0;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as number;
    if (!pairs.has(slot, 1)) continue;
    before[k] = baseScore.get(slot);
    after[k++] = followScore.get(slot);
  }
  return { nBaseline: slots.length, before, after };
}

/** The split of the changes: the spread of the changes is hidden with any count of it. */
const SPLIT = ['n_reduced', 'n_no_change', 'n_increased'];

const stat = (name: string, reveals: string[], format: ColumnDef['format']): ColumnDef => ({
  name,
  kind: 'number',
  basis: ['n_paired'],
  reveals,
  format,
});

export const COUNT_CHANGE_COLUMNS = (by: readonly string[]): ColumnDef[] => [
  ...by.map((name): ColumnDef => ({ name, kind: 'group' })),
  { name: 'measure', kind: 'text' },
  { name: 'direction', kind: 'text' },
  { name: 'recall_period', kind: 'text' },
  { name: 'n_baseline', kind: 'count', description: 'people with a baseline count' },
  { name: 'n_paired', kind: 'count', description: 'people with baseline and follow-up counts' },
  stat('mean_baseline', [], 'decimal2'),
  stat('mean_followup', [], 'decimal2'),
  stat('mean_change', [], 'decimal2'),
  stat('change_lcl', SPLIT, 'decimal2'),
  stat('change_ucl', SPLIT, 'decimal2'),
  stat('p_value', SPLIT, 'pvalue'),
  stat('wilcoxon_p', SPLIT, 'pvalue'),
  stat('ratio', [], 'decimal3'),
  stat('ratio_lcl', SPLIT, 'decimal3'),
  stat('ratio_ucl', SPLIT, 'decimal3'),
  { name: 'n_reduced', kind: 'count', description: 'people whose count fell' },
  stat('pct_reduced', ['n_reduced'], 'decimal1'),
  { name: 'n_no_change', kind: 'count' },
  { name: 'n_increased', kind: 'count', description: 'people whose count rose' },
  stat('pct_increased', ['n_increased'], 'decimal1'),
  moneyColumn('unit_cost_gbp'),
  { ...moneyColumn('cost_change_gbp'), basis: ['n_paired'] },
  { ...moneyColumn('cost_change_lcl', SPLIT), basis: ['n_paired'] },
  { ...moneyColumn('cost_change_ucl', SPLIT), basis: ['n_paired'] },
];

const COUNT_IDENTITIES = [
  { cells: ['n_baseline', 'n_paired'], spare: ['n_baseline'] },
  { cells: ['n_paired', 'n_reduced', 'n_no_change', 'n_increased'] },
];

/**
 * The `count_change` table: per group × count measure (GP appointments, A&E attendances, nights
 * in hospital over a recall period), the mean count per person at baseline and at follow-up among
 * the people with both, the mean change with a t interval and the paired t and Wilcoxon tests (as
 * for scores), the ratio of the follow-up total to the baseline total with Fieller's interval for
 * paired means, the shares whose count fell and rose, and, for a measure with a unit cost, the change
 * in the cost of use per person (the README's Methods). Group rows count episodes, the `All` row
 * each person once.
 */
export function countChange(
  programme: Programme,
  options: AnalysisOptions,
  index: MeasureSlotIndex = new MeasureSlotIndex(programme),
): Table {
  const rows: Record<string, Cell>[] = [];
  programme.measures.measures.forEach((measure, m) => {
    if (measure.type !== 'count') return;
    const slots = index.of(m, options.period);
    if (slots.slots.length === 0) return;
    for (const [key, list] of slotGroups(programme, options.by, slots)) {
      rows.push(
        row(groupCells(options.by, key), countRow(measure, countGroup(programme, list), options)),
      );
    }
  });
  return {
    name: 'count_change',
    title: 'Counts of service use and other events at baseline and follow-up (people with both)',
    method:
      'Mean count per person among people with both counts; mean change (follow-up − baseline) with a t interval, paired t-test and Wilcoxon signed-rank as for scores; ratio of the follow-up to the baseline total with Fieller’s interval for a ratio of paired means; cost of use per person = mean change × unit cost.',
    confidence: options.confidence,
    columns: COUNT_CHANGE_COLUMNS(options.by),
    rows,
    additive: lineSets(rows, options.by, (r) => String(r.measure)),
    identities: COUNT_IDENTITIES,
  };
}

function countRow(
  measure: MeasureDefinition,
  group: CountGroup,
  options: AnalysisOptions,
): Record<string, Cell> {
  const { confidence, statisticCount: c } = options;
  const { before, after } = group;
  const n = before.length;
  const differences = new Float64Array(n);
  let reduced = 0;
  let increased = 0;
  let sumBefore = 0;
  let sumAfter = 0;
  for (let i = 0; i < n; i++) {
    const d = (after[i] as number) - (before[i] as number);
    differences[i] = d;
    sumBefore += before[i] as number;
    sumAfter += after[i] as number;
    if (d < 0) reduced++;
    else if (d > 0) increased++;
  }
  // The t-test on the number of people as published (see AnalysisOptions.statisticCount).
  const moments = sampleMoments(differences, 'differences');
  const t = tTestOfMoments({ ...moments, n: c(moments.n) }, confidence);
  const wilcoxon = wilcoxonSignedRank(differences);
  const ratio = ratioOfTotals(before, after, { confidence, people: c(n) });
  const shown = c(n);
  const pct = (x: number): Cell => (shown > 0 ? (100 * c(x)) / shown : NOT_AVAILABLE);
  const unit = measure.unitCost?.gbp;
  const cost = (x: number): Cell =>
    unit === undefined ? NOT_APPLICABLE : Number.isFinite(x) ? x * unit : NOT_AVAILABLE;
  return {
    measure: measure.id,
    direction: measure.direction,
    recall_period: measure.recallPeriod ?? NOT_AVAILABLE,
    n_baseline: group.nBaseline,
    n_paired: n,
    mean_baseline: num(n > 0 ? sumBefore / n : Number.NaN),
    mean_followup: num(n > 0 ? sumAfter / n : Number.NaN),
    mean_change: num(t.mean),
    change_lcl: num(t.lower),
    change_ucl: num(t.upper),
    p_value: num(t.pValue),
    wilcoxon_p: num(wilcoxon.pValue),
    ratio: num(ratio.estimate),
    ratio_lcl: num(ratio.lower),
    ratio_ucl: num(ratio.upper),
    n_reduced: reduced,
    pct_reduced: pct(reduced),
    n_no_change: n - reduced - increased,
    n_increased: increased,
    pct_increased: pct(increased),
    unit_cost_gbp: unit ?? NOT_APPLICABLE,
    cost_change_gbp: cost(t.mean),
    cost_change_lcl: cost(t.lower),
    cost_change_ucl: cost(t.upper),
  };
}
