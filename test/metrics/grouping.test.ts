import { describe, expect, it } from 'vitest';
import {
  categoriesOf,
  codeDimension,
  DIMENSIONS,
  episodeMembers,
  type Members,
} from '../../src/metrics/grouping.js';
import { baselineSlots, slotMembers } from '../../src/metrics/slots.js';
import type { Programme } from '../../src/model/programme.js';
import { useGeneratedProgramme } from '../helpers/programme.js';

let programme: Programme;
useGeneratedProgramme((loaded) => {
  programme = loaded;
});

/**
 * Reference: members numbered by the episode value their categories follow from (written out
 * here, dimension by dimension; the day they count in for `year`), in order of first appearance.
 */
function reference(dimension: (typeof DIMENSIONS)[number], members: Members) {
  const e = programme.episodes;
  const source: Record<string, { get(episode: number): number }> = {
    partner_id: e.partner,
    partner_type: e.partner,
    theme: e.partner,
    cohort: e.cohort,
    imd_decile: e.imdDecile,
    imd_quintile: e.imdDecile,
    sex: e.sex,
    age_band: e.age,
    ethnicity: e.ethnicity,
    ethnicity_detail: e.ethnicityDetail,
    disability: e.disability,
    inclusion_group: e.inclusion,
  };
  const numbers = new Map<number, number>();
  const categories: (readonly string[])[] = [];
  const codes = Array.from(members.ids, (id) => {
    const episode = members.episodeOf(id);
    const value =
      dimension === 'year' ? members.dayOf(id) : (source[dimension]?.get(episode) as number);
    if (!numbers.has(value)) {
      numbers.set(value, numbers.size);
      categories.push(categoriesOf(programme, dimension, episode, members.dayOf(id)));
    }
    return numbers.get(value) as number;
  });
  return { codes, categories };
}

describe('codeDimension', () => {
  it('codes episodes and pair slots on every dimension as their categories say', () => {
    const episodes = Int32Array.from({ length: programme.episodes.count }, (_, i) => i);
    const slots = baselineSlots(programme, null).filter((s) => s.length > 0);
    const memberSets: [string, Members][] = [
      ['episodes', episodeMembers(programme, episodes)],
      ...slots.map((s, m): [string, Members] => [
        `slots of measure ${m}`,
        slotMembers(programme, s),
      ]),
    ];
    for (const [name, members] of memberSets) {
      for (const dimension of DIMENSIONS) {
        const coded = codeDimension(programme, dimension, members);
        const expected = reference(dimension, members);
        expect({ name, dimension, codes: [...coded.codes] }).toEqual({
          name,
          dimension,
          codes: expected.codes,
        });
        expect(coded.categories).toEqual(expected.categories);
        // And so each member's code stands for its own categories.
        const own = Array.from(members.ids, (id) =>
          categoriesOf(programme, dimension, members.episodeOf(id), members.dayOf(id)).join('|'),
        );
        const byCode = Array.from(coded.codes, (code) => coded.categories[code]?.join('|'));
        expect(byCode).toEqual(own);
      }
    }
  });
});
