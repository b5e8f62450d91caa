import { describe, expect, it } from 'vitest';
import { IMD_EDITIONS } from '../../src/contract/imd.js';
import { readBuiltinImd } from '../../src/load/builtinImd.js';

describe('the deprivation indices tides ships', () => {
  // The published facts the data's README states (checked against MHCLG's releases): a tenth
  // of LSOAs in each decile, and rank 1 in both editions E01021988 (Tendring, Jaywick).
  it.each([
    ['2019', 32_844, [3284, 3285]],
    ['2025', 33_755, [3375, 3376]],
  ] as const)(
    'reads the %s edition whole: %i LSOAs, a tenth in each decile',
    async (edition, size, tenth) => {
      const deciles = await readBuiltinImd(edition);
      expect(deciles.size).toBe(size);
      const perDecile = new Map<number, number>();
      for (const decile of deciles.values())
        perDecile.set(decile, (perDecile.get(decile) ?? 0) + 1);
      expect([...perDecile.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const count of perDecile.values()) expect(tenth).toContain(count);
      expect(deciles.get('E01021988')).toBe(1);
    },
  );

  it('has codes in one edition only where LSOAs changed in 2021', async () => {
    const [old, current] = await Promise.all(IMD_EDITIONS.map(readBuiltinImd));
    // E01033769 is a 2021 code; E01000010 a 2011 code abolished in 2021 (both from the files).
    expect(old?.has('E01033769')).toBe(false);
    expect(current?.get('E01033769')).toBeGreaterThan(0);
    expect(old?.get('E01000010')).toBeGreaterThan(0);
    expect(current?.has('E01000010')).toBe(false);
  });
});
