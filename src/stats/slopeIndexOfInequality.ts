import { checkConfidence } from './checkConfidence.js';
import { createRandom } from './random.js';

/** One deprivation quantile's estimate, its standard error and its share of the population. */
export interface QuantileEstimate {
  /** The quantile's mean (or proportion, or rate) of the indicator. */
  readonly mean: number;
  /** Standard error of `mean`. */
  readonly se: number;
  /** Population of the quantile, or its share (weights are rescaled to sum to 1). */
  readonly weight: number;
}

/** Options for {@link slopeIndexOfInequality}. */
export interface SlopeIndexOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  readonly confidence?: number;
  /** Number of simulated refits for the confidence limits; whole number ≥ 1000, default 100000. */
  readonly simulations?: number;
  /** Seed of the generator used for the simulation; default 1. */
  readonly seed?: number;
  /**
   * The simulation's draws, made once by {@link standardNormals} with this seed and number of
   * simulations and shared by the SIIs of an analysis; made here when not given.
   */
  readonly draws?: StandardNormals;
}

/** Slope and Relative Index of Inequality with simulated confidence limits. */
export interface SlopeIndexOfInequality {
  /** fitted(x = 1) − fitted(x = 0): least minus most deprived. */
  readonly sii: number;
  readonly siiLower: number;
  readonly siiUpper: number;
  /** fitted(x = 0): the fitted value at the most deprived end. fitted(x = 1) = intercept + sii. */
  readonly intercept: number;
  /** fitted(x = 1) / fitted(x = 0) = (intercept + sii) / intercept. */
  readonly rii: number;
  readonly riiLower: number;
  readonly riiUpper: number;
  /** Number of quantiles. */
  readonly n: number;
}

const DEFAULT_SIMULATIONS = 100_000;
/** PHE: "number of repetitions must be 1000 or greater". */
const MIN_SIMULATIONS = 1000;
const DEFAULT_SEED = 1;

/**
 * Slope Index of Inequality (SII) and Relative Index of Inequality (RII), as
 * PHEindicatormethods `phe_sii` (`R/SII_function.R`, with `FindXValues` and `SimulationFunc`
 * from `R/utils.R`) for an indicator of value_type 0 ("normal"), multiplier 1, transform FALSE.
 *
 * Quantiles are ordered from most deprived (index 0) to least deprived. With population share
 * aᵢ = wᵢ/Σw and relative rank xᵢ = a₁ + … + aᵢ₋₁ + aᵢ/2 (midpoint of the cumulative share),
 * the quantile means yᵢ are regressed on xᵢ by least squares weighted by aᵢ (PHE fits
 * √a·y ~ √a + x·√a − 1, the same fit):
 *
 *   SII = slope = fitted(1) − fitted(0),   RII = fitted(1)/fitted(0) = (intercept + SII)/intercept.
 *
 * Confidence limits by simulation, as PHE: draw every quantile's mean from Normal(mean, se)
 * (here with the seeded xoshiro128** generator of `random.ts`, not R's Mersenne Twister, so
 * individual limits differ from R's by Monte Carlo error only), refit, and sort the R simulated
 * SIIs and, separately, the R simulated RIIs (the refit's slope and level are drawn directly from
 * their exact joint normal distribution: see `RefitDistribution`); the limits are the values at
 * 1-based positions round(R·(1 − c)) and round(R·c), c = confidence + (1 − confidence)/2, with
 * R's round-half-even.
 * The RII limits are order statistics of the simulated RIIs, not transformed SII limits.
 *
 * Not implemented from PHE: value_type 1/2 (log/logit SE transformations), multipliers, the
 * `transform` option and the reliability statistic. Differences: PHE refuses fewer than 5 or
 * more than 100 quantiles and confidence below 0.9; here any number ≥ 2 and any confidence in
 * (0, 1) are accepted (the caller decides). Where PHE drops an area (a quantile with zero
 * population, or a missing SE), every result here is NaN. RII is always computed; it is not
 * meaningful when the fitted value at x = 0 is near zero (e.g. change scores).
 *
 * Source: Low A & Low A (2004) "Measuring the gap: quantifying and comparing local health
 * inequalities", J Public Health 26:388–395; PHEindicatormethods 2.x `phe_sii`.
 *
 * Cost: 2R normal draws and a sort, made once per seed and R and shared by later calls (see
 * `standardNormals`), then R refits and two selections (100 000 simulations ≈ 2 ms, whatever
 * the number of quantiles).
 *
 * @param quantiles - per-quantile mean, se (≥ 0) and weight (≥ 0), most deprived first
 * @param options - confidence (default 0.95), simulations (default 100000, ≥ 1000), seed (1)
 * @throws {TypeError} when quantiles is not an array of objects with numeric mean, se, weight
 * @throws {RangeError} for a negative se or weight, an infinite value, simulations not a whole
 *   number ≥ 1000, a non-finite seed, or confidence ∉ (0, 1)
 * @example
 * // Five equal quintiles (x = 0.1, 0.3, …, 0.9) whose means lie on y = 40 + 10x:
 * slopeIndexOfInequality([41, 43, 45, 47, 49].map((mean) => ({ mean, se: 1, weight: 1 })));
 * // => { sii: 10, siiLower: ≈ 6.9, siiUpper: ≈ 13.1, rii: 1.25, riiLower: ≈ 1.17, riiUpper: ≈ 1.34, n: 5 }
 */
