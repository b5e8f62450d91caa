import { describe, expect, it } from 'vitest';
import { SWEMWBS_METRIC, swemwbsMetric, swemwbsScore } from '../../src/measures/swemwbs.js';

describe('SWEMWBS raw-to-metric conversion', () => {
  it('gives the published table’s values (Warwick Medical School conversion table)', () => {
    // Spot values of the table: 7 → 7.00, 14 → 15.32, 21 → 19.25, 28 → 25.03, 35 → 35.00.
    expect(swemwbsMetric(7)).toBe(7);
    expect(swemwbsMetric(14)).toBe(15.32);
    expect(swemwbsMetric(21)).toBe(19.25);
    expect(swemwbsMetric(28)).toBe(25.03);
    expect(swemwbsMetric(35)).toBe(35);
  });

  it('covers every whole total from 7 to 35, rising', () => {
    const raws = Object.keys(SWEMWBS_METRIC).map(Number);
    expect(raws).toEqual(Array.from({ length: 29 }, (_, i) => i + 7));
    for (let raw = 8; raw <= 35; raw++) {
      expect(swemwbsMetric(raw)).toBeGreaterThan(swemwbsMetric(raw - 1));
    }
  });

  it('refuses a total outside the table', () => {
    expect(() => swemwbsMetric(6)).toThrow(RangeError);
    expect(() => swemwbsMetric(20.5)).toThrow(/whole number from 7 to 35/);
  });

  it('reads a score as raw or metric as configured', () => {
    expect(swemwbsScore(21, 'auto')).toEqual({ metric: 19.25, converted: true });
    expect(swemwbsScore(19.25, 'auto')).toEqual({ metric: 19.25, converted: false });
    expect(swemwbsScore(21, 'metric')).toEqual({ metric: 21, converted: false });
    expect(swemwbsScore(36, 'raw')).toBeNull();
    expect(swemwbsScore(6.5, 'metric')).toBeNull();
  });
});
