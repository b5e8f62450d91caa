import fc from 'fast-check';
import { analysisOptions, discloseAnalysis, publicationParts } from '../../src/api/publishing.js';
import { extendDisclosure } from '../../src/disclosure/applyDisclosure.js';
import { resolveDisclosureRule } from '../../src/disclosure/index.js';
import type { Publication, PublishedTable } from '../../src/disclosure/publication.js';
import { loadProgramme, releaseReadingState } from '../../src/load/loadProgramme.js';
import type { Dimension } from '../../src/metrics/grouping.js';
import type { AnalysisTables } from '../../src/metrics/index.js';
import { type Cell, SUPPRESSED, type Table } from '../../src/metrics/table.js';
import { buildProgramme, writeFolder } from '../properties/programmes.js';

const TODAY = 20_600;

/**
 * Draws for {@link publicationOf} and {@link hideEvery}, in the order they take them: a seed, up
 * to two dimensions, a step and an offset for the counts hidden, and a preset (NHS Digital's
 * rounds: ratios then relate rounded counts). Spread into `fc.asyncProperty`.
 */
export const HIDING_DRAWS = [
  fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  fc.subarray(['partner_id', 'sex', 'imd_quintile', 'year'] as Dimension[], { maxLength: 2 }),
  fc.integer({ min: 2, max: 9 }),
  fc.nat(8),
  fc.constantFrom('standard' as const, 'nhsd-2018' as const),
] as const;

/**
 * The publication of a small random programme (60 people, 6 partners) analysed by `by`, each
 * table disclosure-controlled on its own (not yet protected together).
 */
export async function publicationOf(
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
export function hideEvery(publication: Publication, step: number, offset: number): Publication {
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
