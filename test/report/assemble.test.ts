import { describe, expect, it } from 'vitest';
import { IssueLog } from '../../src/contract/issues.js';
import { resolveDisclosureRule } from '../../src/disclosure/index.js';
import { IssueTally } from '../../src/model/issueTally.js';
import { dataProblems } from '../../src/report/assemble.js';

describe('dataProblems (the report’s Data problems box)', () => {
  it('lists each file’s first three problems of a kind in file and line order, then says there are more', () => {
    const tally = new IssueTally();
    const log = new IssueLog(tally);
    for (const line of [40, 10, 30, 20, 50]) {
      log.add({
        file: 'B/participants.csv',
        line,
        rule: 'file.quote_span',
        message: `quote on ${line}`,
      });
    }
    log.add({ file: 'A/outcomes.csv', rule: 'header.missing_column', message: 'no score column' });
    log.add({
      file: 'C/outcomes.csv',
      rule: 'file.empty',
      severity: 'warning',
      message: 'no rows',
    });
    log.add({
      file: 'C/outcomes.csv',
      line: 3,
      rule: 'code.unknown',
      message: 'not a problem of the file',
    });
    expect(dataProblems(tally)).toEqual([
      'A/outcomes.csv: no score column',
      'B/participants.csv line 10: quote on 10',
      'B/participants.csv line 20: quote on 20',
      'B/participants.csv line 30: quote on 30',
      'B/participants.csv: … and more file.quote_span problems (tides validate lists every one)',
    ]);
  });

  it('says nothing more when a file has three problems of a kind or fewer', () => {
    const tally = new IssueTally();
    const log = new IssueLog(tally);
    for (const line of [3, 2, 1]) {
      log.add({
        file: 'B/participants.csv',
        line,
        rule: 'file.quote_span',
        message: `quote on ${line}`,
      });
    }
    expect(dataProblems(tally)).toHaveLength(3);
  });

  it('names a file’s broken records once under disclosure control, with no line or number', () => {
    // Three listed quote problems and no "… and more" would say exactly 3 rows were rejected,
    // a count data_quality.csv hides (found by an intruder's review of the demo's report).
    const tally = new IssueTally();
    const log = new IssueLog(tally);
    for (const line of [281, 90, 12]) {
      log.add({
        file: 'P001/participants.csv',
        line,
        rule: 'file.quote_span',
        message: `quote ${line}`,
      });
    }
    log.add({ file: 'A/outcomes.csv', rule: 'header.missing_column', message: 'no score column' });
    expect(dataProblems(tally, resolveDisclosureRule())).toEqual([
      'A/outcomes.csv: no score column',
      'P001/participants.csv: records lost to file.quote_span problems (data_quality.csv has the count; tides validate lists every one)',
    ]);
    // Without disclosure control (NOT FOR PUBLICATION) the evaluator sees them all.
    expect(dataProblems(tally, resolveDisclosureRule({ suppress: false }))).toHaveLength(4);
  });
});
