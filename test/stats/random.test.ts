import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/stats/random.js';

// Reference values: an independent Python 3 implementation of the algorithms random.ts documents
// (splitmix32-style seeding with the murmur3 fmix32 finaliser, then xoshiro128** as in
// https://prng.di.unimi.it/xoshiro128starstar.c; next() = uint32 / 2³²; Box–Muller normal()):
//
//   import math
//   M = 0xFFFFFFFF
//   def rotl(x, k): return ((x << k) | (x >> (32 - k))) & M
//   def seeds(seed):
//       state = seed & M
//       while True:
//           state = (state + 0x9e3779b9) & M
//           z = state
//           z = ((z ^ (z >> 16)) * 0x85ebca6b) & M
//           z = ((z ^ (z >> 13)) * 0xc2b2ae35) & M
//           yield (z ^ (z >> 16)) & M
//   def gen(seed):
//       g = seeds(seed); s = [next(g) for _ in range(4)]
//       while True:
//           result = (rotl((s[1] * 5) & M, 7) * 9) & M
//           t = (s[1] << 9) & M
//           s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11)
//           yield result
//   for seed in (42, 0):
//       g = gen(seed); print(seed, [repr(next(g) / 4294967296) for _ in range(4)])
//   g = gen(7); u1 = 1 - next(g) / 4294967296; u2 = next(g) / 4294967296
//   r = math.sqrt(-2 * math.log(u1)); print(r * math.cos(2 * math.pi * u2), r * math.sin(2 * math.pi * u2))
//
// output:
//   42 ['0.6606157226487994', '0.12688010395504534', '0.11170196393504739', '0.8149394164793193']
//   0 ['0.8868539538234472', '0.26395898405462503', '0.012474989285692573', '0.6732365123461932']
//   -0.7277058970148659 -0.05604081564162932
describe('createRandom', () => {
  it('reproduces the reference xoshiro128** stream for seeds 42 and 0', () => {
    const a = createRandom(42);
    expect([a.next(), a.next(), a.next(), a.next()]).toEqual([
      0.6606157226487994, 0.12688010395504534, 0.11170196393504739, 0.8149394164793193,
    ]);
    const b = createRandom(0);
    expect([b.next(), b.next(), b.next(), b.next()]).toEqual([
      0.8868539538234472, 0.26395898405462503, 0.012474989285692573, 0.6732365123461932,
    ]);
  });

  it('gives Box–Muller normals, the cosine one first and the sine one cached', () => {
    const random = createRandom(7);
    expect(random.normal()).toBeCloseTo(-0.7277058970148659, 14);
    expect(random.normal()).toBeCloseTo(-0.05604081564162932, 14);
  });

  it('is reproducible and seed-dependent', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(123)).toEqual(draw(123));
    expect(draw(123)).not.toEqual(draw(124));
  });

  it('normal() has mean ≈ 0 and variance ≈ 1 over 10⁵ draws', () => {
    const random = createRandom(2024);
    let sum = 0;
    let squares = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const z = random.normal();
      sum += z;
      squares += z * z;
    }
    // Standard errors: 1/√n ≈ 0.0032 for the mean, √(2/n) ≈ 0.0045 for the variance.
    expect(Math.abs(sum / n)).toBeLessThan(0.015);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.02);
  });

  it('int(n) stays in [0, n) and rejects bad n', () => {
    const random = createRandom(5);
    for (let i = 0; i < 1000; i++) {
      const k = random.int(6);
      expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
    }
    expect(() => random.int(0)).toThrow(RangeError);
    expect(() => random.int(2.5)).toThrow(RangeError);
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });
});
