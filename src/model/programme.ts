import type { TidesConfig } from '../config/types.js';
import type { FileKind } from '../contract/columns.js';
import type { ImdEdition } from '../contract/imd.js';
import type { Partner, Population } from '../contract/records.js';
import type { MeasureRegistry } from '../measures/registry.js';
import type { EpisodeStore } from './episodes.js';
import type { IssueTally } from './issueTally.js';
import type { PairStore } from './pairs.js';

/**
 * The loaded programme: what loading writes (`load/`) and what the metrics and the report read.
 * It holds no file handles and nothing of how it was read, so the analysis never reaches the
 * input and output layers (the loader's own record of the input folder is `LoadedProgramme`).
 */
export interface Programme {
  readonly config: TidesConfig;
  readonly measures: MeasureRegistry;
  readonly partners: readonly Partner[];
  /** One row per participant row used: a person at a partner (columnar, read-only views). */
  readonly episodes: EpisodeStore;
  /** Baseline and follow-up observations per episode and measure. */
  readonly pairs: PairStore;
  readonly population: Population | null;
  /**
   * Where IMD deciles of LSOAs came from: the folder's lsoa_imd.csv, or the edition of England's
   * index that tides ships (the report names it, with its licence's attribution).
   */
  readonly deprivationSource:
    | { readonly kind: 'file' }
    | { readonly kind: 'builtin'; readonly edition: ImdEdition };
  /** Reports of every file read, in reading order (partners, lookups, participants, outcomes). */
  readonly files: readonly FileReport[];
  readonly ignored: readonly IgnoredFile[];
  /**
   * Counts of the issues per file and rule, with the first few of each: never the full list,
   * which a loader hands to whoever asked for it.
   */
  readonly issues: IssueTally;
  readonly errors: number;
  readonly warnings: number;
  readonly scoring: ScoringCounts;
  readonly totals: { readonly participants: RowTotals; readonly outcomes: RowTotals };
}

export interface RowTotals {
  readonly read: number;
  readonly used: number;
  readonly rejected: number;
}

/** Row accounting for one input file: every data record is either used or rejected. */
export interface FileReport {
  readonly path: string;
  readonly kind: FileKind;
  encoding: string;
  /** Size and SHA-256 of the bytes read; absent when the file could not be read to its end. */
  digest?: FileDigest;
  read: number;
  used: number;
  rejected: number;
}

/** The size and SHA-256 of a file's bytes. */
export interface FileDigest {
  readonly bytes: number;
  readonly sha256: string;
}

/** A file in the input folder that was not read, and why. */
export interface IgnoredFile {
  readonly display: string;
  readonly reason: string;
}

/** Questionnaires scored other than as given: prorated, converted, derived. */
export interface ScoringCounts {
  prorated: number;
  swemwbsConverted: number;
  swemwbsDerived: number;
}
