import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilsonInterval.js';

// Reference values: R 4.2.2, `prop.test(x, n, correct = FALSE, conf.level = c)$conf.int`, which is
// the Wilson score interval (an implementation independent of PHE's wilson_lower/wilson_upper):
//   Rscript -e 'options(digits=17); prop.test(65, 100, correct = FALSE)$conf.int'
// For the non-integer x = 0.445 (a case in PHE's tests/testthat/testWilson.R), PHE's formula
// from R/utils.R typed into R 4.2.2:
//   wl <- function(x, n, confidence = 0.95) { z <- qnorm(confidence + (1 - confidence)/2);
//     c((2*x+z^2-z*sqrt(z^2+4*x*(1-(x/n))))/2/(n+z^2), (2*x+z^2+z*sqrt(z^2+4*x*(1-(x/n))))/2/(n+z^2)) }
const cases: ReadonlyArray<readonly [number, number, number, number, number]> = [
  // x, n, confidence, lower, upper
  [65, 100, 0.95, 0.5525444329688797, 0.7363575175690247],
  [1045, 5000, 0.95, 0.197955498800133, 0.2204913037318903],
  [0, 10, 0.95, 0, 0.27753279986288915],
  [10, 10, 0.95, 0.7224672001371109, 1],
  [1, 1, 0.95, 0.2065493143772375, 1],
  [65, 100, 0.998, 0.4954946574070448, 0.7783540614089686],
  [65, 100, 0.9, 0.5685335442834737, 0.723563639481574],
  [3, 7, 0.9, 0.18644319036395615, 0.710522908986407],
  [0.445, 1, 0.95, 0.04381744772058822, 0.9334621276979156],
  [0.445, 1, 0.998, 0.019347006132901353, 0.9702259947019535],
];

describe('wilsonInterval', () => {
  it.each(cases)('x = %d, n = %d, confidence %d matches R prop.test / PHE', (x, n, c, lo, up) => {
    const result = wilsonInterval(x, n, c);
    expect(result.estimate).toBe(x / n);
    expect(result.lower).toBeCloseTo(lo, 12);
    expect(result.upper).toBeCloseTo(up, 12);
  });

  it('defaults to 95% confidence', () => {
    expect(wilsonInterval(65, 100)).toEqual(wilsonInterval(65, 100, 0.95));
  });

  it('matches the centre ± half-width form quoted in METHODS.md', () => {
    // centre = (p + z²/2n)/(1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n), z = 1.959964
    const z = 1.959964;
    const [x, n] = [37, 80];
    const p = x / n;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    const result = wilsonInterval(x, n);
    expect(result.lower).toBeCloseTo(centre - half, 6);
    expect(result.upper).toBeCloseTo(centre + half, 6);
  });

  it('returns NaN for n = 0', () => {
    const result = wilsonInterval(0, 0);
    expect(result.estimate).toBeNaN();
    expect(result.lower).toBeNaN();
    expect(result.upper).toBeNaN();
  });

  it('rejects invalid arguments, naming them', () => {
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(/x must be/);
    expect(() => wilsonInterval(1, -10)).toThrow(/n must be/);
    expect(() => wilsonInterval(11, 10)).toThrow(/x must be less than or equal to n/);
    expect(() => wilsonInterval(Number.NaN, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => wilsonInterval('1' as unknown as number, 10)).toThrow(TypeError);
    expect(() => wilsonInterval(1, 10, 95)).toThrow(/confidence must be strictly between 0 and 1/);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(RangeError);
  });

  it('property: 0 ≤ lower ≤ estimate ≤ upper ≤ 1', () => {
    const arbitrary = fc
      .integer({ min: 1, max: 1_000_000 })
      .chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.integer({ min: 0, max: n }),
          fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        ),
      );
    fc.assert(
      fc.property(arbitrary, ([n, x, confidence]) => {
        const { estimate, lower, upper } = wilsonInterval(x, n, confidence);
        return 0 <= lower && lower <= estimate && estimate <= upper && upper <= 1;
      }),
    );
  });

  it('property: a higher confidence gives a wider interval', () => {
    const arbitrary = fc
      .integer({ min: 1, max: 10_000 })
      .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n })));
    fc.assert(
      fc.property(arbitrary, ([n, x]) => {
        const narrow = wilsonInterval(x, n, 0.9);
        const wide = wilsonInterval(x, n, 0.99);
        return wide.lower <= narrow.lower && wide.upper >= narrow.upper;
      }),
    );
  });
});
