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
  /**
   * Whether small numbers are being hidden (disclosure control on): a figure that cannot be
   * computed because a count is small is then `[c]`, like the count, not `[x]`, which would tell
   * the count was small rather than hidden to protect another.
   */
  readonly suppressSmall: boolean;
  /**
   * The count a statistic is computed from: the count itself, or, when published counts are
   * rounded, the rounded count as published, so that no percentage, rate, cost per person or t
   * value gives the unrounded count back (NHS Digital computes its published rates from the
   * rounded figures for the same reason).
   */
  readonly statisticCount: (count: number) => number;
  /** Simulations for SII/RII confidence limits (PHE default 100,000) and their seed. */
  readonly siiSimulations: number;
  readonly seed: number;
}

export const DEFAULT_ANALYSIS: AnalysisOptions = {
  by: ['partner_id'],
  period: null,
  confidence: 0.95,
  minQuantileSize: 5,
  suppressSmall: false,
  statisticCount: (count) => count,
  siiSimulations: 100_000,
  seed: 20150401,
};
