import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysisOptions, discloseAnalysis, publicationParts } from '../../src/api/publishing.js';
import { extendDisclosure } from '../../src/disclosure/applyDisclosure.js';
import { resolveDisclosureRule } from '../../src/disclosure/index.js';
import type { Publication, PublishedTable } from '../../src/disclosure/publication.js';
import { buildRelations, relationFrame, relationsFrom } from '../../src/disclosure/relations.js';
import { loadProgramme, releaseReadingState } from '../../src/load/loadProgramme.js';
import type { Dimension } from '../../src/metrics/grouping.js';
import type { AnalysisTables } from '../../src/metrics/index.js';
import { type Cell, NOT_APPLICABLE, SUPPRESSED, type Table } from '../../src/metrics/table.js';
import { buildProgramme, writeFolder } from '../properties/programmes.js';

/**
 * Protection builds the relations that depend only on where counts are (the frame) once, and
 * each round only the ratios again: whatever counts a round hides, the relations must be those
 * built from scratch, term for term and in the same order (the audit's order decides which
 * counts protection hides).
 */
const TODAY = 20_600;

async function publicationOf(
  seed: number,
  by: Dimension[],
  preset: 'standard' | 'nhsd-2018' = 'standard',
): Promise<Publication> {
  // NHS Digital's rule rounds: ratios then relate rounded counts, variables of their own.
  const rule = resolveDisclosureRule({ preset });
  const text = buildProgramme(seed, { people: 60, partners: 6 });
  const dir = writeFolder({
    'partners.csv': text.partners,
    'participants.csv': `${text.participantsHeader}\n${text.participants.join('\n')}\n`,
    'outcomes.csv': `${text.outcomesHeader}\n${text.outcomes.join('\n')}\n`,
  });
  const programme = await loadProgramme(dir, { today: TODAY });
  releaseReadingState(programme);
  const analysis = discloseAnalysis(
    programme,
    analysisOptions(rule, { siiSimulations: 1000 }, by, null),
    rule,
  );
  const names = Object.keys(analysis.raw) as (keyof AnalysisTables)[];
  return { tables: publicationParts(analysis, names), rule, ratiosFromRoundedCounts: true };
}

/** The publication with every `step`th shown count hidden, each changed table's rules rerun. */
function hideEvery(publication: Publication, step: number, offset: number): Publication {
  let n = 0;
  const tables = publication.tables.map((published): PublishedTable => {
    const counts = published.table.columns.filter((c) => c.kind === 'count').map((c) => c.name);
    let changed = false;
    const rows = published.table.rows.map((row) => {
      const copy: Record<string, Cell> = { ...row };
      for (const name of counts) {
        if (typeof copy[name] !== 'number') continue;
        if (n++ % step === offset) {
          copy[name] = SUPPRESSED;
          changed = true;
        }
      }
      return copy;
    });
    if (!changed || !published.truth) return published;
    const table: Table = extendDisclosure(
      { ...published.table, rows },
      published.truth,
      publication.rule,
    );
    return { ...published, table };
  });
  return { ...publication, tables };
}

describe('relations from a frame built once', () => {
  it('are those built from scratch, whatever counts are hidden since', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.subarray(['partner_id', 'sex', 'imd_quintile', 'year'] as Dimension[], {
          maxLength: 2,
        }),
        fc.integer({ min: 2, max: 9 }),
        fc.nat(8),
        fc.constantFrom('standard' as const, 'nhsd-2018' as const),
        async (seed, by, step, offset, preset) => {
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
        },
      ),
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
