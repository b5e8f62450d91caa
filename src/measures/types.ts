import type { Direction, MeasureType } from '../config/types.js';

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
  /**
   * `score`; `binary` (a yes/no answer read as 1 for yes and 0 for no: min 0, max 1, higher
   * better when yes is the better answer); `count` (whole numbers ≥ 0, max a plausibility limit
   * or Infinity).
   */
  readonly type: MeasureType;
  /** The outcome area it is reported under (`wellbeing`, `skills_employment`, …). */
  readonly area: string;
  /** A count measure's recall period ("3 months"); null for the others. */
  readonly recallPeriod: string | null;
  /** A count measure's cost per unit of use, with its source; null when none is given. */
  readonly unitCost: { readonly gbp: number; readonly source: string } | null;
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
