import { describe, expect, it } from 'vitest';
import {
  analysisOptions,
  discloseAnalysis,
  protectTogether,
  publicationParts,
} from '../../src/api/publishing.js';
import { auditPublication } from '../../src/disclosure/audit.js';
import { resolveDisclosureRule } from '../../src/disclosure/index.js';
import type { Publication, PublishedTable } from '../../src/disclosure/publication.js';
import { buildRelations } from '../../src/disclosure/relations.js';
import { lazySolver } from '../../src/disclosure/solver.js';
import { loadProgramme, releaseReadingState } from '../../src/load/loadProgramme.js';
import type { AnalysisTables } from '../../src/metrics/index.js';
import { isMark, SUPPRESSED, type Table } from '../../src/metrics/table.js';
import { writeProgramme } from '../helpers/programme.js';

/**
 * The intruder's attacks of issue 14, each on a small programme made for it: what each table's
 * own disclosure control leaves open, the audit finds, and protection of the whole publication
 * closes.
 */
const TODAY = 20_600;
const solver = lazySolver();

const PARTICIPANTS_HEADER = 'participant_id,partner_id,enrolled_on,sex,imd_decile';
const OUTCOMES_HEADER = 'participant_id,partner_id,measure,timepoint,recorded_on,score';

/** A programme of partners A, B, C; `people` gives each person's partner, enrolment and change. */
function programme(
  people: readonly { id: string; partner: string; enrolled: string; change?: number }[],
) {
  const participants = people.map((p) => `${p.id},${p.partner},${p.enrolled},female,3`);
  const outcomes = people.flatMap((p) =>
    p.change === undefined
      ? []
      : [
          `${p.id},${p.partner},wemwbs,baseline,${p.enrolled},40`,
          `${p.id},${p.partner},wemwbs,followup,${p.enrolled.replace(/-(\d\d)$/, '-28')},${40 + p.change}`,
        ],
  );
  return writeProgramme({
    'partners.csv':
      'partner_id,partner_name,funding_gbp\nA,Alpha,10000\nB,Beta,20000\nC,Gamma,30000\n',
    'participants.csv': `${PARTICIPANTS_HEADER}\n${participants.join('\n')}\n`,
    'outcomes.csv': `${OUTCOMES_HEADER}\n${outcomes.join('\n')}\n`,
  });
}

async function analysed(dir: string, by: string[], period: string | null, preset = 'standard') {
  const loaded = await loadProgramme(dir, { today: TODAY });
  releaseReadingState(loaded);
  const rule = resolveDisclosureRule({ preset });
  const options = analysisOptions(rule, { siiSimulations: 1000 }, by as never, period);
  return { analysis: discloseAnalysis(loaded, options, rule), rule };
}

/** Tables each disclosed by its own rules only, as published before issue 14. */
function eachAlone(parts: readonly PublishedTable[], rule: Publication['rule']): Publication {
  return {
    tables: parts.map(({ truth: _, ...table }) => table),
    rule,
    ratiosFromRoundedCounts: true,
  };
}

function cell(table: Table, match: Record<string, string>, column: string) {
  const row = table.rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  return row?.[column];
}

const hidden = (value: unknown) =>
  isMark(value as never) && (value as { mark: string }).mark === 'c';

describe('across tables: a count published in one table is protected with every table it is in', () => {
  // Partner A: 6 followed up, 4 improved (+5), 2 no change, none declined. Wellbeing change
  // hides the 2 (and, to protect it, the 4); cost.csv's n_improved showed the 4, giving the 2 back.
  const people = [
    ...[5, 5, 5, 5, 0, 0].map((change, i) => ({
      id: `a${i}`,
      partner: 'A',
      enrolled: '2016-05-02',
      change,
    })),
    ...Array.from({ length: 9 }, (_, i) => ({
      id: `b${i}`,
      partner: 'B',
      enrolled: '2016-05-03',
      change: i % 3 === 0 ? -5 : 5,
    })),
    ...Array.from({ length: 9 }, (_, i) => ({
      id: `c${i}`,
      partner: 'C',
      enrolled: '2016-05-04',
      change: i % 2 === 0 ? 0 : 5,
    })),
  ];

  it('finds the leak when each table is protected alone, and closes it when they are protected together', async () => {
    const { analysis, rule } = await analysed(programme(people), ['partner_id'], null);
    const names: (keyof AnalysisTables)[] = ['wellbeing_change', 'cost'];
    const parts = publicationParts(analysis, names);
    const alone = await auditPublication(solver, eachAlone(parts, rule));
    expect(alone.unprotected.length).toBeGreaterThan(0);

    const together = await protectTogether(parts, rule, solver);
    const published = eachAlone(together, rule);
    expect((await auditPublication(solver, published)).unprotected).toEqual([]);
    const cost = together.find((t) => t.kind === 'cost')?.table as Table;
    const change = together.find((t) => t.kind === 'wellbeing_change')?.table as Table;
    expect(hidden(cell(change, { partner_id: 'A', measure: 'wemwbs' }, 'n_no_change'))).toBe(true);
    expect(hidden(cell(cost, { partner_id: 'A' }, 'n_improved'))).toBe(true);
  });
});

