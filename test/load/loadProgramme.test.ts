import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { UnusableInputError } from '../../src/errors.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { loadWithIssues } from '../helpers/loadIssues.js';

const TODAY = dayNumber(2024, 10, 4);

/**
 * fixtures/messy breaks each rule once; the comments in fixtures/messy/README.md say which line
 * breaks which rule. Every expected issue below was checked against those files by hand.
 */
describe('loadProgramme on fixtures/messy', async () => {
  const { programme, issues } = await loadWithIssues('fixtures/messy', { today: TODAY });
  const found = issues.map(
    (i) => `${i.file}:${i.line ?? '-'}:${i.column ?? '-'} ${i.rule} ${i.severity}`,
  );

  it('reports exactly the planted issues, in file and line order', () => {
    expect(found).toEqual([
      'P001/outcomes.csv:2:timepoint outcome.duplicate warning',
      'P001/outcomes.csv:6:recorded_on outcome.followup_before_baseline error',
      'P001/outcomes.csv:7:score score.range error',
      'P001/outcomes.csv:8:score score.invalid error',
      'P001/outcomes.csv:9:score score.missing error',
      'P001/outcomes.csv:10:measure measure.unknown error',
      'P001/outcomes.csv:11:timepoint timepoint.unknown error',
      'P001/outcomes.csv:12:participant_id outcome.no_episode error',
      'P001/outcomes.csv:13:participant_id outcome.no_episode error',
      'P001/outcomes.csv:16:score score.invalid error',
      'P001/participants.csv:3:age number.range warning',
      'P001/participants.csv:3:sex code.unknown warning',
      'P001/participants.csv:5:enrolled_on date.invalid error',
      'P001/participants.csv:6:enrolled_on date.invalid error',
      'P001/participants.csv:7:enrolled_on date.future error',
      'P001/participants.csv:8:enrolled_on value.missing error',
      'P001/participants.csv:9:partner_id partner.unknown error',
      'P001/participants.csv:10:participant_id participant.duplicate warning',
      'P001/participants.csv:11:participant_id participant.conflict error',
      'P001/participants.csv:12:- row.ragged error',
      'P001/participants.csv:13:lsoa lsoa.malformed warning',
      'P001/participants.csv:14:lsoa lsoa.not_in_lookup warning',
      'P001/participants.csv:15:imd_decile imd.lsoa_mismatch warning',
      'P001/participants.csv:16:imd_decile number.range warning',
      'P002/outcomes.csv:4:- score.unscorable warning',
      'P002/outcomes.csv:5:item_14 item.range error',
      'P002/outcomes.csv:6:score score.mismatch warning',
      'P002/outcomes.csv:7:item_14 item.invalid error',
      'P003/participants.csv:3:- file.quote_span error',
      'P004/participants.csv:3:- encoding.windows1252 warning',
      'P005/outcomes.csv:-:- file.empty warning',
      'P005/participants.csv:1:- encoding.utf16 warning',
      'P006/participants.csv:-:- file.empty error',
      'P007/participants.csv:2:- header.leading_blank warning',
      'P007/participants.csv:2:- header.unknown_column warning',
      'P007/participants.csv:2:enrolled_on header.duplicate_column error',
      'P008/participants.csv:1:enrolled_on header.missing_column error',
      'P009/participants.csv:1:- encoding.binary error',
      'partners.csv:7:partner_id partner.duplicate error',
    ]);
  });

  it('accounts for every record: read = used + rejected, file by file', () => {
    const rows = programme.files.map((f) => [f.path, f.read, f.used, f.rejected]);
    expect(rows).toEqual([
      ['lsoa_imd.csv', 4, 4, 0],
      ['population.csv', 7, 7, 0],
      ['partners.csv', 10, 9, 1],
      ['P001/participants.csv', 16, 8, 8],
      ['P002/client participants.csv', 3, 3, 0],
      ['P003/participants.csv', 4, 3, 1],
      ['P004/participants.csv', 2, 2, 0],
      ['P005/participants.csv', 1, 1, 0],
      ['P006/participants.csv', 0, 0, 0],
      ['P007/participants.csv', 1, 0, 1],
      ['P008/participants.csv', 2, 0, 2],
      ['P009/participants.csv', 3, 0, 3],
      ['P001/outcomes.csv', 15, 5, 10],
      ['P002/outcomes.csv', 7, 4, 3],
      ['P003/outcomes.csv', 2, 2, 0],
      ['P004/outcomes.csv', 1, 1, 0],
      ['P005/outcomes.csv', 0, 0, 0],
    ]);
    for (const f of programme.files) expect(f.read).toBe(f.used + f.rejected);
    expect(programme.totals).toEqual({
      participants: { read: 32, used: 17, rejected: 15 },
      outcomes: { read: 25, used: 12, rejected: 13 },
    });
  });

  it('lists files it does not read', () => {
    expect(programme.ignored).toEqual([
      { display: 'README.md', reason: 'not a file tides reads' },
      { display: 'notes.txt', reason: 'not a file tides reads' },
    ]);
  });

  it('reads aliased headers, decodes other encodings and keeps ids as text', () => {
    const ids = programme.episodes.people;
    const people = Array.from({ length: ids.size }, (_, i) => ids.text(i));
    expect(people).toContain('007'); // leading zeros kept
    expect(people).toEqual(expect.arrayContaining(['101', '102', '103', '302', '401']));
    expect(programme.episodes.cohorts.values).toEqual(
      expect.arrayContaining(['Tuesday, evening', 'two\r\nlines', 'Café group', 'Łódź']),
    );
  });

  it('derives the IMD decile from the LSOA when it is not given', () => {
    const e = programme.episodes;
    const person = e.people.findText('007');
    const episode = e.find(person, 0);
    expect(e.imdDecile.get(episode)).toBe(1);
  });

  it('pairs the earliest baseline with the latest follow-up and scores items', () => {
    const { pairs, episodes, measures } = programme;
    const score = (id: string, partner: number, measure: string, t: 0 | 1) => {
      const episode = episodes.find(episodes.people.findText(id), partner);
      const slot = pairs.slot(episode, measures.indexOf(measure));
      return pairs.score[t].get(slot);
    };
    expect(score('007', 0, 'ons_happiness', 0)).toBe(4); // 2016-04-02 beats 2016-04-03
    expect(score('007', 0, 'ons_happiness', 1)).toBe(7);
    expect(score('008', 0, 'ons_happiness', 1)).toBeNaN(); // follow-up before baseline rejected
    expect(score('101', 1, 'wemwbs', 0)).toBe(42);
    expect(score('101', 1, 'wemwbs', 1)).toBe(56); // 11 items of 4, 3 missing: 4 × 14
    expect(score('101', 1, 'swemwbs', 0)).toBe(19.25); // derived: raw 21 → 19.25
    expect(score('103', 1, 'swemwbs', 1)).toBe(20.73); // sent as raw 23
    expect(programme.scoring).toEqual({ prorated: 1, swemwbsConverted: 1, swemwbsDerived: 3 });
  });
});

describe('loadProgramme on unusable input', () => {
  it('refuses a missing folder and a folder without partners.csv', async () => {
    await expect(loadProgramme('fixtures/does-not-exist', { today: TODAY })).rejects.toThrow(
      UnusableInputError,
    );
    await expect(loadProgramme('fixtures/messy/P001', { today: TODAY })).rejects.toThrow(
      /no partners\.csv/,
    );
  });
});
