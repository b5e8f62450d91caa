import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairedTTest } from '../../src/stats/pairedTTest.js';

// Reference values: R 4.2.2, `t.test(after, before, paired = TRUE)`:
//   Rscript -e 'options(digits=17); before <- c(45,50,38,61,52,47,55,40,49,58);
//     after <- c(48,53,41,60,58,50,57,46,49,62); r <- t.test(after, before, paired = TRUE);
//     c(r$estimate, r$statistic, r$parameter, r$p.value, r$conf.int, r$stderr, sd(after - before))'
// after - before = 3 3 3 -1 6 3 2 6 0 4
const differences = [3, 3, 3, -1, 6, 3, 2, 6, 0, 4];

describe('pairedTTest', () => {
  it('matches R t.test(paired = TRUE)', () => {
    const result = pairedTTest(differences);
    expect(result.n).toBe(10);
    expect(result.mean).toBeCloseTo(2.9, 14);
    expect(result.sd).toBeCloseTo(2.2335820757001272, 13);
    expect(result.se).toBeCloseTo(0.706320670013903, 13);
    expect(result.t).toBeCloseTo(4.105783850192176, 12);
    expect(result.df).toBe(9);
    expect(result.pValue).toBeCloseTo(0.002653670612544457, 13);
    expect(result.pValue / 0.002653670612544457).toBeCloseTo(1, 9);
    expect(result.lower).toBeCloseTo(1.3021916370956221, 10);
    expect(result.upper).toBeCloseTo(4.497808362904378, 10);
  });

  it('matches R at 90% confidence', () => {
    // t.test(after, before, paired = TRUE, conf.level = 0.9)$conf.int
    const result = pairedTTest(differences, 0.9);
    expect(result.lower).toBeCloseTo(1.6052344451950964, 10);
    expect(result.upper).toBeCloseTo(4.194765554804904, 10);
  });

  it('handles n = 2 (df = 1) as R does', () => {
    // t.test(c(1, 2)): t = 3, df = 1, p = 0.20483276469913345, CI -4.85310236808734707 7.85310236808734707
    const result = pairedTTest([1, 2]);
    expect(result.t).toBeCloseTo(3, 14);
    expect(result.df).toBe(1);
    expect(result.pValue).toBeCloseTo(0.20483276469913345, 12);
    expect(result.lower).toBeCloseTo(-4.853102368087347, 9);
    expect(result.upper).toBeCloseTo(7.853102368087347, 9);
  });

  it('gives NaN statistics for n = 0 and n = 1 (R: "not enough \'x\' observations")', () => {
    const empty = pairedTTest([]);
    expect(empty.n).toBe(0);
    for (const v of [empty.mean, empty.sd, empty.se, empty.t, empty.df, empty.pValue]) {
      expect(v).toBeNaN();
    }
    const one = pairedTTest([4]);
    expect(one.n).toBe(1);
    expect(one.mean).toBe(4);
    for (const v of [one.sd, one.se, one.t, one.df, one.pValue, one.lower, one.upper]) {
      expect(v).toBeNaN();
    }
  });

  it('gives NaN t and p but the mean as both limits when all differences are equal', () => {
    // R: t.test(c(3, 3, 3)) stops with "data are essentially constant"
    const result = pairedTTest([3, 3, 3]);
    expect(result.sd).toBe(0);
    expect(result.t).toBeNaN();
    expect(result.pValue).toBeNaN();
    expect(result.mean).toBe(3);
    expect(result.lower).toBe(3);
    expect(result.upper).toBe(3);
    // R: t.test(c(0, 0, 0)) gives t, p and the interval all NaN (0/0); here t and p are NaN and
    // the interval is [0, 0] (documented departure).
    const zeros = pairedTTest([0, 0, 0]);
    expect(zeros.t).toBeNaN();
    expect(zeros.pValue).toBeNaN();
    expect([zeros.mean, zeros.lower, zeros.upper]).toEqual([0, 0, 0]);
  });

  it('treats rounding-level spread as constant, as R does (se < 10·ε·|mean|)', () => {
    // 0.1 + 0.2 !== 0.3, so sd is ~1e-17, not 0; R's t.test stops "essentially constant".
    const result = pairedTTest([0.1 + 0.2, 0.3, 0.3]);
    expect(result.sd).toBeGreaterThan(0);
    expect(result.t).toBeNaN();
    expect(result.pValue).toBeNaN();
  });

  it('rejects invalid arguments, naming them', () => {
    expect(() => pairedTTest([1, Number.NaN])).toThrow(/differences\[1\] must be a finite number/);
    expect(() => pairedTTest([1, 2, 3], 0)).toThrow(/confidence/);
    expect(() => pairedTTest({} as unknown as number[])).toThrow(TypeError);
  });

  it('property: invariant to the order of the differences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 60 }),
        fc.infiniteStream(fc.nat()),
        (values, stream) => {
          const shuffled = [...values];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (stream.next().value as number) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
          }
          const a = pairedTTest(values);
          const b = pairedTTest(shuffled);
          const same = (x: number, y: number) =>
            (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= 1e-9 * (1 + Math.abs(x));
          return (
            same(a.mean, b.mean) &&
            same(a.sd, b.sd) &&
            same(a.t, b.t) &&
            same(a.pValue, b.pValue) &&
            same(a.lower, b.lower) &&
            same(a.upper, b.upper)
          );
        },
      ),
    );
  });

  it('property: p in [0, 1] and the interval contains the mean', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 40 }),
        (values) => {
          const r = pairedTTest(values);
          const pOk = Number.isNaN(r.pValue) || (r.pValue >= 0 && r.pValue <= 1);
          return pOk && r.lower <= r.mean && r.mean <= r.upper;
        },
      ),
    );
  });
});
