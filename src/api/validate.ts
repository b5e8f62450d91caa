import { type Stats, statSync } from 'node:fs';
import type { Issue } from '../contract/issues.js';
import { UsageError } from '../errors.js';
import type { InputFile } from '../io/discover.js';
import { IssueSpool } from '../io/issueSpool.js';
import { describeFsError } from '../io/outputDir.js';
import { loadProgramme } from '../load/loadProgramme.js';
import { validationHeader, validationJson } from '../load/validation.js';
import { today } from './clock.js';
import type { ReadingOptions } from './options.js';
import { type DataSummary, dataSummary } from './runResult.js';

/** The options of {@link validate}. */
export interface ValidateOptions extends ReadingOptions {
  /**
   * Keep every issue for {@link ValidationResult.issueList} (sorted on disk, in the system's
   * temporary folder, so memory does not grow with their number). Without it, the result holds
   * each rule's count and first three issues only.
   */
  readonly listIssues?: boolean;
  /**
   * The programme's partners.csv, for a delivery checked on its own (one partner's folder):
   * it takes the place of a partners.csv in the folder.
   */
  readonly partners?: string;
}

/** What `tides validate` reports: every file's rows read, used and rejected, and the issues. */
export interface ValidationResult extends DataSummary {
  /** Files in the folder that were not read, and why. */
  readonly ignored: readonly { readonly path: string; readonly reason: string }[];
  /**
   * Every issue, ordered by file, line, column and rule (ties in the order found), read from
   * disk as it is iterated; empty unless `listIssues`. Iterate it at most once, then `close()`.
   */
  issueList(): Iterable<Issue>;
  /** The JSON of `tides validate --json`, in chunks (it reads `issueList()`). */
  json(): Iterable<string>;
  /** Releases the spooled issues' temporary files (they are deleted already; this closes them). */
  close(): void;
}

/**
 * Reads every partner file in `dir` as the data contract says and reports what is wrong, file by
 * file and line by line, as `tides validate` does. Nothing is printed; nothing exits.
 *
 * A partial delivery is checked as it is: participant files alone, or outcome files alone
 * (not matched to people then); a folder without partners.csv needs `partners`.
 *
 * @throws {UnusableInputError} when the folder cannot be read as a programme (missing, no
 *   partners.csv and no `partners`, neither participant nor outcome files, an invalid config)
 */
export async function validate(
  dir: string,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const spool = options.listIssues ? new IssueSpool() : null;
  try {
    const programme = await loadProgramme(dir, {
      today: today(),
      partial: true,
      ...(options.partners === undefined ? {} : { partners: partnersFile(options.partners) }),
      ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
      ...(options.onProgress ? { progress: options.onProgress } : {}),
      ...(spool === null ? {} : { issueList: spool }),
    });
    const header = validationHeader(programme);
    const issueList = () => (spool === null ? [] : spool.sorted());
    return {
      ...dataSummary(programme),
      ignored: programme.ignored.map((f) => ({ path: f.display, reason: f.reason })),
      issueList,
      json: () => validationJson(header, issueList()),
      close: () => spool?.close(),
    };
  } catch (error) {
    spool?.close();
    throw error;
  }
}

/** The `--partners` file as an input: it must be a regular file (checked before anything is read). */
function partnersFile(path: string): InputFile {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new UsageError(`--partners ${path}: ${describeFsError(error)}`);
  }
  if (!stats.isFile()) throw new UsageError(`--partners ${path} is not a file`);
  return { path, display: path.replaceAll('\\', '/'), kind: 'partners' };
}
