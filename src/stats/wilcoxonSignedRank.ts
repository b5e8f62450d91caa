import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import signrankCdf from '@stdlib/stats-base-dists-signrank-cdf';

/** Wilcoxon signed-rank test of paired differences, two-sided, location 0. */
export interface WilcoxonSignedRank {
  /** Number of non-zero differences (zeros are dropped). */
  readonly n: number;
  /** V: sum of the (average) ranks of |d| over the positive differences. */
  readonly v: number;
  /** Two-sided p-value; NaN when n = 0. */
  readonly pValue: number;
  /**
   * 'exact': exact null distribution (n < 50, no ties, no zeros);
   * 'normal': normal approximation with continuity and tie corrections;
   * 'none': no non-zero differences, so no test.
   */
  readonly method: 'exact' | 'normal' | 'none';
}

/** R's `wilcox.test` uses the exact distribution only below this many non-zero differences. */
const EXACT_BELOW = 50;

/**
 * Wilcoxon signed-rank test exactly as R ≤ 4.5 `wilcox.test(x, y, paired = TRUE)` /
 * `wilcox.test(d, mu = 0)` with default arguments (exact = NULL, correct = TRUE):
 *
 * 1. drop zero differences; n = number left;
 * 2. rank |d| with average ranks for ties; V = Σ ranks of positive d;
 * 3. exact when n < 50 and there are no ties and no zeros:
 *    p = min(1, 2·P(V' ≤ min(V, n(n+1)/2 − V))), the exact signed-rank distribution
 *    (the same terms as R's `psignrank(V − 1, n, lower.tail = FALSE)` for V > n(n+1)/4);
 * 4. otherwise the normal approximation with continuity and tie corrections:
 *    z = (V − n(n+1)/4 − sign(V − n(n+1)/4)·0.5) / √(n(n+1)(2n+1)/24 − Σ(t³ − t)/48),
 *    p = 2·min(Φ(z), 1 − Φ(z)), t = size of each group of tied |d|.
 *
 * Ties are exact equality of the doubles |d|, as R compares them (its `digits.rank = Inf`
 * default): 0.1 + 0.2 and 0.3 are NOT tied. Round the differences first (e.g. to the measure's
 * precision) if values that print alike should tie.
 *
 * R 4.6 changed the default to exact conditional p-values in the presence of ties; tides follows
 * the R ≤ 4.5 behaviour above.
 *
 * Ranking is O(n log n): positive and negative |d| are sorted separately (typed-array sorts) and
 * merged, so 10⁶ differences take well under a second; with at most a few thousand distinct |d|
 * (whole-number or tabled scores) each value is counted instead, in O(n).
 *
 * Sources: Wilcoxon F (1945) Biometrics Bulletin 1:80–83; Hollander M & Wolfe DA (1999)
 * Nonparametric Statistical Methods, 2nd edn, §3.1; R `stats:::wilcox.test.default`.
 *
 * @param differences - paired differences (follow-up − baseline); all finite numbers
 * @throws {TypeError} when differences is not array-like
 * @throws {RangeError} when an element is not a finite number
 * @example
 * wilcoxonSignedRank([1.5, -0.5, 2, 3, 4]); // => { n: 5, v: 14, pValue: 0.125, method: 'exact' }
 */
export function wilcoxonSignedRank(differences: ArrayLike<number>): WilcoxonSignedRank {
  if (
    differences === null ||
    typeof differences !== 'object' ||
    typeof differences.length !== 'number'
  ) {
    throw new TypeError('differences must be an array of numbers');
  }
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < differences.length; i++) {
    const d = differences[i] as number;
    if (typeof d !== 'number' || !Number.isFinite(d)) {
      throw new RangeError(`differences[${i}] must be a finite number, got ${String(d)}`);
    }
    if (d > 0) positives++;
    else if (d < 0) negatives++;
  }
  const n = positives + negatives;
  const hasZeros = n < differences.length;
  if (n === 0) return { n, v: 0, pValue: Number.NaN, method: 'none' };

  const positive = new Float64Array(positives);
  const negative = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < differences.length; i++) {
    const d = differences[i] as number;
    if (d > 0) positive[p++] = d;
    else if (d < 0) negative[q++] = -d;
  }
  const { v, tieCorrection } = signedRankSum(positive, negative);

  const expected = (n * (n + 1)) / 4;
  if (n < EXACT_BELOW && tieCorrection === 0 && !hasZeros) {
    // Exact null distribution is symmetric about n(n+1)/4: use the smaller tail, as R does.
    const tail = signrankCdf(Math.min(v, (n * (n + 1)) / 2 - v), n);
    return { n, v, pValue: Math.min(2 * tail, 1), method: 'exact' };
  }
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection / 48);
  const z = (v - expected - Math.sign(v - expected) * 0.5) / sigma;
  const pValue = 2 * Math.min(normalCdf(z, 0, 1), normalCdf(-z, 0, 1));
  return { n, v, pValue, method: 'normal' };
}

