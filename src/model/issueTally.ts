import { compareIssues, type Issue, type IssueSink } from '../contract/issues.js';
import type { RuleId, Severity } from '../contract/rules.js';

/**
 * Examples kept of each rule in each file: the most validate's summary lists of a rule (3), and
 * the report's data problems of a file.
 */
export const EXAMPLES_KEPT = 3;

/** The issues of one rule and severity in one file: how many, and the first few. */
export interface IssueCount {
  readonly file: string;
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly count: number;
  /** The first EXAMPLES_KEPT in report order (compareIssues, then the order found). */
  readonly examples: readonly Issue[];
}

/** The issues of one rule in every file. */
export interface RuleCount {
  readonly rule: RuleId;
  readonly count: number;
  readonly errors: number;
  /** The rule's first EXAMPLES_KEPT issues in report order. */
  readonly examples: readonly Issue[];
}

/**
 * The tally of a piece of a file, as a reading thread sends it with the piece (plain data): the
 * issues found since the piece before, their examples numbered in the order found in the piece.
 */
export interface TallyOfPiece {
  readonly found: number;
  readonly entries: readonly Entry[];
}

interface Entry {
  readonly file: string;
  readonly rule: RuleId;
  readonly severity: Severity;
  count: number;
  readonly examples: Example[];
}

interface Example {
  readonly issue: Issue;
  /** When the issue was found: orders issues that compareIssues ties, as a stable sort would. */
  readonly found: number;
}

/**
 * What tides keeps of every issue it finds: counts per file, rule and severity, and the first few
 * examples of each, so that its memory does not grow with the number of issues. The full list,
 * when asked for, is spooled elsewhere (see IssueSpool).
 */
export class IssueTally implements IssueSink {
  /** file → rule and severity → entry. */
  private readonly files = new Map<string, Map<string, Entry>>();
  private found = 0;
  errors = 0;
  warnings = 0;

  /** Issues found. */
  get total(): number {
    return this.found;
  }

  accept(issue: Issue): void {
    const entry = this.entry(issue.file, issue.rule, issue.severity);
    this.count(entry, 1);
    keepExample(entry.examples, { issue, found: this.found++ });
  }

  /** The tally so far, leaving this one empty: a reading thread's, for the piece it sends. */
  take(): TallyOfPiece {
    const entries: Entry[] = [];
    for (const byRule of this.files.values()) entries.push(...byRule.values());
    const piece = { found: this.found, entries };
    this.files.clear();
    this.found = 0;
    this.errors = 0;
    this.warnings = 0;
    return piece;
  }

  /** Adds a piece's tally, as if its issues were accepted one by one now. */
  merge(piece: TallyOfPiece): void {
    for (const e of piece.entries) {
      const entry = this.entry(e.file, e.rule, e.severity);
      this.count(entry, e.count);
      for (const x of e.examples) {
        keepExample(entry.examples, { issue: x.issue, found: this.found + x.found });
      }
    }
    this.found += piece.found;
  }

  /** Every file, rule and severity with issues, ordered by file, rule, then errors first. */
  counts(): IssueCount[] {
    const counts: IssueCount[] = [];
    for (const byRule of this.files.values()) {
      for (const e of byRule.values()) {
        counts.push({ ...e, examples: e.examples.map((x) => x.issue) });
      }
    }
    return counts.sort(
      (a, b) =>
        compareText(a.file, b.file) ||
        compareText(a.rule, b.rule) ||
        compareText(a.severity, b.severity),
    );
  }

  /** Every rule found, with its count over all files and its first examples, by rule id. */
  rules(): RuleCount[] {
    const rules = new Map<RuleId, { count: number; errors: number; examples: Example[] }>();
    for (const byRule of this.files.values()) {
      for (const e of byRule.values()) {
        let rule = rules.get(e.rule);
        if (!rule) {
          rule = { count: 0, errors: 0, examples: [] };
          rules.set(e.rule, rule);
        }
        rule.count += e.count;
        if (e.severity === 'error') rule.errors += e.count;
        for (const example of e.examples) keepExample(rule.examples, example);
      }
    }
    return [...rules.entries()]
      .sort((a, b) => compareText(a[0], b[0]))
      .map(([rule, r]) => ({
        rule,
        count: r.count,
        errors: r.errors,
        examples: r.examples.map((x) => x.issue),
      }));
  }

  private entry(file: string, rule: RuleId, severity: Severity): Entry {
    let byRule = this.files.get(file);
    if (!byRule) {
      byRule = new Map();
      this.files.set(file, byRule);
    }
    const key = severity === 'error' ? rule : `${rule} ${severity}`;
    let entry = byRule.get(key);
    if (!entry) {
      entry = { file, rule, severity, count: 0, examples: [] };
      byRule.set(key, entry);
    }
    return entry;
  }

  private count(entry: Entry, count: number): void {
    entry.count += count;
    if (entry.severity === 'error') this.errors += count;
    else this.warnings += count;
  }
}

/** Keeps `example` among the first EXAMPLES_KEPT of `examples` in report order, if it is. */
function keepExample(examples: Example[], example: Example): void {
  let at = examples.length;
  while (at > 0 && compareExamples(example, examples[at - 1] as Example) < 0) at--;
  if (at >= EXAMPLES_KEPT) return;
  examples.splice(at, 0, example);
  if (examples.length > EXAMPLES_KEPT) examples.pop();
}

function compareExamples(a: Example, b: Example): number {
  return compareIssues(a.issue, b.issue) || a.found - b.found;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
