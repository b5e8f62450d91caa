import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { countGroups } from '../../src/metrics/groupCount.js';
import type { Dimension } from '../../src/metrics/grouping.js';
import { DEFAULT_ANALYSIS } from '../../src/metrics/options.js';
import { reach } from '../../src/metrics/reach.js';
import { SMALL_PROGRAMME, writeProgramme } from '../helpers/programme.js';

const programme = await loadProgramme(writeProgramme(SMALL_PROGRAMME), {
  today: dayNumber(2024, 1, 1),
});

/** The rows of the reach table, which the count must equal without making the table. */
function reachRows(by: readonly Dimension[], period: string | null): number {
  return reach(programme, { ...DEFAULT_ANALYSIS, by, period, siiSimulations: 1000 }).reach.rows
    .length;
}

/**
 * Small programme (test/helpers/programme.ts): cohorts Mon and Tue at A (2016-17), Wed at B
 * (2017-18); inclusion groups homeless and refugee_asylum, and none.
 */
describe('countGroups', () => {
  it.each([
    [['cohort'], null, 4, [3]],
    [['cohort'], '2016-17', 3, [2]],
    [['partner_id', 'cohort'], null, 9, [2, 3]],
    [['partner_id', 'year', 'cohort'], null, 19, [2, 2, 3]],
    [['inclusion_group'], null, 4, [3]],
    [['inclusion_group', 'sex'], '2017-18', 8, [2, 2]],
  ] as const)('%j in %s: %i groups, as the reach table has', (by, period, groups, categories) => {
    const count = countGroups(programme, by, period);
    expect(count.groups).toBe(groups);
    expect(count.groups).toBe(reachRows(by, period));
    expect(count.categories.map((c) => c.count)).toEqual(categories);
    expect(count.categories.map((c) => c.dimension)).toEqual(by);
  });
});
