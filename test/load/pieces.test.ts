import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { loadProgramme, type Programme } from '../../src/load/loadProgramme.js';
import { analyseProgramme, DEFAULT_ANALYSIS } from '../../src/metrics/index.js';

const TODAY = dayNumber(2024, 10, 4);
const FAST = { ...DEFAULT_ANALYSIS, siiSimulations: 1000 };

/** What a load gives: every issue, every file's accounting, and the whole analysis. */
function summary(programme: Programme) {
  return {
    issues: programme.issues,
    files: programme.files,
    totals: programme.totals,
    scoring: programme.scoring,
    tables: analyseProgramme(programme, FAST),
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
      const whole = summary(await loadProgramme(folder, { today: TODAY, jobs: 0 }));
      for (const pieceRows of [1, 2, 7]) {
        const pieces = await loadProgramme(folder, { today: TODAY, jobs: 0, pieceRows });
        expect(summary(pieces)).toEqual(whole);
      }
    });
  }

  it('gives the same programme when worker threads send the pieces (built dist)', async () => {
    // Worker threads run the compiled reader, so this runs the compiled loader too.
    const dist = '../../dist/load/loadProgramme.js';
    const built = (await import(
      /* @vite-ignore */ dist
    )) as typeof import('../../src/load/loadProgramme.js');
    const folder = 'fixtures/turning-tides';
    const whole = summary(await loadProgramme(folder, { today: TODAY, jobs: 0 }));
    const pieces = await built.loadProgramme(folder, { today: TODAY, jobs: 2, pieceRows: 5 });
    expect(summary(pieces)).toEqual(whole);
  });
});
