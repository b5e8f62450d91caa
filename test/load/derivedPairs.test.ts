import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { analyseProgramme, DEFAULT_ANALYSIS } from '../../src/metrics/index.js';
import { runTides } from '../helpers/cli.js';
import { loadWithIssues } from '../helpers/loadIssues.js';

/**
 * A SWEMWBS baseline derived from a row of WEMWBS items, and a SWEMWBS follow-up sent by the
 * partner dated before it: the follow-up is rejected, and the message names where the baseline
 * came from. It used to read "undefined line 2", as a derived record has no file of its own.
 */
it('names a derived baseline when a follow-up is dated before it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tides-derived-'));
  writeFileSync(join(dir, 'partners.csv'), 'partner_id,partner_name\nP1,First\n');
  writeFileSync(
    join(dir, 'participants.csv'),
    'participant_id,partner_id,enrolled_on\na,P1,2016-05-01\n',
  );
  const items = Array.from({ length: 14 }, (_, i) => `item_${i + 1}`).join(',');
  writeFileSync(
    join(dir, 'outcomes.csv'),
    [
      `participant_id,partner_id,measure,timepoint,recorded_on,score,${items}`,
      `a,P1,wemwbs,baseline,2016-06-01,,${Array(14).fill(3).join(',')}`,
      `a,P1,swemwbs,followup,2016-05-15,24,${Array(14).fill('').join(',')}`,
    ].join('\n'),
  );
  const { programme, issues } = await loadWithIssues(dir, { today: dayNumber(2024, 1, 1) });
  const issue = issues.find((i) => i.rule === 'outcome.followup_before_baseline');
  expect(issue).toMatchObject({ file: 'outcomes.csv', line: 3, column: 'recorded_on' });
  expect(issue?.message).toContain('(2016-06-01, derived from WEMWBS items)');
  expect(programme.totals.outcomes).toEqual({ read: 2, used: 1, rejected: 1 });
});

/**
 * SWEMWBS is WEMWBS items 1, 2, 3, 6, 7, 9 and 11 and needs all seven (Warwick's conversion table
 * is for complete raw totals); WEMWBS allows `max_missing_items` (3) of its 14 missing. A WEMWBS
 * questionnaire with all seven SWEMWBS items and 4 or more of the other seven missing cannot be
 * scored as WEMWBS, but SWEMWBS can: it used to be dropped with the WEMWBS. Person i (of 6) answers
 * the SWEMWBS items 3 at baseline (raw 21 → metric 19.25) and 4 at follow-up (raw 28 → 25.03),
 * and leaves 4 (baseline) or all 7 (follow-up) of the other items empty. Person x also leaves
 * item 11 empty at baseline: neither scale can be scored then, so x has a SWEMWBS follow-up only.
 */
describe('SWEMWBS from WEMWBS items when WEMWBS cannot be scored', async () => {
  const items = (answer: number, empty: readonly number[]) =>
    Array.from({ length: 14 }, (_, k) => (empty.includes(k + 1) ? '' : answer)).join(',');
  const people = ['a', 'b', 'c', 'd', 'e', 'f'];
  const header = Array.from({ length: 14 }, (_, k) => `item_${k + 1}`).join(',');
  const dir = mkdtempSync(join(tmpdir(), 'tides-swemwbs-'));
  writeFileSync(join(dir, 'partners.csv'), 'partner_id,partner_name\nP1,First\n');
  writeFileSync(
    join(dir, 'participants.csv'),
    `participant_id,partner_id,enrolled_on\n${[...people, 'x'].map((p) => `${p},P1,2016-05-01`).join('\n')}\n`,
  );
  writeFileSync(
    join(dir, 'outcomes.csv'),
    [
      `participant_id,partner_id,measure,timepoint,recorded_on,score,${header}`,
      ...people.flatMap((p) => [
        `${p},P1,wemwbs,baseline,2016-05-02,,${items(3, [4, 5, 8, 10])}`,
        `${p},P1,wemwbs,followup,2016-08-02,,${items(4, [4, 5, 8, 10, 12, 13, 14])}`,
      ]),
      `x,P1,wemwbs,baseline,2016-05-02,,${items(3, [4, 5, 8, 10, 11])}`,
      `x,P1,wemwbs,followup,2016-08-02,,${items(4, [4, 5, 8, 10])}`,
    ].join('\n'),
  );
  const { programme, issues } = await loadWithIssues(dir, {
    today: dayNumber(2024, 1, 1),
    jobs: 0,
  });

  it('reports each WEMWBS as unscorable, saying when SWEMWBS is scored from it', () => {
    const unscorable = issues.filter((i) => i.rule === 'score.unscorable');
    expect(unscorable).toHaveLength(14);
    expect(unscorable[0]?.message).toBe(
      '4 of 14 WEMWBS items are missing (at most 3 may be); the questionnaire cannot be scored; its 7 SWEMWBS items are all answered, so SWEMWBS is scored from them',
    );
    const x = unscorable.find((i) => i.line === 14);
    expect(x?.message).toBe(
      '5 of 14 WEMWBS items are missing (at most 3 may be); the questionnaire cannot be scored',
    );
    // The rows' own WEMWBS records are rejected; the SWEMWBS scores of 13 of them are used.
    expect(programme.totals.outcomes).toEqual({ read: 14, used: 0, rejected: 14 });
    expect(programme.scoring.swemwbsDerived).toBe(13);
  });

  it('pairs SWEMWBS and publishes its change, and no WEMWBS', () => {
    const tables = analyseProgramme(programme, { ...DEFAULT_ANALYSIS, siiSimulations: 1000 });
    const row = (measure: string) =>
      tables.wellbeing_change.rows.find((r) => r.partner_id === 'All' && r.measure === measure);
    expect(row('wemwbs')).toBeUndefined();
    const swemwbs = row('swemwbs');
    expect(swemwbs).toMatchObject({ n_baseline: 6, n_paired: 6, n_improved: 6 });
    expect(swemwbs?.mean_baseline).toBeCloseTo(19.25, 10);
    expect(swemwbs?.mean_followup).toBeCloseTo(25.03, 10);
  });

  it('publishes the same from the command line', () => {
    const out = mkdtempSync(join(tmpdir(), 'tides-swemwbs-out-'));
    const run = runTides(['analyse', dir, '--out', out, '--quiet', '--sii-simulations', '1000']);
    expect(run.code, run.stderr).toBe(0);
    const rows = parse(readFileSync(join(out, 'wellbeing_change.csv')), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => [r.partner_id, r.measure, r.n_paired, r.mean_change])).toEqual([
      ['All', 'swemwbs', '6', '5.78'],
      ['P1', 'swemwbs', '6', '5.78'],
    ]);
  });
});
