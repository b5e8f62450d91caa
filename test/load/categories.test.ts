import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { publishedLabel } from '../../src/load/categories.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { analyseProgramme, DEFAULT_ANALYSIS } from '../../src/metrics/index.js';
import type { Programme } from '../../src/model/programme.js';
import { runTides } from '../helpers/cli.js';
import { loadWithIssues } from '../helpers/loadIssues.js';

/**
 * `All` labels the total rows of every table. A partner, cohort or theme of that name used to
 * share the total's key, so its people were counted into the total a second time. Hand-made
 * programme: partner P1 (theme All) has people a, b, c in cohort All and d in cohort x; partner
 * All has e. Expected by hand: partner All is refused (its row and e's are rejected), the cohort
 * and theme are published as `All (cohort)` and `All (theme)`, and the total is 4 people.
 */
describe('a category named All', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tides-all-'));
  writeFileSync(
    join(dir, 'partners.csv'),
    'partner_id,partner_name,theme\nP1,First,All\nAll,Everyone,sport\n',
  );
  writeFileSync(
    join(dir, 'participants.csv'),
    [
      'participant_id,partner_id,enrolled_on,cohort',
      'a,P1,2016-05-01,All',
      'b,P1,2016-05-01,All',
      'c,P1,2016-05-02,All',
      'd,P1,2016-05-02,x',
      'e,All,2016-05-02,x',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'outcomes.csv'),
    'participant_id,partner_id,measure,timepoint,recorded_on,score\na,P1,wemwbs,baseline,2016-05-01,40\n',
  );
  const { programme, issues: all } = await loadWithIssues(dir, { today: dayNumber(2024, 1, 1) });
  const issues = all.map((i) => `${i.file}:${i.line}:${i.column} ${i.rule} ${i.severity}`);
  const reach = (by: 'cohort' | 'theme' | 'partner_id') =>
    analyseProgramme(programme, {
      ...DEFAULT_ANALYSIS,
      by: [by],
      siiSimulations: 1000,
    }).reach.rows.map((row) => [row[by], row.participants]);

  it('refuses a partner named All, and renames a cohort or theme, saying so', () => {
    expect(issues).toEqual([
      'participants.csv:2:cohort value.reserved warning',
      'participants.csv:3:cohort value.reserved warning',
      'participants.csv:4:cohort value.reserved warning',
      'participants.csv:6:partner_id partner.unknown error',
      'partners.csv:2:theme value.reserved warning',
      'partners.csv:3:partner_id value.reserved error',
    ]);
    expect(programme.totals.participants).toEqual({ read: 5, used: 4, rejected: 1 });
  });

  it('keeps the renamed categories out of the totals', () => {
    expect(reach('cohort')).toEqual([
      ['All', 4],
      ['All (cohort)', 3],
      ['x', 1],
    ]);
    expect(reach('theme')).toEqual([
      ['All', 4],
      ['All (theme)', 4],
    ]);
    expect(reach('partner_id')).toEqual([
      ['All', 4],
      ['P1', 4],
    ]);
  });
});

/**
 * A category read as `All` is renamed, and the new name must be one no other category has: a
 * cohort `All` was once renamed `All (cohort)` and merged with the real cohort of that name (15 +
 * 15 published as 30). Here 15 people are in cohort `All`, 15 in `All (cohort)` and 6 in
 * `All (cohort 2)`, in three files, so `All` is published as `All (cohort 3)`; partner P1's theme
 * `All` becomes `All (theme 2)`, as P2's theme is `All (theme)`. Whichever file holds which
 * cohort, and whatever the pieces the files are read in, the labels and counts are the same.
 */
describe('publishedLabel', () => {
  it('takes the first of All (column), All (column 2)… that no label has', () => {
    const taken = (labels: string[]) => (label: string) => labels.includes(label);
    expect(publishedLabel('cohort', taken(['All', 'x']))).toBe('All (cohort)');
    expect(publishedLabel('cohort', taken(['All', 'All (cohort)']))).toBe('All (cohort 2)');
    expect(publishedLabel('theme', taken(['All (theme)', 'All (theme 2)', 'All (theme 4)']))).toBe(
      'All (theme 3)',
    );
  });
});

