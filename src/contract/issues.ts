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
  /**
   * The cell (`C5`) of a finding about one value in a workbook's sheet; absent for CSV files,
   * whose line and column say where.
   */
  readonly cell?: string;
}

/**
 * Where an issue is, as messages say it: `file:line:column` for a CSV file, and for a cell of a
 * workbook's sheet `book.xlsx [Sheet] row 5, column C (age)`.
 */
export function issueWhere(issue: Issue): string {
  if (issue.cell !== undefined) {
    const letters = /^[A-Z]+/.exec(issue.cell)?.[0] ?? issue.cell;
    const name = issue.column === null ? '' : ` (${issue.column})`;
    return `${issue.file} row ${issue.line}, column ${letters}${name}`;
  }
  return [issue.file, issue.line, issue.column].filter((x) => x !== null).join(':');
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
  /** The cell in a workbook's sheet (`C5`). */
  readonly cell?: string;
}

/** Where a log hands each issue it makes: a tally, a spool of the full list, or both. */
export interface IssueSink {
  accept(issue: Issue): void;
}

/**
 * Makes issues in the order they are found, with per-severity counts. Without a sink it keeps
 * them until `takeIssues` (a reader's log, handing each piece of a file its issues); with one it
 * keeps none, so that the programme's log never grows with the number of issues.
 */
export class IssueLog {
  /** Issues made since the last takeIssues (always empty with a sink). */
  readonly issues: Issue[] = [];
  errors = 0;
  warnings = 0;

  constructor(private readonly sink: IssueSink | null = null) {}

  add(input: IssueInput): void {
    const severity = input.severity ?? RULES[input.rule].severity;
    const issue: { -readonly [K in keyof Issue]: Issue[K] } = {
      file: input.file,
      line: input.line ?? null,
      column: input.column ?? null,
      value: input.value == null ? null : quoteValue(input.value),
      rule: input.rule,
      severity,
      message: input.message,
    };
    // Added only for a sheet's issues: a CSV file's keep the one plain shape (no spread, which
    // builds each issue the slow way and larger, and millions may be in flight).
    if (input.cell !== undefined) issue.cell = input.cell;
    this.keep(issue);
  }

  /** The issues kept so far, leaving the log empty (its counts stand). */
  takeIssues(): Issue[] {
    return this.issues.splice(0);
  }

  /** Adds issues already made (by another log, possibly in another thread). */
  addAll(issues: readonly Issue[]): void {
    for (const issue of issues) this.keep(issue);
  }

  private keep(issue: Issue): void {
    if (issue.severity === 'error') this.errors++;
    else this.warnings++;
    if (this.sink === null) this.issues.push(issue);
    else this.sink.accept(issue);
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
