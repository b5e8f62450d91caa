import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { TidesConfig } from '../../src/config/types.js';
import { ITEM_COLUMNS } from '../../src/contract/columns.js';
import { resolveHeader } from '../../src/contract/header.js';
import { IssueLog } from '../../src/contract/issues.js';
import { dayNumber } from '../../src/contract/values.js';
import { CandidateColumns } from '../../src/load/candidates.js';
import { type OutcomeSink, plainOutcomeReader } from '../../src/load/plainOutcomes.js';
import { buildMeasureRegistry } from '../../src/measures/registry.js';
import type { SwemwbsScoreMode } from '../../src/measures/swemwbs.js';
import { Column } from '../../src/model/columnar.js';
import { UNDATED } from '../../src/model/pairs.js';
import { READING_TODAY, readFilePieces } from '../helpers/filePieces.js';
import { loadWithIssues } from '../helpers/loadIssues.js';

const TODAY = READING_TODAY;
const CONFIG: TidesConfig = {
  measures: {
    in_work: { type: 'binary', label: 'In work', better: 'yes', area: 'skills_employment' },
    gp_visits: {
      type: 'count',
      label: 'GP appointments',
      direction: 'lower_better',
      recall_period: '3 months',
      max: 60,
      area: 'nhs_demand',
    },
  },
} as TidesConfig;
const COLUMNS = [
  'participant_id',
  'partner_id',
  'measure',
  'timepoint',
  'recorded_on',
  'score',
  ...ITEM_COLUMNS,
];

