import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../src/stats/meanInterval.js';

// Reference values: R 4.2.2, `t.test(x, conf.level = c)$conf.int` (the interval phe_mean
// computes: mean ± |qt((1 - c)/2, n - 1)| · sd/√n), with mean(x) and sd(x):
//   Rscript -e 'options(digits=17); x <- c(30,40,50,60); c(mean(x), sd(x), t.test(x)$conf.int)'
describe('meanInterval', () => {
  it('matches R t.test for PHE phe_mean example data c(30, 40, 50, 60)', () => {
    const result = meanInterval([30, 40, 50, 60]);
    expect(result.n).toBe(4);
    expect(result.mean).toBe(45);
    expect(result.sd).toBeCloseTo(12.909944487358056, 12);
    expect(result.se).toBeCloseTo(12.909944487358056 / 2, 12);
    expect(result.lower).toBeCloseTo(24.457397432394792, 10);
    expect(result.upper).toBeCloseTo(65.5426025676052, 10);
  });

  it('matches R t.test at 90% confidence', () => {
    // x <- c(20,30,40); t.test(x, conf.level = 0.9)$conf.int
    const result = meanInterval([20, 30, 40], 0.9);
    expect(result.mean).toBe(30);
    expect(result.sd).toBe(10);
    expect(result.lower).toBeCloseTo(13.141455391529517, 10);
    expect(result.upper).toBeCloseTo(46.85854460847048, 10);
  });

  it('matches R t.test on non-integer data', () => {
    // x <- c(2.5, 3.1, 4.7, 5.0, 1.2, 3.3, 4.4); c(mean(x), sd(x), sd(x)/sqrt(7), t.test(x)$conf.int)
    const result = meanInterval(Float64Array.of(2.5, 3.1, 4.7, 5.0, 1.2, 3.3, 4.4));
    expect(result.mean).toBeCloseTo(3.4571428571428573, 14);
    expect(result.sd).toBeCloseTo(1.3525989093311475, 14);
    expect(result.se).toBeCloseTo(0.5112343339582026, 14);
    expect(result.lower).toBeCloseTo(2.2061975066683264, 11);
    expect(result.upper).toBeCloseTo(4.708088207617389, 11);
  });

  it('gives NaN where a quantity is undefined (n = 0, 1) and a finite interval at n = 2', () => {
    const empty = meanInterval([]);
    expect(empty.n).toBe(0);
    for (const value of [empty.mean, empty.sd, empty.se, empty.lower, empty.upper]) {
      expect(value).toBeNaN();
    }
    const one = meanInterval([7]);
    expect(one.mean).toBe(7);
    for (const value of [one.sd, one.se, one.lower, one.upper]) expect(value).toBeNaN();
    // x <- c(1, 2); t.test(x)$conf.int  =>  -4.85310236808734707 7.85310236808734707
    const two = meanInterval([1, 2]);
    expect(two.lower).toBeCloseTo(1.5 - 6.353102368087347, 9);
    expect(two.upper).toBeCloseTo(1.5 + 6.353102368087347, 9);
  });

  it('gives a zero-width interval for constant data', () => {
    const result = meanInterval([5, 5, 5]);
    expect(result.sd).toBe(0);
    expect(result.lower).toBe(5);
    expect(result.upper).toBe(5);
  });

  it('rejects invalid arguments, naming them', () => {
    expect(() => meanInterval([1, Number.NaN, 3])).toThrow(/values\[1\] must be a finite number/);
    expect(() => meanInterval([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => meanInterval(null as unknown as number[])).toThrow(TypeError);
    expect(() => meanInterval([1, 2, 3], 1.5)).toThrow(/confidence/);
  });
});
