import { describe, expect, it } from 'vitest';
import { welchInterval } from '../../src/stats/welchInterval.js';

// Reference values: R 4.2.2, Welch `t.test(a, b)` on raw data, with the summaries R computes:
//   Rscript -e 'options(digits=17); a <- c(52,48,55,60,47,51,58,49,53,50);
//     b <- c(45,50,38,61,52,47,55,40,49,58,44,41); r <- t.test(a, b);
//     c(mean(a), sd(a), mean(b), sd(b), r$stderr, r$parameter, r$statistic, r$p.value, r$conf.int)'
const a = { n: 10, mean: 52.3, sd: 4.270050741306634 };
const b = { n: 12, mean: 48.333333333333336, sd: 7.240458716424148 };

describe('welchInterval', () => {
  it('matches R t.test (Welch) at 95%', () => {
    const result = welchInterval(a, b);
    expect(result.difference).toBeCloseTo(3.9666666666666615, 12);
    expect(result.se).toBeCloseTo(2.4883770216790304, 12);
    expect(result.df).toBeCloseTo(18.219218206623317, 10);
    expect(result.t).toBeCloseTo(1.594077839535006, 12);
    expect(result.pValue).toBeCloseTo(0.12811898760034837, 11);
    expect(result.lower).toBeCloseTo(-1.2567142342346165, 10);
    expect(result.upper).toBeCloseTo(9.19004756756794, 10);
  });

  it('matches R t.test (Welch) at 90%', () => {
    // t.test(a, b, conf.level = 0.9)$conf.int
    const result = welchInterval(a, b, 0.9);
    expect(result.lower).toBeCloseTo(-0.345526401439597, 10);
    expect(result.upper).toBeCloseTo(8.27885973477292, 10);
  });

  it('is antisymmetric in a and b', () => {
    const ab = welchInterval(a, b);
    const ba = welchInterval(b, a);
    expect(ba.difference).toBeCloseTo(-ab.difference, 12);
    expect(ba.lower).toBeCloseTo(-ab.upper, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 14);
    expect(ba.df).toBeCloseTo(ab.df, 12);
  });

  it('reduces to the hand formula for equal n and SD: df = 2(n − 1)', () => {
    const result = welchInterval({ n: 5, mean: 3, sd: 2 }, { n: 5, mean: 1, sd: 2 });
    expect(result.se).toBeCloseTo(Math.sqrt(8 / 5), 14);
    expect(result.df).toBeCloseTo(8, 12);
  });

  it('gives NaN when either group has fewer than 2 people', () => {
    const one = welchInterval({ n: 1, mean: 5, sd: Number.NaN }, b);
    expect(one.difference).toBeCloseTo(5 - b.mean, 12);
    for (const v of [one.se, one.df, one.lower, one.upper, one.t, one.pValue]) {
      expect(v).toBeNaN();
    }
    const none = welchInterval(a, { n: 0, mean: Number.NaN, sd: Number.NaN });
    expect(none.difference).toBeNaN();
    expect(none.pValue).toBeNaN();
  });

  it('gives NaN t, df and p with both SDs zero (R: "data are essentially constant")', () => {
    const result = welchInterval({ n: 3, mean: 5, sd: 0 }, { n: 4, mean: 2, sd: 0 });
    expect(result.difference).toBe(3);
    expect(result.se).toBe(0);
    expect([result.t, result.df, result.pValue].every(Number.isNaN)).toBe(true);
    expect(result.lower).toBe(3);
    expect(result.upper).toBe(3);
  });

  it('rejects invalid summaries, naming the argument', () => {
    expect(() => welchInterval({ n: 2.5, mean: 1, sd: 1 }, b)).toThrow(/a\.n must be a whole/);
    expect(() => welchInterval(a, { n: 3, mean: 1, sd: -1 })).toThrow(/b\.sd must be/);
    expect(() => welchInterval(a, { n: 3, mean: Number.NaN, sd: 1 })).toThrow(/b\.mean/);
    expect(() => welchInterval(a, { n: 3, mean: 1 } as never)).toThrow(TypeError);
    expect(() => welchInterval(null as never, b)).toThrow(TypeError);
    expect(() => welchInterval(a, b, -0.5)).toThrow(/confidence/);
  });
});
