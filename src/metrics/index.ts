import type { Programme } from '../model/programme.js';
import { binaryChange } from './binaryChange.js';
import { cost } from './cost.js';
import { countChange } from './countChange.js';
import { dataQuality, rowAccounting } from './dataQuality.js';
import { inequality } from './inequality.js';
import type { AnalysisOptions } from './options.js';
import { reach } from './reach.js';
import { MeasureSlotIndex } from './slots.js';
import { socialValue } from './socialValue.js';
import type { Table } from './table.js';
import { wellbeingChange } from './wellbeingChange.js';

/** Every table of an analysis, in the order they are reported. */
export interface AnalysisTables {
  readonly reach: Table;
  readonly reach_profile: Table;
  readonly wellbeing_change: Table;
  readonly band_change: Table;
  /** Only when the programme has a yes/no measure. */
  readonly binary_change?: Table;
  /** Only when the programme has a count measure. */
  readonly count_change?: Table;
  readonly inequality: Table;
  readonly inequality_quantiles: Table;
  readonly cost: Table;
  /**
   * Partners compared on funnel plots: made from the published tables after disclosure control
   * (`partnerComparison`), only when the analysis is grouped by partner.
   */
  readonly partner_comparison?: Table;
  /** Only when the config has a social value bank. */
  readonly social_value?: Table;
  readonly sroi_sensitivity?: Table;
  readonly data_quality: Table;
  /** Rows read, used and rejected by kind of file (metrics.json's row_accounting). */
  readonly row_accounting: Table;
}

export function analyseProgramme(programme: Programme, options: AnalysisOptions): AnalysisTables {
  // Each measure's slots, worked out once and shared by the metrics of this analysis.
  const slots = new MeasureSlotIndex(programme);
  const r = reach(programme, options);
  const change = wellbeingChange(programme, options, slots);
  const gaps = inequality(programme, options, slots);
  return {
    reach: r.reach,
    reach_profile: r.profile,
    wellbeing_change: change.change,
    band_change: change.bands,
    ...(programme.measures.measures.some((m) => m.type === 'binary') && {
      binary_change: binaryChange(programme, options, slots),
    }),
    ...(programme.measures.measures.some((m) => m.type === 'count') && {
      count_change: countChange(programme, options, slots),
    }),
    inequality: gaps.inequality,
    inequality_quantiles: gaps.quantiles,
    cost: cost(programme, options.period, options.statisticCount, slots),
    ...socialValueTables(programme, options, slots),
    data_quality: dataQuality(programme),
    row_accounting: rowAccounting(programme),
  };
}

function socialValueTables(
  programme: Programme,
  options: AnalysisOptions,
  slots: MeasureSlotIndex,
): Pick<AnalysisTables, 'social_value' | 'sroi_sensitivity'> {
  const config = programme.config.social_value;
  if (!config) return {};
  const { value, sensitivity } = socialValue(
    programme,
    config,
    options.period,
    options.statisticCount,
    slots,
  );
  return { social_value: value, sroi_sensitivity: sensitivity };
}

export { type AnalysisOptions, DEFAULT_ANALYSIS } from './options.js';
