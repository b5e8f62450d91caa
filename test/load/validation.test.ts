import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/contract/issues.js';
import { type ValidationReport, validationJson } from '../../src/load/validation.js';

const totals = {
  participants: { read: 3, used: 2, rejected: 1 },
  outcomes: { read: 0, used: 0, rejected: 0 },
};

function issue(text: string, line: number | null): Issue {
  return {
    file: `A/${text}.csv`,
    line,
    column: line === null ? null : 'sex',
    value: text,
    rule: 'code.unknown',
    severity: 'warning',
    message: `sex ${JSON.stringify(text)} is not a known code`,
  };
}

/** `validate --json` before it was streamed: one JSON.stringify of the whole report. */
function whole(report: ValidationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

describe('validationJson', () => {
  it('writes exactly the text of JSON.stringify(report, null, 2), piece by piece', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'binary' }), fc.option(fc.nat())), { maxLength: 30 }),
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 }),
        fc.boolean(),
        (drawn, ignored, withFiles) => {
          const issues = drawn.map(([text, line]) => issue(text, line));
          const files = withFiles
            ? [{ path: 'A/p.csv', kind: 'participants', read: 3, used: 2, rejected: 1 }]
            : [];
          const report = { files, ignored, issues, totals };
          expect([...validationJson({ files, ignored, totals }, issues)].join('')).toBe(
            whole(report),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads the issues only as it writes them, in pieces of bounded size', () => {
    const header = { files: [], ignored: [], totals };
    let made = 0;
    const issues = (function* () {
      for (let n = 0; n < 50_000; n++) {
        made++;
        yield issue(String(n), n);
      }
    })();
    let longest = 0;
    let text = '';
    let beforeTheLast = 0;
    for (const piece of validationJson(header, issues)) {
      longest = Math.max(longest, piece.length);
      text += piece;
      if (made < 50_000) beforeTheLast++;
    }
    // Pieces were handed on while issues were still to come: the list is never held whole.
    expect(beforeTheLast).toBeGreaterThan(10);
    expect(longest).toBeLessThan(100_000);
    expect(JSON.parse(text).issues).toHaveLength(50_000);
  });
});
