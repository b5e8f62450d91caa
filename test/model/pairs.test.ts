import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DERIVED, type Observation, PairStore, UNDATED } from '../../src/model/pairs.js';

describe('PairStore', () => {
  it('finds the slot of each episode × measure, as a Map would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 30 }), fc.nat({ max: 5 })), { maxLength: 300 }),
        (lookups) => {
          const pairs = new PairStore(6, 31);
          const reference = new Map<string, number>();
          const wrong = lookups.filter(([episode, measure]) => {
            const key = `${episode}/${measure}`;
            const expected = reference.get(key) ?? reference.size;
            reference.set(key, expected);
            const slot = pairs.slot(episode, measure);
            return (
              slot !== expected ||
              pairs.episode.get(slot) !== episode ||
              pairs.measure.get(slot) !== measure
            );
          });
          expect({ wrong: wrong.length, count: pairs.count }).toEqual({
            wrong: 0,
            count: reference.size,
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  // Files of various lengths, each record kept at its own slot, read back with its file and
  // line; a limit of 100 makes the positions widen from 32-bit integers to doubles part way.
  for (const limit of [2_147_483_647, 100]) {
    it(`gives back where each kept record came from (source limit ${limit})`, () => {
      const pairs = new PairStore(2, 1000, limit);
      const kept: { slot: number; t: 0 | 1; obs: Observation }[] = [];
      const lastLines = [1, 40, 0, 75, 3];
      let episode = 0;
      lastLines.forEach((lastLine, file) => {
        pairs.beginFile(file);
        // As the merge does, piece by piece: the lines a piece reaches before its records.
        pairs.reachLine(Math.floor(lastLine / 2));
        pairs.reachLine(lastLine);
        for (let line = 2; line <= lastLine; line += 3) {
          const t = line % 2 === 0 ? 0 : 1;
          const measure = line % 4 === 1 ? 1 : 0;
          const slot = pairs.slot(episode++, measure);
          const obs = { score: line / 4, day: line === 5 ? UNDATED : 20000 + line, file, line };
          pairs.offer(slot, t ? 'followup' : 'baseline', obs);
          kept.push({ slot, t, obs });
          // A record derived from the same row (as SWEMWBS from WEMWBS items).
          const derivedSlot = pairs.slot(episode - 1, 1 - measure);
          const derived = { ...obs, file: DERIVED };
          pairs.offer(derivedSlot, t ? 'followup' : 'baseline', derived);
          kept.push({ slot: derivedSlot, t, obs: derived });
        }
      });
      const wrong = kept.filter(({ slot, t, obs }) => {
        const got = pairs.get(slot, t);
        return (
          got.file !== obs.file ||
          got.line !== obs.line ||
          got.score !== obs.score ||
          got.day !== obs.day
        );
      });
      expect({ kept: kept.length, wrong: wrong.length }).toEqual({ kept: 78, wrong: 0 });
    });
  }

  it('keeps the earliest baseline and names the one it displaced', () => {
    const pairs = new PairStore(1, 1);
    pairs.beginFile(0);
    pairs.reachLine(10);
    const slot = pairs.slot(0, 0);
    pairs.offer(slot, 'baseline', { score: 40, day: 20010, file: 0, line: 4 });
    pairs.beginFile(1);
    pairs.reachLine(8);
    const offer = pairs.offer(slot, 'baseline', { score: 45, day: 20005, file: 1, line: 8 });
    expect(offer).toEqual({
      kept: true,
      displaced: { score: 40, day: 20010, file: 0, line: 4 },
    });
    expect(pairs.get(slot, 0)).toEqual({ score: 45, day: 20005, file: 1, line: 8 });
  });
});
