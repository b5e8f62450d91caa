import type { MeasureDefinition } from '../measures/types.js';
import type { Programme } from '../model/programme.js';
import {
  mcnemarChiSquareP,
  mcnemarExactP,
  pairedProportionDifference,
} from '../stats/pairedProportions.js';
import { wilsonInterval } from '../stats/wilsonInterval.js';
import { groupCells, lineSets } from './grouping.js';
import type { AnalysisOptions } from './options.js';
import { MeasureSlotIndex, slotGroups } from './slots.js';
import { type Cell, type ColumnDef, NOT_AVAILABLE, num, row, type Table } from './table.js';

/** The paired 2 × 2 table of one group (a: yes → yes, b: yes → no, c: no → yes, d: no → no). */
interface BinaryGroup {
  readonly nBaseline: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

function binaryGroup(programme: Programme, slots: ArrayLike<number>): BinaryGroup {
  const { pairs } = programme;
  const [baseScore, followScore] = pairs.score;
  const cells = [0, 0, 0, 0];
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as number;
    if (!pairs.has(slot, 1)) continue;
    const before = baseScore.get(slot) === 1 ? 0 : 2;
    const after = followScore.get(slot) === 1 ? 0 : 1;
    cells[before + after] = (cells[before + after] as number) + 1;
  }
  const [a, b, c, d] = cells as [number, number, number, number];
  return { nBaseline: slots.length, a, b, c, d };
}

/** Every count of the discordant pairs: the spread of the change rests on them. */
const DISCORDANT = ['n_became_yes', 'n_became_no'];
const EVERY_COUNT = ['n_yes_baseline', 'n_yes_followup', ...DISCORDANT];

const stat = (name: string, reveals: string[], format: ColumnDef['format']): ColumnDef => ({
  name,
  kind: 'number',
  basis: ['n_paired'],
  reveals,
  format,
});

export const BINARY_CHANGE_COLUMNS = (by: readonly string[]): ColumnDef[] => [
  ...by.map((name): ColumnDef => ({ name, kind: 'group' })),
  { name: 'measure', kind: 'text' },
  { name: 'better', kind: 'text' },
  { name: 'n_baseline', kind: 'count', description: 'people with a baseline answer' },
  { name: 'n_paired', kind: 'count', description: 'people with baseline and follow-up answers' },
  { name: 'n_yes_baseline', kind: 'count' },
  stat('pct_yes_baseline', ['n_yes_baseline'], 'decimal1'),
  stat('pct_yes_baseline_lcl', ['n_yes_baseline'], 'decimal1'),
  stat('pct_yes_baseline_ucl', ['n_yes_baseline'], 'decimal1'),
  { name: 'n_yes_followup', kind: 'count' },
  stat('pct_yes_followup', ['n_yes_followup'], 'decimal1'),
  stat('pct_yes_followup_lcl', ['n_yes_followup'], 'decimal1'),
  stat('pct_yes_followup_ucl', ['n_yes_followup'], 'decimal1'),
  // (c − b) / n: with the two shares it is their difference, but its interval rests on all four.
  stat('pct_point_change', EVERY_COUNT, 'decimal1'),
  stat('pct_point_change_lcl', EVERY_COUNT, 'decimal1'),
  stat('pct_point_change_ucl', EVERY_COUNT, 'decimal1'),
  { name: 'n_became_yes', kind: 'count', description: 'no at baseline, yes at follow-up' },
  { name: 'n_became_no', kind: 'count', description: 'yes at baseline, no at follow-up' },
  stat('p_mcnemar_exact', DISCORDANT, 'pvalue'),
  stat('p_mcnemar_chisq', DISCORDANT, 'pvalue'),
  stat('pct_improved', DISCORDANT, 'decimal1'),
];

/**
 * Counts of a row that add up: with one hidden, another must be. The rest of the 2 × 2 (yes at
 * follow-up = yes at baseline + became yes − became no) is a difference, not a sum: the
 * publication's protection relates it (disclosure/relations.ts).
 */
