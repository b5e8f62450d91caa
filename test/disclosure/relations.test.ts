import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRelations, relationFrame, relationsFrom } from '../../src/disclosure/relations.js';
import { type Cell, NOT_APPLICABLE } from '../../src/metrics/table.js';
import { HIDING_DRAWS, hideEvery, publicationOf } from '../helpers/publication.js';

/**
 * Protection builds the relations that depend only on where counts are (the frame) once, and
 * each round only the ratios again: whatever counts a round hides, the relations must be those
 * built from scratch, term for term and in the same order (the audit's order decides which
 * counts protection hides).
 */
describe('relations from a frame built once', () => {
  it('are those built from scratch, whatever counts are hidden since', async () => {
    await fc.assert(
      fc.asyncProperty(...HIDING_DRAWS, async (seed, by, step, offset, preset) => {
        const publication = await publicationOf(seed, by, preset);
        const frame = relationFrame(publication);
        expect(relationsFrom(frame, publication)).toEqual(buildRelations(publication));
        const hidden = hideEvery(publication, step, offset % step);
        const fromFrame = relationsFrom(frame, hidden);
        const fresh = buildRelations(hidden);
        expect([...fromFrame.variables.keys()]).toEqual([...fresh.variables.keys()]);
        expect(fromFrame).toEqual(fresh);
        // The ratios of the hidden counts' statistics are gone: fewer relations, not the same.
        expect(fromFrame.relations.length).toBeLessThanOrEqual(
          buildRelations(publication).relations.length,
        );
      }),
      { numRuns: 12, seed: 20261205 },
    );
  }, 120_000);

  it('refuse a publication whose counts are not where the frame has them', async () => {
    const publication = await publicationOf(11, ['partner_id']);
    const frame = relationFrame(publication);
    const reach = publication.tables.findIndex((t) => t.kind === 'reach');
    const moved = (change: (rows: Record<string, Cell>[]) => Record<string, Cell>[]) => ({
      ...publication,
      tables: publication.tables.map((published, t) =>
        t === reach
          ? {
              ...published,
              table: {
                ...published.table,
                rows: change(published.table.rows.map((r) => ({ ...r }))),
              },
            }
          : published,
      ),
    });
    // A row fewer, a count that is no longer one ([z]), a row of another group.
    const fewer = moved((rows) => rows.slice(1));
    const notACount = moved((rows) =>
      rows.map((r, i) => (i === 0 ? { ...r, episodes: NOT_APPLICABLE } : r)),
    );
    const regrouped = moved((rows) =>
      rows.map((r, i) => (i === 0 ? { ...r, partner_id: 'P999' } : r)),
    );
    for (const changed of [fewer, notACount, regrouped]) {
      expect(() => relationsFrom(frame, changed)).toThrow(/reach.csv are not those the relations/);
    }
  });
});
