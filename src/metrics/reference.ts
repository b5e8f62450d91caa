import { ownValue } from '../ownKeys.js';
import type { Dimension } from './grouping.js';

/**
 * The output reference: for every column of every table tides publishes, the label a reader sees,
 * its unit and the rule that makes it. CSV and JSON keep the stable machine names (the keys
 * here); the README's "Output reference" is rendered from this module and a test checks that it
 * and every table the analysis produces agree with it, column for column, so neither can drift.
 */

/** What a column's figures count or measure. */
export type Unit =
  | 'text'
  | 'people'
  | 'episodes'
  | 'partners'
  | 'records'
  | 'issues'
  | 'residents'
  | 'per cent'
  | 'per 1,000 residents'
  | 'score points'
  | 'count per person'
  | 'pounds'
  | 'ratio'
  | 'share (0–1)'
  | 'p-value'
  | 'statistic'
  | 'years';

export interface ColumnReference {
  /** A human label (a heading in words, with its unit where that helps). */
  readonly label: string;
  readonly unit: Unit;
  /** How the figure is made (its source is in the README's Methods). */
  readonly rule: string;
}

export interface TableReference {
  /** The CSV file the table is written to (the same name, without `.csv`, keys metrics.json). */
  readonly file: string;
  /** What one row is, after “one row per”. */
  readonly row: string;
  /** Whether the table begins with the `--by` grouping columns. */
  readonly grouped: boolean;
  /** Every column after the grouping columns, in the order they are written. */
  readonly columns: Readonly<Record<string, ColumnReference>>;
}

const c = (label: string, unit: Unit, rule: string): ColumnReference => ({ label, unit, rule });

/** The grouping columns (`--by`): the first columns of grouped tables; total rows read `All`. */
export const GROUP_COLUMNS: Readonly<Record<Dimension, ColumnReference>> = {
  partner_id: c('Partner', 'text', 'the partner’s id from partners.csv'),
  partner_type: c('Partner type', 'text', 'community, voluntary, faith or social_enterprise'),
  theme: c('Theme', 'text', 'the partner’s theme from partners.csv'),
  cohort: c('Cohort', 'text', 'the cohort recorded on the participant row'),
  imd_decile: c('IMD decile', 'text', '1 (most deprived) to 10, recorded or derived from the LSOA'),
  imd_quintile: c('IMD quintile', 'text', '1 (most deprived) to 5: deciles 1–2, 3–4, …'),
  sex: c('Sex', 'text', 'female, male, other or unknown'),
  age_band: c('Age band', 'text', 'age at enrolment: 0-15, 16-24, 25-34 … 75+'),
  ethnicity: c('Ethnic group', 'text', 'asian, black, mixed, white, other or unknown'),
  ethnicity_detail: c(
    'Ethnic group (detailed)',
    'text',
    'ONS 2021 detailed group (white_british, asian_pakistani…); a group alone when no detail was given',
  ),
  disability: c('Disability', 'text', 'yes, no or unknown'),
  year: c(
    'Financial year',
    'text',
    'UK financial year (April–March) of enrolment; of the follow-up for outcome change',
  ),
  inclusion_group: c(
    'Inclusion group',
    'text',
    'each recorded group (a person in two is in both rows), or none',
  ),
};

const WILSON = 'Wilson score interval';
const BYAR = 'Byar’s method, exact Poisson limits below 10 people';

