import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDisclosure,
  type DisclosureRule,
  resolveDisclosureRule,
  roundCount,
} from '../../src/disclosure/index.js';
import {
  type Cell,
  type ColumnDef,
  isMark,
  NOT_APPLICABLE,
  NOT_AVAILABLE,
  SUPPRESSED,
  type Table,
} from '../../src/metrics/table.js';

const standard = resolveDisclosureRule();
const C = SUPPRESSED;

/** A table with one count column `n` (plus optional extra columns) from a list of rows. */
function table(
  rows: Record<string, Cell>[],
  extra: { columns?: ColumnDef[]; additive?: number[][] } = {},
): Table {
  return {
    name: 'test',
    title: 'Test',
    columns: [
      { name: 'group', kind: 'group' },
      { name: 'n', kind: 'count' },
      ...(extra.columns ?? []),
    ],
    rows,
    ...(extra.additive ? { additive: extra.additive } : {}),
  };
}

function column(result: Table, name: string): (Cell | undefined)[] {
  return result.rows.map((row) => row[name]);
}

const counts = (values: Cell[]) => values.map((n, i) => ({ group: `g${i}`, n }));

describe('applyDisclosure: primary suppression', () => {
  it('suppresses counts from 1 to min_cell − 1 and shows 0', () => {
    const result = applyDisclosure(table(counts([0, 1, 3, 4, 5, 12])), standard);
    expect(column(result, 'n')).toEqual([0, C, C, C, 5, 12]);
  });

  it('uses the threshold of the rule', () => {
    const result = applyDisclosure(
      table(counts([7, 8, 9, 10])),
      resolveDisclosureRule({ preset: 'secure-research' }),
    );
    expect(column(result, 'n')).toEqual([C, C, C, 10]);
  });

  it('leaves group and text cells and existing marks alone', () => {
    const input = table(
      [
        { group: 'A', n: NOT_AVAILABLE, note: '3' },
        { group: 'B', n: NOT_APPLICABLE, note: 'x' },
        { group: 'C', n: C, note: 'y' },
      ],
      { columns: [{ name: 'note', kind: 'text' }] },
    );
    const result = applyDisclosure(input, standard);
    expect(result.rows).toEqual(input.rows);
  });
});

