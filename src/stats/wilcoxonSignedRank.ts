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
 * merged, so 10⁶ differences take well under a second.
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
 * Sum of the average ranks of `positive` within the pooled sample, and Σ(t³ − t) over tie
 * groups. Both arrays hold absolute values > 0 and are sorted in place.
 */
function signedRankSum(
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