/**
 * Partner A: 6 people in 2016-17 and 1 in 2017-18; partners B and C: 6 people in each year. The
 * people of the attacks across periods below.
 */
const SPLIT_YEARS = [
  ...Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, partner: 'A', enrolled: '2016-06-01' })),
  { id: 'a6', partner: 'A', enrolled: '2017-06-01' },
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `b${i}`,
    partner: 'B',
    enrolled: i < 6 ? '2016-06-02' : '2017-06-02',
  })),
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `c${i}`,
    partner: 'C',
    enrolled: i < 6 ? '2016-06-03' : '2017-06-03',
  })),
];

describe('differencing across periods: one year beside the whole programme', () => {
  // Partner A: 6 people in 2016-17 and 1 in 2017-18; the year's reach (6) beside the programme's
  // (7, in cost.csv) gave the 1 of 2017-18 back.

  it('finds the other year pinned, and protects it when the year and the programme are protected as one', async () => {
    const dir = programme(SPLIT_YEARS);
    const year = await analysed(dir, ['partner_id'], '2016-17');
    const whole = await analysed(dir, [], null);
    const parts = [
      ...publicationParts(year.analysis, ['reach'], (n) => `year ${n}`),
      ...publicationParts(whole.analysis, ['cost'], (n) => `programme ${n}`),
    ];
    const alone = await auditPublication(solver, eachAlone(parts, year.rule));
    expect(
      alone.unprotected.some((u) => u.implied !== undefined && u.min === 1 && u.max === 1),
    ).toBe(true);

    const together = await protectTogether(parts, year.rule, solver);
    expect((await auditPublication(solver, eachAlone(together, year.rule))).unprotected).toEqual(
      [],
    );
  });
});

describe('a figure another run publishes: known to the intruder, never hidden', () => {
  // SPLIT_YEARS, as above: A has 6 people in 2016-17 and 7 over the programme. Here an
  // earlier run has published the year by partner (A's 6 shown); this run publishes the whole
  // programme by partner, and must hide its own 7, since the 6 cannot be taken back.

  async function parts(known: boolean) {
    const dir = programme(SPLIT_YEARS);
    const year = await analysed(dir, ['partner_id'], '2016-17');
    const whole = await analysed(dir, ['partner_id'], null);
    const [earlier] = publicationParts(year.analysis, ['reach'], () => 'earlier year reach');
    const theirs = earlier as PublishedTable;
    return {
      rule: whole.rule,
      parts: [
        ...publicationParts(whole.analysis, ['reach'], () => 'reach'),
        known ? { ...theirs, known: true as const } : theirs,
      ],
    };
  }

  it('hides the run’s own counts to protect against it', async () => {
    const { rule, parts: known } = await parts(true);
    const together = await protectTogether(known, rule, solver);
    const [wholeReach, yearReach] = together.map((t) => t.table) as [Table, Table];
    expect(cell(yearReach, { partner_id: 'A' }, 'participants')).toBe(6);
    expect(hidden(cell(wholeReach, { partner_id: 'A' }, 'participants'))).toBe(true);
    expect((await auditPublication(solver, eachAlone(together, rule))).unprotected).toEqual([]);
  });

  it('would hide the other run’s smaller count, were it not known', async () => {
    const { rule, parts: unknown } = await parts(false);
    const together = await protectTogether(unknown, rule, solver);
    const [, yearReach] = together.map((t) => t.table) as [Table, Table];
    expect(hidden(cell(yearReach, { partner_id: 'A' }, 'participants'))).toBe(true);
  });
});

