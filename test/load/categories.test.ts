import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { analyseProgramme, DEFAULT_ANALYSIS } from '../../src/metrics/index.js';
import { loadWithIssues } from '../helpers/loadIssues.js';

/**
 * `All` labels the total rows of every table. A partner, cohort or theme of that name used to
 * share the total's key, so its people were counted into the total a second time. Hand-made
 * programme: partner P1 (theme All) has people a, b, c in cohort All and d in cohort x; partner
 * All has e. Expected by hand: partner All is refused (its row and e's are rejected), the cohort
 * and theme are published as `All (cohort)` and `All (theme)`, and the total is 4 people.
 */
describe('a category named All', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tides-all-'));
  writeFileSync(
    join(dir, 'partners.csv'),
    'partner_id,partner_name,theme\nP1,First,All\nAll,Everyone,sport\n',
  );
  writeFileSync(
    join(dir, 'participants.csv'),
    [
      'participant_id,partner_id,enrolled_on,cohort',
      'a,P1,2016-05-01,All',
      'b,P1,2016-05-01,All',
      'c,P1,2016-05-02,All',
      'd,P1,2016-05-02,x',
      'e,All,2016-05-02,x',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'outcomes.csv'),
    'participant_id,partner_id,measure,timepoint,recorded_on,score\na,P1,wemwbs,baseline,2016-05-01,40\n',
  );
  const { programme, issues: all } = await loadWithIssues(dir, { today: dayNumber(2024, 1, 1) });
  const issues = all.map((i) => `${i.file}:${i.line}:${i.column} ${i.rule} ${i.severity}`);
  const reach = (by: 'cohort' | 'theme' | 'partner_id') =>
    analyseProgramme(programme, {
      ...DEFAULT_ANALYSIS,
      by: [by],
      siiSimulations: 1000,
    }).reach.rows.map((row) => [row[by], row.participants]);

  it('refuses a partner named All, and renames a cohort or theme, saying so', () => {
    expect(issues).toEqual([
      'participants.csv:2:cohort value.reserved warning',
      'participants.csv:3:cohort value.reserved warning',
      'participants.csv:4:cohort value.reserved warning',
      'participants.csv:6:partner_id partner.unknown error',
      'partners.csv:2:theme value.reserved warning',
      'partners.csv:3:partner_id value.reserved error',
    ]);
    expect(programme.totals.participants).toEqual({ read: 5, used: 4, rejected: 1 });
  });

  it('keeps the renamed categories out of the totals', () => {
    expect(reach('cohort')).toEqual([
      ['All', 4],
      ['All (cohort)', 3],
      ['x', 1],
    ]);
    expect(reach('theme')).toEqual([
      ['All', 4],
      ['All (theme)', 4],
    ]);
    expect(reach('partner_id')).toEqual([
      ['All', 4],
      ['P1', 4],
    ]);
  });
});
