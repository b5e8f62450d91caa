import { describe, expect, it } from 'vitest';
import { recallPeriodsPerYear } from '../../src/contract/recall.js';

describe('recallPeriodsPerYear', () => {
  it.each([
    ['3 months', 4],
    ['1 month', 12],
    ['12 Months', 1],
    ['4 weeks', 365.25 / 28],
    ['90 days', 365.25 / 90],
    ['1 year', 1],
    [' 6 months ', 2],
  ])('%s: %d a year', (text, perYear) => {
    expect(recallPeriodsPerYear(text)).toBeCloseTo(perYear, 12);
  });

  it.each(['a while', '0 months', '-3 months', 'three months', '3 fortnights', ''])(
    'refuses %j',
    (text) => {
      expect(recallPeriodsPerYear(text)).toBeNull();
    },
  );
});