export const OUTPUT_REFERENCE = {
  reach: {
    file: 'reach.csv',
    row: 'group (the total counts each person once)',
    grouped: true,
    columns: {
      participants: c('Participants', 'people', 'distinct people enrolled'),
      episodes: c('Episodes', 'episodes', 'person × partner enrolments'),
      partners: c('Partners', 'partners', 'partners with at least one episode in the group'),
      episodes_per_participant: c('Episodes per participant', 'ratio', 'episodes ÷ participants'),
      n_imd_known: c('People with a known IMD decile', 'people', 'recorded or derived decile'),
      n_core20: c('People in Core20', 'people', 'IMD deciles 1–2'),
      pct_core20: c('Core20 (%)', 'per cent', 'n_core20 ÷ n_imd_known'),
      pct_core20_lcl: c('Core20 lower limit (%)', 'per cent', WILSON),
      pct_core20_ucl: c('Core20 upper limit (%)', 'per cent', WILSON),
      n_plus: c(
        'People in PLUS groups',
        'people',
        'ethnic minority (asian, black, mixed, other) or any inclusion group',
      ),
      pct_plus: c('PLUS (%)', 'per cent', 'n_plus ÷ participants'),
      n_core20_or_plus: c('People in Core20 or PLUS', 'people', 'either of the two'),
      pct_core20_or_plus: c('Core20 or PLUS (%)', 'per cent', 'n_core20_or_plus ÷ participants'),
      n_imd_unknown: c('People with no IMD decile', 'people', 'participants − n_imd_known'),
      pct_imd_unknown: c('IMD unknown (%)', 'per cent', 'n_imd_unknown ÷ participants'),
      residents: c(
        'Residents',
        'residents',
        'population.csv: the total, or the group’s population for a group of one dimension',
      ),
      per_1000_residents: c(
        'Participants per 1,000 residents',
        'per 1,000 residents',
        '1,000 × participants ÷ residents',
      ),
      per_1000_lcl: c('Rate lower limit', 'per 1,000 residents', BYAR),
      per_1000_ucl: c('Rate upper limit', 'per 1,000 residents', BYAR),
    },
  },
  reach_profile: {
    file: 'reach_profile.csv',
    row: 'group × characteristic (dimension) × category',
    grouped: true,
    columns: {
      dimension: c('Characteristic', 'text', 'sex, age_band, ethnicity, disability, imd_decile…'),
      category: c('Category', 'text', 'a category of the characteristic, unknown included'),
      base: c('Base', 'text', 'all: percentages are of every participant in the group'),
      count: c('People', 'people', 'participants in the group and category'),
      denominator: c('People in the group', 'people', 'participants in the group'),
      pct: c('Share of participants (%)', 'per cent', 'count ÷ denominator'),
      pct_lcl: c('Share lower limit (%)', 'per cent', WILSON),
      pct_ucl: c('Share upper limit (%)', 'per cent', WILSON),
      population: c('Residents in the category', 'residents', 'population.csv'),
      pct_population: c(
        'Share of residents (%)',
        'per cent',
        'population ÷ residents of all the dimension’s categories',
      ),
      representation_ratio: c(
        'Representation ratio',
        'ratio',
        'pct ÷ pct_population (above 1: over-represented)',
      ),
      per_1000_residents: c(
        'Participants per 1,000 residents',
        'per 1,000 residents',
        '1,000 × count ÷ population',
      ),
      per_1000_lcl: c('Rate lower limit', 'per 1,000 residents', BYAR),
      per_1000_ucl: c('Rate upper limit', 'per 1,000 residents', BYAR),
    },
  },
  wellbeing_change: {
    file: 'wellbeing_change.csv',
    row: 'group × measure (the total: each person’s first episode with a baseline)',
    grouped: true,
    columns: {
      measure: c('Measure', 'text', 'wemwbs, swemwbs, an ONS4 question or a custom measure'),
      direction: c('Better when', 'text', 'higher_better or lower_better'),
      n_baseline: c('People with a baseline', 'people', 'episodes with a baseline score'),
      n_paired: c('People followed up', 'people', 'with a baseline and a follow-up score'),
      followup_rate: c('Follow-up rate (%)', 'per cent', 'n_paired ÷ n_baseline'),
      followup_rate_lcl: c('Follow-up rate lower limit (%)', 'per cent', WILSON),
      followup_rate_ucl: c('Follow-up rate upper limit (%)', 'per cent', WILSON),
      mean_baseline: c('Mean at baseline', 'score points', 'of everyone with a baseline'),
      mean_followup: c('Mean at follow-up', 'score points', 'of those followed up'),
      mean_change: c(
        'Mean change',
        'score points',
        'follow-up − baseline of those followed up (raw direction)',
      ),
      change_lcl: c('Change lower limit', 'score points', 't interval'),
      change_ucl: c('Change upper limit', 'score points', 't interval'),
      sd_change: c('SD of change', 'score points', 'sample standard deviation (n − 1)'),
      t: c('t', 'statistic', 'paired t statistic'),
      df: c('Degrees of freedom', 'statistic', 'n_paired − 1'),
      p_value: c('p (paired t)', 'p-value', 'two-sided'),
      p_holm: c('p, Holm-adjusted', 'p-value', 'Holm across the group rows of a measure'),
      p_bh: c('p, BH-adjusted', 'p-value', 'Benjamini–Hochberg across the group rows of a measure'),
      wilcoxon_v: c('Wilcoxon V', 'statistic', 'sum of the ranks of positive changes'),
      wilcoxon_p: c('p (Wilcoxon)', 'p-value', 'two-sided signed-rank test'),
      wilcoxon_method: c(
        'Wilcoxon method',
        'text',
        'exact (under 50 pairs, no ties or zeros) or normal (with corrections)',
      ),
      effect_size_dz: c('Effect size (dz)', 'statistic', 'mean_change ÷ sd_change'),
      n_improved: c(
        'People improved',
        'people',
        'changed by at least the meaningful change in the better direction',
      ),
      pct_improved: c('Improved (%)', 'per cent', 'n_improved ÷ n_paired'),
      n_no_change: c('People with no meaningful change', 'people', 'neither improved nor declined'),
      pct_no_change: c('No meaningful change (%)', 'per cent', 'n_no_change ÷ n_paired'),
      n_declined: c(
        'People declined',
        'people',
        'changed by at least the meaningful change in the worse direction',
      ),
      pct_declined: c('Declined (%)', 'per cent', 'n_declined ÷ n_paired'),
      n_lost: c('People lost to follow-up', 'people', 'n_baseline − n_paired'),
      mean_baseline_followed: c(
        'Baseline mean, followed up',
        'score points',
        'baseline mean of those followed up',
      ),
      mean_baseline_lost: c(
        'Baseline mean, lost',
        'score points',
        'baseline mean of those lost to follow-up',
      ),
      attrition_diff: c(
        'Attrition difference',
        'score points',
        'mean_baseline_followed − mean_baseline_lost',
      ),
      attrition_lcl: c('Attrition lower limit', 'score points', 'Welch interval'),
      attrition_ucl: c('Attrition upper limit', 'score points', 'Welch interval'),
    },
  },
  band_change: {
    file: 'band_change.csv',
    row: 'group × measure × score band (people followed up)',
    grouped: true,
    columns: {
      measure: c('Measure', 'text', 'a measure with bands'),
      band: c('Band', 'text', 'the measure’s bands, from low to high'),
      n_paired: c('People followed up', 'people', 'with a baseline and a follow-up score'),
      n_baseline_band: c('People in the band at baseline', 'people', 'of those followed up'),
      pct_baseline: c('In the band at baseline (%)', 'per cent', 'n_baseline_band ÷ n_paired'),
      n_followup_band: c('People in the band at follow-up', 'people', 'of those followed up'),
      pct_followup: c('In the band at follow-up (%)', 'per cent', 'n_followup_band ÷ n_paired'),
    },
  },
  binary_change: {
    file: 'binary_change.csv',
    row: 'group × yes/no measure (only when the config defines one)',
    grouped: true,
    columns: {
      measure: c('Measure', 'text', 'a yes/no measure of the config'),
      better: c('Better answer', 'text', 'yes or no: the answer that is the better outcome'),
      n_baseline: c('People with a baseline answer', 'people', 'yes or no at baseline'),
      n_paired: c('People followed up', 'people', 'with a baseline and a follow-up answer'),
      n_yes_baseline: c('Yes at baseline', 'people', 'of those followed up'),
      pct_yes_baseline: c('Yes at baseline (%)', 'per cent', 'n_yes_baseline ÷ n_paired'),
      pct_yes_baseline_lcl: c('Yes at baseline, lower limit (%)', 'per cent', 'Wilson interval'),
      pct_yes_baseline_ucl: c('Yes at baseline, upper limit (%)', 'per cent', 'Wilson interval'),
      n_yes_followup: c('Yes at follow-up', 'people', 'of those followed up'),
      pct_yes_followup: c('Yes at follow-up (%)', 'per cent', 'n_yes_followup ÷ n_paired'),
      pct_yes_followup_lcl: c('Yes at follow-up, lower limit (%)', 'per cent', 'Wilson interval'),
      pct_yes_followup_ucl: c('Yes at follow-up, upper limit (%)', 'per cent', 'Wilson interval'),
      pct_point_change: c(
        'Change in yes (percentage points)',
        'per cent',
        'pct_yes_followup − pct_yes_baseline',
      ),
      pct_point_change_lcl: c(
        'Change lower limit (points)',
        'per cent',
        'Newcombe (1998) hybrid score interval for paired proportions',
      ),
      pct_point_change_ucl: c(
        'Change upper limit (points)',
        'per cent',
        'Newcombe (1998) hybrid score interval for paired proportions',
      ),
      n_became_yes: c('No → yes', 'people', 'no at baseline, yes at follow-up'),
      n_became_no: c('Yes → no', 'people', 'yes at baseline, no at follow-up'),
      p_mcnemar_exact: c(
        'McNemar exact p',
        'p-value',
        'two-sided binomial test of n_became_yes against n_became_no (R binom.test)',
      ),
      p_mcnemar_chisq: c(
        'McNemar chi-square p',
        'p-value',
        'with continuity correction (R mcnemar.test)',
      ),
      pct_improved: c(
        'Moved to the better answer (%)',
        'per cent',
        'n_became_yes (or n_became_no when no is better) ÷ n_paired',
      ),
    },
  },
  count_change: {
    file: 'count_change.csv',
    row: 'group × count measure (only when the config defines one)',
    grouped: true,
    columns: {
      measure: c('Measure', 'text', 'a count measure of the config'),
      direction: c('Direction', 'text', 'higher_better or lower_better (fewer is better)'),
      recall_period: c('Recall period', 'text', 'the period each count covers'),
      n_baseline: c('People with a baseline count', 'people', 'a count at baseline'),
      n_paired: c('People followed up', 'people', 'with a baseline and a follow-up count'),
      mean_baseline: c('Mean at baseline', 'count per person', 'of those followed up'),
      mean_followup: c('Mean at follow-up', 'count per person', 'of those followed up'),
      mean_change: c('Mean change', 'count per person', 'follow-up − baseline'),
      change_lcl: c('Change lower limit', 'count per person', 't interval'),
      change_ucl: c('Change upper limit', 'count per person', 't interval'),
      p_value: c('Paired t-test p', 'p-value', 'two-sided'),
      wilcoxon_p: c('Wilcoxon signed-rank p', 'p-value', 'as for scores (R ≤ 4.5 wilcox.test)'),
      ratio: c('Follow-up ÷ baseline total', 'ratio', 'below 1: fewer at follow-up'),
      ratio_lcl: c('Ratio lower limit', 'ratio', 'Fieller, paired (none when unbounded)'),
      ratio_ucl: c('Ratio upper limit', 'ratio', 'Fieller, paired (none when unbounded)'),
      n_reduced: c('People whose count fell', 'people', 'follow-up below baseline'),
      pct_reduced: c('Count fell (%)', 'per cent', 'n_reduced ÷ n_paired'),
      n_no_change: c('People whose count stayed', 'people', 'follow-up equal to baseline'),
      n_increased: c('People whose count rose', 'people', 'follow-up above baseline'),
      pct_increased: c('Count rose (%)', 'per cent', 'n_increased ÷ n_paired'),
      unit_cost_gbp: c('Unit cost (£)', 'pounds', 'the measure’s unit_cost_gbp in the config'),
      cost_change_gbp: c(
        'Change in cost of use per person (£)',
        'pounds',
        'mean_change × unit cost, per recall period',
      ),
      cost_change_lcl: c('Cost change lower limit (£)', 'pounds', 'change_lcl × unit cost'),
      cost_change_ucl: c('Cost change upper limit (£)', 'pounds', 'change_ucl × unit cost'),
    },
  },
  inequality: {
    file: 'inequality.csv',
    row: 'measure × timepoint (baseline, followup, change; reach) × deprivation dimension',
    grouped: false,
    columns: {
      measure: c('Measure', 'text', 'a score measure, or participants_per_1000 for reach equity'),
      timepoint: c('Timepoint', 'text', 'baseline, followup, change or reach'),
      dimension: c('Deprivation quantiles', 'text', 'imd_decile or imd_quintile'),
      n: c('People analysed', 'people', 'followed up with a known IMD decile (each once)'),
      sii: c(
        'Slope index of inequality',
        'score points',
        'least minus most deprived, weighted least squares on the quantile means (phe_sii)',
      ),
      sii_lcl: c('SII lower limit', 'score points', 'simulation with a fixed seed'),
      sii_ucl: c('SII upper limit', 'score points', 'simulation with a fixed seed'),
      rii: c('Relative index of inequality', 'ratio', 'fitted least ÷ fitted most deprived'),
      rii_lcl: c('RII lower limit', 'ratio', 'simulation with a fixed seed'),
      rii_ucl: c('RII upper limit', 'ratio', 'simulation with a fixed seed'),
      fitted_most_deprived: c(
        'Fitted value, most deprived',
        'score points',
        'the regression line at the most deprived end',
      ),
      fitted_least_deprived: c(
        'Fitted value, least deprived',
        'score points',
        'the regression line at the least deprived end',
      ),
      n_most_deprived_quintile: c('People in quintile 1', 'people', 'of those analysed'),
      n_least_deprived_quintile: c('People in quintile 5', 'people', 'of those analysed'),
      gap: c(
        'Quintile gap',
        'score points',
        'mean of quintile 5 − mean of quintile 1 (change row: the narrowing)',
      ),
      gap_lcl: c('Gap lower limit', 'score points', 'Welch interval'),
      gap_ucl: c('Gap upper limit', 'score points', 'Welch interval'),
      method: c('Method', 'text', 'the weighting and number of simulations'),
      note: c('Note', 'text', 'why a figure is not given'),
    },
  },
  inequality_quantiles: {
    file: 'inequality_quantiles.csv',
    row: 'measure × timepoint × dimension × quantile (the points the SII is fitted to)',
    grouped: false,
    columns: {
      measure: c('Measure', 'text', 'as in inequality.csv'),
      timepoint: c('Timepoint', 'text', 'baseline, followup, change or reach'),
      dimension: c('Deprivation quantiles', 'text', 'imd_decile or imd_quintile'),
      quantile: c('Quantile', 'text', '1 (most deprived) upwards'),
      n: c('People', 'people', 'people analysed in the quantile'),
      mean: c('Mean', 'score points', 'of the quantile’s scores (reach: the rate per 1,000)'),
      se: c('Standard error', 'score points', 'of the mean'),
      weight_share: c(
        'Weight',
        'share (0–1)',
        'the quantile’s residents (population.csv), else its people, as a share of all',
      ),
    },
  },
  cost: {
    file: 'cost.csv',
    row: 'partner, and All (written when partners have funding)',
    grouped: true,
    columns: {
      funding_gbp: c('Funding (£)', 'pounds', 'funding_gbp from partners.csv'),
      participants: c('Participants', 'people', 'distinct people'),
      episodes: c('Episodes', 'episodes', 'person × partner enrolments'),
      cost_per_participant: c('Cost per participant (£)', 'pounds', 'funding ÷ participants'),
      cost_per_episode: c('Cost per episode (£)', 'pounds', 'funding ÷ episodes'),
      primary_measure: c('Primary measure', 'text', 'the config’s primary_measure'),
      n_improved: c('People improved', 'people', 'meaningful improvement on the primary measure'),
      cost_per_improved: c(
        'Cost per person improved (£)',
        'pounds',
        'funding ÷ n_improved, for partners that used the measure (All: their funding only)',
      ),
    },
  },
  partner_comparison: {
    file: 'partner_comparison.csv',
    row: 'statistic × partner (written when the analysis is grouped by partner_id)',
    grouped: false,
    columns: {
      statistic: c(
        'Statistic',
        'text',
        'mean_change (of the primary measure), followup_rate or pct_core20',
      ),
      partner_id: c('Partner id', 'text', 'the partner’s id from partners.csv'),
      partner_name: c('Partner name', 'text', 'from partners.csv'),
      n: c(
        'People',
        'people',
        'as published: n_paired, n_baseline or n_imd_known of the partner’s row',
      ),
      value: c(
        'Value',
        'statistic',
        'as published: the partner’s mean change (points) or percentage',
      ),
      target: c('Programme value', 'statistic', 'the All row’s value, as published'),
      lcl95: c(
        '95% lower limit',
        'statistic',
        'funnel limit at n: Wilson-based for percentages (PHE), target − 1.96·SD/√n for a mean',
      ),
      ucl95: c('95% upper limit', 'statistic', 'as lcl95, upper'),
      lcl998: c('99.8% lower limit', 'statistic', 'as lcl95, at 99.8% (z = 3.09)'),
      ucl998: c('99.8% upper limit', 'statistic', 'as lcl998, upper'),
      flag: c(
        'Against the limits',
        'text',
        'above_99.8, above_95, within, below_95 or below_99.8 (on a limit: within)',
      ),
    },
  },
  social_value: {
    file: 'social_value.csv',
    row: 'outcome of the config’s value bank, and All (written with a value bank)',
    grouped: false,
    columns: {
      outcome: c('Outcome', 'text', 'the outcome’s id in the value bank'),
      label: c('Outcome label', 'text', 'from the value bank'),
      measure: c('Measure', 'text', 'the measure the outcome rests on'),
      basis: c('Basis', 'text', 'people_improved or points_gained'),
      n_people: c(
        'People',
        'people',
        'people improved, or followed up for points gained (All: the fewest of any outcome)',
      ),
      quantity: c('Quantity', 'statistic', 'people improved, or points gained in all'),
      value_gbp: c('Value per unit (£)', 'pounds', 'from the value bank'),
      gross_gbp: c('Gross value (£)', 'pounds', 'quantity × value_gbp'),
      deadweight: c('Deadweight', 'share (0–1)', 'from the value bank'),
      attribution: c('Attribution', 'share (0–1)', 'from the value bank'),
      displacement: c('Displacement', 'share (0–1)', 'from the value bank'),
      drop_off: c('Drop-off', 'share (0–1)', 'per year, from the value bank'),
      duration_years: c('Duration', 'years', 'years the benefit lasts'),
      net_first_year_gbp: c(
        'Net value, first year (£)',
        'pounds',
        'gross × (1 − deadweight) × (1 − attribution) × (1 − displacement)',
      ),
      present_value_gbp: c(
        'Present value (£)',
        'pounds',
        'net value over the duration with drop-off, discounted (Green Book)',
      ),
      investment_gbp: c('Investment (£)', 'pounds', 'total funding'),
      sroi_ratio: c('SROI ratio', 'ratio', 'present_value_gbp ÷ investment_gbp'),
      source: c('Source', 'text', 'where the value comes from'),
    },
  },
  sroi_sensitivity: {
    file: 'sroi_sensitivity.csv',
    row: 'scenario in which one assumption changes (written with a value bank)',
    grouped: false,
    columns: {
      scenario: c('Scenario', 'text', 'the assumption changed, and by how much'),
      n_people: c('People', 'people', 'the fewest people any outcome rests on'),
      present_value_gbp: c('Present value (£)', 'pounds', 'as in social_value.csv'),
      sroi_ratio: c('SROI ratio', 'ratio', 'present value ÷ total funding'),
    },
  },
  data_quality: {
    file: 'data_quality.csv',
    row: 'input file (records read, used, rejected) and per file × rule (issues)',
    grouped: false,
    columns: {
      file: c('File', 'text', 'the input file, relative to the folder'),
      kind: c('Kind', 'text', 'partners, participants, outcomes, population or lsoa_imd'),
      rule: c('Rule', 'text', 'the validation rule’s id, or (all) on the file’s own row'),
      severity: c('Severity', 'text', 'error or warning (empty on the file’s own row)'),
      read: c('Records read', 'records', 'data records, not the header (on the file’s own row)'),
      used: c('Records used', 'records', 'records used in the analysis'),
      rejected: c('Records rejected', 'records', 'records left out, with the reasons'),
      issues: c('Issues', 'issues', 'issues of the rule in the file (0 on the file’s own row)'),
      what_to_do: c('What to do', 'text', 'the rule’s hint for the partner'),
    },
  },
} as const satisfies Readonly<Record<string, TableReference>>;