/**
 * Above this many distinct |d|, ranks come from sorting; at or below, from counting each value.
 * Scores are whole numbers or come from a table (SWEMWBS), so a group's changes take a few
 * hundred values at most, however many people it has.
 */
const COUNTED_DISTINCT = 4096;

/**
 * Sum of the average ranks of `positive` within the pooled sample, and Σ(t³ − t) over tie
 * groups. Both arrays hold absolute values > 0 (and may be sorted in place). With few distinct
 * values (at most `countedDistinct`) each value's count is taken instead of sorting the arrays:
 * the same tie groups, in the same order, so the same sums to the last bit.
 */
export function signedRankSum(
  positive: Float64Array,
  negative: Float64Array,
  countedDistinct = COUNTED_DISTINCT,
): { v: number; tieCorrection: number } {
  return countedRankSum(positive, negative, countedDistinct) ?? sortedRankSum(positive, negative);
}

/** Whole numbers below this are counted in an array, other values in a map. */
const SMALL_WHOLE = 1024;

/** {@link signedRankSum} by counting each distinct value; null past `limit` distinct values. */
function countedRankSum(
  positive: Float64Array,
  negative: Float64Array,
  limit: number,
): { v: number; tieCorrection: number } | null {
  // Counts on either side: of whole numbers by value, of other values by their number in order
  // of appearance.
  const small = new Int32Array(2 * SMALL_WHOLE);
  const numbers = new Map<number, number>();
  const counts: number[] = [];
  let distinct = 0;
  const count = (array: Float64Array, side: 0 | 1): boolean => {
    for (let i = 0; i < array.length; i++) {
      const value = array[i] as number;
      if (value < SMALL_WHOLE && Number.isInteger(value)) {
        const at = 2 * value;
        if (small[at] === 0 && small[at + 1] === 0) {
          if (distinct === limit) return false;
          distinct++;
        }
        small[at + side] = (small[at + side] as number) + 1;
        continue;
      }
      let k = numbers.get(value);
      if (k === undefined) {
        if (distinct === limit) return false;
        distinct++;
        k = numbers.size;
        numbers.set(value, k);
        counts.push(0, 0);
      }
      counts[2 * k + side] = (counts[2 * k + side] as number) + 1;
    }
    return true;
  };
  if (!count(positive, 0) || !count(negative, 1)) return null;
  const order = new Float64Array(distinct);
  let at = 0;
  for (let value = 1; value < SMALL_WHOLE; value++) {
    if (small[2 * value] !== 0 || small[2 * value + 1] !== 0) order[at++] = value;
  }
  for (const value of numbers.keys()) order[at++] = value;
  order.sort();
  let v = 0;
  let tieCorrection = 0;
  let rankBefore = 0;
  for (let o = 0; o < order.length; o++) {
    const value = order[o] as number;
    const k = numbers.get(value);
    const tiedPositive = k === undefined ? (small[2 * value] as number) : (counts[2 * k] as number);
    const tiedNegative =
      k === undefined ? (small[2 * value + 1] as number) : (counts[2 * k + 1] as number);
    const tied = tiedPositive + tiedNegative;
    // As sortedRankSum: ranks rankBefore + 1 … rankBefore + tied share their average.
    v += tiedPositive * (rankBefore + (tied + 1) / 2);
    if (tied > 1) tieCorrection += tied * tied * tied - tied;
    rankBefore += tied;
  }
  return { v, tieCorrection };
}

/** {@link signedRankSum} by sorting both arrays (in place) and merging them. */
function sortedRankSum(
  positive: Float64Array,
  negative: Float64Array,
): { v: number; tieCorrection: number } {
  positive.sort();
  negative.sort();
  let v = 0;
  let tieCorrection = 0;
  let rankBefore = 0;
  let i = 0;
  let j = 0;
  while (i < positive.length || j < negative.length) {
    const value = Math.min(
      i < positive.length ? (positive[i] as number) : Number.POSITIVE_INFINITY,
      j < negative.length ? (negative[j] as number) : Number.POSITIVE_INFINITY,
    );
    let tiedPositive = 0;
    while (i < positive.length && positive[i] === value) {
      i++;
      tiedPositive++;
    }
    let tiedNegative = 0;
    while (j < negative.length && negative[j] === value) {
      j++;
      tiedNegative++;
    }
    const tied = tiedPositive + tiedNegative;
    // Ranks rankBefore + 1 … rankBefore + tied share their average.
    v += tiedPositive * (rankBefore + (tied + 1) / 2);
    if (tied > 1) tieCorrection += tied * tied * tied - tied;
    rankBefore += tied;
  }
  return { v, tieCorrection };
}
