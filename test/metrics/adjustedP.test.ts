import { describe, expect, it } from 'vitest';
import { adjustFamily } from '../../src/metrics/adjustedP.js';
import { NOT_AVAILABLE } from '../../src/metrics/table.js';

describe('adjustFamily', () => {
  // By hand from R's definitions (p.adjust): Holm multiplies the i-th smallest of m p-values by
  // m − i + 1 and keeps a running maximum; BH multiplies by m / i and keeps a running minimum
  // from the largest. p = (0.01, 0.04, 0.03, 0.005):
  //   Holm: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, max(0.04·1, 0.06) = 0.06
  //   BH:   0.04·4/4 = 0.04, min(0.03·4/3, 0.04) = 0.04, 0.01·4/2 = 0.02, min(0.005·4, 0.02) = 0.02
  const p = [0.01, 0.04, 0.03, 0.005];

  it('adjusts by Holm in the order given', () => {
    const holm = adjustFamily(p, 'holm') as number[];
    for (const [i, v] of [0.03, 0.06, 0.06, 0.02].entries()) expect(holm[i]).toBeCloseTo(v, 12);
  });

  it('adjusts by Benjamini–Hochberg in the order given', () => {
    const bh = adjustFamily(p, 'bh') as number[];
    for (const [i, v] of [0.02, 0.04, 0.04, 0.02].entries()) expect(bh[i]).toBeCloseTo(v, 12);
  });

  it('gives [x] for a family of one (no multiple comparison) and nothing for none', () => {
    expect(adjustFamily([0.2], 'holm')).toEqual([NOT_AVAILABLE]);
    expect(adjustFamily([], 'bh')).toEqual([]);
  });
});
