import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTides } from '../helpers/cli.js';
import {
  analyse,
  analyseInProcess,
  corpusFile,
  EPOCH,
  expectAccounting,
  expectNoCrash,
  metricsTable,
  PER_PARTNER_TABLES,
  partnerRows,
  programmeWith,
  tmp,
  validate,
  validateInProcess,
} from './support.js';

/**
 * The adversarial corpus (test/corpus/README.md): each broken file takes the place of one file of
 * the clean corpus programme, next to partner A's clean files. For each: the documented exit codes,
 * the exact issues with file, line and column, no stack trace, read = used + rejected for every
 * file, partner A's figures exactly as in the clean run, and the problem at the top of the report.
 */
type Expected = readonly [line: number | null, column: string | null, rule: string, value?: string];

interface Case {
  /** Corpus file, relative to test/corpus. */
  readonly file: string;
  /** Where it goes in the programme. */
  readonly as: 'B/participants.csv' | 'B/outcomes.csv' | 'partners.csv';
  readonly validateExit: 0 | 1;
  readonly analyseExit: 0 | 2;
  /** read, used, rejected of the broken file. */
  readonly counts: readonly [number, number, number];
  /** Every issue about the broken file (outcome.no_episode left out), in file order. */
  readonly issues: readonly Expected[];
  /** The same data as the clean file, differently encoded or laid out: B's figures are unchanged. */
  readonly sameAsClean?: boolean;
  /** What the report's "Data problems" section says first (file-level errors). */
  readonly problem?: RegExp;
  /** What stderr says when the run cannot go on (exit 2). */
  readonly stderr?: RegExp;
  /** Without partners.csv no partner's rows can be used, A's included. */
  readonly touchesA?: boolean;
}

const P = 'B/participants.csv';
const O = 'B/outcomes.csv';

