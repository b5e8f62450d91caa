import { RULES, type RuleId, type Severity } from './rules.js';

/**
 * One finding about the input, as `tides validate --json` and `--issues-out` report it.
 * `line` is the physical line in the file (header = line 1); `null` for file-level findings
 * that have no line (a missing column) or for whole-programme findings.
 */
export interface Issue {
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly message: string;
}

/** Longest cell text quoted back in an issue; longer values are cut with an ellipsis. */
const MAX_VALUE_LENGTH = 80;

export function quoteValue(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value;
}

export interface IssueInput {
  readonly file: string;
  readonly line?: number | null;
  readonly column?: string | null;
  readonly value?: string | null;
  readonly rule: RuleId;
  readonly message: string;
  /** Overrides the rule's default severity (e.g. a bad optional value that is only dropped). */
  readonly severity?: Severity;
}

/** Collects issues in the order they are found, with per-severity counts. */
export class IssueLog {
  readonly issues: Issue[] = [];
  errors = 0;
  warnings = 0;

  add(input: IssueInput): void {
    const severity = input.severity ?? RULES[input.rule].severity;
    if (severity === 'error') this.errors++;
    else this.warnings++;
    this.issues.push({
      file: input.file,
      line: input.line ?? null,
      column: input.column ?? null,
      value: input.value == null ? null : quoteValue(input.value),
      rule: input.rule,
      severity,
      message: input.message,
    });
  }

  /** The issues logged so far, leaving the log empty (its counts stand). */
  takeIssues(): Issue[] {
    return this.issues.splice(0);
  }

  /** Adds issues already made (by another log, possibly in another thread). */
  addAll(issues: readonly Issue[]): void {
    for (const issue of issues) {
      if (issue.severity === 'error') this.errors++;
      else this.warnings++;
      this.issues.push(issue);
    }
  }
}

/** Stable order for reports: by file, then line (file-level first), then rule. */
export function compareIssues(a: Issue, b: Issue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const la = a.line ?? 0;
  const lb = b.line ?? 0;
  if (la !== lb) return la - lb;
  if (a.column !== b.column) return (a.column ?? '') < (b.column ?? '') ? -1 : 1;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
