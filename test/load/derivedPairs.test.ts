import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
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
