import { imdQuintile } from '../contract/dimensions.js';
import type { Programme } from '../model/programme.js';
import { meanInterval } from '../stats/meanInterval.js';
import {
  type StandardNormals,
  slopeIndexOfInequality,
  standardNormals,
} from '../stats/slopeIndexOfInequality.js';
import { welchInterval } from '../stats/welchInterval.js';
import { wilsonInterval } from '../stats/wilsonInterval.js';
import { firstEpisodes, range } from './grouping.js';
import type { AnalysisOptions } from './options.js';
import { residents } from './population.js';
import { includedEpisodes } from './reach.js';
import { MeasureSlotIndex } from './slots.js';
import {
  type Cell,
  type ColumnDef,
  NOT_APPLICABLE,
  NOT_AVAILABLE,
  num,
  SUPPRESSED,
  type Table,
} from './table.js';

type Timepoint = 'baseline' | 'followup' | 'change';
const TIMEPOINTS: readonly Timepoint[] = ['baseline', 'followup', 'change'];
const DEPRIVATION = [
  { dimension: 'imd_decile', quantiles: 10, of: (decile: number) => decile },
  { dimension: 'imd_quintile', quantiles: 5, of: imdQuintile },
] as const;

interface QuantileSummary {
  readonly quantile: number;
  readonly n: number;
  readonly mean: number;
  readonly se: number;
  readonly sd: number;
  readonly weight: number;
}

/**
 * The `inequality` table (the README's data contract) and its quantile detail: for each measure, the
 * Slope and Relative Index of Inequality across IMD deciles and quintiles (PHE method, see
 * stats/slopeIndexOfInequality) and the quintile gap, at baseline, at follow-up and for the change,
 * on the same people: each person once (their first episode with the measure), paired, with a
 * known decile. A positive SII means the least deprived score higher.
 */
