import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/stats/random.js';
import {
  type QuantileEstimate,
  slopeIndexOfInequality,
} from '../../src/stats/slopeIndexOfInequality.js';

// Input data: the roxygen example of PHEindicatormethods R/SII_function.R (Area1 and Area2
// deciles, most deprived first). testdata_SII.xlsx (METHODS.md: area1 → SII 6.9346164736688,
// RII 1.0888180804446) is only stored as a binary spreadsheet, so its inputs could not be read.
const population = {
  area1: [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534],
  area2: [21675, 20065, 19750, 24713, 20112, 19618, 22408, 19752, 18939, 19312],
};
const value = {
  area1: [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3],
  area2: [70.5, 71.6, 72.5, 73.5, 73.1, 76.2, 78.7, 80.6, 80.9, 80],
};
const standardError = {
  area1: [1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57],
  area2: [0.23, 0.26, 0.3, 0.16, 0.79, 0.78, 0.4, 0.28, 0.23, 0.35],
};
const deciles = (area: 'area1' | 'area2'): QuantileEstimate[] =>
  population[area].map((weight, i) => ({
    weight,
    mean: value[area][i] as number,
    se: standardError[area][i] as number,
  }));

// Reference values: R 4.2.2 running PHE's own regression on these data (FindXValues from
// R/utils.R, then `lm(yvals ~ sqrt_a + b_sqrt_a - 1)` as in R/SII_function.R):
//   a <- pop/sum(pop); prop <- a; cum <- cumsum(prop); b <- c(prop[1]/2, prop[-1]/2 + cum[-10])
//   sqrt_a <- sqrt(a); b_sqrt_a <- b*sqrt_a; yvals <- sqrt_a*value
//   fit <- lm(yvals ~ sqrt_a + b_sqrt_a - 1); sii <- coef(fit)[2]; rii <- (coef(fit)[1]+sii)/coef(fit)[1]
// Simulated limits, R with PHE's SimulationFunc algebra at 10⁶ repetitions (set.seed(5)):
//   yv <- matrix(rnorm(reps*10, value, se), ncol = reps) * sqrt_a; temp <- solve(m %*% t(m)) %*% m %*% yv
//   S <- sort(temp[2,]); R <- sort((temp[2,]+temp[1,])/temp[1,]); S[round(reps*0.025)]; S[round(reps*0.975)]
// and the analytic SD of the simulated SII (it is linear in the draws):
//   sd_sii <- sqrt(sum(invm_m[2,]^2 * sqrt_a^2 * se^2))
const reference = {
  area1: {
    sii: 7.000234760079896,
    rii: 1.0897097049119413,
    sdSii: 1.9626921183098556,
    sii95: [3.155233004, 10.849369512],
    rii95: [1.039503787, 1.142440383],
    sii90: [3.769338051, 10.230728235],
    rii90: [1.047360737, 1.133812662],
  },
  area2: {
    sii: 12.622738563631648,
    rii: 1.1820343480014959,
    sdSii: 0.31177711536659647,
    sii95: [12.01033396, 13.23436388],
    rii95: [1.172524564, 1.191609499],
    sii90: [12.1092039, 13.13561677],
    rii90: [1.174055133, 1.190064383],
  },
};

