import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { TidesConfig } from '../../src/config/types.js';
import { COLUMNS as CONTRACT_COLUMNS } from '../../src/contract/columns.js';
import { resolveHeader } from '../../src/contract/header.js';
import { IssueLog } from '../../src/contract/issues.js';
import { dayNumber } from '../../src/contract/values.js';
import { CandidateColumns } from '../../src/load/candidates.js';
import { type ParticipantSink, plainParticipantReader } from '../../src/load/plainParticipants.js';
import { Column, Interner } from '../../src/model/columnar.js';
import { READING_TODAY, readFilePieces } from '../helpers/filePieces.js';
import { loadWithIssues } from '../helpers/loadIssues.js';

/**
 * Participant records read from their bytes (src/load/plainParticipants.ts) against the same
 * records read as text: every piece of the file, its columns, labels, issues and report, must be
 * the same, whatever the records. The reader takes only records it can read exactly; this draws
 * records at and across the edge of each of its rules.
 */
const TODAY = READING_TODAY;
/** Every participant column of the contract, in its order. */
const COLUMNS = CONTRACT_COLUMNS.participants.map((column) => column.name);

const dir = mkdtempSync(join(tmpdir(), 'tides-plain-participants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Setting {
  readonly postcodeDirectory: boolean;
  readonly otherEdition: boolean;
}

/** Every piece of a file read with or without the byte-level reading of plain records. */
function readPieces(path: string, plainRecords: boolean, chunkSize: number, setting: Setting) {
  return readFilePieces(path, 'participants', {
    config: {} as TidesConfig,
    deprivation: {
      deciles: new Map([
        ['E01000001', 3],
        ['E01000002', 7],
      ]),
      source: 'lsoa_imd.csv',
      otherEdition: setting.otherEdition
        ? { codes: new Set(['E01999999']), name: 'IMD 2019', setting: '"imd": "2019"' }
        : null,
      postcodeDirectory: setting.postcodeDirectory,
    },
    plainRecords,
    chunkSize,
  });
}

/** Cells each column takes plainly, and some near the edge of each rule. */
const CELLS: Readonly<Record<string, readonly string[]>> = {
  participant_id: ['TT0001', 'TT0002', 'TT0003', '007', 'A'.repeat(64)],
  partner_id: ['P001', 'P002'],
  cohort: ['', '', 'Spring2017', 'Thursday evening', 'Arts, crafts and chat', 'All', 'all'],
  enrolled_on: ['2017-03-04', '2020-02-29', '2024-10-04', '2016-12-31'],
  age: ['', '0', '34', '120', '007', '99'],
  sex: ['', 'female', 'male', 'F', 'M', 'Female', 'unknown', 'other'],
  ethnicity: ['', 'white', 'white_british', 'White British', 'asian', 'A', 'H', 'mixed', 'unknown'],
  disability: ['', 'yes', 'no', 'Y', 'N', 'unknown'],
  lsoa: ['', 'E01000001', 'E01000002', 'e01000002'],
  postcode: ['', '', 'L18JQ'],
  imd_decile: ['', '', '3', '7', '03'],
  inclusion_groups: ['', '', 'carer', 'carer;veteran', 'none', 'Care-leaver', 'carer;carer'],
};
/** Cells that each column reads with an issue, or that only the text reading takes. */
const EDGES: Readonly<Record<string, readonly string[]>> = {
  participant_id: ['', ' TT0001', 'A'.repeat(65), 'Tést', 'a b', 'a,b'],
  partner_id: ['', 'P003', 'p001'],
  cohort: ['ALL', ' All', 'Spring 2017 ', 'a "b" c', 'Tés'],
  enrolled_on: ['', '2024-10-05', '2017-02-30', '04/03/2017', '2017-3-4', '1899-12-31'],
  age: ['121', '-1', '3.0', '+3', 'x', '1234567890'],
  sex: ['x', 'm ale', 'prefer_not_to_say', 'Prefer not to say', 'intersex'],
  ethnicity: ['martian', 'white_martian', 'Z', 'White British', '99'],
  disability: ['maybe', '2'],
  lsoa: ['E01000003', 'E01999999', 'W01000001', 'S01000001', 'L18JQ', 'nonsense', 'E0100000'],
  postcode: ['L1 8JQ', 'XX', 'l18jq'],
  imd_decile: ['0', '11', '1.0', 'x', '7', '3'],
  inclusion_groups: ['carer; veteran', ';;', 'g1;g2;g3;g4;g5;g6;g7;g8;g9;g10;g11;g12;g13;g14;g15'],
};

const plainRecord = fc.record(
  Object.fromEntries(COLUMNS.map((c) => [c, fc.constantFrom(...(CELLS[c] as string[]))])),
) as fc.Arbitrary<Record<string, string>>;
/** Many inclusion groups over a file: past 32, a group is dropped with a warning. */
const manyGroups = fc
  .uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 })
  .map((ns) => ns.map((n) => `group${n}`).join(';'));
