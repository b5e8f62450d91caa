import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signedRankSum, wilcoxonSignedRank } from '../../src/stats/wilcoxonSignedRank.js';

// Reference values: R 4.2.2 (same default wilcox.test behaviour as R 4.3–4.5), e.g.
//   Rscript -e 'options(digits=17); r <- wilcox.test(c(1.5, -0.5, 2, 3, 4)); c(r$statistic, r$p.value)'
// (`wilcox.test(d)` is `wilcox.test(after, before, paired = TRUE)` on d = after - before.)
// method 'exact' ↔ R "Wilcoxon signed rank exact test";
// method 'normal' ↔ R "Wilcoxon signed rank test with continuity correction".
const d49 = Array.from({ length: 49 }, (_, i) => ((i + 1) % 3 === 0 ? -(i + 1) : i + 1));
const d50 = Array.from({ length: 50 }, (_, i) => ((i + 1) % 3 === 0 ? -(i + 1) : i + 1));
const cases: ReadonlyArray<
  readonly [string, readonly number[], number, number, number, 'exact' | 'normal']
> = [
  // label, d, n, V, p, method
  ['exact, n = 5', [1.5, -0.5, 2, 3, 4], 5, 14, 0.125, 'exact'],
  ['ties and a zero', [3, 3, 3, -1, 6, 3, 2, 6, 0, 4], 9, 44, 0.011997286233106736, 'normal'],
  ['exact, n = 3', [1, 2, 3], 3, 6, 0.25000000000000006, 'exact'],
  ['exact, all negative', [-1, -2, -3, -4, -5, -6], 6, 0, 0.031250000000000014, 'exact'],
  ['exact, n = 1', [5], 1, 1, 1, 'exact'],
  ['zeros dropped, n = 1', [0, 0, 5], 1, 1, 1, 'normal'],
  ['one tied pair', [2, -2], 2, 1.5, 1, 'normal'],
  ['0.1 + 0.2 is not tied with 0.3', [0.1 + 0.2, -0.3, 0.5], 3, 5, 0.5000000000000001, 'exact'],
  ['0.3 tied with -0.3', [0.3, -0.3, 0.5], 3, 4.5, 0.58621368107314, 'normal'],
  // d49 <- (1:49) * ifelse((1:49) %% 3 == 0, -1, 1); wilcox.test(d49)
  ['n = 49, exact', d49, 49, 817, 0.041703854232423516, 'exact'],
  // d50 <- (1:50) * ifelse((1:50) %% 3 == 0, -1, 1); wilcox.test(d50)
  ['n = 50, normal', d50, 50, 867, 0.027063492176047903, 'normal'],
  // wilcox.test(c(d49, 0))
  ['n = 49 with a zero, normal', [...d49, 0], 49, 817, 0.042433026241939224, 'normal'],
  // wilcox.test(1:30)
  [
    'exact, tiny p',
    Array.from({ length: 30 }, (_, i) => i + 1),
    30,
    465,
    1.8626451492309587e-9,
    'exact',
  ],
];

