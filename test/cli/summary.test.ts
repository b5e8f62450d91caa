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
    expect(r.stdout).toMatch(/Participants compared with 2015-16: [\d,]+ in 2016-17/);
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
