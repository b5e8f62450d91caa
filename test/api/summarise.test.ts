import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/api/audit.js';
import { summarise } from '../../src/api/summarise.js';
import { writeProgramme } from '../helpers/programme.js';

/**
 * A commissioner's summary of a programme that records a yes/no measure (in_work, skills and
 * employment) and a count (gp_visits, demand on NHS services) beside WEMWBS. Partners A and B
 * each enrol 30 people in June 2015 and 30 in June 2016, all followed up in September. Person i
 * (0–29) of each group answers:
 *   in_work   baseline yes when i mod 3 = 0 (10 of 30); follow-up yes also when i mod 5 = 1
 *             (i = 1, 11, 16, 26 more: 14 of 30)
 *   gp_visits baseline i mod 4 (total 43 of 30 people); follow-up that less i mod 2, at least 0
 *             (total 28)
 * So each year, by hand: 60 followed up; yes 20 → 28 (33.3 % → 46.7 %); mean visits 86/60 →
 * 56/60; ratio of totals 56/86 = 0.6512.
 */
function files(): Record<string, string> {
  const participants = ['participant_id,partner_id,enrolled_on,imd_decile'];
  const outcomes = ['participant_id,partner_id,measure,timepoint,recorded_on,score'];
  for (const partner of ['A', 'B']) {
    for (const year of [2015, 2016]) {
      for (let i = 0; i < 30; i++) {
        const id = `${partner}${year}-${i}`;
        const on = `${year}-06-01`;
        const later = `${year}-09-01`;
        participants.push(`${id},${partner},${on},${1 + (i % 10)}`);
        const yes = (b: boolean) => (b ? 'yes' : 'no');
        outcomes.push(`${id},${partner},in_work,baseline,${on},${yes(i % 3 === 0)}`);
        outcomes.push(
          `${id},${partner},in_work,followup,${later},${yes(i % 3 === 0 || i % 5 === 1)}`,
        );
        outcomes.push(`${id},${partner},gp_visits,baseline,${on},${i % 4}`);
        outcomes.push(
          `${id},${partner},gp_visits,followup,${later},${Math.max(0, (i % 4) - (i % 2))}`,
        );
        outcomes.push(`${id},${partner},wemwbs,baseline,${on},${40 + (i % 7)}`);
        outcomes.push(`${id},${partner},wemwbs,followup,${later},${43 + (i % 7) + (i % 3)}`);
      }
    }
  }
  return {
    'partners.csv': 'partner_id,partner_name,funding_gbp\nA,Alpha,20000\nB,Beta,15000\n',
    'participants.csv': `${participants.join('\n')}\n`,
    'outcomes.csv': `${outcomes.join('\n')}\n`,
    'tides.config.json': JSON.stringify({
      measures: {
        in_work: { type: 'binary', better: 'yes', area: 'skills_employment' },
        gp_visits: {
          type: 'count',
          direction: 'lower_better',
          recall_period: '3 months',
          area: 'nhs_demand',
          unit_cost_gbp: 42,
          unit_cost_source: 'illustrative',
        },
      },
    }),
  };
}

describe('the summary of a programme with yes/no and count measures', async () => {
  const out = mkdtempSync(join(tmpdir(), 'tides-summary-'));
  const result = await summarise(writeProgramme(files()), {
    out,
    year: '2016-17',
    siiSimulations: 1000,
  });
  const table = (name: string) => {
    const found = result.tables.find((t) => t.table.name === name);
    if (!found) throw new Error(`no table ${name}`);
    return found.table;
  };

  it('shows the trend of yes/no and count change by year of follow-up, hand-checked', () => {
    const binary = table('binary_change');
    expect(binary.rows.map((r) => r.year)).toEqual(['2015-16', '2016-17']);
    expect(binary.columns.map((c) => c.name)).not.toContain('partner_id');
    const year = binary.rows[1] as Record<string, unknown>;
    expect(year.n_paired).toBe(60);
    expect(year.pct_yes_baseline).toBeCloseTo((100 * 20) / 60, 10);
    expect(year.pct_yes_followup).toBeCloseTo((100 * 28) / 60, 10);

    const counts = table('count_change');
    const row = counts.rows.find((r) => r.year === '2016-17') as Record<string, unknown>;
    expect(row.mean_baseline).toBeCloseTo(86 / 60, 10);
    expect(row.mean_followup).toBeCloseTo(56 / 60, 10);
    expect(row.ratio).toBeCloseTo(56 / 86, 10);
    expect(row.cost_change_gbp).toBeCloseTo((42 * (56 - 86)) / 60, 10);
  });

  it('organises the summary by outcome area, leaving out the areas without data', () => {
    const md = readFileSync(join(out, 'summary-2016-17.md'), 'utf8');
    const headings = md.split('\n').filter((line) => line.startsWith('## '));
    const at = (heading: string) => headings.indexOf(`## ${heading}`);
    expect(at('Wellbeing and mental health')).toBeGreaterThan(at('Reach'));
    expect(at('Skills and employment')).toBeGreaterThan(at('Wellbeing and mental health'));
    expect(at('Demand on NHS services')).toBeGreaterThan(at('Skills and employment'));
    expect(at('Living well')).toBe(-1);
    expect(at('Isolation and social connection')).toBe(-1);
  });

  it('protects every count it hides, read back from its files', async () => {
    const audited = await audit([out]);
    expect(audited.result.unprotected).toEqual([]);
  });
});
