import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditPublication, type Known, tightenBounds } from '../../src/disclosure/audit.js';
import { resolveDisclosureRule } from '../../src/disclosure/index.js';
import type { Publication } from '../../src/disclosure/publication.js';
import {
  buildRelations,
  type Relation,
  type RelationSet,
  type Variable,
} from '../../src/disclosure/relations.js';
import { lazySolver, RangeModel } from '../../src/disclosure/solver.js';
import { HIDING_DRAWS, hideEvery, publicationOf } from '../helpers/publication.js';

/**
 * Bound tightening comes before every solve of the audit: its bounds become the solver's boxes,
 * a hidden count they hold within 1 to min_cell − 1 is reported without a solve, and crossed
 * bounds are reported as a contradiction. So it must never cut off a whole-number solution
 * (checked here by listing every one), and must find a relation with no solution at all in its
 * boxes (checked against HiGHS). Coefficients are those the relations have: ±1 for sums, others
 * for ratios and weighted totals.
 */
const solver = lazySolver();

const coefficient = fc.constantFrom(1, -1, 2, -3, 0.5, 1 / 3, -0.25, 7);

/** Relations of up to three rows over up to four unknowns, each in a small box of whole numbers. */
const systemArbitrary = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    boxes: fc.array(
      fc
        .record({ lower: fc.integer({ min: 0, max: 6 }), width: fc.integer({ min: 0, max: 6 }) })
        .map(({ lower, width }) => ({ lower, upper: lower + width })),
      { minLength: n, maxLength: n },
    ),
    rows: fc.array(
      fc.record({
        terms: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), coefficient), {
          minLength: 1,
          maxLength: n,
          selector: ([j]) => j,
        }),
        lower: fc.integer({ min: -10, max: 30 }),
        width: fc.oneof(
          fc.constant(0),
          fc.integer({ min: 1, max: 10 }),
          fc.constant(Number.POSITIVE_INFINITY),
        ),
        lowerInfinite: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

interface System {
  readonly boxes: readonly { lower: number; upper: number }[];
  readonly rows: readonly Relation[];
}

function toSystem(drawn: typeof systemArbitrary extends fc.Arbitrary<infer T> ? T : never): System {
  return {
    boxes: drawn.boxes,
    rows: drawn.rows.map((row, r) => ({
      terms: row.terms.map(([j, c]) => [`x${j}`, c] as const),
      lower: row.lowerInfinite && row.width > 0 ? Number.NEGATIVE_INFINITY : row.lower,
      upper: row.lower + row.width,
      reason: `row ${r}`,
    })),
  };
}

/** Every whole-number point of the boxes that satisfies every row (within 1e-9). */
function wholeSolutions(system: System): number[][] {
  const found: number[][] = [];
  const point: number[] = [];
  const visit = (j: number) => {
    if (j === system.boxes.length) {
      const holds = system.rows.every((row) => {
        const sum = row.terms.reduce(
          (s, [key, c]) => s + c * (point[Number(key.slice(1))] as number),
          0,
        );
        return sum >= row.lower - 1e-9 && sum <= row.upper + 1e-9;
      });
      if (holds) found.push([...point]);
      return;
    }
    const box = system.boxes[j] as { lower: number; upper: number };
    for (let v = box.lower; v <= box.upper; v++) {
      point[j] = v;
      visit(j + 1);
    }
  };
  visit(0);
  return found;
}

function knownOf(system: System): Map<string, Known> {
  return new Map(
    system.boxes.map((box, j) => [
      `x${j}`,
      { ...box, exact: box.lower === box.upper, hidden: true },
    ]),
  );
}

describe('tightenBounds', () => {
  it('never cuts off a whole-number solution', () => {
    let withSolutions = 0;
    fc.assert(
      fc.property(systemArbitrary, (drawn) => {
        const system = toSystem(drawn);
        const solutions = wholeSolutions(system);
        const result = tightenBounds(system.rows, knownOf(system));
        if (solutions.length === 0) return;
        withSolutions++;
        expect(result).not.toBeNull();
        for (const point of solutions) {
          point.forEach((value, j) => {
            const k = result?.known.get(`x${j}`) as Known;
            expect(value).toBeGreaterThanOrEqual(k.lower);
            expect(value).toBeLessThanOrEqual(k.upper);
          });
        }
      }),
      { numRuns: 500, seed: 19 },
    );
    // The draws are not all empty: the property was tested where it says something.
    expect(withSolutions).toBeGreaterThan(80);
  });

  it('finds that a relation with no solution in its boxes contradicts them (as HiGHS does)', async () => {
    const highs = await solver();
    let infeasible = 0;
    fc.assert(
      fc.property(systemArbitrary, (drawn) => {
        const system = toSystem({ ...drawn, rows: drawn.rows.slice(0, 1) });
        const row = system.rows[0] as Relation;
        const model = new RangeModel(highs, {
          lower: system.boxes.map((b) => b.lower),
          upper: system.boxes.map((b) => b.upper),
          rows: [
            {
              indices: row.terms.map(([key]) => Number(key.slice(1))),
              values: row.terms.map(([, c]) => c),
              lower: row.lower,
              upper: row.upper,
            },
          ],
        });
        try {
          if (model.extreme([0], 'minimise') !== 'infeasible') return;
        } finally {
          model.dispose();
        }
        infeasible++;
        expect(tightenBounds(system.rows, knownOf(system))).toBeNull();
      }),
      { numRuns: 500, seed: 19 },
    );
    expect(infeasible).toBeGreaterThan(50);
  });
});