describe('applyDisclosure: statistics', () => {
  const stats: ColumnDef[] = [
    { name: 'n_improved', kind: 'count' },
    { name: 'mean_change', kind: 'number', basis: ['n'] },
    { name: 'pct_improved', kind: 'number', basis: ['n'], reveals: ['n_improved'] },
  ];

  it('suppresses a statistic whose basis count is below min_cell', () => {
    const result = applyDisclosure(
      table(
        [
          { group: 'A', n: 4, n_improved: 0, mean_change: 1.5, pct_improved: 0 },
          { group: 'B', n: 5, n_improved: 0, mean_change: 2.5, pct_improved: 0 },
          { group: 'C', n: 40, n_improved: 20, mean_change: 3.5, pct_improved: 50 },
        ],
        { columns: stats },
      ),
      standard,
    );
    expect(column(result, 'mean_change')).toEqual([C, 2.5, 3.5]);
    expect(column(result, 'pct_improved')).toEqual([C, 0, 50]);
  });

  it('keeps marks of statistics: a basis of 0 has already made them [x]', () => {
    const result = applyDisclosure(
      table(
        [
          {
            group: 'A',
            n: 0,
            n_improved: 0,
            mean_change: NOT_AVAILABLE,
            pct_improved: NOT_AVAILABLE,
          },
          { group: 'B', n: 50, n_improved: 10, mean_change: NOT_APPLICABLE, pct_improved: 20 },
        ],
        { columns: stats },
      ),
      standard,
    );
    expect(column(result, 'mean_change')).toEqual([NOT_AVAILABLE, NOT_APPLICABLE]);
    expect(column(result, 'pct_improved')).toEqual([NOT_AVAILABLE, 20]);
  });

  it('suppresses a statistic that reveals a suppressed count', () => {
    const result = applyDisclosure(
      table(
        [
          { group: 'A', n: 40, n_improved: 3, mean_change: 1, pct_improved: 7.5 },
          { group: 'B', n: 40, n_improved: 0, mean_change: 1, pct_improved: 0 },
        ],
        { columns: stats },
      ),
      standard,
    );
    expect(column(result, 'n_improved')).toEqual([C, 0]);
    expect(column(result, 'mean_change')).toEqual([1, 1]);
    expect(column(result, 'pct_improved')).toEqual([C, 0]);
  });

  it('suppresses a statistic revealing a count suppressed only by secondary suppression', () => {
    const result = applyDisclosure(
      table(
        [
          { group: 'A', n: 3, pct: 3 },
          { group: 'B', n: 9, pct: 9 },
          { group: 'C', n: 88, pct: 88 },
        ],
        {
          columns: [{ name: 'pct', kind: 'number', reveals: ['n'] }],
          additive: [[0, 1, 2]],
        },
      ),
      standard,
    );
    expect(column(result, 'n')).toEqual([C, C, 88]);
    expect(column(result, 'pct')).toEqual([C, C, 88]);
  });

  it('judges the basis on the unrounded count', () => {
    const rule = resolveDisclosureRule({ preset: 'nhsd-2018' });
    const result = applyDisclosure(
      table(
        [
          { group: 'A', n: 7, mean: 1.25 },
          { group: 'B', n: 8, mean: 2.25 },
        ],
        { columns: [{ name: 'mean', kind: 'number', basis: ['n'] }] },
      ),
      rule,
    );
    expect(column(result, 'n')).toEqual([C, 10]);
    expect(column(result, 'mean')).toEqual([C, 2.25]);
  });

  it('treats a basis count already suppressed upstream as too small', () => {
    const result = applyDisclosure(
      table([{ group: 'A', n: C, mean: 1 }], {
        columns: [{ name: 'mean', kind: 'number', basis: ['n'] }],
      }),
      standard,
    );
    expect(column(result, 'mean')).toEqual([C]);
  });
});

describe('applyDisclosure: secondary suppression', () => {
  it('suppresses the next smallest non-zero cell of an additive set', () => {
    const result = applyDisclosure(
      table(counts([3, 0, 9, 6, 20]), { additive: [[0, 1, 2, 3, 4]] }),
      standard,
    );
    expect(column(result, 'n')).toEqual([C, 0, 9, C, 20]);
  });

  it('does nothing when a set already has two suppressed cells or none', () => {
    const result = applyDisclosure(
      table(counts([3, 2, 9, 6, 20, 30]), {
        additive: [
          [0, 1, 2],
          [3, 4, 5],
        ],
      }),
      standard,
    );
    expect(column(result, 'n')).toEqual([C, C, 9, 6, 20, 30]);
  });

  it('breaks ties by the order of the set', () => {
    const result = applyDisclosure(table(counts([9, 2, 9]), { additive: [[2, 1, 0]] }), standard);
    expect(column(result, 'n')).toEqual([9, C, C]);
  });

  it('follows a chain through overlapping sets', () => {
    // Rows 0–2 add up to one total, rows 1, 3, 4 to another: suppressing row 1 (second in set A)
    // leaves row 1 alone in set B, so row 3 goes too.
    const result = applyDisclosure(
      table(counts([2, 7, 9, 15, 30]), {
        additive: [
          [0, 1, 2],
          [1, 3, 4],
        ],
      }),
      standard,
    );
    expect(column(result, 'n')).toEqual([C, C, 9, C, 30]);
  });

  it('protects a cross-tabulation by rows and columns', () => {
    //            p1  p2  p3
    // female     3   12  20     rows 0 1 2
    // male       10  11  40     rows 3 4 5
    const result = applyDisclosure(
      table(counts([3, 12, 20, 10, 11, 40]), {
        additive: [
          [0, 1, 2],
          [3, 4, 5],
          [0, 3],
          [1, 4],
          [2, 5],
        ],
      }),
      standard,
    );
    // 3 is primary; then 12 (female row), 10 (p1 column), 11 (p2 column): every row and column
    // now holds 0 or 2 suppressed cells.
    expect(column(result, 'n')).toEqual([C, C, 20, C, C, 40]);
  });

  it('works column by column', () => {
    const result = applyDisclosure(
      table(
        [
          { group: 'a', n: 3, m: 30 },
          { group: 'b', n: 10, m: 2 },
          { group: 'c', n: 20, m: 40 },
        ],
        { columns: [{ name: 'm', kind: 'count' }], additive: [[0, 1, 2]] },
      ),
      standard,
    );
    expect(column(result, 'n')).toEqual([C, C, 20]);
    expect(column(result, 'm')).toEqual([C, C, 40]);
  });

  it('suppresses a zero only when no non-zero cell is left to protect the lone one', () => {
    const result = applyDisclosure(table(counts([0, 3, 0]), { additive: [[0, 1, 2]] }), standard);
    expect(column(result, 'n')).toEqual([C, C, 0]);
  });

  it('leaves a lone suppressed cell when nothing else in its set is a count', () => {
    const result = applyDisclosure(
      table(counts([3, NOT_AVAILABLE]), { additive: [[0, 1]] }),
      standard,
    );
    expect(column(result, 'n')).toEqual([C, NOT_AVAILABLE]);
  });
});

