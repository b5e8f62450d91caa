import { betterChange, isDeclined, isImproved } from '../measures/change.js';
import { bandEdges, bandOf } from '../measures/registry.js';
import type { MeasureDefinition } from '../measures/types.js';
import type { Programme } from '../model/programme.js';
import { cohensDz } from '../stats/cohensDz.js';
import { meanInterval } from '../stats/meanInterval.js';
import { tTestOfMoments } from '../stats/pairedTTest.js';
import { sampleMoments } from '../stats/sampleMoments.js';
import { welchInterval } from '../stats/welchInterval.js';
import { wilcoxonSignedRank } from '../stats/wilcoxonSignedRank.js';
import { wilsonInterval } from '../stats/wilsonInterval.js';
import { adjustFamily } from './adjustedP.js';
import { groupCells, lineSets, range } from './grouping.js';
import type { AnalysisOptions } from './options.js';
import { MeasureSlotIndex, slotGroups } from './slots.js';
import {
  type Cell,
  type ColumnDef,
  NOT_APPLICABLE,
  NOT_AVAILABLE,
  num,
  row,
  type Table,
} from './table.js';

/**
 * What the statistics of one group × measure need: the baselines of those followed up and of
 * those lost, the paired differences, plain sums for the two other means, and band counts.
 * Worked out for one group at a time, so a national programme's largest group holds three
 * arrays of its size only while its row is made.
 */
interface ChangeGroup {
  readonly nBaseline: number;
  /** Σ of every baseline and of every follow-up, in slot order (as `mean` sums). */
  readonly baselineSum: number;
  readonly followupSum: number;
  readonly followedBaselines: Float64Array;
  readonly lostBaselines: Float64Array;
  /** Follow-up − baseline of each paired slot, in order. */
  readonly differences: Float64Array;
  /** People with both scores, by band label (at the index of the label's first band). */
  readonly bandsBefore: Int32Array;
  readonly bandsAfter: Int32Array;
}

/** The scores of a group's slots, in order (sized first, then filled). */
function changeGroup(
  programme: Programme,
  measure: MeasureDefinition,
  slots: ArrayLike<number>,
): ChangeGroup {
  // A slot is followed up when its follow-up score is a number (`pairs.has(slot, 1)`): each
  // score is read once, and bands are found on typed arrays (millions of slots at national scale).
  const [baseScore, followScore] = programme.pairs.score;
  const count = slots.length;
  let paired = 0;
  for (let i = 0; i < count; i++) {
    if (!Number.isNaN(followScore.get(slots[i] as number))) paired++;
  }
  const followedBaselines = new Float64Array(paired);
  const lostBaselines = new Float64Array(count - paired);
  const differences = new Float64Array(paired);
  const labelAt = bandLabelIndex(measure);
  const edges = bandEdges(measure);
  const bandsBefore = new Int32Array(labelAt.length);
  const bandsAfter = new Int32Array(labelAt.length);
  let baselineSum = 0;
  let followupSum = 0;
  let followed = 0;
  let lost = 0;
  for (let i = 0; i < count; i++) {
    const slot = slots[i] as number;
    const base = baseScore.get(slot);
    baselineSum += base;
    const follow = followScore.get(slot);
    if (Number.isNaN(follow)) {
      lostBaselines[lost++] = base;
      continue;
    }
    followupSum += follow;
    followedBaselines[followed] = base;
    differences[followed++] = follow - base;
    if (labelAt.length === 0) continue;
    const b = bandOf(edges, base);
    const f = bandOf(edges, follow);
    if (b >= 0) increment(bandsBefore, labelAt[b] as number);
    if (f >= 0) increment(bandsAfter, labelAt[f] as number);
  }
  return {
    nBaseline: count,
    baselineSum,
    followupSum,
    followedBaselines,
    lostBaselines,
    differences,
    bandsBefore,
    bandsAfter,
  };
}

/** Each band's label as the index of the first band with that label (two bands may share one). */
function bandLabelIndex(measure: MeasureDefinition): number[] {
  const labels = measure.bands.map((band) => band.label);
  return labels.map((label) => labels.indexOf(label));
}

function increment(counts: Int32Array, at: number): void {
  counts[at] = (counts[at] as number) + 1;
}

