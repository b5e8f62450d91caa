import { describe, expect, it } from 'vitest';
import {
  FUNNEL_95,
  FUNNEL_998,
  funnelFlag,
  meanFunnelLimits,
  proportionFunnelLimits,
} from '../../src/stats/funnelLimits.js';

/**
 * PHE's published test data for proportion funnel limits: PHEindicatormethods,
 * tests/testthat/testdata_funnel_prop_outputs.csv (commit 63894a99, rows chosen across the
 * range of its populations): Population, Lower2s0025limit, Upper2s0025limit, Lower3s0001limit,
 * Upper3s0001limit, as percentages, around the baseline 80.642448%, limits held to [0, 100].
 */
const PHE_FUNNEL: readonly (readonly [number, number, number, number, number])[] = [
  [1, 3.204264, 100, 0, 100],
  [2, 25.885383, 100, 0, 100],
  [3, 35.933491, 100, 10.150815, 100],
  [16, 61.282902, 100, 50.118675, 100],
  [18, 62.390093, 98.894803, 51.864359, 100],
  [41, 68.548635, 92.73626, 61.574398, 99.710497],
  [102, 72.974925, 88.309971, 68.553233, 92.731663],
  [1008, 78.203374, 83.081521, 76.796814, 84.488082],
  [9998, 79.867989, 81.416907, 79.421375, 81.863521],
  [110000, 80.408963, 80.875933, 80.274317, 81.010578],
];

describe('proportionFunnelLimits', () => {
  it.each(PHE_FUNNEL)(
    'matches PHEindicatormethods at population %d (6 decimals of a percentage)',
    (n, lower95, upper95, lower998, upper998) => {
      const at95 = proportionFunnelLimits(0.80642448, n, FUNNEL_95);
      const at998 = proportionFunnelLimits(0.80642448, n, FUNNEL_998);
      expect(at95.lower * 100).toBeCloseTo(lower95, 5);
      expect(at95.upper * 100).toBeCloseTo(upper95, 5);
      expect(at998.lower * 100).toBeCloseTo(lower998, 5);
      expect(at998.upper * 100).toBeCloseTo(upper998, 5);
    },
  );

  it('narrows as n grows and holds the target between its limits', () => {
    let previous = proportionFunnelLimits(0.3, 10, FUNNEL_95);
    for (const n of [20, 50, 100, 1000]) {
      const limits = proportionFunnelLimits(0.3, n, FUNNEL_95);
      expect(limits.lower).toBeGreaterThan(previous.lower);
      expect(limits.upper).toBeLessThan(previous.upper);
      expect(limits.lower).toBeLessThan(0.3);
      expect(limits.upper).toBeGreaterThan(0.3);
      previous = limits;
    }
    expect(proportionFunnelLimits(0, 50, FUNNEL_95).lower).toBe(0);
    expect(proportionFunnelLimits(1, 50, FUNNEL_95).upper).toBe(1);
  });

  it('refuses what has no limits', () => {
    expect(() => proportionFunnelLimits(1.2, 10, FUNNEL_95)).toThrow(RangeError);
    expect(() => proportionFunnelLimits(0.5, 0, FUNNEL_95)).toThrow(RangeError);
    expect(() => proportionFunnelLimits(0.5, 10, 0.4)).toThrow(RangeError);
  });
});

describe('meanFunnelLimits', () => {
  it('is the target ± z·sd/√n (z from R: qnorm(0.975) = 1.959964, qnorm(0.999) = 3.090232)', () => {
    // Hand calculation: 2.5 ± 1.959964 × 8 / √64 = 2.5 ± 1.959964.
    const at95 = meanFunnelLimits(2.5, 8, 64, FUNNEL_95);
    expect(at95.lower).toBeCloseTo(0.540036, 6);
    expect(at95.upper).toBeCloseTo(4.459964, 6);
    // 2.5 ± 3.090232 × 8 / √100 = 2.5 ± 2.4721856.
    const at998 = meanFunnelLimits(2.5, 8, 100, FUNNEL_998);
    expect(at998.lower).toBeCloseTo(0.0278144, 6);
    expect(at998.upper).toBeCloseTo(4.9721856, 6);
  });
});

describe('funnelFlag', () => {
  const l95 = { lower: 1, upper: 3 };
  const l998 = { lower: 0, upper: 4 };
  it.each([
    [5, 'above_99.8'],
    [3.5, 'above_95'],
    [3, 'within'],
    [2, 'within'],
    [1, 'within'],
    [0.5, 'below_95'],
    [-1, 'below_99.8'],
  ] as const)('places %d as %s (on a limit is within)', (value, flag) => {
    expect(funnelFlag(value, l95, l998)).toBe(flag);
  });
});
