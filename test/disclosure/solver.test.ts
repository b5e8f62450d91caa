import { describe, expect, it } from 'vitest';
import { lazySolver, RangeModel } from '../../src/disclosure/solver.js';

const solver = lazySolver();

describe('RangeModel', () => {
  // −3·x0 + x1 + x2 = 0 with x0 ≥ 1, 1 ≤ x1 ≤ 4, x2 ≥ 0. By hand: x0 = (x1 + x2) ÷ 3 grows
  // without bound as x2 does; x1 takes any value of its box (x2 = 3·x0 − x1 ≥ 0 for x0 large);
  // x2 = 3·x0 − x1 is least at x0 = 1, x1 = 3 (0) and unbounded above.
  const problem = {
    lower: [1, 1, 0],
    upper: [Number.POSITIVE_INFINITY, 4, Number.POSITIVE_INFINITY],
    rows: [{ indices: [0, 1, 2], values: [-3, 1, 1], lower: 0, upper: 0 }],
  };

  it('answers an unbounded maximise after a hot start (HiGHS alone stops with status unknown)', async () => {
    // In this order, HiGHS 1.15.3's hot start of "maximise x0" after "minimise x0" ends with
    // model status 15 (unknown), and again after a logical basis; only a cleared solver finds
    // it unbounded. Range must answer, not give up (null would leave the audit undecided).
    const model = new RangeModel(await solver(), problem);
    try {
      const seen: Float64Array[] = [];
      expect(
        model.range(
          0,
          () => false,
          (x) => seen.push(x),
        ),
      ).toBe('settled');
      expect(
        model.range(
          1,
          () => false,
          () => {},
        ),
      ).toEqual({ min: 1, max: 4 });
      expect(
        model.range(
          2,
          () => false,
          () => {},
        ),
      ).toBe('settled');
      // Each solution offered satisfies the relation.
      for (const x of seen)
        expect(-3 * (x[0] as number) + (x[1] as number) + (x[2] as number)).toBeCloseTo(0, 9);
    } finally {
      model.dispose();
    }
  });

  it('stops at the first value the caller settles for', async () => {
    const model = new RangeModel(await solver(), problem);
    try {
      expect(
        model.range(
          1,
          (v) => v === 1,
          () => {},
        ),
      ).toBe('settled');
      expect(model.extreme([2], 'minimise')?.[2]).toBeCloseTo(0, 9);
      expect(model.extreme([1], 'maximise')?.[1]).toBeCloseTo(4, 9);
    } finally {
      model.dispose();
    }
  });

  it('reports a problem with no solution as infeasible', async () => {
    const model = new RangeModel(await solver(), {
      lower: [0, 0],
      upper: [2, 2],
      rows: [{ indices: [0, 1], values: [1, 1], lower: 5, upper: 5 }],
    });
    try {
      expect(model.extreme([0], 'minimise')).toBe('infeasible');
    } finally {
      model.dispose();
    }
  });
});