/**
 * Counts of a wellbeing_change row that add up. When one is hidden another must be: for the
 * first, the total number with a baseline goes first, so the paired statistics stay published.
 */
const CHANGE_IDENTITIES = [
  { cells: ['n_baseline', 'n_paired', 'n_lost'], spare: ['n_baseline'] },
  { cells: ['n_paired', 'n_improved', 'n_no_change', 'n_declined'] },
];

/**
 * The improved / no change / declined split. The spread of the changes (their SD, the t and
 * Wilcoxon statistics, the interval) is hidden with any count of it: scores are whole numbers,
 * so with a few pairs, the changes that give the published mean, SD, V and p can be listed,
 * and often only one split fits (an ONS measure's changes of −2, −1, −1, 0 and 2: mean −0.4,
 * SD 1.517, V 3.5, p 0.710). The mean change alone (their sum) leaves the split open.
 */
const SPLIT = ['n_improved', 'n_no_change', 'n_declined'];

export const WELLBEING_CHANGE_COLUMNS = (by: readonly string[]): ColumnDef[] => [
  ...by.map((name): ColumnDef => ({ name, kind: 'group' })),
  { name: 'measure', kind: 'text' },
  { name: 'direction', kind: 'text' },
  { name: 'n_baseline', kind: 'count', description: 'people with a baseline score' },
  { name: 'n_paired', kind: 'count', description: 'people with baseline and follow-up' },
  ...stat('followup_rate', ['n_baseline'], ['n_paired'], 'decimal1'),
  ...stat('followup_rate_lcl', ['n_baseline'], ['n_paired'], 'decimal1'),
  ...stat('followup_rate_ucl', ['n_baseline'], ['n_paired'], 'decimal1'),
  ...stat('mean_baseline', ['n_baseline'], [], 'decimal2'),
  ...stat('mean_followup', ['n_paired'], [], 'decimal2'),
  ...stat('mean_change', ['n_paired'], [], 'decimal2'),
  ...stat('change_lcl', ['n_paired'], SPLIT, 'decimal2'),
  ...stat('change_ucl', ['n_paired'], SPLIT, 'decimal2'),
  ...stat('sd_change', ['n_paired'], SPLIT, 'decimal2'),
  ...stat('t', ['n_paired'], SPLIT, 'decimal3'),
  ...stat('df', ['n_paired'], ['n_paired'], 'integer'),
  ...stat('p_value', ['n_paired'], SPLIT, 'pvalue'),
  {
    ...adjusted('p_holm', 'holm'),
  },
  {
    ...adjusted('p_bh', 'bh'),
  },
  ...stat('wilcoxon_v', ['n_paired'], SPLIT, 'decimal1'),
  ...stat('wilcoxon_p', ['n_paired'], SPLIT, 'pvalue'),
  // "exact" says there were fewer than 50 pairs and no zero or tied change.
  { name: 'wilcoxon_method', kind: 'text', basis: ['n_paired'], reveals: SPLIT },
  ...stat('effect_size_dz', ['n_paired'], SPLIT, 'decimal3'),
  { name: 'n_improved', kind: 'count' },
  ...stat('pct_improved', ['n_paired'], ['n_improved'], 'decimal1'),
  { name: 'n_no_change', kind: 'count' },
  ...stat('pct_no_change', ['n_paired'], ['n_no_change'], 'decimal1'),
  { name: 'n_declined', kind: 'count' },
  ...stat('pct_declined', ['n_paired'], ['n_declined'], 'decimal1'),
  { name: 'n_lost', kind: 'count', description: 'people with a baseline but no follow-up' },
  // With mean_baseline shown, this mean would give the mean of the lost back: it rests on both.
  ...stat('mean_baseline_followed', ['n_paired', 'n_lost'], [], 'decimal2'),
  ...stat('mean_baseline_lost', ['n_lost'], [], 'decimal2'),
  ...stat('attrition_diff', ['n_paired', 'n_lost'], [], 'decimal2'),
  ...stat('attrition_lcl', ['n_paired', 'n_lost'], [], 'decimal2'),
  ...stat('attrition_ucl', ['n_paired', 'n_lost'], [], 'decimal2'),
];