const CASES: readonly Case[] = [
  {
    file: 'participants/empty.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [0, 0, 0],
    issues: [[null, null, 'file.empty']],
    problem: /B\/participants\.csv: the file is empty: it has no header row/,
  },
  {
    file: 'participants/header-only.csv',
    as: P,
    validateExit: 1, // B's outcomes have no participant rows: outcome.no_episode errors
    analyseExit: 0,
    counts: [0, 0, 0],
    issues: [[null, null, 'file.empty']],
  },
  {
    file: 'participants/binary.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [5, 0, 5], // each physical line of the binary file counts as one rejected record
    issues: [[1, null, 'encoding.binary']],
    problem: /B\/participants\.csv line 1: the file holds binary data/,
  },
  {
    file: 'participants/utf16le-bom.csv',
    as: P,
    validateExit: 0,
    analyseExit: 0,
    counts: [9, 9, 0],
    issues: [[1, null, 'encoding.utf16']],
    sameAsClean: true,
  },
  {
    file: 'participants/utf16be-no-bom.csv',
    as: P,
    validateExit: 0,
    analyseExit: 0,
    counts: [9, 9, 0],
    issues: [[1, null, 'encoding.utf16']],
    sameAsClean: true,
  },
  {
    file: 'participants/windows-1252.csv',
    as: P,
    validateExit: 0,
    analyseExit: 0,
    counts: [9, 9, 0],
    issues: [[4, null, 'encoding.windows1252']],
    sameAsClean: true,
  },
  {
    file: 'participants/cr-line-ends.csv',
    as: P,
    validateExit: 0,
    analyseExit: 0,
    counts: [9, 9, 0],
    issues: [],
    sameAsClean: true,
  },
  {
    file: 'participants/blank-lines-crlf.csv',
    as: P,
    validateExit: 0,
    analyseExit: 0,
    counts: [9, 9, 0],
    issues: [[3, null, 'header.leading_blank']],
    sameAsClean: true,
  },
  {
    file: 'participants/unterminated-quote.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [9, 8, 1],
    issues: [[5, null, 'file.quote_span']],
    problem: /B\/participants\.csv line 5: a double quote opened on line 5 is never closed/,
  },
  {
    file: 'participants/quote-swallows-rows.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [9, 8, 1],
    issues: [[4, null, 'file.quote_span']],
    problem: /B\/participants\.csv line 4: a double quote opened on line 4 runs over 4 lines/,
  },
  {
    // A broken header: no column is known, so every line after it is one rejected record.
    file: 'participants/header-unclosed-quote.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [9, 0, 9],
    issues: [[1, null, 'file.quote_span']],
    problem:
      /B\/participants\.csv line 1: a double quote opened on line 1 is never closed .*this is the header/,
  },
  {
    file: 'participants/header-swallows-rows.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [9, 0, 9],
    issues: [[1, null, 'file.quote_span']],
    problem: /B\/participants\.csv line 1: a double quote opened on line 1 runs over 3 lines/,
  },
  {
    file: 'participants/ragged.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [9, 6, 3],
    issues: [
      [3, null, 'row.ragged', '11'],
      [6, null, 'row.ragged', '9'],
      [8, null, 'row.ragged', '30'],
    ],
  },
  {
    file: 'participants/duplicate-header.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [9, 0, 9],
    issues: [[1, 'participant_id', 'header.duplicate_column', 'Participant ID']],
    problem:
      /B\/participants\.csv line 1: columns 1 \("participant_id"\) and 10 \("Participant ID"\)/,
  },
  {
    file: 'participants/no-header.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [8, 0, 8],
    issues: [
      // The first record, taken as the header (validate is for the evaluator: values are shown).
      [1, null, 'header.unknown_column', 'ZQB001, B, Wed, 2016-06-01, 23, male, asian, no, 4'],
      [1, 'enrolled_on', 'header.missing_column'],
      [1, 'participant_id', 'header.missing_column'],
      [1, 'partner_id', 'header.missing_column'],
    ],
    problem: /B\/participants\.csv line 1: required column enrolled_on is missing/,
  },
  {
    file: 'participants/formulas.csv',
    as: P,
    validateExit: 0,
    analyseExit: 0,
    counts: [9, 9, 0],
    issues: [],
  },
  {
    // Optional numbers: a bad value is dropped with a warning, the row is kept.
    file: 'participants/numbers.csv',
    as: P,
    validateExit: 0,
    analyseExit: 0,
    counts: [9, 9, 0],
    issues: [
      [2, 'age', 'number.invalid', '1,000'],
      [3, 'age', 'number.invalid', '2 6'],
      [4, 'age', 'number.invalid', '29.5'],
      [4, 'imd_decile', 'number.invalid', '1,0'],
      [5, 'age', 'number.range', '-32'],
      [6, 'age', 'number.invalid', 'NaN'],
      [6, 'imd_decile', 'number.invalid', 'Infinity'],
      [7, 'age', 'number.invalid', 'Infinity'],
      [7, 'imd_decile', 'number.invalid', '-Infinity'],
      [8, 'age', 'number.invalid', '4e1'],
      [8, 'imd_decile', 'number.invalid', '0x2'],
      [9, 'imd_decile', 'number.invalid', '０５'],
      [10, 'age', 'number.invalid', '24,0'],
    ],
  },
  {
    // Accepted: 2017-4-3 (ISO with one-digit month and day), 3/4/2017 (UK), an ISO date-time,
    // 29/02/2016 (a leap day). Everything else is date.invalid, the future date date.future.
    file: 'participants/dates.csv',
    as: P,
    validateExit: 1,
    analyseExit: 0,
    counts: [19, 6, 13],
    issues: [
      // 2017/04/03 and 3rd April 2017 (lines 2 and 3) are read: their order is plain.
      [4, 'enrolled_on', 'date.invalid', '04-03-2017'],
      [6, 'enrolled_on', 'date.invalid', '42828'],
      [7, 'enrolled_on', 'date.invalid', '31/02/2017'],
      [8, 'enrolled_on', 'date.invalid', '2017-13-45'],
      [11, 'enrolled_on', 'date.invalid', '29/02/2017'],
      [13, 'enrolled_on', 'date.future', '2099-01-01'],
      [14, 'enrolled_on', 'date.invalid', 'April 3 2017'],
      [15, 'enrolled_on', 'date.invalid', '03.04.2017'],
      [16, 'enrolled_on', 'date.invalid', '1899-12-31'],
      [17, 'enrolled_on', 'date.invalid', '03/04/17'],
      [18, 'enrolled_on', 'value.missing'],
      [19, 'enrolled_on', 'date.invalid', '2017-04-03 25:00'],
      [20, 'enrolled_on', 'date.invalid', '20170403'],
    ],
  },
  {
    file: 'outcomes/scores.csv',
    as: O,
    validateExit: 1,
    analyseExit: 0,
    counts: [24, 8, 16],
    issues: [
      [2, 'score', 'score.range', '-34'],
      [6, 'score', 'score.invalid', '5.5'],
      [8, 'score', 'score.invalid', 'NaN'],
      [9, 'score', 'score.invalid', 'Infinity'],
      [10, 'score', 'score.invalid', '-Infinity'],
      [11, 'score', 'score.invalid', '1e1'],
      [12, 'score', 'score.invalid', '1,234'],
      [13, 'score', 'score.invalid', '4 5'],
      [16, 'score', 'score.invalid', '0x30'],
      [17, 'score', 'score.range', '71'],
      [18, 'score', 'score.range', '-1'],
      [19, 'score', 'score.range', '11'],
      [22, 'score', 'score.range', '6'],
      [23, 'score', 'score.range', '35.01'],
      [24, 'score', 'score.invalid', 'NULL'],
      [25, 'score', 'score.invalid', '#N/A'],
    ],
  },
  {
    file: 'outcomes/items.csv',
    as: O,
    validateExit: 1,
    analyseExit: 0,
    counts: [14, 6, 8],
    issues: [
      [4, null, 'score.unscorable', '4 of 14 missing'],
      [5, 'item_1', 'item.range', '-1'],
      [6, 'item_1', 'item.invalid', '2.5'],
      [7, 'item_1', 'item.range', '6'],
      [8, 'item_1', 'item.invalid', 'NaN'],
      [9, 'item_1', 'item.range', '0'],
      [10, 'item_1', 'item.invalid', '5'],
      [12, 'score', 'score.mismatch', '50'],
      [15, null, 'score.unscorable', '1 of 7 missing'],
    ],
  },
  {
    file: 'outcomes/dates.csv',
    as: O,
    validateExit: 1,
    analyseExit: 0,
    counts: [12, 6, 6],
    issues: [
      // 2016/06/01 and 1st September 2016 (lines 2 and 3) are read: their order is plain.
      [4, 'recorded_on', 'date.invalid', '06-02-2016'],
      [6, 'recorded_on', 'date.invalid', '42522'],
      [7, 'recorded_on', 'date.invalid', '31/09/2016'],
      [8, 'recorded_on', 'date.invalid', '2016-13-45'],
      [11, 'recorded_on', 'outcome.followup_before_baseline', '2016-03-01'],
      [13, 'recorded_on', 'date.future', '2099-09-06'],
    ],
  },
  {
    file: 'outcomes/timepoints.csv',
    as: O,
    validateExit: 1,
    analyseExit: 0,
    counts: [12, 6, 6],
    issues: [
      [8, 'timepoint', 'timepoint.unknown', 'mid'],
      [9, 'timepoint', 'value.missing'],
      [10, 'measure', 'measure.unknown', 'wellbeing'],
      [11, 'measure', 'value.missing'],
      [12, 'measure', 'measure.unknown', '=hyperlink("x")'],
      [13, 'timepoint', 'timepoint.unknown', '2'],
    ],
  },
  {
    file: 'partners/formulas.csv',
    as: 'partners.csv',
    validateExit: 0,
    analyseExit: 0,
    counts: [3, 3, 0],
    issues: [],
  },
  {
    file: 'partners/funding.csv',
    as: 'partners.csv',
    validateExit: 0,
    analyseExit: 0,
    counts: [7, 7, 0], // £12,000.00 is read as 12000; the others are dropped with a warning
    issues: [
      [3, 'funding_gbp', 'number.invalid', '8 000'],
      [4, 'funding_gbp', 'number.invalid', '1.000,50'],
      [4, 'partner_type', 'code.unknown', 'charity'],
      [5, 'funding_gbp', 'number.range', '-500'],
      [6, 'funding_gbp', 'number.invalid', 'NaN'],
      [7, 'funding_gbp', 'number.invalid', '12,00'],
      [8, 'funding_gbp', 'number.invalid', '1e4'],
    ],
  },
  {
    file: 'partners/duplicate-ids.csv',
    as: 'partners.csv',
    validateExit: 1,
    analyseExit: 0,
    counts: [4, 3, 1],
    issues: [[4, 'partner_id', 'partner.duplicate', 'B']],
  },
  {
    // No partner at all: nothing meaningful can be produced (exit 2), validate still reports.
    file: 'participants/empty.csv',
    as: 'partners.csv',
    validateExit: 1,
    analyseExit: 2,
    counts: [0, 0, 0],
    issues: [[null, null, 'file.empty']],
    stderr: /^tides: nothing to analyse in .*: 0 usable partner\(s\)/m,
    touchesA: true,
  },
];

