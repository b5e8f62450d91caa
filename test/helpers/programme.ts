import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { generateProgramme } from '../../src/generate/index.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import type { Programme } from '../../src/model/programme.js';

/** Writes a programme folder from file path → content and returns its path. */
export function writeProgramme(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tides-programme-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/**
 * A small programme with hand-checkable figures: partner A has people 1–7 (7 with a baseline
 * only), partner B has person 1 again (enrolled later) and people 8–10.
 * ons_happiness (higher better) differences follow-up − baseline:
 *   A: p1 +2, p2 +2, p3 0, p4 +2, p5 −1, p6 +3 (p7 no follow-up)
 *   B: p1 +2, p8 +3, p9 0, p10 +2
 * All (each person once, first episode): p1 at A, so differences [2,2,0,2,−1,3,3,0,2].
 * ons_anxiety (lower better): p8 6 → 3 (improved), p9 3 → 5 (declined).
 */
export const SMALL_PROGRAMME: Record<string, string> = {
  'partners.csv':
    'partner_id,partner_name,partner_type,theme,funding_gbp\nA,Alpha,community,arts,10000\nB,Beta,faith,garden,4000\n',
  'lsoa_imd.csv':
    'lsoa,imd_decile\nE01000001,1\nE01000002,2\nE01000003,5\nE01000004,9\nE01000005,10\n',
  'population.csv':
    'dimension,group,population\n' +
    Array.from({ length: 10 }, (_, i) => `imd_decile,${i + 1},${1000 * (i + 1)}`).join('\n') +
    '\n',
  'A/participants.csv':
    'participant_id,partner_id,cohort,enrolled_on,age,sex,ethnicity,disability,lsoa,imd_decile,inclusion_groups\n' +
    '1,A,Mon,2016-04-01,30,female,white,no,E01000001,,\n' +
    '2,A,Mon,2016-04-02,40,male,asian,no,E01000002,,\n' +
    '3,A,Mon,2016-04-03,50,female,white,yes,E01000003,,homeless\n' +
    '4,A,Tue,2016-04-04,20,male,white,no,E01000004,,\n' +
    '5,A,Tue,2016-04-05,70,female,black,no,E01000005,,\n' +
    '6,A,Tue,2016-04-06,35,female,white,no,,,\n' +
    '7,A,Tue,2016-04-07,45,male,white,no,E01000001,,\n',
  'A/outcomes.csv':
    'participant_id,partner_id,measure,timepoint,recorded_on,score\n' +
    '1,A,ons_happiness,baseline,2016-04-01,5\n1,A,ons_happiness,followup,2016-07-01,7\n' +
    '2,A,ons_happiness,baseline,2016-04-02,4\n2,A,ons_happiness,followup,2016-07-02,6\n' +
    '3,A,ons_happiness,baseline,2016-04-03,6\n3,A,ons_happiness,followup,2016-07-03,6\n' +
    '4,A,ons_happiness,baseline,2016-04-04,3\n4,A,ons_happiness,followup,2016-07-04,5\n' +
    '5,A,ons_happiness,baseline,2016-04-05,7\n5,A,ons_happiness,followup,2016-07-05,6\n' +
    '6,A,ons_happiness,baseline,2016-04-06,5\n6,A,ons_happiness,followup,2016-07-06,8\n' +
    '7,A,ons_happiness,baseline,2016-04-07,4\n',
  'B/participants.csv':
    'participant_id,partner_id,cohort,enrolled_on,age,sex,ethnicity,disability,lsoa,imd_decile,inclusion_groups\n' +
    '1,B,Wed,2017-05-01,31,female,white,no,E01000001,,\n' +
    '8,B,Wed,2017-05-02,60,male,mixed,no,E01000002,,refugee_asylum\n' +
    '9,B,Wed,2017-05-03,25,female,white,no,E01000003,,\n' +
    '10,B,Wed,2017-05-04,33,male,white,no,E01000005,,\n',
  'B/outcomes.csv':
    'participant_id,partner_id,measure,timepoint,recorded_on,score\n' +
    '1,B,ons_happiness,baseline,2017-05-01,6\n1,B,ons_happiness,followup,2017-08-01,8\n' +
    '8,B,ons_happiness,baseline,2017-05-02,2\n8,B,ons_happiness,followup,2017-08-02,5\n' +
    '9,B,ons_happiness,baseline,2017-05-03,4\n9,B,ons_happiness,followup,2017-08-03,4\n' +
    '10,B,ons_happiness,baseline,2017-05-04,5\n10,B,ons_happiness,followup,2017-08-04,7\n' +
    '8,B,ons_anxiety,baseline,2017-05-02,6\n8,B,ons_anxiety,followup,2017-08-02,3\n' +
    '9,B,ons_anxiety,baseline,2017-05-03,3\n9,B,ons_anxiety,followup,2017-08-03,5\n',
};

/**
 * A programme from `tides generate` (6 partners, 1,500 participants: some 10% of people at two
 * or more partners, so a person often has several episodes and slots), loaded before a suite's
 * tests and handed to `use`; its folder is removed after them.
 */
export function useGeneratedProgramme(use: (programme: Programme) => void): void {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tides-generated-'));
    await generateProgramme(dir, { partners: 6, participants: 1_500 });
    use(await loadProgramme(dir, { today: dayNumber(2026, 12, 1) }));
  });
  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });
}
