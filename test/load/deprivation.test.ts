import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/api/analyse.js';
import { dayNumber } from '../../src/contract/values.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

// Deciles from the shipped files (grep them): E01006512 is decile 5 in 2019 and 6 in 2025;
// E01000010 a 2011 code (decile 3 in 2019) abolished in 2021; E01033769 a 2021 code (decile 4
// in 2025).
const PARTNERS = 'partner_id,partner_name\nP1,Bridge Cafe\n';
const PEOPLE =
  'participant_id,partner_id,enrolled_on,lsoa,postcode\n' +
  '1,P1,2017-04-03,E01006512,\n' +
  '2,P1,2017-04-03,E01000010,\n' +
  '3,P1,2017-04-03,E01033769,\n' +
  '4,P1,2017-04-03,W01000001,\n' +
  '5,P1,2017-04-03,l1 8jq,\n' +
  '6,P1,2017-04-03,,M60 2LR\n' +
  '7,P1,2017-04-03,,CF10 1AA\n' +
  '8,P1,2017-04-03,,B1 1AA\n' +
  '9,P1,2017-04-03,E01999999,\n' +
  '10,P1,2017-04-03,,not a postcode\n';
const OUTCOMES = 'participant_id,partner_id,measure,timepoint,score\n1,P1,wemwbs,baseline,40\n';
// A directory in the NSPL layout (other columns are not read): B1 1AA is not in it.
const DIRECTORY =
  'pcd,pcds,oa11,lsoa11,lsoa21,lat\n' +
  'L1  8JQ,L1 8JQ,E00000001,E01006512,E01006512,53.4\n' +
  'M602LR,M60 2LR,E00000002,E01000010,E01033769,53.5\n' +
  'CF101AA,CF10 1AA,W00000001,W01001700,W01001700,51.5\n' +
  'ZZ1 1ZZ,ZZ1 1ZZ,E00000003,E01021988,E01021988,51.8\n';
const TODAY = { today: dayNumber(2024, 1, 1) };

async function load(files: Record<string, string>) {
  const { programme, issues } = await loadWithIssues(
    writeProgramme({
      'partners.csv': PARTNERS,
      'P1/participants.csv': PEOPLE,
      'P1/outcomes.csv': OUTCOMES,
      ...files,
    }),
    TODAY,
  );
  const deciles = Array.from({ length: programme.episodes.count }, (_, i) =>
    programme.episodes.imdDecile.get(i),
  );
  const said = issues.map((i) => `${i.file}:${i.line ?? '-'} ${i.rule}`);
  return { programme, issues, deciles, said };
}

describe('deprivation from the index tides ships', () => {
  it('gives LSOAs their 2025 deciles by default, and says once what it cannot use', async () => {
    const { deciles, said, issues } = await load({});
    expect(deciles).toEqual([6, 0, 4, 0, 0, 0, 0, 0, 0, 0]);
    expect(said).toEqual([
      'P1/participants.csv:3 lsoa.other_edition',
      'P1/participants.csv:5 lsoa.outside_england',
      'P1/participants.csv:6 postcode.no_directory',
      'P1/participants.csv:10 lsoa.not_in_lookup',
      'P1/participants.csv:11 postcode.malformed',
    ]);
    const message = (rule: string) => issues.find((i) => i.rule === rule)?.message ?? '';
    expect(message('lsoa.other_edition')).toMatch(/set "imd_edition": "2019"/);
    expect(message('lsoa.outside_england')).toMatch(/Wales.*WIMD 2019/);
    expect(message('postcode.no_directory')).toMatch(/^4 rows .*add postcodes\.csv/);
    // A malformed postcode is never quoted.
    expect(JSON.stringify(issues)).not.toContain('not a postcode');
  });

  it('uses the 2019 edition when the config says so', async () => {
    const { deciles, said } = await load({ 'tides.config.json': '{"imd_edition": "2019"}' });
    expect(deciles.slice(0, 3)).toEqual([5, 3, 0]);
    expect(said[0]).toBe('P1/participants.csv:4 lsoa.other_edition');
  });

  it('lets lsoa_imd.csv in the folder win', async () => {
    const { deciles, programme } = await load({ 'lsoa_imd.csv': 'lsoa,imd_decile\nE01006512,9\n' });
    expect(deciles[0]).toBe(9);
    expect(programme.deprivationSource).toEqual({ kind: 'file' });
  });
});

describe('postcodes through a postcode directory', () => {
  it('gives each postcode its LSOA’s decile, and reports the rest once, by outward code', async () => {
    const { deciles, issues, said, programme } = await load({ 'postcodes.csv': DIRECTORY });
    // L1 8JQ → E01006512 (2025: 6); M60 2LR → E01033769 (lsoa21, 2025: 4); CF10 1AA is Welsh;
    // B1 1AA is not in the directory.
    expect(deciles).toEqual([6, 0, 4, 0, 6, 4, 0, 0, 0, 0]);
    expect(said).toContain('postcodes.csv:- postcode.not_in_directory');
    expect(said).toContain('postcodes.csv:- lsoa.outside_england');
    expect(said).not.toContain('P1/participants.csv:6 postcode.no_directory');
    const missing = issues.find((i) => i.rule === 'postcode.not_in_directory');
    expect(missing?.message).toMatch(
      /^1 of the programme's postcodes \(B1\) are not in postcodes\.csv/,
    );
    // Every row of the directory is read and counted.
    const directory = programme.files.find((f) => f.kind === 'postcodes');
    expect(directory).toMatchObject({ read: 4, used: 4, rejected: 0 });
    // No postcode outlives loading.
    expect(programme.episodes.postcodes.size).toBe(0);
  });

  it('reads the directory’s lsoa11 under the 2019 edition', async () => {
    const { deciles } = await load({
      'postcodes.csv': DIRECTORY,
      'tides.config.json': '{"imd_edition": "2019"}',
    });
    // M60 2LR → lsoa11 E01000010 (2019: 3).
    expect(deciles[5]).toBe(3);
  });

  it('lists the directory as not read when no file gives a postcode', async () => {
    const { programme } = await loadWithIssues(
      writeProgramme({
        'partners.csv': PARTNERS,
        'P1/participants.csv':
          'participant_id,partner_id,enrolled_on,lsoa\n1,P1,2017-04-03,E01006512\n',
        'P1/outcomes.csv': OUTCOMES,
        'postcodes.csv': DIRECTORY,
      }),
      TODAY,
    );
    expect(programme.ignored).toContainEqual({
      display: 'postcodes.csv',
      reason: 'no participant file gives a postcode',
    });
  });

  it('publishes no postcode in any output', async () => {
    const data = writeProgramme({
      'partners.csv': PARTNERS,
      'P1/participants.csv': PEOPLE,
      'P1/outcomes.csv': OUTCOMES,
      'postcodes.csv': DIRECTORY,
    });
    const out = mkdtempSync(join(tmpdir(), 'tides-postcodes-'));
    await analyse(data, { out, suppress: false, siiSimulations: 1000 });
    for (const name of readdirSync(out)) {
      const text = readFileSync(join(out, name), 'utf8').toUpperCase();
      for (const postcode of ['L1 8JQ', 'L18JQ', 'M60 2LR', 'CF10 1AA', 'B1 1AA']) {
        expect(text, `${name} holds ${postcode}`).not.toContain(postcode);
      }
    }
  });
});
