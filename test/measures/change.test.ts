import { describe, expect, it } from 'vitest';
import { swemwbs, wemwbs } from '../../src/measures/builtin.js';
import {
  betterChange,
  isDeclined,
  isImproved,
  MEANINGFUL_TOLERANCE,
} from '../../src/measures/change.js';
import type { MeasureDefinition } from '../../src/measures/types.js';

const WEMWBS = wemwbs(3); // meaningful change 3 points, higher is better
const anxiety: MeasureDefinition = { ...swemwbs(), id: 'ons_anxiety', direction: 'lower_better' };

describe('a change in a measure', () => {
  it('is measured in the better direction', () => {
    expect(betterChange(WEMWBS, 4)).toBe(4);
    expect(betterChange(anxiety, -2)).toBe(2);
    expect(betterChange(anxiety, 3)).toBe(-3);
  });

  it('is an improvement from the meaningful change up, a decline from its negative down', () => {
    expect(isImproved(WEMWBS, 3)).toBe(true);
    expect(isImproved(WEMWBS, 2.9)).toBe(false);
    expect(isDeclined(WEMWBS, -3)).toBe(true);
    expect(isDeclined(WEMWBS, -2.9)).toBe(false);
    // Neither in between: no change.
    expect(isImproved(WEMWBS, 0) || isDeclined(WEMWBS, 0)).toBe(false);
  });

  it('counts differences within the tolerance as reaching the meaningful change', () => {
    // Scores that are not whole numbers differ by float sums: 0.3 − 0.1 is 0.19999999999999998,
    // which a measure whose meaningful change is 0.2 must count as an improvement.
    const fine: MeasureDefinition = { ...WEMWBS, id: 'custom', meaningfulChange: 0.2 };
    const difference = 0.3 - 0.1;
    expect(difference).toBeLessThan(0.2);
    expect(isImproved(fine, difference)).toBe(true);
    expect(isDeclined(fine, -difference)).toBe(true);
    expect(isImproved(WEMWBS, 3 - 10 * MEANINGFUL_TOLERANCE)).toBe(false);
  });
});
