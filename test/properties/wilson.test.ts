import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { analyseProgramme, DEFAULT_ANALYSIS } from '../../src/metrics/index.js';
import type { Table } from '../../src/metrics/table.js';
import { wilsonInterval } from '../../src/stats/wilsonInterval.js';
import { buildProgramme, programmeArbitrary, writeFolder } from './programmes.js';

/**
 * Wilson limits lie within [0, 1] (0–100 in the tables) and around the estimate, for any count,
 * sample size and confidence level, and in every published percentage of the reach and wellbeing
 * tables of a random programme.
 */
describe('Wilson score intervals', () => {
  it('lie within [0, 1] and around the estimate', () => {
    const sample = fc
      .integer({ min: 1, max: 10_000_000 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    const confidence = fc.oneof(
      fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.999),
      fc.double({ min: 0.01, max: 0.9999, noNaN: true }),
    );
    fc.assert(
      fc.property(sample, confidence, ([x, n], level) => {
        const { estimate, lower, upper } = wilsonInterval(x, n, level);
        expect(estimate).toBe(x / n);
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        expect(lower).toBeLessThanOrEqual(estimate);
        expect(upper).toBeGreaterThanOrEqual(estimate);
        if (x > 0) expect(lower).toBeGreaterThan(0);
        if (x < n) expect(upper).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
  });

  it('widen with the confidence level', () => {
    const sample = fc
      .integer({ min: 1, max: 100_000 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(sample, ([x, n]) => {
        const narrow = wilsonInterval(x, n, 0.9);
        const wide = wilsonInterval(x, n, 0.99);
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper);
      }),
      { numRuns: 200 },
    );
  });
});

/** Every `<stat>_lcl` / `<stat>_ucl` pair of a percentage column, checked row by row. */
function checkPercentLimits(table: Table, stats: readonly string[]): number {
  let checked = 0;
  for (const row of table.rows) {
    for (const stat of stats) {
      const [value, lcl, ucl] = [row[stat], row[`${stat}_lcl`], row[`${stat}_ucl`]];
      if (typeof value !== 'number') continue;
      expect(typeof lcl, `${table.name}.${stat}_lcl`).toBe('number');
      expect(typeof ucl, `${table.name}.${stat}_ucl`).toBe('number');
      const [l, u] = [lcl as number, ucl as number];
      expect(l, `${table.name}.${stat}`).toBeGreaterThanOrEqual(0);
      expect(u, `${table.name}.${stat}`).toBeLessThanOrEqual(100);
      expect(l, `${table.name}.${stat}`).toBeLessThanOrEqual(value);
      expect(u, `${table.name}.${stat}`).toBeGreaterThanOrEqual(value);
      checked++;
    }
  }
  return checked;
}

describe('percentages in the tables', () => {
  it('have limits within 0–100 around the estimate in reach, reach_profile and wellbeing_change', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(programmeArbitrary, async (size) => {
        const p = buildProgramme(size.seed, size);
        const dir = writeFolder({
          'partners.csv': p.partners,
          'participants.csv': `${[p.participantsHeader, ...p.participants].join('\n')}\n`,
          'outcomes.csv': `${[p.outcomesHeader, ...p.outcomes].join('\n')}\n`,
        });
        const programme = await loadProgramme(dir, { today: 20_000 });
        for (const by of [['partner_id'], ['sex', 'imd_quintile']] as const) {
          const tables = analyseProgramme(programme, {
            ...DEFAULT_ANALYSIS,
            by,
            siiSimulations: 100,
          });
          checked += checkPercentLimits(tables.reach, ['pct_core20']);
          checked += checkPercentLimits(tables.reach_profile, ['pct']);
          checked += checkPercentLimits(tables.wellbeing_change, ['followup_rate']);
        }
      }),
      { numRuns: 30 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