/** An adjusted p-value across the group rows of a measure (see `addAdjustedP`). */
function adjusted(name: string, method: 'holm' | 'bh'): ColumnDef {
  return {
    name,
    kind: 'number',
    basis: ['n_paired'],
    reveals: SPLIT,
    format: 'pvalue',
    adjusts: { p: 'p_value', method, family: ['measure'] },
  };
}

function stat(
  name: string,
  basis: string[],
  reveals: string[],
  format: ColumnDef['format'],
): ColumnDef[] {
  return [{ name, kind: 'number', basis, reveals, format }];
}

/**
 * The `wellbeing_change` table (the README's data contract) and the `band_change` table: per group ×
 * measure, paired pre/post statistics of the README's Methods. Group rows count episodes (a
 * person at two partners is in each partner's row); the `All` row counts each person once.
 */
export function wellbeingChange(
  programme: Programme,
  options: AnalysisOptions,
  index: MeasureSlotIndex = new MeasureSlotIndex(programme),
): { change: Table; bands: Table } {
  const rows: Record<string, Cell>[] = [];
  const bandRows: Record<string, Cell>[] = [];
  const bandAdditive: number[][] = [];
  programme.measures.measures.forEach((measure, m) => {
    // Yes/no and count measures have their own tables (binary_change, count_change).
    if (measure.type !== 'score') return;
    const slots = index.of(m, options.period);
    if (slots.slots.length === 0) return;
    const measureRows: Record<string, Cell>[] = [];
    for (const [key, list] of slotGroups(programme, options.by, slots)) {
      // One group's scores at a time: made into its rows, then left to the collector.
      const group = changeGroup(programme, measure, list);
      const cells = groupCells(options.by, key);
      measureRows.push(row(cells, changeRow(measure, group, options)));
      if (measure.bands.length > 0) {
        const bands = bandChangeRows(measure, group, cells, options.statisticCount);
        bandAdditive.push(range(bandRows.length, bandRows.length + bands.length));
        bandRows.push(...bands);
      }
    }
    addAdjustedP(measureRows, options.by.length > 0);
    rows.push(...measureRows);
  });
  return {
    change: {
      name: 'wellbeing_change',
      title: 'Wellbeing change from baseline to follow-up',
      method:
        'Paired differences (follow-up − baseline): mean with a t interval and paired t-test; Wilcoxon signed-rank as R ≤ 4.5 wilcox.test; Cohen’s dz; follow-up rate with a Wilson interval; attrition by a Welch interval; Holm and Benjamini–Hochberg adjusted p across group rows.',
      confidence: options.confidence,
      columns: WELLBEING_CHANGE_COLUMNS(options.by),
      rows,
      // Group rows add up to (about) their line's total: protect them from differencing.
      additive: lineSets(rows, options.by, (row) => String(row.measure)),
      identities: CHANGE_IDENTITIES,
    },
    bands: {
      name: 'band_change',
      title: 'Score bands at baseline and follow-up (people with both)',
      columns: [
        ...options.by.map((name): ColumnDef => ({ name, kind: 'group' })),
        { name: 'measure', kind: 'text' },
        { name: 'band', kind: 'text' },
        { name: 'n_paired', kind: 'count' },
        { name: 'n_baseline_band', kind: 'count' },
        ...stat('pct_baseline', ['n_paired'], ['n_baseline_band'], 'decimal1'),
        { name: 'n_followup_band', kind: 'count' },
        ...stat('pct_followup', ['n_paired'], ['n_followup_band'], 'decimal1'),
      ],
      rows: bandRows,
      additive: [
        ...bandAdditive,
        ...lineSets(bandRows, options.by, (row) => `${String(row.measure)}/${String(row.band)}`),
      ],
    },
  };
}