describe('slopeIndexOfInequality', () => {
  for (const area of ['area1', 'area2'] as const) {
    const ref = reference[area];

    it(`${area}: SII and RII match PHE's lm() fit in R`, () => {
      const result = slopeIndexOfInequality(deciles(area));
      expect(result.n).toBe(10);
      expect(result.sii / ref.sii).toBeCloseTo(1, 12);
      expect(result.rii / ref.rii).toBeCloseTo(1, 12);
    });

    it(`${area}: simulated 95% and 90% limits agree with R's 10⁶-draw simulation`, () => {
      // Monte Carlo error of a 2.5% quantile from 10⁵ draws ≈ 0.009·sd; allow ~5× that.
      const tolerance = 0.05 * ref.sdSii;
      const riiTolerance = (0.05 * ((ref.rii95[1] as number) - (ref.rii95[0] as number))) / 3.92;
      const r95 = slopeIndexOfInequality(deciles(area));
      expect(Math.abs(r95.siiLower - (ref.sii95[0] as number))).toBeLessThan(tolerance);
      expect(Math.abs(r95.siiUpper - (ref.sii95[1] as number))).toBeLessThan(tolerance);
      expect(Math.abs(r95.riiLower - (ref.rii95[0] as number))).toBeLessThan(riiTolerance);
      expect(Math.abs(r95.riiUpper - (ref.rii95[1] as number))).toBeLessThan(riiTolerance);
      const r90 = slopeIndexOfInequality(deciles(area), { confidence: 0.9 });
      expect(Math.abs(r90.siiLower - (ref.sii90[0] as number))).toBeLessThan(tolerance);
      expect(Math.abs(r90.siiUpper - (ref.sii90[1] as number))).toBeLessThan(tolerance);
      expect(Math.abs(r90.riiLower - (ref.rii90[0] as number))).toBeLessThan(riiTolerance);
      expect(Math.abs(r90.riiUpper - (ref.rii90[1] as number))).toBeLessThan(riiTolerance);
    });
  }

  it('recovers an exact line: equal quintiles on y = 40 + 10x give SII 10, RII 1.25', () => {
    const result = slopeIndexOfInequality(
      [41, 43, 45, 47, 49].map((mean) => ({ mean, se: 0, weight: 1 })),
      { simulations: 1000 },
    );
    expect(result.sii).toBeCloseTo(10, 12);
    expect(result.intercept).toBeCloseTo(40, 12); // fitted value at x = 0 of y = 40 + 10x
    expect(result.rii).toBeCloseTo(1.25, 12);
    // se = 0: every simulated refit equals the point estimate.
    expect(result.siiLower).toBeCloseTo(10, 12);
    expect(result.siiUpper).toBeCloseTo(10, 12);
    expect(result.riiLower).toBeCloseTo(1.25, 12);
    expect(result.riiUpper).toBeCloseTo(1.25, 12);
  });

  /**
   * PHE's SimulationFunc taken literally: draw each quantile's mean in order, refit by solving the
   * 2×2 weighted normal equations, and sort the simulated SIIs and RIIs separately.
   */
  function simulateLikePhe(quantiles: QuantileEstimate[], simulations: number, seed: number) {
    const total = quantiles.reduce((sum, q) => sum + q.weight, 0);
    const a = quantiles.map((q) => q.weight / total);
    const x = a.map((share, i) => a.slice(0, i).reduce((s, v) => s + v, 0) + share / 2);
    const random = createRandom(seed);
    const sii: number[] = [];
    const rii: number[] = [];
    for (let r = 0; r < simulations; r++) {
      const y = quantiles.map((q) => q.mean + q.se * random.normal());
      let [s0, s1, s2, t0, t1] = [0, 0, 0, 0, 0];
      a.forEach((w, i) => {
        const xi = x[i] as number;
        const yi = y[i] as number;
        s0 += w;
        s1 += w * xi;
        s2 += w * xi * xi;
        t0 += w * yi;
        t1 += w * xi * yi;
      });
      const slope = (s0 * t1 - s1 * t0) / (s0 * s2 - s1 * s1);
      const intercept = (t0 - slope * s1) / s0;
      sii.push(slope);
      rii.push((intercept + slope) / intercept);
    }
    return { sii: sii.sort((p, q) => p - q), rii: rii.sort((p, q) => p - q) };
  }

  /**
   * The same simulation drawn as tides does it: the refit's slope and level from their exact
   * bivariate normal distribution (variances and covariance from the regression coefficients and
   * the SEs), through the Cholesky factor, two standard normals per repetition.
   */
  function simulateTwoNormals(quantiles: QuantileEstimate[], simulations: number, seed: number) {
    const total = quantiles.reduce((sum, q) => sum + q.weight, 0);
    const a = quantiles.map((q) => q.weight / total);
    const x = a.map((share, i) => a.slice(0, i).reduce((s, v) => s + v, 0) + share / 2);
    const xbar = a.reduce((s, w, i) => s + w * (x[i] as number), 0);
    const sxx = a.reduce((s, w, i) => s + w * ((x[i] as number) - xbar) ** 2, 0);
    const c = a.map((w, i) => (w * ((x[i] as number) - xbar)) / sxx);
    const slope0 = c.reduce((s, ci, i) => s + ci * (quantiles[i] as QuantileEstimate).mean, 0);
    const level0 = a.reduce((s, w, i) => s + w * (quantiles[i] as QuantileEstimate).mean, 0);
    const se2 = quantiles.map((q) => q.se * q.se);
    const vs = c.reduce((s, ci, i) => s + ci * ci * (se2[i] as number), 0);
    const vl = a.reduce((s, w, i) => s + w * w * (se2[i] as number), 0);
    const cov = c.reduce((s, ci, i) => s + ci * (a[i] as number) * (se2[i] as number), 0);
    const l11 = Math.sqrt(vs);
    const l21 = cov / l11;
    const l22 = Math.sqrt(vl - l21 * l21);
    const random = createRandom(seed);
    const sii: number[] = [];
    const rii: number[] = [];
    for (let r = 0; r < simulations; r++) {
      const z1 = random.normal();
      const z2 = random.normal();
      const slope = slope0 + l11 * z1;
      const intercept = level0 + l21 * z1 + l22 * z2 - slope * xbar;
      sii.push(slope);
      rii.push((intercept + slope) / intercept);
    }
    return { sii: sii.sort((p, q) => p - q), rii: rii.sort((p, q) => p - q) };
  }

  it('takes the limits at positions round(R·(1 − c)), round(R·c) of the sorted draws', () => {
    const quantiles = deciles('area1');
    const { sii, rii } = simulateTwoNormals(quantiles, 1000, 42);
    // 95%: 1-based positions 25 and 975 (R: round(1000 * 0.025), round(1000 * 0.975)).
    const r95 = slopeIndexOfInequality(quantiles, { simulations: 1000, seed: 42 });
    expect(r95.siiLower).toBeCloseTo(sii[24] as number, 9);
    expect(r95.siiUpper).toBeCloseTo(sii[974] as number, 9);
    expect(r95.riiLower).toBeCloseTo(rii[24] as number, 9);
    expect(r95.riiUpper).toBeCloseTo(rii[974] as number, 9);
    // 90%: positions 50 and 950.
    const r90 = slopeIndexOfInequality(quantiles, { simulations: 1000, seed: 42, confidence: 0.9 });
    expect(r90.siiLower).toBeCloseTo(sii[49] as number, 9);
    expect(r90.siiUpper).toBeCloseTo(sii[949] as number, 9);
    expect(r90.riiLower).toBeCloseTo(rii[49] as number, 9);
    expect(r90.riiUpper).toBeCloseTo(rii[949] as number, 9);
  });

  it("gives the distribution of PHE's literal per-quantile simulation (200,000 draws each)", () => {
    for (const area of ['area1', 'area2'] as const) {
      const quantiles = deciles(area);
      const literal = simulateLikePhe(quantiles, 200_000, 11);
      const ours = slopeIndexOfInequality(quantiles, { simulations: 200_000, seed: 12 });
      // Monte Carlo SE of a 2.5% quantile from 2·10⁵ draws ≈ 0.0065·sd; two runs differ by
      // ≈ 0.009·sd at one SE: allow 6 SE.
      const tolerance = 0.055 * reference[area].sdSii;
      expect(Math.abs(ours.siiLower - (literal.sii[4999] as number))).toBeLessThan(tolerance);
      expect(Math.abs(ours.siiUpper - (literal.sii[194999] as number))).toBeLessThan(tolerance);
      const riiWidth = (literal.rii[194999] as number) - (literal.rii[4999] as number);
      expect(Math.abs(ours.riiLower - (literal.rii[4999] as number))).toBeLessThan(0.03 * riiWidth);
      expect(Math.abs(ours.riiUpper - (literal.rii[194999] as number))).toBeLessThan(
        0.03 * riiWidth,
      );
    }
  });

  it('keeps the covariance of slope and level: unequal SEs skew the RII limits', () => {
    // Very unequal SEs and weights make slope and level correlated; without the covariance the
    // RII upper limit would be 1.80 instead of about 1.88.
    const quantiles = [40, 41, 43, 44, 46].map((mean, i) => ({
      mean,
      se: [4, 0.2, 0.2, 0.2, 3][i] as number,
      weight: [5, 1, 1, 1, 2][i] as number,
    }));
    const literal = simulateLikePhe(quantiles, 200_000, 21);
    const ours = slopeIndexOfInequality(quantiles, { simulations: 200_000, seed: 22 });
    expect(Math.abs(ours.riiLower - (literal.rii[4999] as number))).toBeLessThan(0.02);
    expect(Math.abs(ours.riiUpper - (literal.rii[194999] as number))).toBeLessThan(0.03);
  });

  it("rounds positions half to even, as R's round()", () => {
    // Rscript -e 'c(round(1002 * 0.25), round(1002 * 0.75))'  =>  250 752
    // (1002 · 0.25 = 250.5 exactly; Math.round would give 251.)
    const quantiles = deciles('area2');
    const { sii, rii } = simulateTwoNormals(quantiles, 1002, 3);
    const result = slopeIndexOfInequality(quantiles, {
      simulations: 1002,
      seed: 3,
      confidence: 0.5,
    });
    expect(result.siiLower).toBeCloseTo(sii[249] as number, 9);
    expect(result.siiLower).not.toBeCloseTo(sii[250] as number, 9);
    expect(result.siiUpper).toBeCloseTo(sii[751] as number, 9);
    expect(result.riiLower).toBeCloseTo(rii[249] as number, 9);
    expect(result.riiUpper).toBeCloseTo(rii[751] as number, 9);
  });

  it('is reproducible for a seed and varies with the seed', () => {
    const a = slopeIndexOfInequality(deciles('area1'), { simulations: 2000, seed: 7 });
    const b = slopeIndexOfInequality(deciles('area1'), { simulations: 2000, seed: 7 });
    const c = slopeIndexOfInequality(deciles('area1'), { simulations: 2000, seed: 8 });
    expect(a).toEqual(b);
    expect(c.siiLower).not.toBe(a.siiLower);
    expect(c.sii).toBe(a.sii);
  });

  it('accepts populations or shares as weights', () => {
    const shares = deciles('area2').map((q) => ({ ...q, weight: q.weight / 1000 }));
    const fromShares = slopeIndexOfInequality(shares, { simulations: 1000 });
    const fromPopulations = slopeIndexOfInequality(deciles('area2'), { simulations: 1000 });
    expect(fromShares.sii).toBeCloseTo(fromPopulations.sii, 12);
    expect(fromShares.siiUpper).toBeCloseTo(fromPopulations.siiUpper, 12);
  });

  it('runs 100 000 simulations of 10 quantiles well under a second', () => {
    const started = performance.now();
    slopeIndexOfInequality(deciles('area1'));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('gives NaN (PHE drops the area) for an empty quantile, a missing SE or < 2 quantiles', () => {
    const withEmpty = deciles('area1').map((q, i) => (i === 3 ? { ...q, weight: 0 } : q));
    const withMissing = deciles('area1').map((q, i) => (i === 3 ? { ...q, se: Number.NaN } : q));
    for (const input of [withEmpty, withMissing, deciles('area1').slice(0, 1), []]) {
      const result = slopeIndexOfInequality(input, { simulations: 1000 });
      expect(result.n).toBe(input.length);
      const values = [result.sii, result.siiLower, result.siiUpper, result.rii, result.riiLower];
      expect(values.every(Number.isNaN)).toBe(true);
    }
  });

  it('rejects invalid arguments, naming them', () => {
    const q = deciles('area1');
    expect(() => slopeIndexOfInequality(q, { simulations: 999 })).toThrow(/1000 or more/);
    expect(() => slopeIndexOfInequality(q, { simulations: 1000.5 })).toThrow(/whole number/);
    expect(() => slopeIndexOfInequality(q, { confidence: 95 })).toThrow(/options\.confidence/);
    expect(() => slopeIndexOfInequality(q, { seed: Number.NaN })).toThrow(/options\.seed/);
    const negative = q.map((v, i) => (i === 2 ? { ...v, se: -1 } : v));
    expect(() => slopeIndexOfInequality(negative)).toThrow(/quantiles\[2\]\.se/);
    const badWeight = q.map((v, i) => (i === 5 ? { ...v, weight: -3 } : v));
    expect(() => slopeIndexOfInequality(badWeight)).toThrow(/quantiles\[5\]\.weight/);
    const text = q.map((v, i) => (i === 1 ? { ...v, mean: '80' as unknown as number } : v));
    expect(() => slopeIndexOfInequality(text)).toThrow(TypeError);
    expect(() => slopeIndexOfInequality({} as never)).toThrow(TypeError);
  });
});
