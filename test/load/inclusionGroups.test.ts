import { describe, expect, it } from 'vitest';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

const HEADER = 'participant_id,partner_id,enrolled_on,inclusion_groups\n';

/** A participant file of 20 people of a partner, numbered from `from`, in the groups given. */
function people(partner: string, from: number, groups: (i: number) => string[]): string {
  const rows = Array.from({ length: 20 }, (_, i) => {
    const id = `${partner}${from + i}`;
    return `${id},${partner},2016-05-01,${groups(i).join(';')}`;
  });
  return `${HEADER}${rows.join('\n')}\n`;
}

describe('inclusion groups', () => {
  it('counts at most 32 groups over the whole programme, naming each one dropped', async () => {
    // Partner A's people are in groups g0–g19, one each; B's in two each, g10–g29 and g20–g39:
    // 40 groups in all. The first 32 seen, in file order, are counted (A's 20, then B's g20–g31);
    // g32–g39 are dropped, with a warning on each row that names one.
    const dir = writeProgramme({
      'partners.csv': 'partner_id,partner_name\nA,Alpha\nB,Beta\n',
      'A/participants.csv': people('A', 0, (i) => [`g${i}`]),
      'B/participants.csv': people('B', 100, (i) => [`g${i + 10}`, `g${i + 20}`]),
      'A/outcomes.csv': 'participant_id,partner_id,measure,timepoint,recorded_on,score\n',
    });
    const { programme, issues } = await loadWithIssues(dir, { today: 21_000 });
    const groups = programme.episodes.inclusionGroups.values;
    expect(groups).toHaveLength(32);
    expect(groups.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `g${i}`));
    const dropped = issues.filter((i) => i.column === 'inclusion_groups');
    expect(dropped.map((i) => i.value)).toEqual([
      'g32',
      'g33',
      'g34',
      'g35',
      'g36',
      'g37',
      'g38',
      'g39',
    ]);
    expect(dropped.every((i) => i.severity === 'warning' && i.file === 'B/participants.csv')).toBe(
      true,
    );
    expect(dropped[0]?.message).toBe('more than 32 different inclusion groups: g32 is not counted');
    // Every row is still used: only the group is dropped.
    expect(programme.totals.participants).toEqual({ read: 40, used: 40, rejected: 0 });
    // Person B119 is in g29 and g39: only g29 is counted.
    const e = programme.episodes;
    const episode = e.find(e.people.findText('B119'), 1);
    const bits = e.inclusion.get(episode);
    expect(groups.filter((_, bit) => (bits & (1 << bit)) !== 0)).toEqual(['g29']);
  });
});