export function inequality(
  programme: Programme,
  options: AnalysisOptions,
  slots: MeasureSlotIndex = new MeasureSlotIndex(programme),
): { inequality: Table; quantiles: Table } {
  // The simulation's draws, made when the first SII is fitted and shared by the rest.
  let draws: StandardNormals | undefined;
  const sharedDraws = () => {
    draws ??= standardNormals(options.seed, options.siiSimulations);
    return draws;
  };
  const rows: Record<string, Cell>[] = [];
  const quantileRows: Record<string, Cell>[] = [];
  // The quantiles' n add up to the published n, and quintile q holds deciles 2q − 1 and 2q.
  const additive: number[][] = [];

  programme.measures.measures.forEach((measure, m) => {
    // Count measures have their own table; a yes/no measure's share answering yes (in per cent)
    // is compared at baseline and follow-up.
    if (measure.type === 'count') return;
    const binary = measure.type === 'binary';
    const everyone = slots.of(m, options.period).people;
    const people = pairedWithDecile(programme, everyone);
    if (people.length === 0) return;
    const { deciles: personDeciles, scores } = personScores(programme, people, binary ? 100 : 1);
    // Who is in each quantile does not depend on the timepoint: worked out once per measure.
    const members = new Map<number, Int32Array[]>(
      DEPRIVATION.map((spec) => [
        spec.quantiles,
        quantileMembers(personDeciles, spec.of, spec.quantiles),
      ]),
    );
    const valuesOf = (quantiles: number, t: Timepoint) =>
      byQuantile(members.get(quantiles) as Int32Array[], scores[t]);
    for (const t of binary ? (['baseline', 'followup'] as const) : TIMEPOINTS) {
      const quintileValues = valuesOf(5, t);
      // A share of a small group answering yes (or no) would give the small count back.
      const hidden =
        binary &&
        t !== 'change' &&
        options.suppressSmall &&
        smallAnswers(programme, everyone, members, scores[t], t, options.minQuantileSize);
      const gap = binary
        ? shareGap(quintileValues, options)
        : quintileGap(quintileValues, options.confidence);
      if (hidden) Object.assign(gap, HIDDEN_GAP);
      const blockStart = new Map<number, number>();
      for (const spec of DEPRIVATION) {
        blockStart.set(spec.quantiles, quantileRows.length);
        additive.push(range(quantileRows.length, quantileRows.length + spec.quantiles));
        const values = spec.quantiles === 5 ? quintileValues : valuesOf(spec.quantiles, t);
        const fromPopulation = populationWeights(programme, spec.dimension, spec.quantiles);
        const summaries = values.map((v, i) =>
          summarise(i + 1, v, fromPopulation?.[i] ?? v.length, binary ? options : null),
        );
        // Without population.csv the weights are the people counted: shown as published.
        const shownWeight = (q: QuantileSummary) =>
          fromPopulation ? q.weight : options.statisticCount(q.n);
        const totalWeight = summaries.reduce((sum, x) => sum + shownWeight(x), 0);
        for (const q of summaries) {
          quantileRows.push({
            measure: measure.id,
            timepoint: t,
            dimension: spec.dimension,
            quantile: q.quantile,
            n: q.n,
            mean: hidden ? SUPPRESSED : num(q.mean),
            se: hidden ? SUPPRESSED : num(q.se),
            weight_share: num(shownWeight(q) / totalWeight),
          });
        }
        rows.push({
          measure: measure.id,
          timepoint: t,
          dimension: spec.dimension,
          n: people.length,
          ...(hidden ? HIDDEN_SII : siiCells(summaries, t, options, sharedDraws)),
          ...gap,
          method: method(options, fromPopulation !== null, binary),
        });
      }
      const deciles = blockStart.get(10) as number;
      const quintiles = blockStart.get(5) as number;
      for (let q = 1; q <= 5; q++) {
        additive.push([deciles + 2 * q - 2, deciles + 2 * q - 1, quintiles + q - 1]);
      }
    }
  });
  rows.push(...reachEquity(programme, options, sharedDraws));

  return {
    inequality: {
      name: 'inequality',
      title: 'Inequality by deprivation: slope and relative index, quintile gap',
      method:
        'Slope and relative index of inequality by the PHE method (phe_sii), least minus most deprived, with limits from simulation with a fixed seed; quintile gap (5 − 1) with a Welch interval; each row’s method column gives its weighting and simulations.',
      confidence: options.confidence,
      columns: INEQUALITY_COLUMNS,
      rows,
    },
    quantiles: {
      name: 'inequality_quantiles',
      title: 'Means by deprivation quantile (the points the SII is fitted to)',
      columns: [
        { name: 'measure', kind: 'text' },
        { name: 'timepoint', kind: 'text' },
        { name: 'dimension', kind: 'text' },
        { name: 'quantile', kind: 'text' },
        { name: 'n', kind: 'count' },
        { name: 'mean', kind: 'number', basis: ['n'], format: 'decimal2' },
        { name: 'se', kind: 'number', basis: ['n'], format: 'decimal3' },
        // Without population.csv the share is n/N and would reveal a suppressed n.
        { name: 'weight_share', kind: 'number', reveals: ['n'], format: 'decimal3' },
      ],
      rows: quantileRows,
      additive,
    },
  };
}

const siiStat = (name: string, format: ColumnDef['format'] = 'decimal2'): ColumnDef => ({
  name,
  kind: 'number',
  basis: ['n'],
  format,
});

export const INEQUALITY_COLUMNS: readonly ColumnDef[] = [
  { name: 'measure', kind: 'text' },
  { name: 'timepoint', kind: 'text' },
  { name: 'dimension', kind: 'text' },
  { name: 'n', kind: 'count', description: 'people analysed (paired, known IMD decile)' },
  siiStat('sii'),
  siiStat('sii_lcl'),
  siiStat('sii_ucl'),
  siiStat('rii', 'decimal3'),
  siiStat('rii_lcl', 'decimal3'),
  siiStat('rii_ucl', 'decimal3'),
  siiStat('fitted_most_deprived'),
  siiStat('fitted_least_deprived'),
  { name: 'n_most_deprived_quintile', kind: 'count' },
  { name: 'n_least_deprived_quintile', kind: 'count' },
  {
    name: 'gap',
    kind: 'number',
    basis: ['n_most_deprived_quintile', 'n_least_deprived_quintile'],
    format: 'decimal2',
  },
  {
    name: 'gap_lcl',
    kind: 'number',
    basis: ['n_most_deprived_quintile', 'n_least_deprived_quintile'],
    format: 'decimal2',
  },
  {
    name: 'gap_ucl',
    kind: 'number',
    basis: ['n_most_deprived_quintile', 'n_least_deprived_quintile'],
    format: 'decimal2',
  },
  { name: 'method', kind: 'text' },
  { name: 'note', kind: 'text' },
];

