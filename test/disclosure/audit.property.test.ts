import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeAnalysis } from '../../src/api/analyse.js';
import { audit } from '../../src/api/audit.js';
import {
  analysisOptions,
  discloseAnalysis,
  protectTogether,
  publicationParts,
} from '../../src/api/publishing.js';
import { auditPublication } from '../../src/disclosure/audit.js';
import { resolveDisclosureRule } from '../../src/disclosure/index.js';
import { type Publication, tableContext } from '../../src/disclosure/publication.js';
import { buildRelations } from '../../src/disclosure/relations.js';
import { lazySolver } from '../../src/disclosure/solver.js';
import { RunFolder } from '../../src/io/runFolder.js';
import { loadProgramme, releaseReadingState } from '../../src/load/loadProgramme.js';
import type { Dimension } from '../../src/metrics/grouping.js';
import { type AnalysisTables, analyseProgramme } from '../../src/metrics/index.js';
import type { Table } from '../../src/metrics/table.js';
import { buildProgramme, writeFolder } from '../properties/programmes.js';

/**
 * The promise of disclosure control, tested as an intruder would test it: random small
 * programmes (3–10 partners, 5–60 people, up to three grouping dimensions, a period or none,
 * every preset), analysed and written as tides writes them, then audited from the files alone
 * with `tides audit`'s reader. Every hidden count must be protected. And the relations the
 * audit rests on must be true: on the unsuppressed tables of the same programmes, they admit
 * the real counts.
 */
const TODAY = 20_600;
const DIMENSIONS: readonly Dimension[] = [
  'partner_id',
  'sex',
  'imd_quintile',
  'cohort',
  'year',
  'age_band',
];

const runArbitrary = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  people: fc.integer({ min: 5, max: 60 }),
  partners: fc.integer({ min: 3, max: 10 }),
  by: fc.subarray([...DIMENSIONS], { minLength: 0, maxLength: 3 }),
  period: fc.constantFrom(null, '2016-17', '2017-18'),
  preset: fc.constantFrom('standard', 'nhsd-2018', 'secure-research', 'min-cell-3'),
});

type Run = typeof runArbitrary extends fc.Arbitrary<infer T> ? T : never;

function programmeFolder(run: Run): string {
  const text = buildProgramme(run.seed, { people: run.people, partners: run.partners });
  return writeFolder({
    'partners.csv': text.partners,
    'participants.csv': `${text.participantsHeader}\n${text.participants.join('\n')}\n`,
    'outcomes.csv': `${text.outcomesHeader}\n${text.outcomes.join('\n')}\n`,
  });
}

function ruleOf(run: Run) {
  return run.preset === 'min-cell-3'
    ? resolveDisclosureRule({ minCell: 3 })
    : resolveDisclosureRule({ preset: run.preset });
}

const solver = lazySolver();

describe('disclosure audit of random programmes', () => {
  it('every hidden count of what analyse writes is protected, read back from the files', async () => {
    await fc.assert(
      fc.asyncProperty(runArbitrary, async (run) => {
        const dir = programmeFolder(run);
        const programme = await loadProgramme(dir, { today: TODAY });
        releaseReadingState(programme);
        const period = run.period !== null && hasYear(programme, run.period) ? run.period : null;
        const out = mkdtempSync(join(tmpdir(), 'tides-audit-'));
        const folder = await RunFolder.open(out, out, 'manifest.json');
        try {
          await writeAnalysis(
            programme,
            ruleOf(run),
            { by: run.by, period, format: ['csv', 'json', 'md'], siiSimulations: 1000 },
            folder,
          );
        } finally {
          await folder.close();
        }
        const { result } = await audit([out], {}, solver);
        expect(result.contradictions).toEqual([]);
        expect(result.unprotected).toEqual([]);
      }),
      { numRuns: 4, seed: 20261203 },
    );
  }, 240_000);

  it('the relations hold for the real counts (unsuppressed tables admit them)', async () => {
    await fc.assert(
      fc.asyncProperty(runArbitrary, async (run) => {
        const dir = programmeFolder(run);
        const programme = await loadProgramme(dir, { today: TODAY });
        releaseReadingState(programme);
        const period = run.period !== null && hasYear(programme, run.period) ? run.period : null;
        // Unsuppressed and unrounded: every count is published as it is. (Under rounding the
        // protected outputs of the test above are checked against the truth by protection.)
        const rule = { ...ruleOf(run), roundTo: null };
        const options = analysisOptions(rule, { siiSimulations: 1000 }, run.by, period);
        const raw = analyseProgramme(programme, options);
        const names = (Object.keys(raw) as (keyof AnalysisTables)[]).filter((n) => raw[n]);
        const publication: Publication = {
          tables: names.map((name) => ({
            kind: name,
            table: raw[name] as Table,
            context: tableContext(name, options),
            complete: true,
            source: name,
          })),
          rule,
          ratiosFromRoundedCounts: true,
        };
        const audit = await auditPublication(solver, publication);
        expect(audit.contradictions).toEqual([]);
      }),
      { numRuns: 15, seed: 7 },
    );
  }, 240_000);
});