const nearlyPlainRecord = fc
  .tuple(
    plainRecord,
    fc.array(
      fc.oneof(
        fc
          .constantFrom(...COLUMNS)
          .chain((c) => fc.tuple(fc.constant(c), fc.constantFrom(...(EDGES[c] as string[])))),
        fc.tuple(fc.constant('inclusion_groups'), manyGroups),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  )
  .map(([cells, changes]) => {
    const changed = { ...cells };
    for (const [c, cell] of changes) changed[c] = cell;
    return changed;
  });
const anyCell = fc.constantFrom(
  ...Object.values(CELLS).flat(),
  ...Object.values(EDGES).flat(),
  'a,b',
  'say "hi"',
);
const messyRecord = fc.array(anyCell, { minLength: 11, maxLength: 13 });

function csvLine(cells: readonly string[], quoteAll: boolean): string {
  return cells
    .map((c) => (quoteAll || /[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c))
    .join(',');
}

describe('plain participant records read from their bytes', () => {
  it('give exactly what reading every record as text gives, whatever the records', async () => {
    let run = 0;
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(
        // Some files lack optional columns, or have them in another order.
        fc
          .shuffledSubarray(COLUMNS.slice(2), { minLength: 1 })
          .map((rest) => ['participant_id', 'partner_id', ...rest])
          .filter((columns) => columns.includes('enrolled_on')),
        fc.array(
          fc.oneof(
            { weight: 5, arbitrary: plainRecord.map((r) => ({ r, quote: false })) },
            { weight: 4, arbitrary: nearlyPlainRecord.map((r) => ({ r, quote: false })) },
            { weight: 1, arbitrary: plainRecord.map((r) => ({ r, quote: true })) },
            { weight: 1, arbitrary: messyRecord.map((cells) => ({ cells })) },
            {
              weight: 1,
              arbitrary: fc.constantFrom('', ',,,', '"open', 'a"b,c').map((line) => ({ line })),
            },
          ),
          { minLength: 1, maxLength: 120 },
        ),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 16, max: 4096 }),
        fc.record({ postcodeDirectory: fc.boolean(), otherEdition: fc.boolean() }),
        async (columns, records, eol, chunkSize, setting) => {
          const lines = records.map((record) => {
            if ('line' in record) return record.line;
            if ('cells' in record) return csvLine(record.cells, false);
            return csvLine(
              columns.map((c) => record.r[c] ?? ''),
              record.quote,
            );
          });
          const path = join(dir, `participants-${run++}.csv`);
          writeFileSync(path, [columns.join(','), ...lines].join(eol) + eol);
          const asText = await readPieces(path, false, 1 << 20, setting);
          const plain = await readPieces(path, true, chunkSize, setting);
          expect(plain).toEqual(asText);
          taken += records.filter((r) => 'r' in r && !r.quote).length;
        },
      ),
      { numRuns: 300 },
    );
    expect(taken).toBeGreaterThan(1000);
  }, 120_000);

  // The messy programme's every kind of problem, and the bench's own programme shape (the demo
  // is read both ways by the pieces test).
  it('give the same programme as reading every record as text (fixtures/messy)', async () => {
    const asText = await loadWithIssues('fixtures/messy', {
      today: TODAY,
      jobs: 0,
      plainRecords: false,
    });
    const plain = await loadWithIssues('fixtures/messy', { today: TODAY, jobs: 0 });
    expect(plain.issues).toEqual(asText.issues);
    expect(plain.programme.files).toEqual(asText.programme.files);
    expect(plain.programme.episodes).toEqual(asText.programme.episodes);
    expect(plain.programme.totals).toEqual(asText.programme.totals);
  }, 60_000);

  // Two things a file's rows decide together, which random files rarely reach: whether most of
  // a coded column is unknown (every known code read from bytes must be counted), and the 32
  // inclusion groups a file can count (a plain record with a 33rd is read as text, and warned).
  const examples: Record<string, string[]> = {
    'a column mostly of unknown codes': [
      'participant_id,partner_id,enrolled_on,ethnicity',
      ...['A', 'B', 'C'].map((id) => `${id},P001,2017-01-01,white`),
      'D,P001,2017-01-01,martian',
      'E,P001,2017-01-01,martian',
    ],
    'a 33rd inclusion group': [
      'participant_id,partner_id,enrolled_on,inclusion_groups',
      ...Array.from({ length: 33 }, (_, n) => `T${n},P001,2017-01-01,carer;group${n}`),
      'T99,P001,2017-01-01,group0;group31',
    ],
  };
  for (const [name, lines] of Object.entries(examples)) {
    it(`give what the text reading gives for ${name}`, async () => {
      const path = join(dir, `${name.replaceAll(' ', '-')}.csv`);
      writeFileSync(path, `${lines.join('\n')}\n`);
      const setting = { postcodeDirectory: false, otherEdition: false };
      const asText = await readPieces(path, false, 1 << 20, setting);
      expect(await readPieces(path, true, 64, setting)).toEqual(asText);
    });
  }

  it('take plain records and decline the others without a trace', () => {
    const log = new IssueLog();
    const header = resolveHeader(COLUMNS, 'participants', new Map(), { file: 'f', line: 1 }, log);
    const sink: ParticipantSink = {
      candidates: new CandidateColumns(),
      cohort: new Column(Int32Array),
      enrolledOn: new Column(Int32Array),
      age: new Column(Int32Array),
      sex: new Column(Uint8Array),
      ethnicity: new Column(Uint8Array),
      ethnicityDetail: new Column(Uint8Array),
      disability: new Column(Uint8Array),
      lsoa: new Column(Int32Array),
      postcode: new Column(Int32Array),
      imdDecile: new Column(Uint8Array),
      inclusion: new Column(Int32Array),
      cohorts: new Interner(),
      lsoas: new Interner(),
      groups: new Interner(),
      countCode: () => {},
    };
    const read = plainParticipantReader(
      header,
      {
        partnerIndex: new Map([['P001', 0]]),
        today: TODAY,
        deciles: new Map([['E01000001', 3]]),
        noCohort: '(none)',
        maxGroups: 32,
        inclusionFlag: (raw) => raw.trim().toLowerCase(),
      },
      sink,
    );
    if (read === null) throw new Error('no plain reader for a participant header');
    const bytes = Buffer.alloc(4096);
    const offer = (cells: readonly string[]) => read(bytes, 0, bytes.write(cells.join(',')), 7);
    const row = ['TT1', 'P001', 'Spring', '2017-03-04', '34', 'female', 'white_british', 'no'];
    expect(offer([...row, 'e01000001', '', '3', 'carer;veteran'])).toBe(true);
    // Declined: a decile other than the LSOA's, an LSOA not in the lookup, a postcode alone, an
    // age out of range, a future date.
    expect(offer([...row, 'E01000001', '', '4', ''])).toBe(false);
    expect(offer([...row, 'E01000002', '', '', ''])).toBe(false);
    expect(offer([...row, '', 'L18JQ', '', ''])).toBe(false);
    expect(offer([...row.slice(0, 4), '121', ...row.slice(5), '', '', '', ''])).toBe(false);
    expect(offer([...row.slice(0, 3), '2024-10-05', ...row.slice(4), '', '', '', ''])).toBe(false);
    expect(sink.candidates.count).toBe(1);
    expect([...sink.lsoa.take()]).toEqual([0]);
    expect(sink.lsoas.values).toEqual(['E01000001']);
    expect([...sink.imdDecile.take()]).toEqual([3]);
    expect([...sink.inclusion.take()]).toEqual([0b11]);
    expect(sink.groups.values).toEqual(['carer', 'veteran']);
    expect([...sink.enrolledOn.take()]).toEqual([dayNumber(2017, 3, 4)]);
    expect(log.issues).toEqual([]);
  });
});