describe('applyDisclosure: rounding', () => {
  const roundTo5 = resolveDisclosureRule({ roundTo: 5 });

  it('rounds shown counts to the nearest 5 and keeps statistics unrounded', () => {
    const result = applyDisclosure(
      table(
        [
          { group: 'a', n: 12, pct: 12 },
          { group: 'b', n: 13, pct: 13 },
          { group: 'c', n: 0, pct: 0 },
          { group: 'd', n: 5, pct: 5 },
          { group: 'e', n: 7, pct: 7 },
          { group: 'f', n: 63, pct: 63 },
        ],
        { columns: [{ name: 'pct', kind: 'number', reveals: ['n'] }] },
      ),
      roundTo5,
    );
    expect(column(result, 'n')).toEqual([10, 15, 0, 5, 5, 65]);
    expect(column(result, 'pct')).toEqual([12, 13, 0, 5, 7, 63]);
  });

  it('NHS Digital 2018: suppresses 7 and shows 8 as 10', () => {
    const result = applyDisclosure(
      table(counts([1, 7, 8, 12, 13, 0])),
      resolveDisclosureRule({ preset: 'nhsd-2018' }),
    );
    expect(column(result, 'n')).toEqual([C, C, 10, 10, 15, 0]);
  });

  it('never rounds a shown count below the threshold or to 0', () => {
    expect(roundCount(7, 5, 7)).toBe(10);
    expect(roundCount(2, 5, 1)).toBe(5);
    expect(roundCount(0, 5, 5)).toBe(0);
    expect(roundCount(15, 10, 5)).toBe(20);
    expect(roundCount(14, 10, 5)).toBe(10);
  });
});

describe('applyDisclosure: contract', () => {
  it('returns the table unchanged when disabled', () => {
    const input = table(counts([1, 2, 3]));
    const off: DisclosureRule = { ...standard, enabled: false };
    expect(applyDisclosure(input, off)).toBe(input);
  });

  it('does not modify its input', () => {
    const rows = counts([1, 9, 10]).map((row) => Object.freeze(row));
    const input = table(rows, { additive: [[0, 1, 2]] });
    const copy = structuredClone(input);
    const result = applyDisclosure(input, resolveDisclosureRule({ roundTo: 5 }));
    expect(input).toEqual(copy);
    expect(result).not.toBe(input);
    expect(result.name).toBe('test');
    expect(result.additive).toEqual([[0, 1, 2]]);
  });

  it('rejects a malformed table', () => {
    expect(() =>
      applyDisclosure(
        table(counts([1]), { columns: [{ name: 'mean', kind: 'number', basis: ['people'] }] }),
        standard,
      ),
    ).toThrow(/mean refers to people, which is not a count column/);
    expect(() => applyDisclosure(table(counts([1]), { additive: [[0, 1]] }), standard)).toThrow(
      /additive row 1 is outside the table/,
    );
  });
});

