import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseProgramme, DEFAULT_ANALYSIS } from '../../src/metrics/index.js';
import type { Cell, Table } from '../../src/metrics/table.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { buildProgramme, programmeArbitrary, random, shuffle, writeFolder } from './programmes.js';

/**
 * The change statistics do not depend on how partners happen to order or split their rows: the
 * same records, shuffled and split over two outcome files in two folders (and the participant rows
 * shuffled), give the same wellbeing_change and band_change tables and the same accounting.
 */
const TODAY = 20_000; // 2024-10-04
// The fewest simulations the SII accepts (a programme with enough deciles computes it).
const OPTIONS = { ...DEFAULT_ANALYSIS, siiSimulations: 1000 };

/** Equal cells; numbers equal up to rounding (sums run in another order). */
function expectSameTable(actual: Table, expected: Table): void {
  expect(actual.rows.length).toBe(expected.rows.length);
  actual.rows.forEach((row, i) => {
    const other = expected.rows[i] as Record<string, Cell>;
    for (const column of actual.columns) {
      const a = row[column.name];
      const b = other[column.name];
      if (typeof a === 'number' && typeof b === 'number') {
        expect(
          Math.abs(a - b),
          `${actual.name} row ${i} ${column.name}: ${a} vs ${b}`,
        ).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      } else {
        expect(a, `${actual.name} row ${i} ${column.name}`).toEqual(b);
      }
    }
  });
}

/** Issues by rule and value (their file and line move with the rows; an empty split is noted). */
function issueCounts(issues: readonly { rule: string; value: string | null }[]): string[] {
  return issues
    .filter((i) => i.rule !== 'file.empty')
    .map((i) => `${i.rule}:${i.value}`)
    .sort();
}

describe('wellbeing change is invariant to row order and to file splitting', () => {
  it('gives the same tables for one file and for shuffled rows split over two files', async () => {
    await fc.assert(
      fc.asyncProperty(programmeArbitrary, fc.integer(), async (size, shuffleSeed) => {
        const p = buildProgramme(size.seed, size);
        const rnd = random(shuffleSeed);
        const one = writeFolder({
          'partners.csv': p.partners,
          'participants.csv': `${[p.participantsHeader, ...p.participants].join('\n')}\n`,
          'outcomes.csv': `${[p.outcomesHeader, ...p.outcomes].join('\n')}\n`,
        });
        const rows = shuffle(p.outcomes, rnd);
        const cut = Math.floor(rnd() * (rows.length + 1));
        const split = writeFolder({
          'partners.csv': p.partners,
          'participants.csv': `${[p.participantsHeader, ...shuffle(p.participants, rnd)].join('\n')}\n`,
          'a/outcomes.csv': `${[p.outcomesHeader, ...rows.slice(0, cut)].join('\r\n')}\r\n`,
          'b/more_outcomes.csv': `${[p.outcomesHeader, ...rows.slice(cut)].join('\n')}`,
        });
        const [loadedX, loadedY] = await Promise.all([
          loadWithIssues(one, { today: TODAY }),
          loadWithIssues(split, { today: TODAY }),
        ]);
        const [x, y] = [loadedX.programme, loadedY.programme];
        expect(y.totals).toEqual(x.totals);
        expect(issueCounts(loadedY.issues)).toEqual(issueCounts(loadedX.issues));
        for (const by of [['partner_id'], ['imd_quintile', 'sex']] as const) {
          const options = { ...OPTIONS, by };
          const tx = analyseProgramme(x, options);
          const ty = analyseProgramme(y, options);
          expectSameTable(ty.wellbeing_change, tx.wellbeing_change);
          expectSameTable(ty.band_change, tx.band_change);
          expectSameTable(ty.reach, tx.reach);
        }
      }),
      { numRuns: 25 },
    );
  });
});