const BINARY_IDENTITIES = [{ cells: ['n_baseline', 'n_paired'], spare: ['n_baseline'] }];

/**
 * The `binary_change` table: per group × yes/no measure, the share answering yes at baseline and
 * at follow-up among the people with both answers, the change in percentage points with
 * Newcombe's paired interval, the discordant pairs and McNemar's tests (the README's Methods).
 * Group rows count episodes, the `All` row each person once, as in `wellbeing_change`.
 */
export function binaryChange(
  programme: Programme,
  options: AnalysisOptions,
  index: MeasureSlotIndex = new MeasureSlotIndex(programme),
): Table {
  const rows: Record<string, Cell>[] = [];
  programme.measures.measures.forEach((measure, m) => {
    if (measure.type !== 'binary') return;
    const slots = index.of(m, options.period);
    if (slots.slots.length === 0) return;
    for (const [key, list] of slotGroups(programme, options.by, slots)) {
      rows.push(
        row(groupCells(options.by, key), binaryRow(measure, binaryGroup(programme, list), options)),
      );
    }
  });
  return {
    name: 'binary_change',
    title: 'Yes/no outcomes at baseline and follow-up (people with both answers)',
    method:
      'Shares answering yes with Wilson intervals; change in percentage points (follow-up − baseline) with Newcombe’s (1998) hybrid score interval for paired proportions (method 10); McNemar’s exact test (two-sided binomial test of the discordant pairs, as R binom.test) and chi-square test with continuity correction (as R mcnemar.test).',
    confidence: options.confidence,
    columns: BINARY_CHANGE_COLUMNS(options.by),
    rows,
    additive: lineSets(rows, options.by, (r) => String(r.measure)),
    identities: BINARY_IDENTITIES,
  };
}

function binaryRow(
  measure: MeasureDefinition,
  group: BinaryGroup,
  options: AnalysisOptions,
): Record<string, Cell> {
  const { confidence, statisticCount: count } = options;
  const paired = group.a + group.b + group.c + group.d;
  // Statistics from the counts as published (rounded, when counts are rounded): each share from
  // its published count and n; the change and McNemar's tests from the 2 × 2 of rounded cells.
  const n = count(paired);
  const base = wilsonInterval(count(group.a + group.b), n, confidence);
  const follow = wilsonInterval(count(group.a + group.c), n, confidence);
  const a = count(group.a);
  const b = count(group.b);
  const c = count(group.c);
  const d = count(group.d);
  const change = pairedProportionDifference({ a, b, c, d }, confidence);
  const yesIsBetter = measure.direction === 'higher_better';
  const improved = count(yesIsBetter ? group.c : group.b);
  const percent = (x: number) => num(100 * x);
  return {
    measure: measure.id,
    better: yesIsBetter ? 'yes' : 'no',
    n_baseline: group.nBaseline,
    n_paired: paired,
    n_yes_baseline: group.a + group.b,
    pct_yes_baseline: percent(base.estimate),
    pct_yes_baseline_lcl: percent(base.lower),
    pct_yes_baseline_ucl: percent(base.upper),
    n_yes_followup: group.a + group.c,
    pct_yes_followup: percent(follow.estimate),
    pct_yes_followup_lcl: percent(follow.lower),
    pct_yes_followup_ucl: percent(follow.upper),
    pct_point_change: percent(change.estimate),
    pct_point_change_lcl: percent(change.lower),
    pct_point_change_ucl: percent(change.upper),
    n_became_yes: group.c,
    n_became_no: group.b,
    p_mcnemar_exact: num(mcnemarExactP(b, c)),
    p_mcnemar_chisq: num(mcnemarChiSquareP(b, c)),
    pct_improved: n > 0 ? (100 * improved) / n : NOT_AVAILABLE,
  };
}
