/**
 * A small metrics.json in the shape `tides analyse --by partner_id` writes (../shared/CONTRACT.md),
 * with two partners and the All row, for the `tides check` tests. Each call returns a fresh copy
 * to perturb.
 */
export function sampleMetrics(): SampleMetrics {
  return {
    schema_version: 1,
    tool: { name: 'tides', version: '0.1.0' },
    options: {
      by: ['partner_id'],
      period: null,
      min_cell: 5,
      round_to: null,
      preset: 'standard',
      suppress: true,
      confidence: 0.95,
      sii_simulations: 100000,
      seed: 20150401,
    },
    disclosure:
      'Counts from 1 to 4 and statistics based on fewer than 5 people are suppressed ([c]).',
    row_accounting: {
      participants: { read: 120, used: 118, rejected: 2 },
      outcomes: { read: 400, used: 396, rejected: 4 },
    },
    tables: {
      reach: [
        {
          partner_id: 'All',
          participants: 110,
          episodes: 118,
          partners: 2,
          pct_core20: 41.818181818181813,
        },
        {
          partner_id: 'P001',
          participants: 70,
          episodes: 70,
          partners: 1,
          pct_core20: 45.714285714285715,
        },
        { partner_id: 'P002', participants: 48, episodes: 48, partners: 1, pct_core20: null },
      ],
      wellbeing_change: [
        {
          partner_id: 'All',
          measure: 'wemwbs',
          direction: 'higher_better',
          n_paired: 60,
          mean_change: 3.7345,
          p_value: 0.000123,
          wilcoxon_method: 'normal approximation',
        },
        {
          partner_id: 'P001',
          measure: 'wemwbs',
          direction: 'higher_better',
          n_paired: 40,
          mean_change: 4.0456459,
          p_value: 0.0021,
          wilcoxon_method: 'exact',
        },
        {
          partner_id: 'P002',
          measure: 'wemwbs',
          direction: 'higher_better',
          n_paired: 20,
          mean_change: 2.1,
          p_value: 0.04,
          wilcoxon_method: 'exact',
        },
      ],
      inequality: [
        {
          measure: 'wemwbs',
          timepoint: 'baseline',
          dimension: 'imd_quintile',
          n: 60,
          sii: 5.03,
          rii: 0.11,
          gap: 4.2,
          method: 'PHE SII: weighted least squares; gap by Welch',
          note: '',
        },
        {
          measure: 'wemwbs',
          timepoint: 'change',
          dimension: 'imd_quintile',
          n: 60,
          sii: -2.5,
          rii: null,
          gap: -1.7,
          method: 'PHE SII: weighted least squares; gap by Welch',
          note: 'no RII for change scores',
        },
      ],
      data_quality: [
        {
          file: 'P001/participants.csv',
          kind: 'participants',
          rule: '(all)',
          severity: '',
          read: 70,
          used: 70,
          rejected: 0,
          issues: 0,
          what_to_do: '',
        },
        {
          file: 'P002/participants.csv',
          kind: 'participants',
          rule: 'date.invalid',
          severity: 'error',
          read: null,
          used: null,
          rejected: null,
          issues: 2,
          what_to_do: 'Write dates as YYYY-MM-DD or DD/MM/YYYY',
        },
      ],
    },
  };
}

export type SampleCell = number | string | null;
export type SampleRow = Record<string, SampleCell>;

export interface SampleMetrics {
  schema_version: unknown;
  tool: { name: string; version: string };
  options: Record<string, unknown>;
  disclosure: string;
  row_accounting: Record<string, Record<string, number>>;
  tables: Record<string, SampleRow[]>;
}

/** The row of `table` whose columns have the values in `match`. */
export function rowOf(
  metrics: SampleMetrics,
  table: string,
  match: Record<string, string>,
): SampleRow {
  const row = metrics.tables[table]?.find((r) =>
    Object.entries(match).every(([column, value]) => r[column] === value),
  );
  if (!row) throw new Error(`no row ${JSON.stringify(match)} in ${table}`);
  return row;
}