describe('the adversarial corpus, one broken file next to clean ones (built binary)', () => {
  let clean: string;
  beforeAll(async () => {
    clean = (await analyseInProcess(programmeWith())).out;
  });

  describe.each(CASES)('$file as $as', (c) => {
    const dir = programmeWith({ [c.as]: corpusFile(c.file) });
    // In this process: each spawned validate cost a process's start-up, 26 times over (the
    // built binary's exit codes and output are checked below and by the CLI's tests).
    let validated: Awaited<ReturnType<typeof validateInProcess>>;
    beforeAll(async () => {
      validated = await validateInProcess(dir);
    });

    it(`validate exits ${c.validateExit} and names file, line and column of every issue`, () => {
      const { run, result } = validated;
      expect(run.code).toBe(c.validateExit);
      expect(run.stderr).toBe('');
      if (result === null) throw new Error('no JSON');
      const found = result.issues
        .filter((i) => i.file === c.as && i.rule !== 'outcome.no_episode')
        .map((i) => [i.line, i.column, i.rule, i.value ?? undefined]);
      const expected = c.issues.map(([line, column, rule, value]) => [line, column, rule, value]);
      // Issues come sorted by file, line, column, rule.
      expect(found).toEqual(expected);
      for (const issue of result.issues) {
        expect(issue.message.length).toBeGreaterThan(10);
        if (issue.rule.startsWith('row.') || issue.rule.startsWith('value.')) {
          expect(issue.line).toBeGreaterThan(1);
        }
      }
    });

    it('accounts for every record, and leaves partner A untouched', () => {
      const result = validated.result;
      if (result === null) throw new Error('no JSON');
      expectAccounting(result);
      const file = result.files.find((f) => f.path === c.as);
      expect(file && [file.read, file.used, file.rejected]).toEqual(c.counts);
      if (c.touchesA) return;
      expect(result.issues.filter((i) => i.file.startsWith('A/'))).toEqual([]);
      for (const path of ['A/participants.csv', 'A/outcomes.csv']) {
        const a = result.files.find((f) => f.path === path);
        expect(a?.rejected, path).toBe(0);
      }
    });

    it(`analyse exits ${c.analyseExit}, with the problem first and A's figures unchanged`, async () => {
      if (c.analyseExit === 2) {
        const { run } = analyse(dir);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(c.stderr ?? /^tides: /);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        return;
      }
      // In this process: the built binary's exit codes and stderr are checked above and by the
      // CLI's tests; each spawned run cost a second of start-up, 26 times over.
      const { out, notices } = await analyseInProcess(dir);
      expect(notices).toEqual([]);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      for (const f of manifest.inputs.filter((i: { kind: string }) => i.kind !== 'config')) {
        expect(f.read, f.path).toBe(f.used + f.rejected);
      }
      const quality = metricsTable(out, 'data_quality').find(
        (r) => r.file === c.as && r.rule === '(all)',
      );
      expect(quality && [quality.read, quality.used, quality.rejected]).toEqual(c.counts);

      for (const table of [...PER_PARTNER_TABLES, 'cost']) {
        expect(partnerRows(out, table, 'A'), table).toEqual(partnerRows(clean, table, 'A'));
        if (c.sameAsClean) {
          expect(partnerRows(out, table, 'B'), table).toEqual(partnerRows(clean, table, 'B'));
        }
      }
      const report = readFileSync(join(out, 'report.md'), 'utf8');
      if (c.problem) {
        const at = report.search(c.problem);
        expect(at, 'the problem is in report.md').toBeGreaterThan(0);
        expect(at, 'before the first table').toBeLessThan(report.indexOf('\n| '));
      }
    });
  });

  it('decodes the text of UTF-16 and Windows-1252 files (no mojibake)', async () => {
    for (const file of ['utf16le-bom', 'utf16be-no-bom', 'windows-1252']) {
      const dir = programmeWith({ [P]: corpusFile(`participants/${file}.csv`) });
      const { out } = await analyseInProcess(dir, { by: ['cohort'] });
      const cohorts = metricsTable(out, 'reach').map((r) => r.cohort);
      expect(cohorts, file).toContain('Café');
      if (file === 'windows-1252') expect(cohorts).toContain('Crème brûlée – “group”');
      expect(cohorts.join(' '), file).not.toMatch(/Ã|�/);
    }
  });

  it('prints file:line:column and the value in the human summary', () => {
    const dir = programmeWith({ [P]: corpusFile('participants/dates.csv') });
    const run = runTides(['validate', dir], EPOCH);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'B/participants.csv:4:enrolled_on "04-03-2017" enrolled_on is not a valid date: not a date in the form YYYY-MM-DD, DD/MM/YYYY or 3 April 2017',
    );
    const quote = programmeWith({ [P]: corpusFile('participants/unterminated-quote.csv') });
    const quoted = runTides(['validate', quote], EPOCH);
    expect(quoted.stdout).toMatch(/B\/participants\.csv:5 a double quote opened on line 5/);
  });

  it('goes on without a broken optional lookup (binary population.csv, bad quote in lsoa_imd.csv)', () => {
    const dir = programmeWith({
      'population.csv': corpusFile('participants/binary.csv'),
      'lsoa_imd.csv': 'lsoa,imd_decile\n"E01000001,3\nE01000002,4\n',
    });
    const { run, result } = validate(dir);
    expect(run.code).toBe(1);
    if (result === null) throw new Error(run.stderr);
    expectAccounting(result);
    expect(result.issues.map((i) => [i.file, i.line, i.rule])).toEqual([
      ['lsoa_imd.csv', 2, 'file.quote_span'],
      ['population.csv', 1, 'encoding.binary'],
    ]);
    expect(result.files.find((f) => f.path === 'lsoa_imd.csv')).toMatchObject({
      read: 2,
      used: 1,
      rejected: 1,
    });
    const { run: analysed, out } = analyse(dir);
    expect(analysed.code).toBe(0);
    expect(partnerRows(out, 'wellbeing_change', 'A')).toEqual(
      partnerRows(clean, 'wellbeing_change', 'A'),
    );
  });

  it('exits 2 with one clean line for a tides.config.json that is binary garbage', () => {
    const dir = programmeWith({ 'tides.config.json': corpusFile('participants/binary.csv') });
    for (const args of [
      ['validate', dir],
      ['analyse', dir, '--out', join(tmp(), 'out')],
    ]) {
      const run = runTides(args, EPOCH);
      expectNoCrash(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^tides: tides\.config\.json: not valid JSON/);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the terminal
      expect(run.stderr.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f]/);
    }
  });

  it('exits 1 under analyse --strict when a file is broken, still writing every output', () => {
    const dir = programmeWith({ [P]: corpusFile('participants/unterminated-quote.csv') });
    const { run, out } = analyse(dir, ['--strict']);
    expect(run.code).toBe(1);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('B/participants.csv');
  });
});
