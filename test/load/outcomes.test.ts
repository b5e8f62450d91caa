import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

const HEADER =
  'participant_id,partner_id,cohort,enrolled_on,age,sex,ethnicity,disability,lsoa,imd_decile,inclusion_groups\n';

/**
 * Outcome records of one person, one after another, that change partner or measure between
 * them (the merge reuses a record's person, episode and pair for the next record with the same
 * id, partner and measure), and an unknown id twice in a row.
 */
const FILES: Record<string, string> = {
  'partners.csv': 'partner_id,partner_name\nA,Alpha\nB,Beta\n',
  'A/participants.csv': `${HEADER}1,A,Mon,2016-04-01,30,female,white,no,,3,\n2,A,Mon,2016-04-02,40,male,white,no,,4,\n`,
  'B/participants.csv': `${HEADER}1,B,Wed,2017-05-01,31,female,white,no,,3,\n`,
  'A/outcomes.csv':
    'participant_id,partner_id,measure,timepoint,recorded_on,score\n' +
    '1,A,ons_happiness,baseline,2016-04-01,5\n' +
    '1,B,ons_happiness,baseline,2017-05-01,6\n' +
    '1,B,ons_happiness,followup,2017-08-01,8\n' +
    '1,A,ons_happiness,followup,2016-07-01,7\n' +
    '1,A,ons_anxiety,baseline,2016-04-01,4\n' +
    '1,A,ons_anxiety,followup,2016-07-01,2\n' +
    '9,A,ons_happiness,baseline,2016-04-01,5\n' +
    '9,A,ons_happiness,followup,2016-07-01,6\n' +
    '2,A,ons_happiness,baseline,2016-04-02,3\n' +
    '2,A,ons_happiness,baseline,2016-04-01,1\n',
};

describe('mergeOutcomes', () => {
  it("gives each record its own person, partner and measure's pair, whatever came before it", async () => {
    const { programme, issues } = await loadWithIssues(writeProgramme(FILES), {
      today: dayNumber(2024, 1, 1),
    });
    const { pairs, episodes, partners, measures } = programme;
    const people = ['1', '2'].map((id) => [episodes.people.findText(id), id] as const);
    const idOf = new Map(people);
    const pairsRead: string[] = [];
    for (let slot = 0; slot < pairs.count; slot++) {
      const episode = pairs.episode.get(slot);
      const who = `${idOf.get(episodes.person.get(episode))}@${partners[episodes.partner.get(episode)]?.id}`;
      const measure = measures.measures[pairs.measure.get(slot)]?.id;
      pairsRead.push(`${who} ${measure} ${pairs.score[0].get(slot)}→${pairs.score[1].get(slot)}`);
    }
    expect(pairsRead.sort()).toEqual([
      '1@A ons_anxiety 4→2',
      '1@A ons_happiness 5→7',
      '1@B ons_happiness 6→8',
      // The earlier of two baselines, and no follow-up.
      '2@A ons_happiness 1→NaN',
    ]);
    const unmatched = issues
      .filter((issue) => issue.rule === 'outcome.no_episode')
      .map((issue) => issue.line);
    expect(unmatched).toEqual([8, 9]);
  });
});
