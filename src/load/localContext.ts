import type { WideLayout } from '../config/types.js';
import type { DateOptions } from '../contract/values.js';
import type { MeasureRegistry } from '../measures/registry.js';
import type { DeprivationLookup } from './deprivation.js';

/**
 * What reading one participant or outcome file needs to know beyond the file itself: nothing
 * that other data files change, so files can be read in any order or in parallel.
 */
export interface LocalContext {
  /** partner_id → index into the partners list. */
  readonly partnerIndex: ReadonlyMap<string, number>;
  readonly deprivation: DeprivationLookup;
  readonly measures: MeasureRegistry;
  /** Today as a day number: later dates are rejected. */
  readonly today: number;
  /** The config's wide layouts, by name (an outcome file may be read through one). */
  readonly layouts: Readonly<Record<string, WideLayout>>;
  /** How dates are read (two-digit years, from the config). */
  readonly dates: DateOptions;
  /** Whether to hash each file as it is read (for analyse's manifest). */
  readonly digests: boolean;
  /**
   * Candidate rows per piece: a file's rows are handed on in pieces of this many as they are
   * read, so that a large file is never held whole (see readDataFiles).
   */
  readonly pieceRows: number;
  /**
   * Whether each piece lists every issue (for `validate --json` or `--issues-out`); otherwise it
   * carries only their counts and first examples, which is all the programme keeps.
   */
  readonly listIssues: boolean;
  /**
   * Whether plain records are read straight from their bytes (plainOutcomes.ts,
   * plainParticipants.ts); false reads every record as text, which tests compare against.
   */
  readonly plainRecords: boolean;
  /** Bytes read from a CSV file at a time (default 1 MiB; tests make records cross chunks). */
  readonly chunkSize?: number;
}
