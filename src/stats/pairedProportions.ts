import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { wilsonInterval } from './wilsonInterval.js';

/**
 * A yes/no answer given twice by the same people (baseline and follow-up): the paired 2 × 2
 * table, its difference of proportions with Newcombe's interval, and McNemar's tests.
 *
 * |                  | follow-up yes | follow-up no |
 * | ---------------- | ------------- | ------------ |
 * | **baseline yes** | a             | b            |
 * | **baseline no**  | c             | d            |
 *
 * b (yes → no) and c (no → yes) are the discordant pairs: only they carry the change.
 */
export interface PairedTable {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

export interface PairedDifference {
  /** p(follow-up yes) − p(baseline yes) = (c − b) / n; NaN when n = 0. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * The difference in the share answering yes, follow-up − baseline, with Newcombe's (1998) hybrid
 * score interval for paired data (his method 10): the Wilson limits of the two proportions,
 * squared and added, with the correlation of the two estimates
 *
 *   φ = C / √((a+b)(c+d)(a+c)(b+d)),  C = ad − bc − n/2 when ad − bc > n/2, 0 when
 *   0 ≤ ad − bc ≤ n/2, ad − bc when it is negative; φ = 0 when a margin is 0.
 *
 *   lower = D − √((p₂ − l₂)² − 2φ(p₂ − l₂)(u₁ − p₁) + (u₁ − p₁)²)
 *   upper = D + √((u₂ − p₂)² − 2φ(u₂ − p₂)(p₁ − l₁) + (p₁ − l₁)²)
 *
 * with p₁ (l₁, u₁) the baseline share and its Wilson limits and p₂ (l₂, u₂) the follow-up's.
 * Sources: Newcombe RG (1998) Stat Med 17:2635–2650, method 10; Newcombe RG & Altman DG in
 * Statistics with Confidence (2nd edn, 2000), p. 52; Fagerland MW, Lydersen S & Laake P,
 * Statistical Analysis of Contingency Tables (2017), ch. 8 ("Newcombe square-and-add").
 */
export function pairedProportionDifference(
  table: PairedTable,
  confidence = 0.95,
): PairedDifference {
  checkTable(table);
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  if (n === 0) return { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const base = wilsonInterval(a + b, n, confidence);
  const follow = wilsonInterval(a + c, n, confidence);
  const p1 = base.estimate;
  const p2 = follow.estimate;
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  const cross = a * d - b * c;
  const corrected = cross > n / 2 ? cross - n / 2 : cross >= 0 ? 0 : cross;
  const phi = margins === 0 ? 0 : corrected / Math.sqrt(margins);
  const estimate = p2 - p1;
  const below = (term1: number, term2: number) =>
    Math.sqrt(Math.max(0, term1 * term1 - 2 * phi * term1 * term2 + term2 * term2));
  const lower = estimate - below(p2 - follow.lower, base.upper - p1);
  const upper = estimate + below(follow.upper - p2, p1 - base.lower);
  return { estimate, lower, upper };
}

/**
 * McNemar's exact test: the two-sided binomial test of b yes → no among the b + c discordant
 * pairs against one half, as R's `binom.test(b, b + c)` (twice the smaller tail, at most 1).
 * NaN when there is no discordant pair (R refuses n = 0).
 */
export function mcnemarExactP(b: number, c: number): number {
  checkCount(b, 'b');
  checkCount(c, 'c');
  const n = b + c;
  if (n === 0) return Number.NaN;
  const k = Math.min(b, c);
  if (2 * k === n) return 1;
  // P(X ≤ k) for X ~ Binomial(n, ½), summed in logs from the largest term down: each term is the
  // next one times i / (n − i + 1).
  let logTerm = logChoose(n, k) - n * Math.LN2;
  let sum = 0;
  let ratio = 1;
  for (let i = k; i >= 0; i--) {
    sum += ratio;
    ratio *= i / (n - i + 1);
    if (ratio < 1e-17 * sum) break;
  }
  logTerm += Math.log(sum);
  return Math.min(1, 2 * Math.exp(logTerm));
}

/**
 * McNemar's chi-square test with the continuity correction, as R's `mcnemar.test` (correct =
 * TRUE): X² = (|b − c| − 1)² / (b + c) on 1 degree of freedom, the correction applied as R does
 * even when b = c. NaN when there is no discordant pair.
 */
export function mcnemarChiSquareP(b: number, c: number): number {
  checkCount(b, 'b');
  checkCount(c, 'c');
  const n = b + c;
  if (n === 0) return Number.NaN;
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  // P(χ²₁ ≥ x) = P(|Z| ≥ √x) = 2Φ(−√x).
  return 2 * normalCdf(-Math.sqrt(statistic), 0, 1);
}

/** log of n choose k, as a sum of logs (exact enough for the counts of a programme). */
function logChoose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let sum = 0;
  for (let i = 1; i <= m; i++) sum += Math.log((n - m + i) / i);
  return sum;
}

function checkTable(table: PairedTable): void {
  for (const key of ['a', 'b', 'c', 'd'] as const) checkCount(table[key], key);
}

function checkCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
  }
}