export function slopeIndexOfInequality(
  quantiles: readonly QuantileEstimate[],
  options: SlopeIndexOptions = {},
): SlopeIndexOfInequality {
  checkQuantiles(quantiles);
  const { upperProbability, simulations, seed } = checkOptions(options);
  const k = quantiles.length;
  if (k < 2 || quantiles.some((q) => q.weight === 0 || Number.isNaN(q.mean + q.se))) {
    const nan = Number.NaN;
    return {
      sii: nan,
      siiLower: nan,
      siiUpper: nan,
      intercept: nan,
      rii: nan,
      riiLower: nan,
      riiUpper: nan,
      n: k,
    };
  }

  const fit = weightedFit(quantiles);
  const means = Float64Array.from(quantiles, (q) => q.mean);
  const sii = dot(fit.slopeCoefficients, means);
  const intercept = dot(fit.levelCoefficients, means) - sii * fit.meanRank;
  const refits = refitDistribution(quantiles, fit);
  const draws = options.draws ?? standardNormals(seed, simulations);
  if (draws.first.length !== simulations) {
    throw new RangeError(`draws: ${draws.first.length} draws for ${simulations} simulations`);
  }
  // PHE SimulationFunc: pos_lower <- round(repeats * (1 - confidence_value)), pos_upper likewise.
  const lowerPosition = roundHalfEven(simulations * (1 - upperProbability));
  const upperPosition = roundHalfEven(simulations * upperProbability);
  const [siiLower, siiUpper] = siiLimits(refits, draws, lowerPosition, upperPosition);
  const [riiLower, riiUpper] = orderStatistics(
    simulatedRiis(refits, draws, fit.meanRank),
    lowerPosition,
    upperPosition,
  );
  return {
    sii,
    siiLower,
    siiUpper,
    intercept,
    rii: (intercept + sii) / intercept,
    riiLower,
    riiUpper,
    n: k,
  };
}

/**
 * PHE's SimulationFunc draws every quantile's mean from Normal(mean, se) and refits. The refit is
 * linear in the draws: slope = Σ cᵢyᵢ and level = Σ gᵢyᵢ (the weighted mean of y), so each
 * simulated (slope, level) pair is exactly bivariate normal with means (SII, L), variances
 * Σcᵢ²seᵢ², Σgᵢ²seᵢ² and covariance Σcᵢgᵢseᵢ². Drawing that pair directly (two standard normals
 * z₁, z₂ through its Cholesky factor) gives the same distribution of simulated SIIs and RIIs as
 * k draws per repetition, at 2/k of the cost: slope = SII + a·z₁, level = L + b·z₁ + d·z₂.
 */
interface RefitDistribution {
  readonly slopeMean: number;
  readonly levelMean: number;
  /** Cholesky factor [[a, 0], [b, d]] of [[Var slope, Cov], [Cov, Var level]]. */
  readonly a: number;
  readonly b: number;
  readonly d: number;
}

function refitDistribution(
  quantiles: readonly QuantileEstimate[],
  fit: WeightedFit,
): RefitDistribution {
  const { levelCoefficients, slopeCoefficients } = fit;
  const means = Float64Array.from(quantiles, (q) => q.mean);
  let slopeVariance = 0;
  let levelVariance = 0;
  let covariance = 0;
  quantiles.forEach((q, j) => {
    const c = slopeCoefficients[j] as number;
    const g = levelCoefficients[j] as number;
    const v = q.se * q.se;
    slopeVariance += c * c * v;
    levelVariance += g * g * v;
    covariance += c * g * v;
  });
  const a = Math.sqrt(slopeVariance);
  const b = a > 0 ? covariance / a : 0;
  return {
    slopeMean: dot(slopeCoefficients, means),
    levelMean: dot(levelCoefficients, means),
    a,
    b,
    d: Math.sqrt(Math.max(0, levelVariance - b * b)),
  };
}

