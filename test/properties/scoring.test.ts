import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { buildMeasureRegistry } from '../../src/measures/registry.js';
import { scoreItems } from '../../src/measures/scoring.js';
import { swemwbsMetric } from '../../src/measures/swemwbs.js';
import type { ItemRule } from '../../src/measures/types.js';
import { OUTCOMES_HEADER, writeFolder } from './programmes.js';

/**
 * A questionnaire whose items are all within the item range, with no more missing than the
 * measure allows, always scores within the measure's range: WEMWBS, SWEMWBS (after the metric
 * conversion) and any custom measure the config can define.
 */

/** Item vectors of a rule: each answer in range, at most `maxMissing` missing (null). */
function items(rule: ItemRule): fc.Arbitrary<(number | null)[]> {
  return fc
    .tuple(
      fc.array(fc.integer({ min: rule.min, max: rule.max }), {
        minLength: rule.count,
        maxLength: rule.count,
      }),
      fc.uniqueArray(fc.integer({ min: 0, max: rule.count - 1 }), { maxLength: rule.maxMissing }),
    )
    .map(([values, missing]) => values.map((v, i) => (missing.includes(i) ? null : v)));
}

describe('scoring from items', () => {
  it('keeps WEMWBS within 14–70, prorating up to the allowed missing items', () => {
    for (const maxMissing of [0, 3, 5]) {
      const wemwbs = buildMeasureRegistry({ max_missing_items: maxMissing }).get('wemwbs');
      const rule = wemwbs?.items;
      if (!wemwbs || !rule) throw new Error('no WEMWBS items');
      fc.assert(
        fc.property(items(rule), (answers) => {
          const result = scoreItems(answers, rule);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.score).toBeGreaterThanOrEqual(wemwbs.min);
          expect(result.score).toBeLessThanOrEqual(wemwbs.max);
          if (result.missing === 0) expect(Number.isInteger(result.score)).toBe(true);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('keeps SWEMWBS metric scores within 7–35, rising with the raw total', () => {
    const swemwbs = buildMeasureRegistry().get('swemwbs');
    const rule = swemwbs?.items;
    if (!swemwbs || !rule) throw new Error('no SWEMWBS items');
    fc.assert(
      fc.property(items(rule), items(rule), (a, b) => {
        const ra = scoreItems(a, rule);
        const rb = scoreItems(b, rule);
        if (!ra.ok || !rb.ok) throw new Error('SWEMWBS allows no missing item');
        const [ma, mb] = [swemwbsMetric(ra.score), swemwbsMetric(rb.score)];
        for (const m of [ma, mb]) {
          expect(m).toBeGreaterThanOrEqual(swemwbs.min);
          expect(m).toBeLessThanOrEqual(swemwbs.max);
        }
        if (ra.score < rb.score) expect(ma).toBeLessThan(mb);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a custom measure within its range for any item range and missing-item limit', () => {
    const custom = fc
      .record({
        count: fc.integer({ min: 1, max: 14 }),
        itemMin: fc.integer({ min: -5, max: 5 }),
        width: fc.integer({ min: 0, max: 9 }),
        maxMissing: fc.integer({ min: 0, max: 5 }),
      })
      .chain((c) => {
        const registry = buildMeasureRegistry({
          max_missing_items: c.maxMissing,
          measures: {
            custom: {
              min: c.count * c.itemMin,
              max: c.count * (c.itemMin + c.width),
              direction: 'higher_better',
              meaningful_change: 1,
              items: c.count,
              item_min: c.itemMin,
              item_max: c.itemMin + c.width,
            },
          },
        } as Parameters<typeof buildMeasureRegistry>[0]);
        const measure = registry.get('custom');
        if (!measure?.items) throw new Error('no custom measure');
        return fc.tuple(fc.constant(measure), items(measure.items));
      });
    fc.assert(
      fc.property(custom, ([measure, answers]) => {
        const rule = measure.items as ItemRule;
        const result = scoreItems(answers, rule);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.score).toBeGreaterThanOrEqual(measure.min);
        expect(result.score).toBeLessThanOrEqual(measure.max);
      }),
      { numRuns: 300 },
    );
  });

  it('stores only in-range scores when outcome files are read, derived SWEMWBS included', async () => {
    const registry = buildMeasureRegistry();
    const rule = registry.get('wemwbs')?.items as ItemRule;
    const row = fc.tuple(items(rule), fc.constantFrom('baseline', 'followup'));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        const lines = rows.map(
          ([answers, timepoint], i) =>
            `p${i},X,wemwbs,${timepoint},2016-05-01,,${answers.map((a) => a ?? '').join(',')}`,
        );
        const dir = writeFolder({
          'partners.csv': 'partner_id,partner_name\nX,X\n',
          'participants.csv': `participant_id,partner_id,enrolled_on\n${rows
            .map((_, i) => `p${i},X,2016-04-01`)
            .join('\n')}\n`,
          'outcomes.csv': `${OUTCOMES_HEADER}\n${lines.join('\n')}\n`,
        });
        const programme = await loadProgramme(dir, { today: 20_000 });
        expect(programme.totals.outcomes).toEqual({
          read: rows.length,
          used: rows.length,
          rejected: 0,
        });
        const { pairs, measures } = programme;
        let derived = 0;
        for (let slot = 0; slot < pairs.count; slot++) {
          const measure = measures.measures[pairs.measure.get(slot)];
          if (!measure) throw new Error('slot without measure');
          if (measure.id === 'swemwbs') derived++;
          for (const t of [0, 1] as const) {
            if (!pairs.has(slot, t)) continue;
            const score = pairs.score[t].get(slot);
            expect(score, measure.id).toBeGreaterThanOrEqual(measure.min);
            expect(score, measure.id).toBeLessThanOrEqual(measure.max);
          }
        }
        // SWEMWBS is derived from every questionnaire that answers its seven items.
        const complete = rows.filter(([a]) =>
          [1, 2, 3, 6, 7, 9, 11].every((k) => a[k - 1] !== null),
        );
        expect(derived).toBe(complete.length);
      }),
      { numRuns: 50 },
    );
  });
  it('derives SWEMWBS whenever its 7 items are answered, whether WEMWBS can be scored or not', async () => {
    const registry = buildMeasureRegistry();
    const rule = registry.get('wemwbs')?.items as ItemRule;
    // Any of the 7 other items missing, and half the time some SWEMWBS items too: WEMWBS allows 3
    // missing, SWEMWBS none of its own 7.
    const own = [1, 2, 3, 6, 7, 9, 11];
    const others = [4, 5, 8, 10, 12, 13, 14];
    const anyMissing = fc
      .tuple(
        items({ ...rule, maxMissing: 0 }),
        fc.subarray(others),
        fc.oneof(fc.constant([]), fc.subarray(own)),
      )
      .map(([answers, a, b]) => answers.map((v, i) => ([...a, ...b].includes(i + 1) ? null : v)));
    await fc.assert(
      fc.asyncProperty(fc.array(anyMissing, { minLength: 1, maxLength: 20 }), async (rows) => {
        const lines = rows.map(
          (answers, i) =>
            `p${i},X,wemwbs,baseline,2016-05-01,,${answers.map((a) => a ?? '').join(',')}`,
        );
        const dir = writeFolder({
          'partners.csv': 'partner_id,partner_name\nX,X\n',
          'participants.csv': `participant_id,partner_id,enrolled_on\n${rows
            .map((_, i) => `p${i},X,2016-04-01`)
            .join('\n')}\n`,
          'outcomes.csv': `${OUTCOMES_HEADER}\n${lines.join('\n')}\n`,
        });
        const programme = await loadProgramme(dir, { today: 20_000 });
        const scorable = rows.filter((a) => a.filter((v) => v === null).length <= rule.maxMissing);
        const complete = rows.filter((a) => own.every((k) => a[k - 1] !== null));
        expect(programme.totals.outcomes.used).toBe(scorable.length);
        expect(programme.scoring.swemwbsDerived).toBe(complete.length);
        const swemwbs = programme.measures.indexOf('swemwbs');
        let baselines = 0;
        for (let slot = 0; slot < programme.pairs.count; slot++) {
          if (programme.pairs.measure.get(slot) === swemwbs && programme.pairs.has(slot, 0))
            baselines++;
        }
        expect(baselines).toBe(complete.length);
      }),
      { numRuns: 50 },
    );
  });
});
