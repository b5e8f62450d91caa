import { AGE_BANDS } from '../contract/dimensions.js';
import { createRandom, type Random } from '../stats/random.js';
import { hashSeed, SALT } from './hash.js';

/**
 * A synthetic city shaped like Liverpool: about 490,000 residents in 300 small areas (LSOAs) in 30
 * wards, with deprivation skewed towards the most deprived national deciles. LSOA codes are
 * `E019xxxxx`: well formed (`E01` + 6 digits) but outside the range of real LSOA codes, so the
 * demo can never be mistaken for real areas.
 */
export interface Lsoa {
  readonly code: string;
  /** National IMD decile, 1 = most deprived 10%. */
  readonly decile: number;
  readonly population: number;
  readonly ward: number;
}

export interface PopulationRow {
  readonly dimension: 'imd_decile' | 'imd_quintile' | 'sex' | 'ethnicity' | 'age_band';
  readonly group: string;
  readonly population: number;
}

export interface City {
  readonly lsoas: readonly Lsoa[];
  /** LSOA indices of each ward. */
  readonly wards: readonly (readonly number[])[];
  readonly residents: number;
  readonly population: readonly PopulationRow[];
  /** Cumulative weights (population × participation by decile) for drawing a participant's home. */
  readonly participantHomes: Float64Array;
}

export const WARD_COUNT = 30;
const LSOAS_PER_WARD = 10;

/**
 * LSOAs per national IMD decile (300 in all): about 45% in decile 1, as in Liverpool, where most
 * of the city lies in the nationally most deprived fifth.
 */
export const LSOAS_BY_DECILE: readonly number[] = [135, 39, 30, 24, 18, 15, 12, 11, 9, 7];

/**
 * How much more often residents of each decile take part than the city average: community
 * programmes like Turning Tides were targeted at the most deprived neighbourhoods.
 */
export const PARTICIPATION_BY_DECILE: readonly number[] = [
  1.45, 1.1, 0.95, 0.85, 0.75, 0.65, 0.55, 0.5, 0.45, 0.4,
];

/** Approximate shares of Liverpool's residents (Census 2021, rounded; synthetic, not official). */
const SEX_SHARES: readonly (readonly [string, number])[] = [
  ['female', 0.506],
  ['male', 0.494],
];
const ETHNICITY_SHARES: readonly (readonly [string, number])[] = [
  ['asian', 0.043],
  ['black', 0.036],
  ['mixed', 0.034],
  ['white', 0.848],
  ['other', 0.039],
];
/** Residents' shares of the contract's age bands (AGE_BANDS), in order. */
const AGE_SHARES: readonly number[] = [0.175, 0.155, 0.16, 0.115, 0.118, 0.12, 0.085, 0.072];

/** Builds the city for a seed: the same seed gives the same areas, deciles and denominators. */
export function buildCity(seed: number): City {
  const rng = createRandom(hashSeed(seed, 0, 0, SALT.city));
  const deciles = clusteredDeciles(rng);
  const lsoas: Lsoa[] = deciles.map((decile, index) => ({
    code: `E019${String(index + 1).padStart(5, '0')}`,
    decile,
    population: Math.round(Math.min(2_400, Math.max(1_100, 1_650 + 230 * rng.normal()))),
    ward: Math.floor(index / LSOAS_PER_WARD),
  }));
  const wards = Array.from({ length: WARD_COUNT }, (_, w) =>
    Array.from({ length: LSOAS_PER_WARD }, (_, i) => w * LSOAS_PER_WARD + i),
  );
  const residents = lsoas.reduce((sum, lsoa) => sum + lsoa.population, 0);
  const participantHomes = new Float64Array(lsoas.length);
  let cumulative = 0;
  lsoas.forEach((lsoa, i) => {
    cumulative += lsoa.population * (PARTICIPATION_BY_DECILE[lsoa.decile - 1] ?? 1);
    participantHomes[i] = cumulative;
  });
  return {
    lsoas,
    wards,
    residents,
    population: populationRows(lsoas, residents),
    participantHomes,
  };
}

/**
 * Deciles ordered so that neighbouring LSOAs (and so wards) are alike, as deprivation clusters in
 * real cities: sort by decile plus noise, then cut into wards in that order.
 */
function clusteredDeciles(rng: Random): number[] {
  const keyed: { decile: number; key: number }[] = [];
  LSOAS_BY_DECILE.forEach((count, d) => {
    for (let i = 0; i < count; i++) keyed.push({ decile: d + 1, key: d + 1 + 1.6 * rng.normal() });
  });
  keyed.sort((a, b) => a.key - b.key || a.decile - b.decile);
  // Interleave wards so that the most deprived ones are not all numbered first.
  const order = Array.from({ length: WARD_COUNT }, (_, w) => w);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const result = new Array<number>(keyed.length);
  order.forEach((ward, rank) => {
    for (let i = 0; i < LSOAS_PER_WARD; i++) {
      result[ward * LSOAS_PER_WARD + i] = (
        keyed[rank * LSOAS_PER_WARD + i] as { decile: number }
      ).decile;
    }
  });
  return result;
}

function populationRows(lsoas: readonly Lsoa[], residents: number): PopulationRow[] {
  const rows: PopulationRow[] = [];
  const byDecile = new Array<number>(10).fill(0);
  for (const lsoa of lsoas)
    byDecile[lsoa.decile - 1] = (byDecile[lsoa.decile - 1] ?? 0) + lsoa.population;
  byDecile.forEach((population, d) => {
    rows.push({ dimension: 'imd_decile', group: String(d + 1), population });
  });
  for (let q = 0; q < 5; q++) {
    const population = (byDecile[2 * q] ?? 0) + (byDecile[2 * q + 1] ?? 0);
    rows.push({ dimension: 'imd_quintile', group: String(q + 1), population });
  }
  const sexes = apportion(
    residents,
    SEX_SHARES.map(([, share]) => share),
  );
  SEX_SHARES.forEach(([group], i) => {
    rows.push({ dimension: 'sex', group, population: sexes[i] ?? 0 });
  });
  const ethnicities = apportion(
    residents,
    ETHNICITY_SHARES.map(([, share]) => share),
  );
  ETHNICITY_SHARES.forEach(([group], i) => {
    rows.push({ dimension: 'ethnicity', group, population: ethnicities[i] ?? 0 });
  });
  const ages = apportion(residents, AGE_SHARES);
  AGE_BANDS.forEach((group, i) => {
    rows.push({ dimension: 'age_band', group, population: ages[i] ?? 0 });
  });
  return rows;
}

/**
 * Splits a whole total by weights into whole parts that add up to it exactly (largest remainder,
 * ties to the earlier part).
 * @example apportion(10, [1, 1, 1]) // [4, 3, 3]
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new RangeError('weights must have a positive sum');
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = (order[k] as { i: number }).i;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

/** Index of the first cumulative weight above `u × total` (binary search). */
export function drawCumulative(cumulative: Float64Array, u: number): number {
  const target = u * (cumulative[cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