describe('a partner’s people by year: one episode each, so the years add up exactly', () => {
  // Partner A's people (SPLIT_YEARS), published year by year and over the programme. An
  // intruder knows each person is at A once, in one year.

  it('relates the years of a partner to its whole as a sum, not a bound', async () => {
    const dir = programme(SPLIT_YEARS);
    const first = await analysed(dir, ['partner_id'], '2016-17');
    const second = await analysed(dir, ['partner_id'], '2017-18');
    const whole = await analysed(dir, ['partner_id'], null);
    const parts = [
      ...publicationParts(first.analysis, ['reach'], () => '2016-17'),
      ...publicationParts(second.analysis, ['reach'], () => '2017-18'),
      ...publicationParts(whole.analysis, ['reach'], () => 'whole'),
    ];
    const relations = buildRelations(eachAlone(parts, whole.rule));
    const sums = relations.relations.filter(
      (r) =>
        r.reason === 'persons: the years published and the rest add up to the whole' &&
        r.terms.some(([key]) => key.includes('partner_id=A')),
    );
    // The two years and the rest (no other year: it is 0) against A's people over the programme.
    expect(sums.length).toBeGreaterThan(0);
    expect(sums.some((r) => r.terms.length === 4 && r.lower === 0 && r.upper === 0)).toBe(true);
  });
});

describe('rounding undone by ratios: every figure derived from a rounded count uses the rounded count', () => {
  const people = Array.from({ length: 48 }, (_, i) => ({
    id: `p${i}`,
    partner: ['A', 'B', 'C'][i % 3] as string,
    enrolled: '2016-05-02',
    change: i % 4 === 0 ? 0 : 5,
  }));

  it('gives back only the published (rounded) counts: funding ÷ cost per participant', async () => {
    const { analysis, rule } = await analysed(programme(people), ['partner_id'], null, 'nhsd-2018');
    const together = await protectTogether(
      publicationParts(analysis, ['reach', 'cost', 'wellbeing_change']),
      rule,
      solver,
    );
    const cost = together.find((t) => t.kind === 'cost')?.table as Table;
    for (const row of cost.rows) {
      const participants = row.participants;
      if (typeof participants !== 'number' || typeof row.cost_per_participant !== 'number')
        continue;
      expect(participants % 5).toBe(0);
      expect((row.funding_gbp as number) / row.cost_per_participant).toBeCloseTo(participants, 6);
    }
    const change = together.find((t) => t.kind === 'wellbeing_change')?.table as Table;
    for (const row of change.rows) {
      if (typeof row.n_paired !== 'number' || typeof row.df !== 'number') continue;
      // Degrees of freedom from the published count, so they do not give the true count back.
      expect(row.df).toBe(row.n_paired - 1);
      if (typeof row.n_improved === 'number' && typeof row.pct_improved === 'number') {
        expect(row.pct_improved).toBeCloseTo((100 * row.n_improved) / row.n_paired, 9);
      }
    }
  });
});

