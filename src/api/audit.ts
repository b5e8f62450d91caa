import { type AuditResult, auditPublication } from '../disclosure/audit.js';
import type { Publication, PublishedTable } from '../disclosure/publication.js';
import { lazySolver, type SolverSource } from '../disclosure/solver.js';
import { UnusableInputError } from '../errors.js';
import { type PublishedFolder, readPublishedFolder } from './readOutputs.js';

/** The options of {@link audit}: the rule, when the folders do not record it. */
export interface AuditOptions {
  readonly minCell?: number;
  readonly roundTo?: number;
}

export interface OutputsAudit {
  readonly publication: Publication;
  readonly folders: readonly PublishedFolder[];
  readonly result: AuditResult;
}

/**
 * Audits the published outputs in `folders` together, as `tides audit` does (see
 * `disclosure/audit.ts`): `result.unprotected` lists each hidden count that can be worked out
 * to within 1 to min_cell − 1. The rule is the one the folders record (they must agree), unless
 * given. Nothing is printed; nothing exits.
 *
 * @throws {UnusableInputError} when a folder cannot be read, holds no tables, or the rule is
 *   unknown or differs between folders
 */
export async function audit(
  folders: readonly string[],
  given: AuditOptions = {},
  solver: SolverSource = lazySolver(),
): Promise<OutputsAudit> {
  const read: PublishedFolder[] = [];
  for (const folder of folders) read.push(await readPublishedFolder(folder));
  const tables: PublishedTable[] = read.flatMap((folder) => folder.tables);
  if (tables.length === 0) {
    throw new UnusableInputError(
      `no tides tables in ${folders.join(', ')} (expected the CSV files or metrics.json of tides analyse, or a summary's JSON)`,
    );
  }
  const recorded = read.map((folder) => folder.rule).filter((rule) => rule !== null);
  const first = recorded[0];
  if (given.minCell === undefined && first === undefined) {
    throw new UnusableInputError(
      'the folders do not record their disclosure rule (no metrics.json, manifest.json or summary JSON): give --min-cell, and --round-to if counts were rounded',
    );
  }
  const differs = recorded.some(
    (r) => r.minCell !== first?.minCell || r.roundTo !== first?.roundTo,
  );
  if (differs && given.minCell === undefined) {
    throw new UnusableInputError(
      'the folders record different disclosure rules: audit them one at a time, or give --min-cell and --round-to',
    );
  }
  const publication: Publication = {
    tables,
    rule: {
      enabled: true,
      minCell: given.minCell ?? (first?.minCell as number),
      roundTo: given.roundTo ?? (given.minCell === undefined ? (first?.roundTo ?? null) : null),
      preset: null,
    },
    ratiosFromRoundedCounts: true,
  };
  const result = await auditPublication(solver, publication);
  return { publication, folders: read, result };
}
