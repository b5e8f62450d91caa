import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/contract/issues.js';
import { dayNumber } from '../../src/contract/values.js';
import { IssueSpool } from '../../src/io/issueSpool.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { analyseProgramme, DEFAULT_ANALYSIS } from '../../src/metrics/index.js';
import type { Programme } from '../../src/model/programme.js';
import { loadWithIssues } from '../helpers/loadIssues.js';

const TODAY = dayNumber(2024, 10, 4);
const FAST = { ...DEFAULT_ANALYSIS, siiSimulations: 1000 };

/** What a load gives: every issue, their counts, every file's accounting, the whole analysis. */
function summary({ programme, issues }: { programme: Programme; issues: readonly Issue[] }) {
  return { issues, tables: analyseProgramme(programme, FAST), ...accounting(programme) };
}

/**
 * What a load gives when pieces carry only counts and examples of their issues: the same counts,
 * examples and accounting as with every issue.
 */
function accounting(programme: Programme) {
  return {
    counts: programme.issues.counts(),
    rules: programme.issues.rules(),
    errors: [programme.errors, programme.warnings],
    files: programme.files,
    totals: programme.totals,
    scoring: programme.scoring,
  };
}

/**
 * Files are handed from reading to merging in pieces of `pieceRows` candidate rows, so that a
 * large file is never held whole. Pieces of 1, 2 and 7 rows cut every file of these folders at
 * many places (within a person's rows, between a duplicate and the row it repeats, inside a
 * file's labels and inclusion groups): everything must come out as when each file is one piece.
 */
describe('reading files in pieces', () => {
  for (const folder of ['fixtures/messy', 'fixtures/turning-tides']) {
    it(`gives the same programme in pieces of any size (${folder})`, async () => {
      // Whole, and every record read as text: the pieces read plain records from their bytes.
      const whole = summary(
        await loadWithIssues(folder, { today: TODAY, jobs: 0, plainRecords: false }),
      );
      // The messy folder's every edge in pieces of 1, 2 and 7 rows; the demo's size in 2 and 7
      // (pieces of one row of 210,000 took 5 s and cut nothing the others do not).
      for (const pieceRows of folder === 'fixtures/messy' ? [1, 2, 7] : [2, 7]) {
        const pieces = await loadWithIssues(folder, { today: TODAY, jobs: 0, pieceRows });
        expect(summary(pieces)).toEqual(whole);
        if (folder === 'fixtures/messy' || pieceRows === 7) {
          const counted = await loadProgramme(folder, { today: TODAY, jobs: 0, pieceRows });
          expect(accounting(counted)).toEqual(accounting(pieces.programme));
        }
      }
    }, 120_000);
  }

  it('gives the same programme when worker threads send the pieces (built dist)', async () => {
    // Worker threads run the compiled reader, so this runs the compiled loader too.
    const dist = '../../dist/load/loadProgramme.js';
    const built = (await import(
      /* @vite-ignore */ dist
    )) as typeof import('../../src/load/loadProgramme.js');
    const folder = 'fixtures/turning-tides';
    // Whole, and every record read as text: the pieces read plain records from their bytes.
    const whole = summary(
      await loadWithIssues(folder, { today: TODAY, jobs: 0, plainRecords: false }),
    );
    const spool = new IssueSpool();
    const programme = await built.loadProgramme(folder, {
      today: TODAY,
      jobs: 2,
      pieceRows: 5,
      issueList: spool,
    });
    const pieces = summary({ programme, issues: [...spool.sorted()] });
    spool.close();
    expect(pieces).toEqual(whole);
    const counted = await built.loadProgramme(folder, { today: TODAY, jobs: 2, pieceRows: 5 });
    expect(accounting(counted)).toEqual(accounting(programme));
  }, 120_000);
});
