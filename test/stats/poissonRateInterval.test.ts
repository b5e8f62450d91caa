import { describe, expect, it } from 'vitest';
import { poissonRateInterval } from '../../src/stats/poissonRateInterval.js';

// Reference values: R 4.2.2 with PHEindicatormethods' phe_rate formulas (R/Rates.R and
// byars_lower/byars_upper in R/utils.R) typed in, per 1000:
//   byars_lower <- function(x, confidence = 0.95) { z <- qnorm(confidence + (1-confidence)/2);
//     b <- x*(1-1/(9*x)-z/(3*sqrt(x)))^3; b[b < 0] <- NA; b }
//   byars_upper <- function(x, confidence = 0.95) { z <- qnorm(confidence + (1-confidence)/2);
//     (x+1)*(1-1/(9*(x+1))+z/(3*sqrt(x+1)))^3 }
//   rate <- function(x, n, confidence = 0.95, multiplier = 1000) c(x/n*multiplier,
//     if (x < 10) qchisq((1-confidence)/2, 2*x)/2/n*multiplier else byars_lower(x, confidence)/n*multiplier,
//     if (x < 10) qchisq(confidence+(1-confidence)/2, 2*x+2)/2/n*multiplier else byars_upper(x, confidence)/n*multiplier)
// The exact (< 10) limits also equal R's independent `poisson.test(x)$conf.int` (Garwood, via
// qgamma): poisson.test(1, 1)$conf.int => 0.025317807984289897 5.571643390938898932.
const cases: ReadonlyArray<
  readonly [number, number, number, number, number, number, 'byar' | 'exact']
> = [
  // count, denominator, confidence, rate, lower, upper, method
  [0, 100, 0.95, 0, 0, 36.888794541139355, 'exact'],
  [0, 100, 0.998, 0, 0, 69.07755278982137, 'exact'],
  [1, 100, 0.95, 10, 0.253178079842899, 55.71643390938899, 'exact'],
  [1, 100, 0.998, 10, 0.010005003335835342, 92.33413476451585, 'exact'],
  [9, 10000, 0.95, 0.9, 0.41153730973783326, 1.7084803451419168, 'exact'],
  [9, 10000, 0.998, 0.9, 0.24524244043637747, 2.265737330906293, 'exact'],
  [10, 10000, 0.95, 1, 0.4787449913967564, 1.8391458605756474, 'byar'],
  [10, 10000, 0.998, 1, 0.2916318374695686, 2.419372492788055, 'byar'],
  [65, 10000, 0.95, 6.5, 5.016318771045945, 8.284913854593984, 'byar'],
  [65, 10000, 0.998, 6.5, 4.28802614714802, 9.4000290844318, 'byar'],
  [1045, 5000, 0.95, 209, 196.5186403614665, 222.06624259712999, 'byar'],
  [1045, 5000, 0.998, 209, 189.58814071220746, 229.7612321976066, 'byar'],
  [8, 100, 0.95, 80, 34.538321767485016, 157.63189220193317, 'exact'],
  [8, 100, 0.998, 80, 19.708139217403662, 211.56198165839982, 'exact'],
  [750, 10000, 0.95, 75, 69.72769086836789, 80.56528925119139, 'byar'],
  [750, 10000, 0.998, 75, 66.82050897334099, 83.8550147883351, 'byar'],
];

const relative = (actual: number, expected: number): number =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual / expected - 1);

describe('poissonRateInterval', () => {
  it.each(cases)(
    'count %d / %d at %d matches PHE phe_rate in R',
    (x, n, c, rate, lo, up, method) => {
      const result = poissonRateInterval(x, n, { confidence: c });
      expect(result.method).toBe(method);
      expect(relative(result.rate, rate)).toBeLessThan(1e-14);
      expect(relative(result.lower, lo)).toBeLessThan(1e-10);
      expect(relative(result.upper, up)).toBeLessThan(1e-10);
    },
  );

  it('switches from exact to Byar at a count of 10', () => {
    expect(poissonRateInterval(9.999, 1000).method).toBe('exact');
    expect(poissonRateInterval(10, 1000).method).toBe('byar');
  });

  it('uses the multiplier and a 90% level', () => {
    // rate(82, 10000, 0.9, 100000) => 820.00000000000011 676.95097102581019 985.31080110668188
    const result = poissonRateInterval(82, 10000, { multiplier: 100000, confidence: 0.9 });
    expect(relative(result.rate, 820)).toBeLessThan(1e-14);
    expect(relative(result.lower, 676.9509710258102)).toBeLessThan(1e-12);
    expect(relative(result.upper, 985.3108011066819)).toBeLessThan(1e-12);
  });

  it('defaults to per 1000 at 95%', () => {
    expect(poissonRateInterval(65, 10000)).toEqual(
      poissonRateInterval(65, 10000, { multiplier: 1000, confidence: 0.95 }),
    );
  });

  it('gives NaN for a zero denominator', () => {
    const result = poissonRateInterval(0, 0);
    expect([result.rate, result.lower, result.upper].every(Number.isNaN)).toBe(true);
  });

  it('rejects invalid arguments, naming them', () => {
    expect(() => poissonRateInterval(-1, 100)).toThrow(/count must be/);
    expect(() => poissonRateInterval(1, -100)).toThrow(/denominator must be/);
    expect(() => poissonRateInterval(Number.NaN, 100)).toThrow(RangeError);
    expect(() => poissonRateInterval(1, 100, { multiplier: 0 })).toThrow(/options\.multiplier/);
    expect(() => poissonRateInterval(1, 100, { confidence: 95 })).toThrow(/options\.confidence/);
    expect(() => poissonRateInterval('1' as unknown as number, 100)).toThrow(TypeError);
  });
});
