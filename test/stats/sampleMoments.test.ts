import { describe, expect, it } from 'vitest';
import { sampleMoments } from '../../src/stats/sampleMoments.js';

describe('sampleMoments', () => {
  it('gives n, the mean and the sample SD (divisor n − 1)', () => {
    // By hand: mean 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sd = √(32 / 7).
    // R: x <- c(2,4,4,4,5,5,7,9); c(mean(x), sd(x)) gives 5 2.138089935299395
    const m = sampleMoments([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.n).toBe(8);
    expect(m.mean).toBe(5);
    expect(m.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it('gives an SD of 0 for constant data, not rounding noise', () => {
    // Σx² − n·x̄² would give a small non-zero value for 0.1 repeated; two passes give 0.
    expect(sampleMoments(new Float64Array(1000).fill(0.1)).sd).toBe(0);
  });

  it('gives NaN where the figure does not exist', () => {
    expect(sampleMoments([]).mean).toBeNaN();
    expect(sampleMoments([3]).mean).toBe(3);
    expect(sampleMoments([3]).sd).toBeNaN();
  });

  it('refuses values that are not finite numbers, naming the index', () => {
    expect(() => sampleMoments([1, Number.NaN], 'scores')).toThrow(
      'scores[1] must be a finite number',
    );
    expect(() => sampleMoments(null as unknown as number[])).toThrow(TypeError);
  });
});
