import { chmodSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIssues, type Issue } from '../../src/contract/issues.js';
import type { RuleId } from '../../src/contract/rules.js';
import { UnusableInputError } from '../../src/errors.js';
import { IssueSpool } from '../../src/io/issueSpool.js';

const RULES: readonly RuleId[] = ['code.unknown', 'row.ragged', 'outcome.duplicate'];

/** An issue from a few small numbers, so that many tie on file, line, column and rule. */
function issue(n: number, file: number, line: number | null, rule: number, text = ''): Issue {
  return {
    file: `P${file}/participants.csv`,
    line,
    column: line === null ? null : 'sex',
    value: text === '' ? null : text,
    rule: RULES[rule % RULES.length] as RuleId,
    severity: 'warning',
    message: `issue ${n}${text}`,
  };
}

function spoolAll(issues: readonly Issue[], options: ConstructorParameters<typeof IssueSpool>[0]) {
  const spool = new IssueSpool(options);
  let held = 0;
  try {
    for (const i of issues) {
      spool.accept(i);
      held = Math.max(held, spool.held);
    }
    return { sorted: [...spool.sorted()], again: [...spool.sorted()], held };
  } finally {
    spool.close();
  }
}

describe('IssueSpool', () => {
  it('hands issues back as a stable sort would, through runs merged at several levels', () => {
    const arbitraryIssue = fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 20 })),
        fc.integer({ min: 0, max: 2 }),
        fc.string({ unit: 'binary', maxLength: 6 }),
      )
      .map(([file, line, rule, text]) => issue(0, file, line, rule, text));
    fc.assert(
      fc.property(
        fc.array(arbitraryIssue, { maxLength: 400 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 2, max: 4 }),
        (drawn, runIssues, fanIn) => {
          const issues = drawn.map((i, n) => ({ ...i, message: `issue ${n}` }));
          const expected = [...issues].sort(compareIssues);
          const { sorted, again, held } = spoolAll(issues, { runIssues, fanIn });
          expect(sorted).toEqual(expected);
          expect(again).toEqual(expected);
          // Memory does not grow with the number of issues: never more than a run is held.
          expect(held).toBeLessThanOrEqual(runIssues);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads back line breaks, quotes, non-ASCII text and lone surrogates unchanged', () => {
    const texts = ['a\nb', 'x\r\ny', '"q",\\', 'é漢字😀', '\ud800', 'z\udfff', '\u2028'];
    const issues = texts.map((t, n) => issue(n, n % 2, n, 0, t));
    const { sorted } = spoolAll(issues, { runIssues: 2, fanIn: 2 });
    expect(sorted).toEqual([...issues].sort(compareIssues));
    // The keys in IssueLog's order: `validate --json` prints them so.
    expect(Object.keys(sorted[0] as Issue)).toEqual([
      'file',
      'line',
      'column',
      'value',
      'rule',
      'severity',
      'message',
    ]);
  });

  it('leaves no file behind in its folder, while spooling or after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tides-spool-'));
    const spool = new IssueSpool({ dir, runIssues: 10, fanIn: 3 });
    for (let n = 0; n < 1000; n++) spool.accept(issue(n, n % 3, n % 17, n));
    expect(readdirSync(dir)).toEqual([]);
    expect([...spool.sorted()]).toHaveLength(1000);
    spool.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)(
    'says which folder cannot take the list when it cannot be written (exit 2)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'tides-spool-'));
      chmodSync(dir, 0o500);
      const spool = new IssueSpool({ dir, runIssues: 2 });
      spool.accept(issue(0, 0, 1, 0));
      expect(() => spool.accept(issue(1, 0, 2, 0))).toThrow(UnusableInputError);
      expect(() => spool.accept(issue(2, 0, 3, 0))).toThrow(
        new RegExp(`temporary file in ${dir} \\(permission denied: EACCES\\); set TMPDIR`),
      );
      spool.close();
    },
  );

  it('says which folder cannot take the list when it is not a folder (exit 2)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tides-spool-')), 'missing');
    const spool = new IssueSpool({ dir, runIssues: 1 });
    expect(() => spool.accept(issue(0, 0, 1, 0))).toThrow(UnusableInputError);
    expect(() => spool.accept(issue(1, 0, 1, 0))).toThrow(
      /temporary file in .*missing \(no such file or folder: ENOENT\); set TMPDIR/,
    );
    spool.close();
  });
});
