import type { MeasureDefinition } from './types.js';

/**
 * What a change in a measure's score means: one rule, used by wellbeing change, cost per person
 * improved and social value alike.
 */

/**
 * Differences within this of the meaningful change count as reaching it: prorated WEMWBS scores
 * and converted SWEMWBS scores are not whole numbers, and their differences carry rounding error.
 */
export const MEANINGFUL_TOLERANCE = 1e-9;

/** The change from baseline to follow-up in the measure's better direction: positive is better. */
export function betterChange(measure: MeasureDefinition, difference: number): number {
  return (measure.direction === 'lower_better' ? -1 : 1) * difference;
}

/** A meaningful improvement: at least the measure's meaningful change in its better direction. */
export function isImproved(measure: MeasureDefinition, better: number): boolean {
  return better >= measure.meaningfulChange - MEANINGFUL_TOLERANCE;
}

/** A meaningful decline: at least the meaningful change in the worse direction. */
export function isDeclined(measure: MeasureDefinition, better: number): boolean {
  return better <= -measure.meaningfulChange + MEANINGFUL_TOLERANCE;
}
