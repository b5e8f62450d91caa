import type { Issue } from '../contract/issues.js';
import type { Programme, RowTotals } from './loadProgramme.js';

/** The result of `tides validate --json`, in the shape ../shared/CONTRACT.md gives. */
export interface ValidationReport {
  readonly files: readonly {
    readonly path: string;
    readonly kind: string;
    readonly read: number;
    readonly used: number;
    readonly rejected: number;
  }[];
  readonly ignored: readonly string[];
  readonly issues: readonly Issue[];
  readonly totals: { readonly participants: RowTotals; readonly outcomes: RowTotals };
}

export function validationReport(programme: Programme): ValidationReport {
  return {
    files: programme.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      read: f.read,
      used: f.used,
      rejected: f.rejected,
    })),
    ignored: programme.ignored.map((f) => f.display),
    issues: programme.issues,
    totals: programme.totals,
  };
}
