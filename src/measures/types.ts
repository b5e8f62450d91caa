import type { Direction } from '../config/types.js';

export interface Band {
  readonly label: string;
  /** Upper edge; `Infinity` for the last band. */
  readonly upTo: number;
  readonly inclusive: boolean;
}

export interface ItemRule {
  /** Number of items in the questionnaire. */
  readonly count: number;
  readonly min: number;
  readonly max: number;
  /** Items that may be missing and are prorated from the person's mean (0 = complete only). */
  readonly maxMissing: number;
}

/** Everything tides needs to score, check and interpret one outcome measure. */
export interface MeasureDefinition {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly direction: Direction;
  /** Smallest change, in the better direction, counted as a meaningful improvement. */
  readonly meaningfulChange: number;
  readonly items: ItemRule | null;
  /** Scores are whole numbers (single-question scales such as ONS4). */
  readonly wholeScores: boolean;
  readonly bands: readonly Band[];
  /** Where the constants come from, for the report's methods section. */
  readonly source: string;
}
