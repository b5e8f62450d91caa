import type { Issue } from '../contract/issues.js';
import type { Programme, RowTotals } from '../model/programme.js';

/** The result of `tides validate --json`, in the shape the README's data contract gives. */
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

/** The report without its issues, which can be too many to hold (see validationJson). */
export function validationHeader(programme: Programme): Omit<ValidationReport, 'issues'> {
  return {
    files: programme.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      read: f.read,
      used: f.used,
      rejected: f.rejected,
    })),
    ignored: programme.ignored.map((f) => f.display),
    totals: programme.totals,
  };
}

/** Characters of JSON text handed on at a time. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The text of `JSON.stringify(report, null, 2)` and a line end, piece by piece, with the issues
 * (in the order given) read as they are written: a report with millions of issues is never one
 * string, which V8 could not make (strings are limited to 2^29 characters).
 */
export function* validationJson(
  header: Omit<ValidationReport, 'issues'>,
  issues: Iterable<Issue>,
): Generator<string> {
  yield '{\n  "files": ';
  yield indent(JSON.stringify(header.files, null, 2), 1);
  yield ',\n  "ignored": ';
  yield indent(JSON.stringify(header.ignored, null, 2), 1);
  yield ',\n  "issues": [';
  let chunk = '';
  let first = true;
  for (const issue of issues) {
    chunk += `${first ? '' : ','}\n    ${indent(JSON.stringify(issue, null, 2), 2)}`;
    first = false;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${first ? '' : '\n  '}],\n  "totals": `;
  yield indent(JSON.stringify(header.totals, null, 2), 1);
  yield '\n}\n';
}

/**
 * JSON text nested `depth` levels deep in JSON.stringify's two-space layout. Only the layout's
 * own line breaks are indented: a line break inside a string is escaped as `\n`.
 */
function indent(json: string, depth: number): string {
  return json.replaceAll('\n', `\n${'  '.repeat(depth)}`);
}