export type PublishedTableName = keyof typeof OUTPUT_REFERENCE;

/** The reference of a published table, or undefined for a name that is not one. */
export function tableReference(name: string): TableReference | undefined {
  return ownValue<TableReference>(OUTPUT_REFERENCE, name);
}

/** The human label of a column of a table (a grouping column's own label), or its name. */
export function columnLabel(table: string, column: string): string {
  const reference = tableReference(table);
  return (
    ownValue(reference?.columns, column)?.label ??
    ownValue<ColumnReference>(GROUP_COLUMNS, column)?.label ??
    column
  );
}

/** The members of each JSON file a run writes, in the order they are written. */
export const JSON_OUTPUT_REFERENCE = {
  'metrics.json': {
    schema_version: 'the layout’s version (1); `tides check` refuses to compare different ones',
    tool: 'the name and version of tides',
    options: 'the analysis options: by, period, disclosure rule, confidence, simulations, seed',
    disclosure: 'the disclosure rule in words',
    row_accounting:
      'participant and outcome records read, used and rejected (disclosure-controlled)',
    tables: 'every table above by name, each a list of rows at full precision; marks are null',
  },
  'manifest.json': {
    tool: 'the name and version of tides',
    publication: 'the run’s identity, shared by every file it writes',
    generated_at: 'when the run was made (ISO 8601; honours SOURCE_DATE_EPOCH)',
    options: 'the analysis options, as in metrics.json',
    disclosure: 'the disclosure rule: enabled, minCell, roundTo, preset, description',
    inputs:
      'every input file: path, kind, SHA-256, encoding, records read, used and rejected (its bytes only under --no-suppress)',
    ignored: 'files in the folder that were not read, with the reason',
    row_accounting: 'as in metrics.json',
    issues: 'the numbers of errors and warnings (null under disclosure control)',
    outputs: 'every other file of the run: path, bytes and SHA-256',
  },
  'summary-YEAR.json': {
    schema_version: 'the layout’s version (1)',
    tool: 'the name and version of tides',
    year: 'the financial year summarised',
    options: 'the analysis options, as in metrics.json',
    disclosure: 'the disclosure rule in words',
    tables:
      'the summary’s tables: name, kind, title, context (by, period), complete, rows (columns as above)',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, string>>>>;
