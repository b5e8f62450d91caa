import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIssues, type Issue, IssueLog } from '../../src/contract/issues.js';
import type { RuleId, Severity } from '../../src/contract/rules.js';
import { EXAMPLES_KEPT, IssueTally } from '../../src/model/issueTally.js';

const RULES: readonly RuleId[] = ['code.unknown', 'row.ragged', 'file.quote_span'];

function issue(n: number, file: number, line: number, rule: number, severity: Severity): Issue {
  return {
    file: `F${file}.csv`,
    line,
    column: 'sex',
    value: null,
    rule: RULES[rule] as RuleId,
    severity,
    message: `issue ${n}`,
  };
}

const arbitraryIssues = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 0, max: 2 }),
      fc.constantFrom<Severity>('error', 'warning'),
    ),
    { maxLength: 300 },
  )
  .map((drawn) =>
    drawn.map(([file, line, rule, severity], n) => issue(n, file, line, rule, severity)),
  );

/** What the tally should hold, from the whole list: counts and the first few of a stable sort. */
function expectedCounts(issues: readonly Issue[]) {
  const sorted = [...issues].sort(compareIssues);
  const keys = [...new Set(sorted.map((i) => `${i.file}|${i.rule}|${i.severity}`))].sort();
  return keys.map((key) => {
    const of = sorted.filter((i) => `${i.file}|${i.rule}|${i.severity}` === key);
    const first = of[0] as Issue;
    return {
      file: first.file,
      rule: first.rule,
      severity: first.severity,
      count: of.length,
      examples: of.slice(0, EXAMPLES_KEPT),
    };
  });
}

describe('IssueTally', () => {
  it('counts every file, rule and severity and keeps only their first few examples', () => {
    fc.assert(
      fc.property(arbitraryIssues, (issues) => {
        const tally = new IssueTally();
        for (const i of issues) tally.accept(i);
        expect(tally.total).toBe(issues.length);
        expect(tally.errors).toBe(issues.filter((i) => i.severity === 'error').length);
        expect(tally.counts()).toEqual(expectedCounts(issues));
        const sorted = [...issues].sort(compareIssues);
        for (const r of tally.rules()) {
          const of = sorted.filter((i) => i.rule === r.rule);
          expect(r.count).toBe(of.length);
          expect(r.examples).toEqual(of.slice(0, EXAMPLES_KEPT));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('holds the same few examples for a hundred thousand issues as for a handful', () => {
    const tally = new IssueTally();
    const log = new IssueLog(tally);
    for (let n = 100_000; n > 0; n--) {
      log.add({
        file: 'P1/participants.csv',
        line: n + 1,
        column: 'sex',
        value: 'x',
        rule: 'code.unknown',
        message: `row ${n}`,
      });
    }
    expect(log.issues).toEqual([]);
    const [count] = tally.counts();
    expect(count?.count).toBe(100_000);
    expect(count?.examples.map((i) => i.line)).toEqual([2, 3, 4]);
    expect(tally.rules()[0]?.examples).toHaveLength(EXAMPLES_KEPT);
  });

  it('gives the same tally from pieces merged in order as from every issue at once', () => {
    fc.assert(
      fc.property(arbitraryIssues, fc.array(fc.nat(), { maxLength: 6 }), (issues, cuts) => {
        const whole = new IssueTally();
        for (const i of issues) whole.accept(i);
        const merged = new IssueTally();
        const reader = new IssueTally();
        const at = [...new Set(cuts.map((c) => c % (issues.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const to of [...at, issues.length]) {
          for (const i of issues.slice(from, to)) reader.accept(i);
          // A piece crosses threads as plain data: a structured clone.
          merged.merge(structuredClone(reader.take()));
          from = to;
        }
        expect(merged.counts()).toEqual(whole.counts());
        expect(merged.rules()).toEqual(whole.rules());
        expect([merged.total, merged.errors, merged.warnings]).toEqual([
          whole.total,
          whole.errors,
          whole.warnings,
        ]);
      }),
      { numRuns: 300 },
    );
  });
});