describe('a category named All beside categories named like its rename', () => {
  const people = (prefix: string, count: number, partner: string, cohort: string) =>
    Array.from({ length: count }, (_, i) => `${prefix}${i},${partner},2016-05-01,${cohort}`);
  const participants = (rows: string[]) =>
    `participant_id,partner_id,enrolled_on,cohort\n${rows.join('\n')}\n`;
  const programme = (order: readonly string[]) => {
    const cohorts: Record<string, string[]> = {
      All: people('a', 15, 'P1', 'All'),
      'All (cohort)': people('b', 15, 'P2', 'All (cohort)'),
      'All (cohort 2)': people('c', 6, 'P2', 'All (cohort 2)'),
    };
    const dir = mkdtempSync(join(tmpdir(), 'tides-all-rename-'));
    writeFileSync(
      join(dir, 'partners.csv'),
      'partner_id,partner_name,theme\nP1,First,All\nP2,Second,All (theme)\n',
    );
    order.forEach((cohort, i) => {
      writeFileSync(join(dir, `${i}-participants.csv`), participants(cohorts[cohort] ?? []));
    });
    writeFileSync(
      join(dir, 'outcomes.csv'),
      'participant_id,partner_id,measure,timepoint,recorded_on,score\na0,P1,wemwbs,baseline,2016-05-01,40\n',
    );
    return dir;
  };
  const figures = (loaded: Programme) => {
    const reach = (by: 'cohort' | 'theme') =>
      analyseProgramme(loaded, {
        ...DEFAULT_ANALYSIS,
        by: [by],
        siiSimulations: 1000,
      }).reach.rows.map((row) => [row[by], row.participants]);
    return { cohort: reach('cohort'), theme: reach('theme') };
  };
  const expected = {
    cohort: [
      ['All', 36],
      ['All (cohort 2)', 6],
      ['All (cohort 3)', 15],
      ['All (cohort)', 15],
    ],
    theme: [
      ['All', 36],
      ['All (theme 2)', 15],
      ['All (theme)', 21],
    ],
  };
  const orders = [
    ['All', 'All (cohort)', 'All (cohort 2)'],
    ['All (cohort 2)', 'All (cohort)', 'All'],
    ['All (cohort)', 'All', 'All (cohort 2)'],
  ];

  it.each(orders)(
    'renames All to a label no cohort has (files in order %s, %s, %s)',
    async (...order) => {
      const dir = programme(order);
      for (const pieceRows of [undefined, 1, 2, 7]) {
        const loaded = await loadProgramme(dir, {
          today: dayNumber(2024, 1, 1),
          jobs: 0,
          ...(pieceRows === undefined ? {} : { pieceRows }),
        });
        expect(figures(loaded), `pieces of ${pieceRows ?? 'any'} rows`).toEqual(expected);
        expect(loaded.issues.rules().find((r) => r.rule === 'value.reserved')?.count).toBe(16);
      }
    },
  );

  it('renames the same way when worker threads read the files in pieces (built dist)', async () => {
    const dist = '../../dist/load/loadProgramme.js';
    const built = (await import(
      /* @vite-ignore */ dist
    )) as typeof import('../../src/load/loadProgramme.js');
    const loaded = await built.loadProgramme(programme(orders[1] as string[]), {
      today: dayNumber(2024, 1, 1),
      jobs: 2,
      pieceRows: 2,
    });
    expect(figures(loaded)).toEqual(expected);
  });

  it('publishes the two cohorts apart in reach.csv', () => {
    const out = mkdtempSync(join(tmpdir(), 'tides-all-rename-out-'));
    const run = runTides([
      'analyse',
      programme(orders[0] as string[]),
      '--by',
      'cohort',
      '--out',
      out,
      '--quiet',
      '--sii-simulations',
      '1000',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const rows = parse(readFileSync(join(out, 'reach.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => [r.cohort, r.participants])).toEqual([
      ['All', '36'],
      ['All (cohort 2)', '6'],
      ['All (cohort 3)', '15'],
      ['All (cohort)', '15'],
    ]);
  });
});