describe('applyDisclosure: properties', () => {
  const arbitraryCase = fc
    .record({
      rowCount: fc.integer({ min: 2, max: 12 }),
      minCell: fc.integer({ min: 2, max: 10 }),
      roundTo: fc.option(fc.constantFrom(2, 5, 10), { nil: null }),
      seed: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 36, maxLength: 36 }),
      sets: fc.array(fc.uniqueArray(fc.nat(11), { minLength: 2, maxLength: 6 }), {
        minLength: 0,
        maxLength: 4,
      }),
    })
    .map(({ rowCount, minCell, roundTo, seed, sets }) => {
      const rows = Array.from({ length: rowCount }, (_, i) => ({
        group: `g${i}`,
        n: seed[i] as number,
        k: seed[i + 12] as number,
        mean: (seed[i + 24] as number) / 4,
      }));
      const additive = sets
        .map((set) => set.filter((index) => index < rowCount))
        .filter((set) => set.length >= 2);
      const input = table(rows, {
        columns: [
          { name: 'k', kind: 'count' },
          { name: 'mean', kind: 'number', basis: ['n'], reveals: ['k'] },
        ],
        additive,
      });
      return { input, rule: resolveDisclosureRule({ minCell, roundTo }) };
    });

  it('publishes no count from 1 to min_cell − 1 and leaves no lone suppressed cell in a set', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ input, rule }) => {
        const result = applyDisclosure(input, rule);
        for (const row of result.rows) {
          for (const name of ['n', 'k']) {
            const value = row[name];
            if (typeof value === 'number') {
              expect(value === 0 || value >= rule.minCell).toBe(true);
              if (rule.roundTo !== null) expect(value % rule.roundTo).toBe(0);
            }
          }
        }
        for (const set of input.additive ?? []) {
          for (const name of ['n', 'k']) {
            const suppressed = set.filter((i) => isMark(result.rows[i]?.[name])).length;
            expect(suppressed === 0 || suppressed >= 2).toBe(true);
          }
        }
        result.rows.forEach((row, i) => {
          const original = input.rows[i] as Record<string, number>;
          // Hidden with too few people, or when its count n was hidden as a secondary cell (a
          // statistic could give n back), or when it would reveal the hidden count k.
          const hidden = (original.n as number) < rule.minCell || isMark(row.n) || isMark(row.k);
          expect(isMark(row.mean)).toBe(hidden);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('applyDisclosure: counts that add up within a row', () => {
  const rule = { enabled: true, minCell: 5, roundTo: null, preset: 'standard' } as const;
  const table = {
    name: 'change',
    title: 'Change',
    columns: [
      { name: 'group', kind: 'group' },
      { name: 'n_baseline', kind: 'count' },
      { name: 'n_paired', kind: 'count' },
      { name: 'n_lost', kind: 'count' },
      { name: 'mean_baseline', kind: 'number', basis: ['n_baseline'] },
      { name: 'mean_change', kind: 'number', basis: ['n_paired'] },
    ],
    rows: [
      { group: 'A', n_baseline: 28, n_paired: 26, n_lost: 2, mean_baseline: 40, mean_change: 3 },
      { group: 'B', n_baseline: 40, n_paired: 30, n_lost: 10, mean_baseline: 41, mean_change: 2 },
    ],
    identities: [{ cells: ['n_baseline', 'n_paired', 'n_lost'], spare: ['n_baseline'] }],
  } satisfies Table;

  it('hides a second count (the spare one first) so the hidden one cannot be subtracted back', () => {
    const [a, b] = applyDisclosure(table, rule).rows;
    // n_lost = 2 is primary; n_baseline (spare) goes too; n_paired and its statistic stay.
    expect(a).toEqual({
      group: 'A',
      n_baseline: SUPPRESSED,
      n_paired: 26,
      n_lost: SUPPRESSED,
      mean_baseline: SUPPRESSED, // rests on the hidden n_baseline
      mean_change: 3,
    });
    expect(b).toEqual(table.rows[1]);
  });

  it('hides the smallest other count when no spare is given', () => {
    const [a] = applyDisclosure(
      { ...table, identities: [{ cells: ['n_baseline', 'n_paired', 'n_lost'] }] },
      rule,
    ).rows;
    expect(a?.n_paired).toEqual(SUPPRESSED);
    expect(a?.n_baseline).toBe(28);
    expect(a?.mean_change).toEqual(SUPPRESSED);
  });

  it('refuses an identity over a column that is not a count', () => {
    expect(() =>
      applyDisclosure({ ...table, identities: [{ cells: ['n_paired', 'mean_change'] }] }, rule),
    ).toThrow('identity cell mean_change is not a count column');
  });
});

describe('the spread of the changes is hidden with the improved / no change / declined split', () => {
  it('hides SD, interval, t, p and Wilcoxon V, p and method when a count of the split is hidden', async () => {
    // An intruder's case (ONS life satisfaction, 5 pairs, changes −2, −1, −1, 0, 2): mean −0.4,
    // SD 1.5166, V 3.5 and p 0.7103 admit only the split 1 / 1 / 3 among whole-number changes.
    const { WELLBEING_CHANGE_COLUMNS } = await import('../../src/metrics/wellbeingChange.js');
    const row: Record<string, Cell> = {
      partner_id: 'P005',
      measure: 'ons_life_satisfaction',
      direction: 'higher_better',
      n_baseline: 9,
      n_paired: 5,
      followup_rate: 55.6,
      mean_baseline: 6.2,
      mean_followup: 5.8,
      mean_change: -0.4,
      change_lcl: -2.28,
      change_ucl: 1.48,
      sd_change: 1.51657508881031,
      t: -0.59,
      df: 4,
      p_value: 0.587,
      p_holm: 0.587,
      p_bh: 0.587,
      wilcoxon_v: 3.5,
      wilcoxon_p: 0.7103465689955668,
      wilcoxon_method: 'normal',
      effect_size_dz: -0.264,
      n_improved: 1,
      n_no_change: 1,
      n_declined: 3,
      n_lost: 4,
    };
    const columns = WELLBEING_CHANGE_COLUMNS(['partner_id']);
    const out = applyDisclosure(
      { name: 'wellbeing_change', title: 'W', columns, rows: [row] },
      standard,
    ).rows[0] as Record<string, Cell>;
    for (const name of [
      'change_lcl',
      'change_ucl',
      'sd_change',
      't',
      'p_value',
      'wilcoxon_v',
      'wilcoxon_p',
      'wilcoxon_method',
      'effect_size_dz',
    ]) {
      expect(out[name], name).toBe(C);
    }
    // The mean change (the sum of the changes) leaves the split open, and is kept.
    expect(out.mean_change).toBe(-0.4);
    expect(out.n_paired).toBe(5);
  });
});

describe('adjusted p-values across the rows whose p is published', () => {
  const columns: ColumnDef[] = [
    { name: 'g', kind: 'group' },
    { name: 'measure', kind: 'text' },
    { name: 'n', kind: 'count' },
    { name: 'p', kind: 'number', basis: ['n'] },
    {
      name: 'p_holm',
      kind: 'number',
      basis: ['n'],
      adjusts: { p: 'p', method: 'holm', family: ['measure'] },
    },
    {
      name: 'p_bh',
      kind: 'number',
      basis: ['n'],
      adjusts: { p: 'p', method: 'bh', family: ['measure'] },
    },
  ];
  // Holm over (0.01, 0.3742, 0.4207): 0.03, 0.7484, 0.7484 — the last two rows' adjusted p
  // would be 2 × the hidden row's p. Over the two published (0.01, 0.4207): 0.02, 0.4207.
  // BH over three: 0.03, 0.4207, 0.4207; over two: 0.02, 0.4207. (By hand, with the formulas of
  // R's p.adjust: Holm p(i) × (m − i + 1) with a running maximum; BH p(i) × m / i with a running
  // minimum from the largest.)
  const rows: Record<string, Cell>[] = [
    { g: 'All', measure: 'ons', n: 40, p: 0.001, p_holm: NOT_APPLICABLE, p_bh: NOT_APPLICABLE },
    { g: 'A', measure: 'ons', n: 20, p: 0.01, p_holm: 0.03, p_bh: 0.03 },
    { g: 'B', measure: 'ons', n: 2, p: 0.3742, p_holm: 0.7484, p_bh: 0.4207 },
    { g: 'C', measure: 'ons', n: 18, p: 0.4207, p_holm: 0.7484, p_bh: 0.4207 },
    { g: 'A', measure: 'wemwbs', n: 30, p: 0.2, p_holm: NOT_AVAILABLE, p_bh: NOT_AVAILABLE },
  ];
  const t: Table = { name: 'w', title: 'W', columns, rows };

  it('adjusts again without the hidden p, so no shown value is a multiple of it', () => {
    const out = applyDisclosure(t, standard).rows;
    expect(out[2]).toMatchObject({ n: C, p: C, p_holm: C, p_bh: C });
    expect(out[1]?.p_holm).toBeCloseTo(0.02, 12);
    expect(out[3]?.p_holm).toBeCloseTo(0.4207, 12);
    expect(out[1]?.p_bh).toBeCloseTo(0.02, 12);
    expect(out[3]?.p_bh).toBeCloseTo(0.4207, 12);
    // The total ([z]) and a measure tested once ([x]) are left as they are.
    expect(out[0]?.p_holm).toBe(NOT_APPLICABLE);
    expect(out[4]?.p_holm).toBe(NOT_AVAILABLE);
  });

  it('leaves the adjusted values as computed when no p is hidden', () => {
    const open: Table = { ...t, rows: rows.map((r) => (r.g === 'B' ? { ...r, n: 12 } : r)) };
    const out = applyDisclosure(open, standard).rows;
    expect(out[2]?.p_holm).toBeCloseTo(0.7484, 12);
    expect(out[3]?.p_bh).toBeCloseTo(0.4207, 12);
  });
});

describe('discloseCount (one count outside a table)', () => {
  it('hides 1 to min_cell − 1, rounds the rest under rounding, and leaves 0 and no control alone', async () => {
    const { discloseCount } = await import('../../src/disclosure/index.js');
    expect(discloseCount(3, standard)).toBe(C);
    expect(discloseCount(0, standard)).toBe(0);
    expect(discloseCount(5, standard)).toBe(5);
    const nhsd = resolveDisclosureRule({ preset: 'nhsd-2018' });
    expect(discloseCount(7, nhsd)).toBe(C);
    expect(discloseCount(13, nhsd)).toBe(15);
    expect(discloseCount(3, resolveDisclosureRule({ suppress: false }))).toBe(3);
  });
});

describe('episodes per participant', () => {
  it('is hidden with the episodes it would give back (× participants)', async () => {
    const { loadProgramme } = await import('../../src/load/loadProgramme.js');
    const { analyseProgramme, DEFAULT_ANALYSIS } = await import('../../src/metrics/index.js');
    const { extendDisclosure } = await import('../../src/disclosure/index.js');
    const programme = await loadProgramme('fixtures/messy', { today: 20_600 });
    const truth = analyseProgramme(programme, { ...DEFAULT_ANALYSIS, siiSimulations: 1000 }).reach;
    const at = truth.rows.findIndex((row) => typeof row.episodes === 'number' && row.episodes >= 5);
    expect(at).toBeGreaterThanOrEqual(0);
    // Hidden by protection elsewhere (a relation across tables): the ratio must go with it.
    const hidden = {
      ...truth,
      rows: truth.rows.map((row, i) => (i === at ? { ...row, episodes: C } : row)),
    };
    const out = extendDisclosure(hidden, truth, standard).rows[at];
    expect(out?.episodes_per_participant).toBe(C);
    expect(typeof truth.rows[at]?.episodes_per_participant).toBe('number');
  });
});
