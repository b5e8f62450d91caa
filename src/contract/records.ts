import type { PartnerType } from './codes.js';

/** A funded partner organisation (a row of partners.csv). */
export interface Partner {
  readonly id: string;
  readonly name: string;
  readonly type: PartnerType | null;
  readonly theme: string | null;
  /** Total grant over the programme, in pounds; null when not given. */
  readonly fundingGbp: number | null;
}

/** Dimensions population.csv may give denominators for. */
export const POPULATION_DIMENSIONS = [
  'imd_decile',
  'imd_quintile',
  'sex',
  'ethnicity',
  'age_band',
] as const;
export type PopulationDimension = (typeof POPULATION_DIMENSIONS)[number];

/** Residents by dimension and group, e.g. `imd_quintile` → `1` → 245000. */
export type Population = ReadonlyMap<PopulationDimension, ReadonlyMap<string, number>>;