/** The slots with a follow-up whose episode has a known decile, in order. */
function pairedWithDecile(programme: Programme, slots: Int32Array): Int32Array {
  const { pairs, episodes } = programme;
  const kept = new Int32Array(slots.length);
  let n = 0;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as number;
    if (pairs.has(slot, 1) && episodes.imdDecile.get(pairs.episode.get(slot)) > 0) kept[n++] = slot;
  }
  return kept.subarray(0, n);
}

/** Each person's decile, and their score at baseline, at follow-up and the change between. */
function personScores(
  programme: Programme,
  people: Int32Array,
  scale: number,
): { deciles: Int32Array; scores: Record<Timepoint, Float64Array> } {
  const { pairs, episodes } = programme;
  const n = people.length;
  const deciles = new Int32Array(n);
  const baseline = new Float64Array(n);
  const followup = new Float64Array(n);
  const change = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const slot = people[i] as number;
    const base = scale * pairs.score[0].get(slot);
    const follow = scale * pairs.score[1].get(slot);
    deciles[i] = episodes.imdDecile.get(pairs.episode.get(slot));
    baseline[i] = base;
    followup[i] = follow;
    change[i] = follow - base;
  }
  return { deciles, scores: { baseline, followup, change } };
}

/**
 * The people of each quantile (`of` their decile, from 1) as positions in `deciles`, in order:
 * sized first, then filled.
 */
function quantileMembers(
  deciles: Int32Array,
  of: (decile: number) => number,
  quantiles: number,
): Int32Array[] {
  const quantileOf = new Int32Array(deciles.length);
  const sizes = new Int32Array(quantiles);
  for (let i = 0; i < deciles.length; i++) {
    const q = of(deciles[i] as number) - 1;
    quantileOf[i] = q;
    if (q >= 0 && q < quantiles) sizes[q] = (sizes[q] as number) + 1;
  }
  const members = Array.from(sizes, (size) => new Int32Array(size));
  const filled = new Int32Array(quantiles);
  for (let i = 0; i < deciles.length; i++) {
    const q = quantileOf[i] as number;
    if (q < 0 || q >= quantiles) continue;
    const at = filled[q] as number;
    (members[q] as Int32Array)[at] = i;
    filled[q] = at + 1;
  }
  return members;
}

/** The values of each quantile's people, in order. */
function byQuantile(members: readonly Int32Array[], values: Float64Array): Float64Array[] {
  return members.map((positions) => {
    const quantile = new Float64Array(positions.length);
    for (let i = 0; i < positions.length; i++)
      quantile[i] = values[positions[i] as number] as number;
    return quantile;
  });
}

/**
 * A quantile's mean and its standard error; for a yes/no measure (`shares`: values 0 and 100)
 * the share answering yes with the binomial standard error √(p(100 − p)/n), as PHE's phe_sii
 * takes for a proportion, both from the counts as published (rounded when counts are rounded:
 * a share of the exact counts beside a rounded n would give the exact n back).
 */
function summarise(
  quantile: number,
  values: ArrayLike<number>,
  weight: number,
  shares: AnalysisOptions | null,
): QuantileSummary {
  const m = meanInterval(values);
  const n = values.length;
  if (shares === null) return { quantile, n, mean: m.mean, se: m.se, sd: m.sd, weight };
  const { yes, shown } = publishedShare(values, shares);
  const mean = shown > 0 ? (100 * yes) / shown : Number.NaN;
  const se = Math.sqrt((mean * (100 - mean)) / shown);
  return { quantile, n, mean, se, sd: m.sd, weight };
}

/** The people answering yes (values of 100) and all of them, as published. */
function publishedShare(
  values: ArrayLike<number>,
  options: AnalysisOptions,
): { yes: number; shown: number } {
  let yes = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 100) yes++;
  return { yes: options.statisticCount(yes), shown: options.statisticCount(values.length) };
}

/**
 * Whether a yes/no measure's shares by deprivation must be hidden at a timepoint: some quantile
 * (decile or quintile), or the people followed up with no known decile, has from 1 to
 * min_cell − 1 people answering yes, or answering no. Published shares and their n give those
 * counts back (and all of them, with the totals of binary_change, the rest), so the shares and
 * the SII are shown only when no such count is small.
 */
