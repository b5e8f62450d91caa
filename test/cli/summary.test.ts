import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTides } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tides-summary-'));
const FAST = ['--sii-simulations', '2000'];

describe('tides summary (built binary)', () => {
  it('writes the 2016-17 summary of the demo with the trend, cost and illustrative SROI', () => {
    const out = tmp();
    const r = runTides([
      'summary',
      'fixtures/turning-tides',
      '--year',
      '2016-17',
      '--out',
      out,
      ...FAST,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'summary-2016-17.html',
      'summary-2016-17.json',
      'summary-2016-17.manifest.json',
      'summary-2016-17.md',
    ]);
    const md = readFileSync(join(out, 'summary-2016-17.md'), 'utf8');
    expect(md).toContain('2016-17: commissioner’s summary');
    expect(md).toContain('Reach by financial year of enrolment, up to 2016-17');
    expect(md).toContain('| 2015-16 |'); // the earlier year is in the trend…
    expect(md).not.toMatch(/\| 2017-18 \|/); // …and the later one is not
    expect(md).toContain('Social value per £1 invested');
    expect(md).toContain('ILLUSTRATIVE');
    // The year's headline change is the trend table's row for the year (the same people).
    const json = JSON.parse(readFileSync(join(out, 'summary-2016-17.json'), 'utf8'));
    const trend = json.tables.find((t: { name: string }) => t.name === 'wellbeing_change')
      .rows as Record<string, unknown>[];
    type ChangeRow = {
      mean_change: number;
      change_lcl: number;
      change_ucl: number;
      n_paired: number;
    };
    const row = trend.find((r) => r.year === '2016-17' && r.measure === 'wemwbs') as ChangeRow;
    expect(md).toContain(
      `**WEMWBS mean change:** +${row.mean_change.toFixed(2)} points (95% CI ${row.change_lcl.toFixed(2)} to ${row.change_ucl.toFixed(2)}; ${row.n_paired.toLocaleString('en-GB')} people followed up`,
    );
    // One analysis by year and partner: the year's bands, the partners' reach in the year and
    // the trend are rows of the same tables, so they count the same people.
    type Rows = Record<string, unknown>[];
    const rowsOf = (name: string) =>
      json.tables.find((t: { name: string }) => t.name === name).rows as Rows;
    expect(json.options.by).toEqual(['year', 'partner_id']);
    const bands = rowsOf('band_change').filter((r) => r.measure === 'wemwbs');
    expect(bands.length).toBeGreaterThan(0);
    for (const band of bands) expect(band.n_paired).toBe(row.n_paired);
    const yearReach = rowsOf('reach').find((r) => r.year === '2016-17');
    const partnersTotal = rowsOf('reach_by_partner').find((r) => r.partner_id === 'All');
    expect(partnersTotal?.participants).toBe(yearReach?.participants);
    expect(md).toContain(
      `**People reached:** ${Number(yearReach?.participants).toLocaleString('en-GB')} (`,
    );
    // The trend as charts with intervals: the Core20 share and the mean change by year.
    const html = readFileSync(join(out, 'summary-2016-17.html'), 'utf8');
    expect(html).toContain('Core20 share of participants by financial year of enrolment');
    expect(html).toContain('Mean change in WEMWBS by financial year of follow-up');
    expect(html).toContain('>Financial year of follow-up</text>');
    // Cost and social value are the programme's to date, and say so with its years.
    expect(md).toContain('whole programme, every year (enrolments from 2015-16 to 2017-18)');
    expect(r.stdout).toMatch(/Participants compared with 2015-16: [\d,]+ in 2016-17/);
  });

  it('lists the years there are when no year is asked for, and writes nothing', () => {
    const out = tmp();
    const r = runTides(['summary', 'fixtures/turning-tides', '--out', out, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Years with enrolments in fixtures/turning-tides: 2015-16, 2016-17, 2017-18\n' +
        "Write one year's summary with: tides summary fixtures/turning-tides --year 2017-18\n",
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('writes its help quietly into a pipe whose reader has gone (| head), exit 0', () => {
    // The reader closes its end at once, so every write of the help fails with EPIPE.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" bin/tides.js summary --help | { exec 0<&-; sleep 0.5; }; echo "exit \${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('exit 0\n');
  });

  it('refuses a year without enrolments and a malformed year', () => {
    const none = runTides([
      'summary',
      'fixtures/turning-tides',
      '--year',
      '2019-20',
      '--out',
      tmp(),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /no episode is enrolled in 2019-20; the data covers 2015-16, 2016-17, 2017-18/,
    );
    const bad = runTides(['summary', 'fixtures/turning-tides', '--year', '2016', '--out', tmp()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a financial year/);
  });
});