describe('wilcoxonSignedRank', () => {
  it.each(cases)('%s matches R wilcox.test', (_label, d, n, v, p, method) => {
    const result = wilcoxonSignedRank(d);
    expect(result.n).toBe(n);
    expect(result.v).toBe(v);
    expect(result.method).toBe(method);
    expect(result.pValue / p).toBeCloseTo(1, 10);
  });

  it('matches R on 2000 differences with many ties (normal approximation)', () => {
    // i <- 0:1999; d <- ((i * 7919) %% 201) - 90; wilcox.test(d)  (10 zeros)
    // => V = 1180298, p = 1.3342216002981908e-13
    const d = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 201) - 90);
    const result = wilcoxonSignedRank(d);
    expect(result.n).toBe(1990);
    expect(result.v).toBe(1180298);
    expect(result.method).toBe('normal');
    expect(result.pValue / 1.3342216002981908e-13).toBeCloseTo(1, 8);
  });

  it('returns method "none" and NaN p when there are no non-zero differences', () => {
    expect(wilcoxonSignedRank([])).toEqual({ n: 0, v: 0, pValue: Number.NaN, method: 'none' });
    expect(wilcoxonSignedRank([0, 0, 0])).toEqual({
      n: 0,
      v: 0,
      pValue: Number.NaN,
      method: 'none',
    });
  });

  it('ranks 10⁶ differences in well under a second', () => {
    const d = new Float64Array(1_000_000);
    let state = 12345;
    for (let i = 0; i < d.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      d[i] = (state % 2001) - 1000; // integers -1000…1000: many ties and zeros
    }
    const started = performance.now();
    const result = wilcoxonSignedRank(d);
    const elapsed = performance.now() - started;
    expect(result.method).toBe('normal');
    expect(result.pValue).toBeGreaterThanOrEqual(0);
    expect(result.pValue).toBeLessThanOrEqual(1);
    expect(elapsed).toBeLessThan(1000);
  });

  it('V of a sign-flipped sample is n(n+1)/2 − V and p is unchanged', () => {
    const d = [3, 3, 3, -1, 6, 3, 2, 6, 0, 4];
    const a = wilcoxonSignedRank(d);
    const b = wilcoxonSignedRank(d.map((x) => -x));
    expect(b.v).toBe((a.n * (a.n + 1)) / 2 - a.v);
    expect(b.pValue).toBeCloseTo(a.pValue, 15);
  });

  it('rejects non-finite values, naming the index', () => {
    expect(() => wilcoxonSignedRank([1, Number.NaN])).toThrow(/differences\[1\]/);
    expect(() => wilcoxonSignedRank([Number.NEGATIVE_INFINITY])).toThrow(RangeError);
    expect(() => wilcoxonSignedRank(undefined as unknown as number[])).toThrow(TypeError);
  });

  it('property: p in [0, 1], 0 ≤ V ≤ n(n+1)/2', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 120 }), (d) => {
        const { n, v, pValue, method } = wilcoxonSignedRank(d);
        if (n === 0) return method === 'none' && Number.isNaN(pValue);
        return pValue >= 0 && pValue <= 1 && v >= 0 && v <= (n * (n + 1)) / 2;
      }),
    );
  });

  it('property: V and the tie term by counting values equal those by sorting, and by hand', () => {
    // Reference: each |d| ranked by counting the values below it and those equal to it (the
    // average rank of a tie group), V summed over positive d; Σ(t³ − t) over the groups.
    const byHand = (d: readonly number[]) => {
      const abs = d.filter((x) => x !== 0).map(Math.abs);
      let v = 0;
      for (const x of d) {
        if (x <= 0) continue;
        const below = abs.filter((y) => y < x).length;
        const equal = abs.filter((y) => y === x).length;
        v += below + (equal + 1) / 2;
      }
      const groups = new Map<number, number>();
      for (const y of abs) groups.set(y, (groups.get(y) ?? 0) + 1);
      let tie = 0;
      for (const t of groups.values()) tie += t ** 3 - t;
      return { v, tieCorrection: tie };
    };
    const split = (d: readonly number[]) => [
      Float64Array.from(d.filter((x) => x > 0)),
      Float64Array.from(d.filter((x) => x < 0).map((x) => -x)),
    ];
    // Whole numbers (below and above the counted array's 1,024), tabled decimals and
    // continuous values.
    const value = fc.oneof(
      fc.integer({ min: -30, max: 30 }),
      fc.integer({ min: -3000, max: 3000 }),
      fc.constantFrom(-2.51, -1.74, -0.55, 0.55, 1.74, 2.51, 7.5, -7.5),
      fc.double({ min: -50, max: 50, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.nat({ max: 40 }), (d, limit) => {
        const expected = byHand(d);
        const [p1, n1] = split(d) as [Float64Array, Float64Array];
        const [p2, n2] = split(d) as [Float64Array, Float64Array];
        const [p3, n3] = split(d) as [Float64Array, Float64Array];
        // Counted (default), counted up to a small limit (then sorted past it), sorted.
        for (const got of [
          signedRankSum(p1, n1),
          signedRankSum(p2, n2, limit),
          signedRankSum(p3, n3, 0),
        ]) {
          expect(got.v).toBe(expected.v);
          expect(got.tieCorrection).toBe(expected.tieCorrection);
        }
      }),
      { numRuns: 500 },
    );
  });
});
