import { UsageError } from '../errors.js';
import type { LoadProgress } from '../load/loadProgramme.js';
import { DIMENSIONS, type Dimension, isDimension } from '../metrics/grouping.js';

/** The output files `analyse` can write. */
export const OUTPUT_FORMATS = ['csv', 'json', 'md', 'html', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What `template` can write: the workbook, the CSV templates, the Data Package descriptor. */
export const TEMPLATE_FORMATS = ['xlsx', 'csv', 'json'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

/**
 * Simulations behind SII/RII confidence limits. PHE's method needs at least 1,000 ("number of
 * repetitions must be 1000 or greater", `stats/slopeIndexOfInequality`). Each simulation holds
 * some 34 bytes while the limits are found: 10,000,000 (100 times PHE's default) took 340 MB
 * more and 20 s more on the demo; 2,000,000,000 would need some 64 GB.
 */
export const SII_SIMULATIONS = { min: 1_000, max: 10_000_000, default: 100_000 } as const;

/** The disclosure options of every publishing run (else the config's `disclosure`, else `standard`). */
export interface DisclosureOptions {
  /** Suppress counts from 1 to minCell − 1. */
  readonly minCell?: number;
  /** Round published counts to a multiple of this. */
  readonly roundTo?: number;
  /** `standard`, `nhsd-2018` or `secure-research`. */
  readonly preset?: string;
  /** false: no disclosure control, outputs NOT FOR PUBLICATION (default true). */
  readonly suppress?: boolean;
}

/** The options of every run that reads an input folder. */
export interface ReadingOptions {
  /** Worker threads reading the data files (0: none; default one per core, up to 4, for 64 MB+). */
  readonly jobs?: number;
  /** Called as the data files are read (files and rows so far, share done). */
  readonly onProgress?: (progress: LoadProgress) => void;
}

/** The options of every run that publishes figures into an output folder. */
export interface PublishingOptions extends DisclosureOptions, ReadingOptions {
  /** The output folder (created if missing; never the input folder or inside it). */
  readonly out: string;
  /** SII/RII simulations, {@link SII_SIMULATIONS} (default 100,000, PHE's). */
  readonly siiSimulations?: number;
  /** Notes that are not errors: a stale lock taken over, other files kept in the folder. */
  readonly onNotice?: (notice: string) => void;
}

/** Checks what a library caller passes (the CLI's parsers check the same before). */
export function checkPublishingOptions(options: PublishingOptions): void {
  const n = options.siiSimulations;
  if (
    n !== undefined &&
    (!Number.isInteger(n) || n < SII_SIMULATIONS.min || n > SII_SIMULATIONS.max)
  ) {
    throw new UsageError(
      `siiSimulations must be a whole number from ${SII_SIMULATIONS.min} to ${SII_SIMULATIONS.max}, got ${n}`,
    );
  }
  if (typeof options.out !== 'string' || options.out === '') {
    throw new UsageError('out: the output folder is required');
  }
}

/** Checks a grouping: known dimensions, none repeated, at most three. */
export function checkDimensions(by: readonly string[]): readonly Dimension[] {
  for (const d of by) {
    if (!isDimension(d))
      throw new UsageError(`"${d}" is not a dimension; use ${DIMENSIONS.join(', ')}`);
  }
  if (new Set(by).size !== by.length) throw new UsageError('a dimension is repeated');
  if (by.length > 3) throw new UsageError('group by at most 3 dimensions');
  return by as Dimension[];
}

/** Checks a UK financial year label `YYYY-YY` whose two years follow each other (2016-17). */
export function checkFinancialYear(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) {
    throw new UsageError(`"${value}" is not a financial year such as 2016-17`);
  }
  return value.trim();
}