/** Standard normal draws of a simulation: z₁ and z₂ of each refit, and every z₁ sorted. */
export interface StandardNormals {
  readonly first: Float64Array;
  readonly second: Float64Array;
  readonly sortedFirst: Float64Array;
}

/**
 * The seeded draws, in the order `createRandom(seed).normal()` gives them (z₁ and z₂ of refit r
 * are draws 2r and 2r + 1). They depend on the seed and the number of simulations only, so an
 * analysis makes them once for its dozens of SIIs (`SlopeIndexOptions.draws`); they are never
 * modified.
 */
export function standardNormals(seed: number, simulations: number): StandardNormals {
  const random = createRandom(seed);
  const first = new Float64Array(simulations);
  const second = new Float64Array(simulations);
  for (let r = 0; r < simulations; r++) {
    first[r] = random.normal();
    second[r] = random.normal();
  }
  return { first, second, sortedFirst: first.slice().sort() };
}

/**
 * The SII limits: the values at two 1-based positions of the sorted simulated SIIs. A simulated
 * SII is SII + a·z₁ with a ≥ 0, which never decreases as z₁ grows (nor does its rounding), so
 * its order statistics are the sorted z₁ mapped the same way: no refit needs computing. Only
 * when that could overflow (∞·0 is NaN, which a sort puts last) are the SIIs worked out.
 */
function siiLimits(
  refits: RefitDistribution,
  draws: StandardNormals,
  lower: number,
  upper: number,
): [number, number] {
  const { slopeMean, a } = refits;
  if (!Number.isFinite(slopeMean) || !Number.isFinite(a)) {
    return orderStatistics(
      draws.first.map((z) => slopeMean + a * z),
      lower,
      upper,
    );
  }
  const sorted = draws.sortedFirst;
  return [slopeMean + a * at(sorted, lower), slopeMean + a * at(sorted, upper)];
}

/** The simulated RIIs, fitted(1) / fitted(0) of each refit, unsorted. */
function simulatedRiis(
  refits: RefitDistribution,
  draws: StandardNormals,
  meanRank: number,
): Float64Array {
  const { slopeMean, levelMean, a, b, d } = refits;
  const { first, second } = draws;
  const rii = new Float64Array(first.length);
  for (let r = 0; r < rii.length; r++) {
    const z1 = first[r] as number;
    const slope = slopeMean + a * z1;
    const intercept = levelMean + b * z1 + d * (second[r] as number) - slope * meanRank;
    rii[r] = (intercept + slope) / intercept;
  }
  return rii;
}

/**
 * The values at two 1-based positions (lower ≤ upper) of the draws once sorted — R's
 * `sort(x)[position]`, NaN below position 1 — found by selection in O(n) rather than a full sort.
 * Reorders `draws`. Draws holding NaN (0/0 from a refit with a zero intercept and slope) fall
 * back to a full sort, which puts NaN last; such RIIs are meaningless anyway.
 */
function orderStatistics(draws: Float64Array, lower: number, upper: number): [number, number] {
  if (hasNaN(draws)) {
    draws.sort();
    return [at(draws, lower), at(draws, upper)];
  }
  if (lower >= 1) select(draws, lower - 1, 0, draws.length - 1);
  // Nothing after the lower position is smaller than its value: the upper one is among them.
  if (upper > lower) select(draws, upper - 1, Math.max(0, lower), draws.length - 1);
  return [at(draws, lower), at(draws, upper)];
}

/** Whether any value is NaN (a plain loop: `some(Number.isNaN)` calls back for each of R values). */
function hasNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return true;
  return false;
}

function at(values: Float64Array, position: number): number {
  return position >= 1 && position <= values.length ? (values[position - 1] as number) : Number.NaN;
}

/**
 * Floyd and Rivest's selection (CACM 18:173, 1975, Algorithm 489 SELECT): afterwards values[k]
 * is the value a full sort would put there (lo ≤ k ≤ hi), with nothing larger before it in
 * [lo, k) and nothing smaller after it in (k, hi]. It first selects within a small sample around
 * where the k-th value is expected, so its pivot lies close to it and one partition leaves few
 * values: about three times faster than quickselect at the tail positions of the limits.
 */
