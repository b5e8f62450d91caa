import { describe, expect, it } from 'vitest';
import { cohensDz } from '../../src/stats/cohensDz.js';

describe('cohensDz', () => {
  it('matches R mean(d)/sd(d)', () => {
    // Rscript -e 'options(digits=17); d <- c(3,3,3,-1,6,3,2,6,0,4); mean(d)/sd(d)'  => 1.2983628546942834
    expect(cohensDz([3, 3, 3, -1, 6, 3, 2, 6, 0, 4])).toBeCloseTo(1.2983628546942834, 13);
  });

  it('is hand-checkable: d = 1, 2, 3, 4 → 2.5 / √(5/3)', () => {
    expect(cohensDz([1, 2, 3, 4])).toBeCloseTo(2.5 / Math.sqrt(5 / 3), 14);
    expect(cohensDz([-1, -2, -3, -4])).toBeCloseTo(-2.5 / Math.sqrt(5 / 3), 14);
  });

  it('is NaN for n < 2 and for constant differences', () => {
    expect(cohensDz([])).toBeNaN();
    expect(cohensDz([2])).toBeNaN();
    expect(cohensDz([2, 2, 2])).toBeNaN();
    expect(cohensDz([0, 0])).toBeNaN();
    expect(cohensDz([0.1 + 0.2, 0.3])).toBeNaN();
  });

  it('is defined at n = 2', () => {
    // d = 1, 3: mean 2, sd √2
    expect(cohensDz([1, 3])).toBeCloseTo(2 / Math.SQRT2, 14);
  });

  it('rejects non-finite values', () => {
    expect(() => cohensDz([1, Number.NaN])).toThrow(/differences\[1\]/);
  });
});
