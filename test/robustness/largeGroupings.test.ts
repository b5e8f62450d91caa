import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_GROUPS } from '../../src/api/groupLimit.js';
import { runTides } from '../helpers/cli.js';
import { writeProgramme } from '../helpers/programme.js';
import { EPOCH, expectNoCrash, readCsv, tmp } from './support.js';

const FAST = ['--sii-simulations', '1000'];

/**
 * A programme of `people` participants at two partners, each in a cohort of their own (few rows
 * each), so that `--by cohort` makes one group per person.
 */
function manyCohorts(people: number): string {
  const participants = ['participant_id,partner_id,cohort,enrolled_on,age,sex,imd_decile'];
  const outcomes = ['participant_id,partner_id,measure,timepoint,recorded_on,score'];
  for (let i = 0; i < people; i++) {
    const partner = i % 2 === 0 ? 'A' : 'B';
    const id = `P${String(i).padStart(6, '0')}`;
    participants.push(
      `${id},${partner},cohort ${i},2016-05-01,${20 + (i % 60)},female,${1 + (i % 10)}`,
    );
    outcomes.push(`${id},${partner},wemwbs,baseline,2016-05-01,${30 + (i % 30)}`);
    outcomes.push(`${id},${partner},wemwbs,followup,2016-09-01,${32 + (i % 30)}`);
  }
  return writeProgramme({
    'partners.csv': 'partner_id,partner_name\nA,Alpha\nB,Beta\n',
    'participants.csv': `${participants.join('\n')}\n`,
    'outcomes.csv': `${outcomes.join('\n')}\n`,
  });
}

describe('a grouping too large to publish (built binary)', () => {
  const cohorts = MAX_GROUPS + 5;
  const dir = manyCohorts(cohorts);

  it.each([
    [
      ['--by', 'cohort'],
      `--by cohort makes 10,006 groups (with the total): cohort has 10,005 categories`,
    ],
    [
      ['--by', 'partner_id,cohort'],
      '--by partner_id,cohort makes 20,013 groups (with the margins and the total): partner_id has 2 categories, cohort has 10,005 categories',
    ],
  ])('is refused before the analysis, naming each dimension: %j', (by, message) => {
    const out = join(tmp(), 'out');
    const started = Date.now();
    const run = runTides(['analyse', dir, '--out', out, ...by, ...FAST], EPOCH);
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tides: ${message}; tides publishes at most 10,000 groups in a run: group by fewer or coarser dimensions\n`,
    );
    expect(readdirSync(out)).toEqual([]);
    // Refused right after loading: no table of 10,000 groups was made.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('a large grouping within the limit (built binary)', () => {
  it('is written in full, metrics.json with the bytes JSON.stringify(metrics, null, 2) gives', () => {
    const cohorts = 800;
    const out = join(tmp(), 'out');
    const run = runTides(
      // The formats read below: tables.xlsx of 800 cohorts would double the run's time.
      [
        'analyse',
        manyCohorts(cohorts),
        '--by',
        'cohort',
        '--out',
        out,
        '-q',
        '--format',
        'csv,json,md',
        ...FAST,
      ],
      EPOCH,
    );
    expectNoCrash(run);
    expect(run.code).toBe(0);
    const reach = readCsv(join(out, 'reach.csv'));
    expect(reach).toHaveLength(1 + cohorts + 1); // header, every cohort, All
    const text = readFileSync(join(out, 'metrics.json'), 'utf8');
    const metrics = JSON.parse(text);
    expect(text).toBe(`${JSON.stringify(metrics, null, 2)}\n`);
    expect(metrics.tables.reach_profile.length).toBeGreaterThan(cohorts * 10);
    // The report shows the programme's totals and says where the 802-row table is.
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).not.toContain('| cohort 799 |');
    expect(report).toContain(
      'Programme totals only: the whole table (801 rows and 20 columns, by cohort) is in reach.csv.',
    );
  });
});
