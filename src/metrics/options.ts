import type { Dimension } from './grouping.js';

/** What an analysis is asked for (`tides analyse` options, after validation). */
export interface AnalysisOptions {
  readonly by: readonly Dimension[];
  /** UK financial year (`2016-17`) to restrict to, or null for the whole programme. */
  readonly period: string | null;
  /** Two-sided confidence level of every interval. */
  readonly confidence: number;
  /** Quantiles with fewer people than this give no SII (PHE leaves such areas out). */
  readonly minQuantileSize: number;
  /** Simulations for SII/RII confidence limits (PHE default 100,000) and their seed. */
  readonly siiSimulations: number;
  readonly seed: number;
}

export const DEFAULT_ANALYSIS: AnalysisOptions = {
  by: ['partner_id'],
  period: null,
  confidence: 0.95,
  minQuantileSize: 5,
  siiSimulations: 100_000,
  seed: 20150401,
};
