import { describe, expect, it } from 'vitest';
import { baselineSlots, MeasureSlotIndex, personSlots } from '../../src/metrics/slots.js';
import type { Programme } from '../../src/model/programme.js';
import { useGeneratedProgramme } from '../helpers/programme.js';

let programme: Programme;
useGeneratedProgramme((loaded) => {
  programme = loaded;
});

/**
 * Reference: each person's slot of their earliest-enrolled episode (the episode read first on
 * a tie), by a Map over the slots, in slot order.
 */
function referencePeople(slots: Int32Array): number[] {
  const { pairs, episodes } = programme;
  const best = new Map<number, number>();
  for (const slot of slots) {
    const episode = pairs.episode.get(slot);
    const person = episodes.person.get(episode);
    const current = best.get(person);
    if (current === undefined) {
      best.set(person, slot);
      continue;
    }
    const other = pairs.episode.get(current);
    const [day, otherDay] = [episodes.enrolledOn.get(episode), episodes.enrolledOn.get(other)];
    if (day < otherDay || (day === otherDay && episode < other)) best.set(person, slot);
  }
  const chosen = new Set(best.values());
  return [...slots].filter((slot) => chosen.has(slot));
}

describe('personSlots', () => {
  it('gives each person one slot, measure after measure, with one scratch array left as it was', () => {
    const scratch = new Int32Array(programme.episodes.personCount).fill(-1);
    const measures = baselineSlots(programme, null);
    let shared = 0;
    for (const slots of measures) {
      const expected = referencePeople(slots);
      // Several slots of one person in a measure: the case the choice is about.
      if (expected.length < slots.length) shared++;
      expect([...personSlots(programme, slots, scratch)]).toEqual(expected);
      expect(scratch.every((value) => value === -1)).toBe(true);
      expect([...personSlots(programme, slots)]).toEqual(expected);
    }
    expect(shared).toBeGreaterThan(0);
  });

  it('is what the index gives for each measure and period', () => {
    const index = new MeasureSlotIndex(programme);
    for (const period of [null, '2016-17']) {
      baselineSlots(programme, period).forEach((slots, m) => {
        expect([...index.of(m, period).slots]).toEqual([...slots]);
        expect([...index.of(m, period).people]).toEqual(referencePeople(slots));
      });
    }
  });
});
