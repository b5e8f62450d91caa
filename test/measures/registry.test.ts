import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_MEASURE_IDS } from '../../src/contract/measures.js';
import { bandIndexOf, buildMeasureRegistry } from '../../src/measures/registry.js';

describe('the measure registry', () => {
  it('holds the built-in measures with their meaningful changes', () => {
    const registry = buildMeasureRegistry();
    expect(registry.measures.map((m) => m.id)).toEqual([
      'wemwbs',
      'swemwbs',
      'ons_life_satisfaction',
      'ons_worthwhile',
      'ons_happiness',
      'ons_anxiety',
    ]);
    // The contract's list (which the config's validation reads) is the registry's.
    expect(registry.measures.map((m) => m.id)).toEqual(BUILTIN_MEASURE_IDS);
    expect(registry.get('wemwbs')?.meaningfulChange).toBe(3);
    expect(registry.get('swemwbs')?.meaningfulChange).toBe(1);
    expect(registry.get('ons_anxiety')?.direction).toBe('lower_better');
    expect(registry.indexOf('ons_happiness')).toBe(4);
    expect(registry.indexOf('nope')).toBe(-1);
  });

  it('takes the config’s meaningful changes and custom measures', () => {
    const registry = buildMeasureRegistry({
      meaningful_change: { wemwbs: 4 },
      measures: {
        confidence: {
          min: 0,
          max: 10,
          direction: 'higher_better',
          meaningful_change: 2,
          bands: [{ label: 'low', up_to: 4 }, { label: 'high' }],
        },
      },
    } as never);
    expect(registry.get('wemwbs')?.meaningfulChange).toBe(4);
    const custom = registry.get('confidence');
    expect(custom).toMatchObject({ min: 0, max: 10, meaningfulChange: 2, items: null });
    expect(custom && bandIndexOf(custom, 3.9)).toBe(0);
    expect(custom && bandIndexOf(custom, 4)).toBe(1);
  });

  it('never reads a prototype’s property as a measure’s setting', () => {
    const registry = buildMeasureRegistry({ meaningful_change: {} } as never);
    expect(registry.get('constructor')).toBeUndefined();
    expect(registry.get('wemwbs')?.meaningfulChange).toBe(3);
  });

  it('finds the band of a score on the built-in measures, at and around every edge', () => {
    // Reference: the first band whose edge the score is below, or at when the band includes
    // its edge, read from the measure's Band objects.
    const registry = buildMeasureRegistry();
    const banded = registry.measures.filter((m) => m.bands.length > 0);
    expect(banded.length).toBeGreaterThan(0);
    for (const measure of banded) {
      const expected = (score: number) =>
        measure.bands.findIndex((b) => score < b.upTo || (b.inclusive && score === b.upTo));
      const edges = measure.bands.map((b) => b.upTo).filter(Number.isFinite);
      const scores = [
        ...edges.flatMap((e) => [e - 1, e - 0.5, e, e + 0.5, e + 1]),
        -1,
        0,
        1_000,
        Number.POSITIVE_INFINITY,
      ];
      for (const score of scores) expect(bandIndexOf(measure, score)).toBe(expected(score));
      fc.assert(
        fc.property(fc.double({ min: -10, max: 100, noNaN: true }), (score) => {
          expect(bandIndexOf(measure, score)).toBe(expected(score));
        }),
        { numRuns: 200 },
      );
    }
  });
});