function changeRow(
  measure: MeasureDefinition,
  group: ChangeGroup,
  options: AnalysisOptions,
): Record<string, Cell> {
  const { confidence, statisticCount: c } = options;
  const { nBaseline, differences } = group;
  const nPaired = differences.length;
  // The t-test on the number of people as published (see AnalysisOptions.statisticCount).
  const moments = sampleMoments(differences, 'differences');
  const t = tTestOfMoments({ ...moments, n: c(moments.n) }, confidence);
  const wilcoxon = wilcoxonSignedRank(differences);
  const rate = wilsonInterval(c(nPaired), c(nBaseline), confidence);
  let improved = 0;
  let declined = 0;
  for (let i = 0; i < nPaired; i++) {
    const better = betterChange(measure, differences[i] as number);
    if (isImproved(measure, better)) improved++;
    else if (isDeclined(measure, better)) declined++;
  }
  const noChange = nPaired - improved - declined;
  const followed = meanInterval(group.followedBaselines, confidence);
  const lost = meanInterval(group.lostBaselines, confidence);
  const attrition = welchInterval(followed, lost, confidence);
  const pct = (x: number) => (nPaired > 0 ? (100 * c(x)) / c(nPaired) : Number.NaN);
  return {
    measure: measure.id,
    direction: measure.direction,
    n_baseline: nBaseline,
    n_paired: nPaired,
    followup_rate: num(100 * rate.estimate),
    followup_rate_lcl: num(100 * rate.lower),
    followup_rate_ucl: num(100 * rate.upper),
    mean_baseline: num(nBaseline > 0 ? group.baselineSum / nBaseline : Number.NaN),
    mean_followup: num(nPaired > 0 ? group.followupSum / nPaired : Number.NaN),
    mean_change: num(t.mean),
    change_lcl: num(t.lower),
    change_ucl: num(t.upper),
    sd_change: num(t.sd),
    t: num(t.t),
    df: num(t.df),
    p_value: num(t.pValue),
    p_holm: NOT_AVAILABLE,
    p_bh: NOT_AVAILABLE,
    wilcoxon_v: wilcoxon.method === 'none' ? NOT_AVAILABLE : wilcoxon.v,
    wilcoxon_p: num(wilcoxon.pValue),
    wilcoxon_method: wilcoxon.method,
    effect_size_dz: num(cohensDz(differences)),
    n_improved: improved,
    pct_improved: num(pct(improved)),
    n_no_change: noChange,
    pct_no_change: num(pct(noChange)),
    n_declined: declined,
    pct_declined: num(pct(declined)),
    n_lost: group.lostBaselines.length,
    mean_baseline_followed: num(followed.mean),
    mean_baseline_lost: num(lost.mean),
    attrition_diff: num(attrition.difference),
    attrition_lcl: num(attrition.lower),
    attrition_ucl: num(attrition.upper),
  };
}

/**
 * Holm and Benjamini–Hochberg adjusted p-values across the group rows of one measure (the `All`
 * row is a summary of the same people, not another test, so it is left out).
 */
function addAdjustedP(rows: Record<string, Cell>[], grouped: boolean): void {
  const total = rows[0];
  if (total) {
    total.p_holm = NOT_APPLICABLE;
    total.p_bh = NOT_APPLICABLE;
  }
  if (!grouped) return;
  const tested = rows.slice(1).filter((r) => typeof r.p_value === 'number');
  const p = tested.map((r) => r.p_value as number);
  const holm = adjustFamily(p, 'holm');
  const bh = adjustFamily(p, 'bh');
  tested.forEach((row, i) => {
    row.p_holm = holm[i] as Cell;
    row.p_bh = bh[i] as Cell;
  });
}

function bandChangeRows(
  measure: MeasureDefinition,
  group: ChangeGroup,
  cells: Record<string, string>,
  c: (count: number) => number,
): Record<string, Cell>[] {
  const nPaired = group.differences.length;
  const labelAt = bandLabelIndex(measure);
  const before = group.bandsBefore;
  const after = group.bandsAfter;
  return measure.bands.map((band, i) => {
    const nb = before[labelAt[i] as number] as number;
    const nf = after[labelAt[i] as number] as number;
    return row(cells, {
      measure: measure.id,
      band: band.label,
      n_paired: nPaired,
      n_baseline_band: nb,
      pct_baseline: nPaired > 0 ? (100 * c(nb)) / c(nPaired) : NOT_AVAILABLE,
      n_followup_band: nf,
      pct_followup: nPaired > 0 ? (100 * c(nf)) / c(nPaired) : NOT_AVAILABLE,
    });
  });
}