const dir = mkdtempSync(join(tmpdir(), 'tides-plain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every piece of a file read with or without the byte-level reading of plain records. */
function readPieces(
  path: string,
  plainRecords: boolean,
  chunkSize: number,
  swemwbsMode: SwemwbsScoreMode = 'auto',
) {
  return readFilePieces(path, 'outcomes', {
    config: { ...CONFIG, swemwbs_score: swemwbsMode },
    deprivation: {
      deciles: new Map(),
      source: 'none',
      otherEdition: null,
      postcodeDirectory: false,
    },
    plainRecords,
    chunkSize,
  });
}

/** A cell that reads plainly (most records of a return are all plain). */
const plainRecord = fc
  .record({
    person: fc.constantFrom('TT0001', 'TT0002', '007', 'A'.repeat(64)),
    partner: fc.constantFrom('P001', 'P002'),
    timepoint: fc.constantFrom('baseline', 'followup', 'pre', 'post', 'T1'),
    date: fc.constantFrom('', '2017-03-04', '2020-02-29', '2024-10-04'),
    kind: fc.constantFrom(
      'wemwbs',
      'swemwbs',
      'swemwbs total',
      'ons',
      'in_work',
      'gp_visits',
      'wemwbs total',
    ),
    items: fc.array(fc.constantFrom('1', '2', '3', '4', '5', ''), { minLength: 14, maxLength: 14 }),
    value: fc.integer({ min: 0, max: 10 }),
  })
  .map(({ person, partner, timepoint, date, kind, items, value }) => {
    const cells: Record<string, string> = {
      participant_id: person,
      partner_id: partner,
      timepoint,
      recorded_on: date,
    };
    if (kind === 'wemwbs' || kind === 'swemwbs') {
      cells.measure = kind;
      items.slice(0, kind === 'wemwbs' ? 14 : 7).forEach((v, i) => {
        cells[`item_${i + 1}`] = v;
      });
    } else if (kind === 'wemwbs total') {
      cells.measure = 'WEMWBS';
      cells.score = String(14 + value * 5);
    } else if (kind === 'swemwbs total') {
      // Raw totals (7–35) and metric scores, and a few that neither reading takes.
      cells.measure = 'swemwbs';
      cells.score = ['7', '35', '21', '26.02', '7.00', '12.4', '35.0', '6', '36', '35.5', '20.'][
        value
      ] as string;
    } else if (kind === 'ons') {
      cells.measure = 'ons_life_satisfaction';
      cells.score = String(value);
    } else if (kind === 'in_work') {
      cells.measure = kind;
      cells.score = ['yes', 'no', 'Y', '1', '0'][value % 5] as string;
    } else {
      cells.measure = kind;
      cells.score = String(value * 6);
    }
    return COLUMNS.map((c) => cells[c] ?? '');
  });

/** Cells of every sort: plain, spaced, quoted, out of range, in other forms, broken. */
const anyCell = fc.constantFrom(
  '',
  ' ',
  'TT0001',
  ' TT0001 ',
  'P001',
  'P003',
  'p001',
  'A'.repeat(65),
  'Tést',
  'wemwbs',
  'SWEMWBS',
  'unknown',
  'baseline',
  'Follow-up',
  'x',
  '2017-03-04',
  '2017-02-30',
  '2099-01-01',
  '04/03/2017',
  '2017-3-4',
  '1899-12-31',
  '0',
  '1',
  '5',
  '6',
  '-1',
  '+3',
  '3.0',
  '3.5',
  '.5',
  '5.',
  '1e2',
  '14',
  '70',
  '71',
  '35',
  '28.13',
  '61',
  '1234567890',
  'yes',
  'maybe',
  'a,b',
  'say "hi"',
);
const messyRecord = fc.array(anyCell, { minLength: 18, maxLength: 22 });
/** Cells near the edge of what each column takes, by column. */
const EDGES: Readonly<Record<string, readonly string[]>> = {
  participant_id: ['', ' TT0001 ', 'A'.repeat(65), 'Tést', 'a,b', 'say "hi"'],
  partner_id: ['', 'P003', 'p001', ' P001'],
  measure: ['', 'SWEMWBS', 'Wemwbs', 'unknown', 'in work', 'gp_visits '],
  timepoint: ['', 'BASELINE', 'Follow-up', 'follow up', 'x'],
  recorded_on: ['2017-02-30', '2099-01-01', '2024-10-05', '04/03/2017', '2017-3-4', '1899-12-31'],
  number: [
    ...['', '0', '1', '5', '6', '7', '14', '35', '60', '61', '70', '71', '-1', '+3', '3.0'],
    ...['3.5', '.5', '5.', '1.2.3', '1e2', '28.13', '1234567890', 'yes', 'maybe', ' 3'],
  ],
};
/** A plain record with a cell or two changed: each of the reader's reasons to decline one. */
const nearlyPlainRecord = fc
  .tuple(
    plainRecord,
    fc.array(
      // The score half the time, as its rules depend on the measure; any other column else.
      fc
        .oneof(fc.constant(COLUMNS.indexOf('score')), fc.nat({ max: COLUMNS.length - 1 }))
        .chain((i) => {
          const edges = EDGES[COLUMNS[i] as string] ?? (EDGES.number as string[]);
          return fc.tuple(fc.constant(i), fc.constantFrom(...edges));
        }),
      { minLength: 1, maxLength: 2 },
    ),
  )
  .map(([cells, changes]) => {
    const changed = [...cells];
    for (const [i, cell] of changes) changed[i] = cell;
    return changed;
  });

function csvLine(cells: readonly string[], quoteAll: boolean): string {
  return cells
    .map((c) => (quoteAll || /[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c))
    .join(',');
}

describe('plain outcome records read from their bytes', () => {
  it('give exactly what reading every record as text gives, whatever the records', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            { weight: 5, arbitrary: plainRecord.map((cells) => csvLine(cells, false)) },
            { weight: 4, arbitrary: nearlyPlainRecord.map((cells) => csvLine(cells, false)) },
            { weight: 1, arbitrary: messyRecord.map((cells) => csvLine(cells, false)) },
            { weight: 1, arbitrary: plainRecord.map((cells) => csvLine(cells, true)) },
            { weight: 1, arbitrary: fc.constantFrom('', ',,,', '"open', 'a"b,c') },
          ),
          { minLength: 1, maxLength: 120 },
        ),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 16, max: 4096 }),
        fc.constantFrom<SwemwbsScoreMode>('auto', 'raw', 'metric'),
        async (lines, eol, chunkSize, swemwbsMode) => {
          const path = join(dir, `outcomes-${run++}.csv`);
          writeFileSync(path, [COLUMNS.join(','), ...lines].join(eol) + eol);
          const asText = await readPieces(path, false, 1 << 20, swemwbsMode);
          const plain = await readPieces(path, true, chunkSize, swemwbsMode);
          expect(plain).toEqual(asText);
        },
      ),
      { numRuns: 400 },
    );
  }, 120_000);

  // The messy programme's every kind of problem here; the demo is read both ways by the pieces
  // test (whole as text, in pieces from bytes), and 1,000,000 people's outputs were compared byte
  // for byte when this reading landed (README, Performance).
  for (const folder of ['fixtures/messy']) {
    it(`give the same programme as reading every record as text (${folder})`, async () => {
      const asText = await loadWithIssues(folder, { today: TODAY, jobs: 0, plainRecords: false });
      const plain = await loadWithIssues(folder, { today: TODAY, jobs: 0 });
      expect(plain.issues).toEqual(asText.issues);
      expect(plain.programme.files).toEqual(asText.programme.files);
      expect(plain.programme.totals).toEqual(asText.programme.totals);
      expect(plain.programme.scoring).toEqual(asText.programme.scoring);
      expect(plain.programme.pairs).toEqual(asText.programme.pairs);
      expect(plain.programme.episodes).toEqual(asText.programme.episodes);
    }, 60_000);
  }

  it('take plain records and decline the others without a trace', () => {
    const log = new IssueLog();
    const header = resolveHeader(COLUMNS, 'outcomes', new Map(), { file: 'f', line: 1 }, log);
    const sink: OutcomeSink = {
      candidates: new CandidateColumns(),
      measure: new Column(Uint8Array),
      timepoint: new Column(Uint8Array),
      day: new Column(Int32Array),
      score: new Column(Float64Array),
      derivedSwemwbs: new Column(Float64Array),
      counts: { prorated: 0, swemwbsConverted: 0 },
    };
    const measures = buildMeasureRegistry(CONFIG);
    const read = plainOutcomeReader(
      header,
      {
        partnerIndex: new Map([
          ['P001', 0],
          ['P002', 1],
        ]),
        today: TODAY,
        measureNamed: (text) => {
          const measure = text === '' ? undefined : measures.byName(text);
          return { measure, index: measure ? measures.indexOf(measure.id) : 0 };
        },
        swemwbsMode: 'auto',
      },
      sink,
    );
    if (read === null) throw new Error('no plain reader for a long outcome header');
    // One buffer for every line, as a file's chunks reuse theirs: nothing may be kept from it.
    const bytes = Buffer.alloc(4096);
    const offer = (cells: readonly string[], line: number) => {
      const length = bytes.write(cells.join(','));
      return read(bytes, 0, length, line);
    };
    const wemwbs = ['TT1', 'P001', 'wemwbs', 'baseline', '2017-03-04', '', ...'34523453452345'];
    expect(offer(wemwbs, 2)).toBe(true);
    expect(offer(['TT2', 'P002', 'in_work', 'post', '', 'Yes', ...Array(14).fill('')], 3)).toBe(
      true,
    );
    // Declined: a space, an unknown partner, a future date, an item out of range, a score beside
    // the items, too few fields.
    const declined = [
      [' TT1', ...wemwbs.slice(1)],
      ['TT1', 'P003', ...wemwbs.slice(2)],
      [...wemwbs.slice(0, 4), '2024-10-05', ...wemwbs.slice(5)],
      [...wemwbs.slice(0, 6), '6', ...wemwbs.slice(7)],
      [...wemwbs.slice(0, 5), '50', ...wemwbs.slice(6)],
      wemwbs.slice(0, 19),
    ];
    for (const cells of declined) expect(offer(cells, 4)).toBe(false);
    const { candidates } = sink;
    const taken = candidates.finish();
    expect(taken.count).toBe(2);
    expect([...taken.line]).toEqual([2, 3]);
    expect([...taken.partner]).toEqual([0, 1]);
    expect([...sink.timepoint.take()]).toEqual([0, 1]);
    expect([...sink.day.take()]).toEqual([dayNumber(2017, 3, 4), UNDATED]);
    // WEMWBS 3+4+5+2+3+4+5+3+4+5+2+3+4+5 = 52; its SWEMWBS items 1,2,3,6,7,9,11 (3+4+5+4+5+4+2 =
    // 27 raw) are 24.11 metric in the SWEMWBS raw-to-metric conversion table; in work yes = 1.
    expect([...sink.score.take()]).toEqual([52, 1]);
    expect(sink.derivedSwemwbs.take()[0]).toBeCloseTo(24.11, 2);
    expect(log.issues).toEqual([]);
  });
});