function select(values: Float64Array, k: number, lo: number, hi: number): void {
  let left = lo;
  let right = hi;
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const sampleLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const sampleRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      select(values, k, sampleLeft, sampleRight);
    }
    const pivot = values[k] as number;
    let i = left;
    let j = right;
    swap(values, left, k);
    if ((values[right] as number) > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else {
      j++;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i] as number;
  values[i] = values[j] as number;
  values[j] = t;
}

/**
 * Weighted least-squares fit of y on the relative rank written as linear maps of y, so that each
 * simulated refit is two dot products: slope = Σ cᵢyᵢ, intercept = Σ gᵢyᵢ − slope·x̄, with
 * gᵢ = aᵢ/Σa and cᵢ = aᵢ(xᵢ − x̄)/Σaⱼ(xⱼ − x̄)² (centred form, better conditioned than the
 * normal equations).
 */
function weightedFit(quantiles: readonly QuantileEstimate[]): WeightedFit {
  const k = quantiles.length;
  let total = 0;
  for (const q of quantiles) total += q.weight;
  // FindXValues: prop <- pop / sum(pop); x <- prop / 2 + lag(cumsum(prop)).
  const shares = Float64Array.from(quantiles, (q) => q.weight / total);
  const ranks = new Float64Array(k);
  let cumulative = 0;
  let shareSum = 0;
  for (let j = 0; j < k; j++) {
    const share = shares[j] as number;
    ranks[j] = j === 0 ? share / 2 : share / 2 + cumulative;
    cumulative += share;
    shareSum += share;
  }
  const levelCoefficients = shares.map((a) => a / shareSum);
  const meanRank = dot(levelCoefficients, ranks);
  let sxx = 0;
  for (let j = 0; j < k; j++) {
    const deviation = (ranks[j] as number) - meanRank;
    sxx += (levelCoefficients[j] as number) * deviation * deviation;
  }
  const slopeCoefficients = levelCoefficients.map(
    (g, j) => (g * ((ranks[j] as number) - meanRank)) / sxx,
  );
  return { levelCoefficients, slopeCoefficients, meanRank };
}

interface WeightedFit {
  /** gᵢ: weighted mean of y = Σ gᵢyᵢ. */
  readonly levelCoefficients: Float64Array;
  /** cᵢ: slope = Σ cᵢyᵢ. */
  readonly slopeCoefficients: Float64Array;
  /** x̄, the weighted mean relative rank. */
  readonly meanRank: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] as number) * (b[j] as number);
  return sum;
}

/** R's `round(x, 0)`: nearest integer, halves to even (IEC 60559). */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

function checkOptions(options: SlopeIndexOptions): {
  upperProbability: number;
  simulations: number;
  seed: number;
} {
  const upperProbability = checkConfidence(options.confidence ?? 0.95, 'options.confidence');
  const simulations = options.simulations ?? DEFAULT_SIMULATIONS;
  if (typeof simulations !== 'number' || !Number.isInteger(simulations)) {
    throw new RangeError(`options.simulations must be a whole number, got ${simulations}`);
  }
  if (simulations < MIN_SIMULATIONS) {
    throw new RangeError(
      `options.simulations must be ${MIN_SIMULATIONS} or more, got ${simulations}`,
    );
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new RangeError(`options.seed must be a finite number, got ${seed}`);
  }
  return { upperProbability, simulations, seed };
}

function checkQuantiles(quantiles: readonly QuantileEstimate[]): void {
  if (!Array.isArray(quantiles)) {
    throw new TypeError('quantiles must be an array of { mean, se, weight }');
  }
  quantiles.forEach((q, i) => {
    if (q === null || typeof q !== 'object') {
      throw new TypeError(`quantiles[${i}] must be an object with mean, se and weight`);
    }
    for (const key of ['mean', 'se', 'weight'] as const) {
      const value = q[key];
      if (typeof value !== 'number') {
        throw new TypeError(`quantiles[${i}].${key} must be a number, got ${typeof value}`);
      }
      if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) {
        throw new RangeError(`quantiles[${i}].${key} must be finite, got ${value}`);
      }
    }
    if (q.se < 0) throw new RangeError(`quantiles[${i}].se must be ≥ 0, got ${q.se}`);
    if (!(q.weight >= 0))
      throw new RangeError(`quantiles[${i}].weight must be ≥ 0, got ${q.weight}`);
  });
}