function smallAnswers(
  programme: Programme,
  everyone: Int32Array,
  members: ReadonlyMap<number, Int32Array[]>,
  percents: Float64Array,
  t: 'baseline' | 'followup',
  least: number,
): boolean {
  const small = (yes: number, n: number) =>
    (yes > 0 && yes < least) || (n - yes > 0 && n - yes < least);
  const { pairs, episodes } = programme;
  const score = pairs.score[t === 'baseline' ? 0 : 1];
  let unknown = 0;
  let unknownYes = 0;
  for (let i = 0; i < everyone.length; i++) {
    const slot = everyone[i] as number;
    if (!pairs.has(slot, 1) || episodes.imdDecile.get(pairs.episode.get(slot)) > 0) continue;
    unknown++;
    if (score.get(slot) === 1) unknownYes++;
  }
  if (small(unknownYes, unknown)) return true;
  for (const quantiles of members.values()) {
    for (const positions of quantiles) {
      let yes = 0;
      for (let i = 0; i < positions.length; i++) {
        if (percents[positions[i] as number] === 100) yes++;
      }
      if (small(yes, positions.length)) return true;
    }
  }
  return false;
}

/** Residents per quantile from population.csv, or null (then people analysed are the weights). */
function populationWeights(
  programme: Programme,
  dimension: string,
  quantiles: number,
): number[] | null {
  const weights: number[] = [];
  for (let q = 1; q <= quantiles; q++) {
    const count = residents(programme.population, dimension, String(q));
    if (count === null || count <= 0) return null;
    weights.push(count);
  }
  return weights;
}

function siiCells(
  summaries: readonly QuantileSummary[],
  t: Timepoint | 'reach',
  options: AnalysisOptions,
  sharedDraws: () => StandardNormals,
): Record<string, Cell> {
  const least = Math.max(2, options.minQuantileSize);
  if (summaries.some((q) => q.n < least)) {
    // Under disclosure control the quantile is not named and the figures are [c]: naming it, or
    // [x] beside its [c], would say that this quantile is the small one.
    const missing = options.suppressSmall ? SUPPRESSED : NOT_AVAILABLE;
    const which = options.suppressSmall
      ? 'a quantile has'
      : `quantile ${summaries
          .filter((q) => q.n < least)
          .map((q) => q.quantile)
          .join(', ')} has`;
    return {
      sii: missing,
      sii_lcl: missing,
      sii_ucl: missing,
      rii: t === 'change' ? NOT_APPLICABLE : missing,
      rii_lcl: t === 'change' ? NOT_APPLICABLE : missing,
      rii_ucl: t === 'change' ? NOT_APPLICABLE : missing,
      fitted_most_deprived: missing,
      fitted_least_deprived: missing,
      note: `not computed: ${which} fewer than ${least} people (PHE leaves such areas out)`,
    };
  }
  const result = slopeIndexOfInequality(
    summaries.map((q) => ({ mean: q.mean, se: q.se, weight: q.weight })),
    {
      confidence: options.confidence,
      simulations: options.siiSimulations,
      seed: options.seed,
      draws: sharedDraws(),
    },
  );
  const noRii = t === 'change';
  return {
    sii: num(result.sii),
    sii_lcl: num(result.siiLower),
    sii_ucl: num(result.siiUpper),
    rii: noRii ? NOT_APPLICABLE : num(result.rii),
    rii_lcl: noRii ? NOT_APPLICABLE : num(result.riiLower),
    rii_ucl: noRii ? NOT_APPLICABLE : num(result.riiUpper),
    fitted_most_deprived: num(result.intercept),
    fitted_least_deprived: num(result.intercept + result.sii),
    note: noRii ? 'no RII for change scores: the fitted ends are near zero' : '',
  };
}

/** A yes/no measure's figures by deprivation hidden for a small count of answers. */
const HIDDEN_GAP: Readonly<Record<string, Cell>> = {
  gap: SUPPRESSED,
  gap_lcl: SUPPRESSED,
  gap_ucl: SUPPRESSED,
};
const HIDDEN_SII: Readonly<Record<string, Cell>> = {
  sii: SUPPRESSED,
  sii_lcl: SUPPRESSED,
  sii_ucl: SUPPRESSED,
  rii: SUPPRESSED,
  rii_lcl: SUPPRESSED,
  rii_ucl: SUPPRESSED,
  fitted_most_deprived: SUPPRESSED,
  fitted_least_deprived: SUPPRESSED,
  note: 'not shown: a deprivation quantile has too few people answering yes, or no',
};

/** Mean in the least deprived quintile minus the most deprived, with a Welch interval. */
/**
 * A yes/no measure's gap: the share answering yes in the least deprived quintile less the most
 * deprived, in percentage points, with Newcombe's hybrid score interval for a difference of
 * independent proportions (Newcombe, Stat Med 1998;17:873–90, method 10: the Wilson limits of
 * each share, squared and added), from the counts as published.
 */
