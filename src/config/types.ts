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

/**
 * What a measure records: a `score` on a scale (WEMWBS, ONS4, a custom scale), a `binary` yes/no
 * answer (in work, training or volunteering; feels part of the community) or a `count` of events
 * over a recall period (GP appointments in the last 3 months).
 */
export type MeasureType = 'score' | 'binary' | 'count';

/**
 * The outcome areas of a Turning Tides evaluation; a measure may also name its own (any label in
 * lower case letters, digits and _).
 */
export const OUTCOME_AREAS = [
  'inequalities',
  'wellbeing',
  'skills_employment',
  'living_well',
  'social_connection',
  'nhs_demand',
] as const;

/**
 * A measure defined in the config. A score measure needs `min`, `max`, `direction` and
 * `meaningful_change`; a binary one `better` (`"yes"` or `"no"`: which answer is the better
 * outcome); a count `direction` and `recall_period` (and may set `max` as a plausibility limit).
 */
export interface CustomMeasureConfig {
  /** Default `score`. */
  readonly type?: MeasureType;
  /** The outcome area it is reported under (default `wellbeing` for a score measure). */
  readonly area?: string;
  readonly label?: string;
  readonly min?: number;
  readonly max?: number;
  readonly direction?: Direction;
  readonly meaningful_change?: number;
  /** A binary measure: which answer is the better outcome. */
  readonly better?: 'yes' | 'no';
  /** A count measure: the period each count covers, e.g. "3 months". */
  readonly recall_period?: string;
  /**
   * A count measure of service use: £ per unit (a GP appointment, an A&E attendance, a night in
   * hospital), with where it comes from (`unit_cost_source`, printed in the report).
   */
  readonly unit_cost_gbp?: number;
  readonly unit_cost_source?: string;
  /** Number of items, when the measure can be sent item by item (score = sum of items). */
  readonly items?: number;
  readonly item_min?: number;
  readonly item_max?: number;
  readonly bands?: readonly BandDefinition[];
}

export interface PartnerConfig {
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  /** Recodes for this partner's files, on top of (and before) the global ones. */
  readonly recode?: RecodeConfig;
}

/**
 * Values of coded columns mapped to accepted ones, by column: `{ "ethnicity": { "WB":
 * "white_british" }, "timepoint": { "Visit 1": "baseline" } }`. A value is matched as codes are
 * (any case, spaces and punctuation alike); the target must be a value the column accepts.
 */
export type RecodeConfig = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface DisclosureConfig {
  /** A named rule: `standard`, `nhsd-2018` or `secure-research`. */
  readonly preset?: string;
  readonly min_cell?: number;
  readonly round_to?: number | null;
}

/**
 * One outcome of the social value bank. Values are supplied by the user (tides ships none:
 * HACT's Social Value Bank, for one, may not be redistributed), and the report states `source`.
 */
export interface SocialValueOutcome {
  readonly id: string;
  readonly label?: string;
  /** The measure whose change defines the outcome. */
  readonly measure: string;
  /**
   * `people_improved`: £ `value_gbp` per person with a meaningful improvement on the measure;
   * `points_gained`: £ `value_gbp` per point of mean improvement per person followed up (e.g. a
   * WELLBY: one point of 0–10 life satisfaction for a year, £13,000 in 2019 prices);
   * `cost_saving`: a count measure of service use with a unit cost (GP appointments at £42): the
   * use avoided per year (baseline − follow-up, summed over people followed up, scaled from the
   * recall period to a year) at the measure's unit cost, so `value_gbp` is not given.
   */
  readonly basis: 'people_improved' | 'points_gained' | 'cost_saving';
  /** £ per person improved or per point gained (not for `cost_saving`). */
  readonly value_gbp?: number;
  /** Shares in [0, 1]: what would have happened anyway, is due to others, displaced elsewhere. */
  readonly deadweight: number;
  readonly attribution: number;
  readonly displacement: number;
  /** Share of the value lost each year after the first, in [0, 1]. */
  readonly drop_off: number;
  /** Years the outcome lasts (whole number ≥ 1). */
  readonly duration_years: number;
  readonly source: string;
}

export interface SocialValueConfig {
  /** Where the values come from, printed in the report. */
  readonly source: string;
  /**
   * True when the values are not to be used for decisions (made up, or placeholders): every
   * figure resting on them is labelled ILLUSTRATIVE wherever it is shown, the headline included.
   */
  readonly illustrative?: boolean;
  /** Discount rate per year (HM Treasury Green Book: 0.035). */
  readonly discount_rate?: number;
  /** Whether the first year of benefit is year 0 (undiscounted, the default) or year 1. */
  readonly first_year?: 0 | 1;
  readonly outcomes: readonly SocialValueOutcome[];
}

export interface TidesConfig {
  readonly programme?: string;
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  readonly partners?: Readonly<Record<string, PartnerConfig>>;
  /**
   * Files to read as participant or outcome files although their names do not say so: globs on
   * the path within the folder (`**\/*WEMWBS scores*.csv`).
   */
  readonly files?: {
    readonly participants?: readonly string[];
    readonly outcomes?: readonly string[];
  };
  /**
   * Wide returns: files with one row per person and each measure's scores at baseline and
   * follow-up in columns of their own, read through the layout that names those columns.
   */
  readonly layouts?: Readonly<Record<string, WideLayout>>;
  /** Values of coded columns mapped to accepted ones, for every partner. */
  readonly recode?: RecodeConfig;
  readonly measures?: Readonly<Record<string, CustomMeasureConfig>>;
  /** Items that may be missing and prorated (WEMWBS default 3; 0 = complete questionnaires only). */
  readonly max_missing_items?: number;
  /** How a `score` for swemwbs is read: `auto` (whole number = raw 7–35, else metric), `raw`, `metric`. */
  readonly swemwbs_score?: 'auto' | 'raw' | 'metric';
  /** Meaningful change per measure, overriding the defaults (e.g. `{"swemwbs": 2}`). */
  readonly meaningful_change?: Readonly<Record<string, number>>;
  readonly primary_measure?: string;
  /**
   * The edition of England's Index of Multiple Deprivation tides ships to use when the folder has
   * no lsoa_imd.csv: `2025` (LSOA 2021 codes, the default) or `2019` (LSOA 2011 codes).
   */
  readonly imd_edition?: '2019' | '2025';
  /** Whether `DD/MM/YY` dates are read (as 20YY); a month's name with two digits always is. */
  readonly two_digit_years?: boolean;
  readonly disclosure?: DisclosureConfig;
  /** Inclusion-group flags counted as PLUS (default: every flag given). */
  readonly inclusion_groups?: readonly string[];
  /** The value bank for social return on investment (SROI); none is built in. */
  readonly social_value?: SocialValueConfig;
}

/**
 * A wide return's layout: which files it reads (globs, as `files`), and for each measure and
 * timepoint the columns that hold its score, or its items (a list, or a pattern with `{n}` for
 * the item's number: `Q{n}_pre`), and its date. `participant_id` and `partner_id` are read as
 * in any file (aliases apply).
 */
export interface WideLayout {
  readonly files: readonly string[];
  readonly measures: Readonly<
    Record<string, Readonly<Partial<Record<'baseline' | 'followup', WideColumns>>>>
  >;
}

export interface WideColumns {
  readonly score?: string;
  readonly items?: string | readonly string[];
  readonly recorded_on?: string;
}