describe('disclosure audit catches weakened suppression', () => {
  it('finds a small count once the other hidden counts of a relation it is in are shown', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        runArbitrary.filter((run) => run.preset !== 'nhsd-2018'),
        async (run) => {
          const dir = programmeFolder(run);
          const programme = await loadProgramme(dir, { today: TODAY });
          releaseReadingState(programme);
          const rule = ruleOf(run);
          const period = run.period !== null && hasYear(programme, run.period) ? run.period : null;
          const options = analysisOptions(rule, { siiSimulations: 1000 }, run.by, period);
          const analysis = discloseAnalysis(programme, options, rule);
          const names = (Object.keys(analysis.raw) as (keyof AnalysisTables)[]).filter(
            (n) => analysis.raw[n],
          );
          const safe = await protectTogether(publicationParts(analysis, names), rule, solver);
          const published: Publication = {
            tables: safe.map(({ truth: _, ...table }) => table),
            rule,
            ratiosFromRoundedCounts: true,
          };
          const weakened = weaken(published, safe);
          if (!weakened) return; // no small hidden count in an equality of published counts
          checked++;
          const audit = await auditPublication(solver, weakened.publication);
          expect(audit.unprotected.map((u) => u.variable)).toContain(weakened.exposed);
        },
      ),
      { numRuns: 6, seed: 11 },
    );
    // The property must have had something to catch.
    expect(checked).toBeGreaterThan(2);
  }, 240_000);
});

/**
 * The publication with the other hidden counts of one equality shown (their true values), so
 * that a small hidden count in it is pinned: what a careless change to disclosure control would
 * publish. Null when no such equality exists.
 */
function weaken(
  publication: Publication,
  truths: readonly { truth?: Table }[],
): { publication: Publication; exposed: string } | null {
  const relations = buildRelations(publication);
  const truthOf = (key: string): number | undefined => {
    const cell = relations.variables.get(key)?.cells[0];
    if (!cell) return undefined;
    const value = truths[cell.table]?.truth?.rows[cell.row]?.[cell.column];
    return typeof value === 'number' ? value : undefined;
  };
  const hidden = (key: string) =>
    relations.variables.get(key)?.cells.some((cell) => {
      const value = publication.tables[cell.table]?.table.rows[cell.row]?.[cell.column];
      return typeof value !== 'number';
    }) ?? false;
  for (const relation of relations.relations) {
    if (relation.lower !== relation.upper) continue;
    const keys = relation.terms.map(([key]) => key);
    if (keys.some((key) => (relations.variables.get(key)?.cells.length ?? 0) === 0)) continue;
    const small = keys.find((key) => {
      const value = truthOf(key);
      return hidden(key) && value !== undefined && value >= 1 && value < publication.rule.minCell;
    });
    if (small === undefined) continue;
    const show = keys.filter((key) => key !== small && hidden(key));
    const tables = publication.tables.map((published) => ({
      ...published,
      table: { ...published.table, rows: published.table.rows.map((row) => ({ ...row })) },
    }));
    for (const key of show) {
      for (const cell of relations.variables.get(key)?.cells ?? []) {
        const row = tables[cell.table]?.table.rows[cell.row] as Record<string, unknown>;
        row[cell.column] = truthOf(key);
      }
    }
    return { publication: { ...publication, tables }, exposed: small };
  }
  return null;
}

function hasYear(
  programme: { episodes: { count: number; enrolledOn: { get(i: number): number } } },
  year: string,
): boolean {
  const start = Date.UTC(Number(year.slice(0, 4)), 3, 1) / 86_400_000;
  for (let i = 0; i < programme.episodes.count; i++) {
    const day = programme.episodes.enrolledOn.get(i);
    if (day >= start && day < start + 365) return true;
  }
  return false;
}