function shareGap(values: readonly Float64Array[], options: AnalysisOptions): Record<string, Cell> {
  const most = publishedShare(values[0] ?? [], options);
  const least = publishedShare(values[4] ?? [], options);
  const p1 = wilsonInterval(most.yes, most.shown, options.confidence);
  const p5 = wilsonInterval(least.yes, least.shown, options.confidence);
  const gap = p5.estimate - p1.estimate;
  const lower = gap - Math.sqrt((p5.estimate - p5.lower) ** 2 + (p1.upper - p1.estimate) ** 2);
  const upper = gap + Math.sqrt((p5.upper - p5.estimate) ** 2 + (p1.estimate - p1.lower) ** 2);
  return {
    n_most_deprived_quintile: values[0]?.length ?? 0,
    n_least_deprived_quintile: values[4]?.length ?? 0,
    gap: num(100 * gap),
    gap_lcl: num(100 * lower),
    gap_ucl: num(100 * upper),
  };
}

function quintileGap(values: readonly Float64Array[], confidence: number): Record<string, Cell> {
  const most = meanInterval(values[0] ?? [], confidence);
  const least = meanInterval(values[4] ?? [], confidence);
  const gap = welchInterval(least, most, confidence);
  return {
    n_most_deprived_quintile: most.n,
    n_least_deprived_quintile: least.n,
    gap: num(least.mean - most.mean),
    gap_lcl: num(gap.lower),
    gap_ucl: num(gap.upper),
  };
}

function method(options: AnalysisOptions, populationWeighted: boolean, shares = false): string {
  return (
    'PHE SII, least minus most deprived (positive: less deprived areas score higher): ' +
    `weighted least squares on the midpoint of cumulative ${populationWeighted ? 'population (population.csv)' : 'share of people analysed'}; ` +
    `${Math.round(options.confidence * 100)}% limits from ${options.siiSimulations} simulations (seed ${options.seed}); ` +
    (shares
      ? 'shares answering yes with binomial SEs; gap by Newcombe (difference of two shares)'
      : 'gap by Welch')
  );
}

/**
 * Reach equity: participants per 1,000 residents by IMD quintile and decile, with the SII of
 * that rate (timepoint `reach`), when population.csv gives the residents of every quantile.
 * The rate's standard error is Poisson: √count / residents × 1000.
 */
function reachEquity(
  programme: Programme,
  options: AnalysisOptions,
  draws: () => StandardNormals,
): Record<string, Cell>[] {
  const first = firstEpisodes(programme, includedEpisodes(programme, options.period));
  // People per decile (0: unknown), each through their first episode.
  const perDecile: number[] = [];
  for (let person = 0; person < first.length; person++) {
    const episode = first[person] as number;
    if (episode < 0) continue;
    const decile = programme.episodes.imdDecile.get(episode);
    perDecile[decile] = (perDecile[decile] ?? 0) + 1;
  }
  const rows: Record<string, Cell>[] = [];
  for (const spec of DEPRIVATION) {
    const populations = populationWeights(programme, spec.dimension, spec.quantiles);
    if (populations === null) continue;
    const counts = new Array<number>(spec.quantiles).fill(0);
    let n = 0;
    perDecile.forEach((people, decile) => {
      if (decile <= 0) return;
      counts[spec.of(decile) - 1] = (counts[spec.of(decile) - 1] ?? 0) + people;
      n += people;
    });
    const summaries = counts.map((count, i) => {
      const pop = populations[i] as number;
      return {
        quantile: i + 1,
        n: count,
        mean: (1000 * count) / pop,
        se: (1000 * Math.sqrt(count)) / pop,
        sd: Number.NaN,
        weight: pop,
      };
    });
    rows.push({
      measure: 'participants_per_1000',
      timepoint: 'reach',
      dimension: spec.dimension,
      n,
      ...siiCells(summaries, 'reach', options, draws),
      n_most_deprived_quintile: NOT_APPLICABLE,
      n_least_deprived_quintile: NOT_APPLICABLE,
      gap: NOT_APPLICABLE,
      gap_lcl: NOT_APPLICABLE,
      gap_ucl: NOT_APPLICABLE,
      method: `${method(options, true)}; rate SE √count / residents × 1000`,
    });
  }
  return rows;
}