describe('PLUS worked out from the ethnicity profile', () => {
  // Partner A: 8 people, 6 White, 1 Asian, 1 Black, none in an inclusion group. Its 2 PLUS people
  // are hidden in reach.csv, but the profile shows 8 people, 6 White, no Mixed, Other or unknown
  // and all 8 in no group: at least the 2 minorities are PLUS, and at most the minorities and
  // those in a group (0) are, so PLUS is 2.
  const header = 'participant_id,partner_id,enrolled_on,sex,ethnicity,imd_decile,inclusion_groups';
  const ethnicities = ['white', 'white', 'white', 'white', 'white', 'white', 'asian', 'black'];
  const rows = [
    ...ethnicities.map((e, i) => `a${i},A,2016-05-02,female,${e},3,`),
    ...Array.from({ length: 30 }, (_, i) => {
      const e = ['white', 'asian', 'black', 'mixed', 'other'][i % 5];
      return `b${i},B,2016-05-03,male,${e},${(i % 10) + 1},${i % 4 === 0 ? 'carer' : ''}`;
    }),
  ];
  const dir = () =>
    writeProgramme({
      'partners.csv': 'partner_id,partner_name\nA,Alpha\nB,Beta\n',
      'participants.csv': `${header}\n${rows.join('\n')}\n`,
      'outcomes.csv': 'participant_id,partner_id,measure,timepoint,recorded_on,score\n',
    });

  it('bounds PLUS above by the minorities and those in a group, finds A’s pinned, and protects it', async () => {
    const { analysis, rule } = await analysed(dir(), ['partner_id'], null);
    const parts = publicationParts(analysis, ['reach', 'reach_profile']);
    const reach = parts.find((t) => t.kind === 'reach')?.table as Table;
    expect(hidden(cell(reach, { partner_id: 'A' }, 'n_plus'))).toBe(true);
    const relations = buildRelations(eachAlone(parts, rule));
    expect(
      relations.relations.some((r) => r.reason.startsWith('PLUS at most the minorities')),
    ).toBe(true);
    const alone = await auditPublication(solver, eachAlone(parts, rule));
    const plus = alone.unprotected.find((u) => u.variable.includes('plus') && u.min === u.max);
    expect(plus).toMatchObject({ min: 2, max: 2 });

    const together = await protectTogether(parts, rule, solver);
    expect((await auditPublication(solver, eachAlone(together, rule))).unprotected).toEqual([]);
  });
});

describe('a yes/no measure’s 2 × 2: yes at follow-up = yes at baseline + became yes − became no', () => {
  // Partner A: 30 people followed up, (yes → yes, yes → no, no → yes, no → no) = (10, 4, 9, 7):
  // 14 yes at baseline and 19 at follow-up are shown, and so is the 9 who became yes; the 4 who
  // became no are hidden, but 19 = 14 + 9 − 4 gives them back. B is large enough to show all.
  const cells = { A: [10, 4, 9, 7], B: [12, 6, 8, 9] } as const;
  const kinds = [
    ['yes', 'yes'],
    ['yes', 'no'],
    ['no', 'yes'],
    ['no', 'no'],
  ] as const;
  const participants: string[] = [];
  const outcomes: string[] = [];
  for (const [partner, counts] of Object.entries(cells)) {
    counts.forEach((count, k) => {
      for (let i = 0; i < count; i++) {
        const id = `${partner}${k}-${i}`;
        const [before, after] = kinds[k] as readonly [string, string];
        participants.push(`${id},${partner},2016-05-02,female,3`);
        outcomes.push(`${id},${partner},in_work,baseline,2016-05-02,${before}`);
        outcomes.push(`${id},${partner},in_work,followup,2016-09-02,${after}`);
      }
    });
  }
  const dir = () =>
    writeProgramme({
      'partners.csv': 'partner_id,partner_name\nA,Alpha\nB,Beta\n',
      'participants.csv': `${PARTICIPANTS_HEADER}\n${participants.join('\n')}\n`,
      'outcomes.csv': `${OUTCOMES_HEADER}\n${outcomes.join('\n')}\n`,
      'tides.config.json': JSON.stringify({
        measures: { in_work: { type: 'binary', better: 'yes', area: 'skills_employment' } },
      }),
    });

  it('finds the yes → no pinned by the table’s own figures, and protects it', async () => {
    const { analysis, rule } = await analysed(dir(), ['partner_id'], null);
    const parts = publicationParts(analysis, ['binary_change']);
    const own = parts[0]?.table as Table;
    expect(cell(own, { partner_id: 'A' }, 'n_became_yes')).toBe(9);
    expect(hidden(cell(own, { partner_id: 'A' }, 'n_became_no'))).toBe(true);
    const alone = await auditPublication(solver, eachAlone(parts, rule));
    expect(alone.unprotected.some((u) => u.min === 4 && u.max === 4)).toBe(true);

    const together = await protectTogether(parts, rule, solver);
    expect((await auditPublication(solver, eachAlone(together, rule))).unprotected).toEqual([]);
    const table = together[0]?.table as Table;
    expect(hidden(cell(table, { partner_id: 'A' }, 'n_became_no'))).toBe(true);
  });
});