describe('auditPublication with a focus', () => {
  /** What protection knows: the true counts, from each table before disclosure. */
  const truthOf = (publication: Publication) => (variable: Variable) => {
    const cell = variable.cells[0];
    const value = cell && publication.tables[cell.table]?.truth?.rows[cell.row]?.[cell.column];
    return typeof value === 'number' ? value : undefined;
  };
  const hiddenKeys = (publication: Publication, relations: RelationSet) =>
    [...relations.variables.values()]
      .filter(
        (v) =>
          v.implied !== undefined ||
          (v.roundedOf === undefined &&
            v.cells.length > 0 &&
            v.cells.every(
              (c) => typeof publication.tables[c.table]?.table.rows[c.row]?.[c.column] !== 'number',
            )),
      )
      .map((v) => v.key);
  const indexOf = (relations: RelationSet) => {
    const index = new Map<string, Relation[]>();
    for (const relation of relations.relations) {
      for (const [key] of relation.terms) index.set(key, [...(index.get(key) ?? []), relation]);
    }
    return index;
  };

  it('follows the relations through other unknown counts, not only those of the focus', async () => {
    // a + b = 12, with b pinned to 9–10 by relations a is not in (b − c = 9, b + d = 10, c and d
    // hidden): a is 2 or 3. With only a's own relation it could be anything up to 12.
    const implied = (key: string): [string, Variable] => [key, { key, cells: [], implied: key }];
    const relation = (terms: [string, number][], value: number): Relation => ({
      terms,
      lower: value,
      upper: value,
      reason: 'test',
    });
    const relations: RelationSet = {
      variables: new Map(['a', 'b', 'c', 'd'].map(implied)),
      relations: [
        relation(
          [
            ['a', 1],
            ['b', 1],
          ],
          12,
        ),
        relation(
          [
            ['b', 1],
            ['c', -1],
          ],
          9,
        ),
        relation(
          [
            ['b', 1],
            ['d', 1],
          ],
          10,
        ),
      ],
    };
    const publication: Publication = {
      tables: [],
      rule: resolveDisclosureRule({ minCell: 5 }),
      ratiosFromRoundedCounts: false,
    };
    const options = {
      protectedBefore: new Set(['b', 'c', 'd']),
      focus: { keys: ['a'], relationsOf: indexOf(relations) },
    };
    const audit = await auditPublication(lazySolver(), publication, options, relations);
    expect(audit.unprotected.map(({ variable, min, max }) => ({ variable, min, max }))).toEqual([
      { variable: 'a', min: 2, max: 3 },
    ]);
  });

  it('finds what the whole audit finds, once more counts are hidden', async () => {
    const highs = lazySolver();
    let found = 0;
    await fc.assert(
      fc.asyncProperty(...HIDING_DRAWS, async (seed, by, step, offset, preset) => {
        // As protection does: audit whole, then hide more and audit the counts left to check.
        const publication = await publicationOf(seed, by, preset);
        const before = buildRelations(publication);
        const first = await auditPublication(
          highs,
          publication,
          { truth: truthOf(publication) },
          before,
        );
        const unprotected = new Set(first.unprotected.map((u) => u.variable));
        const protectedBefore = new Set(
          hiddenKeys(publication, before).filter((key) => !unprotected.has(key)),
        );
        const hidden = hideEvery(publication, step, offset % step);
        const relations = buildRelations(hidden);
        const options = { truth: truthOf(hidden), protectedBefore };
        const whole = await auditPublication(highs, hidden, options, relations);
        const focus = {
          keys: hiddenKeys(hidden, relations).filter((key) => !protectedBefore.has(key)),
          relationsOf: indexOf(relations),
        };
        const focused = await auditPublication(highs, hidden, { ...options, focus }, relations);
        expect(focused.unprotected).toEqual(whole.unprotected);
        if (whole.unprotected.length > 0) found++;
      }),
      { numRuns: 12, seed: 20261206 },
    );
    // Some draws leave counts unprotected: the focused audit had something to find.
    expect(found).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
