/**
 * The shape of `tides.config.json` (all keys optional). Loaded and validated by `loadConfig`;
 * documented for users in the README's "Configuration" section.
 *
 * ```json
 * {
 *   "programme": "Turning Tides",
 *   "aliases": { "participant_id": ["client_ref", "ID"], "lsoa": ["Postcode LSOA"] },
 *   "partners": { "P017": { "aliases": { "enrolled_on": ["Start date"] } } },
 *   "measures": { "loneliness": { "min": 3, "max": 9, "direction": "lower_better",
 *                                 "meaningful_change": 1, "items": 3, "item_min": 1, "item_max": 3 } },
 *   "max_missing_items": 3,
 *   "swemwbs_score": "auto",
 *   "primary_measure": "wemwbs",
 *   "disclosure": { "min_cell": 5, "round_to": null },
 *   "inclusion_groups": ["homeless", "refugee_asylum"]
 * }
 * ```
 *
 * Aliases map a contract column to other header names a partner uses (matched case-insensitively,
 * with surrounding spaces ignored). `partners.<id>.aliases` apply only to files inside a folder
 * named after that partner id (e.g. `P017/participants.csv`), on top of the global aliases.
 */
export type Direction = 'higher_better' | 'lower_better';

/**
 * One band of a measure, listed from the lowest scores up: a score belongs to the first band
 * whose upper edge it is below (or equal to, when `inclusive`); the last band has no edge.
 */
export interface BandDefinition {
  /** Label, e.g. "probable depression". */
  readonly label: string;
  /** Upper edge of the band (omit for the last band). */
  readonly up_to?: number;
  /** Whether a score equal to `up_to` is in this band (default false: half-open). */
  readonly inclusive?: boolean;
}

export interface CustomMeasureConfig {
  readonly label?: string;
  readonly min: number;
  readonly max: number;
  readonly direction: Direction;
  readonly meaningful_change: number;
  /** Number of items, when the measure can be sent item by item (score = sum of items). */
  readonly items?: number;
  readonly item_min?: number;
  readonly item_max?: number;
  readonly bands?: readonly BandDefinition[];
}

export interface PartnerConfig {
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
}

export interface DisclosureConfig {
  readonly min_cell?: number;
  readonly round_to?: number | null;
}

export interface TidesConfig {
  readonly programme?: string;
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  readonly partners?: Readonly<Record<string, PartnerConfig>>;
  readonly measures?: Readonly<Record<string, CustomMeasureConfig>>;
  /** Items that may be missing and prorated (WEMWBS default 3; 0 = complete questionnaires only). */
  readonly max_missing_items?: number;
  /** How a `score` for swemwbs is read: `auto` (whole number = raw 7–35, else metric), `raw`, `metric`. */
  readonly swemwbs_score?: 'auto' | 'raw' | 'metric';
  /** Meaningful change per measure, overriding the defaults (e.g. `{"swemwbs": 2}`). */
  readonly meaningful_change?: Readonly<Record<string, number>>;
  readonly primary_measure?: string;
  readonly disclosure?: DisclosureConfig;
  /** Inclusion-group flags counted as PLUS (default: every flag given). */
  readonly inclusion_groups?: readonly string[];
}