describe('the same episodes split two ways: by partner in one run, by year in another', () => {
  // in_work, (yes → yes, yes → no, no → yes, no → no): partner A's 22 people in 2016-17
  // (6, 5, 5, 6), the same 22 people at B in 2017-18 likewise, and C's 6 in 2016-17
  // (0, 0, 1, 5). By partner, C's one who became yes is hidden, and the All row (each person
  // once) leaves it anywhere in a range 22 wide. By year, every row is large and shown. But
  // both tables count the same 50 episodes: 2016-17 + 2017-18 = A + B + C gives C's 1 back.
  const cells: Record<string, { year: number; counts: readonly number[]; from?: string }> = {
    A: { year: 2016, counts: [6, 5, 5, 6] },
    B: { year: 2017, counts: [6, 5, 5, 6], from: 'A' },
    C: { year: 2016, counts: [0, 0, 1, 5] },
  };
  const kinds = [
    ['yes', 'yes'],
    ['yes', 'no'],
    ['no', 'yes'],
    ['no', 'no'],
  ] as const;
  const participants: string[] = [];
  const outcomes: string[] = [];
  for (const [partner, { year, counts, from }] of Object.entries(cells)) {
    let n = 0;
    counts.forEach((count, k) => {
      for (let i = 0; i < count; i++, n++) {
        // B's people are A's (each at two partners, in two years).
        const id = `${from ?? partner}${n}`;
        const [before, after] = kinds[k] as readonly [string, string];
        participants.push(`${id},${partner},${year}-05-02,female,3`);
        outcomes.push(`${id},${partner},in_work,baseline,${year}-05-02,${before}`);
        outcomes.push(`${id},${partner},in_work,followup,${year}-09-02,${after}`);
      }
    });
  }
  const dir = writeProgramme({
    'partners.csv': 'partner_id,partner_name\nA,Alpha\nB,Beta\nC,Gamma\n',
    'participants.csv': `${PARTICIPANTS_HEADER}\n${participants.join('\n')}\n`,
    'outcomes.csv': `${OUTCOMES_HEADER}\n${outcomes.join('\n')}\n`,
    'tides.config.json': JSON.stringify({
      measures: { in_work: { type: 'binary', better: 'yes', area: 'skills_employment' } },
    }),
  });

  it('relates both splits to the episodes they share, finds C pinned, and protects it', async () => {
    const byPartner = await analysed(dir, ['partner_id'], null);
    const byYear = await analysed(dir, ['year'], null);
    const parts = [
      ...publicationParts(byPartner.analysis, ['binary_change'], (n) => `partner ${n}`),
      ...publicationParts(byYear.analysis, ['binary_change'], (n) => `year ${n}`),
    ];
    // The true figures with only C's change hidden (each table's own rules would hide more):
    // by partner alone C's became-yes could be 0 to 6; with the years, only 1.
    const shownOfC = new Set(['partner_id', 'measure', 'better', 'n_baseline', 'n_paired']);
    const onlyC = parts.map((part): PublishedTable => {
      const truth = part.truth as Table;
      return {
        ...part,
        table: {
          ...truth,
          rows: truth.rows.map((row) =>
            row.partner_id === 'C'
              ? Object.fromEntries(
                  Object.entries(row).map(([k, v]) => [k, shownOfC.has(k) ? v : SUPPRESSED]),
                )
              : row,
          ),
        },
      };
    });
    expect(cell(onlyC[1]?.table as Table, { year: '2016-17' }, 'n_became_yes')).toBe(6);
    const pinned = (await auditPublication(solver, eachAlone(onlyC, byPartner.rule))).unprotected;
    expect(
      pinned.some(
        (u) => u.cells.some((c) => c.column === 'n_became_yes') && u.min === 1 && u.max === 1,
      ),
    ).toBe(true);
    // By partner alone, C is not pinned.
    const partnerOnly = await auditPublication(
      solver,
      eachAlone(onlyC.slice(0, 1), byPartner.rule),
    );
    expect(partnerOnly.unprotected).toEqual([]);

    const together = await protectTogether(parts, byPartner.rule, solver);
    expect(
      (await auditPublication(solver, eachAlone(together, byPartner.rule))).unprotected,
    ).toEqual([]);
  });
});
