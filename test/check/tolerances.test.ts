import { describe, expect, it } from 'vitest';
import {
  allowedChange,
  buildTolerances,
  DEFAULT_TOLERANCE,
  parseTolerances,
  resolveTolerance,
  type Tolerances,
  unmatchedTolerances,
  withinTolerance,
} from '../../src/check/tolerances.js';
import { UnusableInputError } from '../../src/errors.js';

describe('withinTolerance: |current − baseline| ≤ max(abs, rel × |baseline|)', () => {
  it('passes a change exactly on the absolute boundary, also where binary floating point overshoots', () => {
    expect(withinTolerance(1, 1.5, { abs: 0.5, rel: 0 })).toBe(true);
    // 1.1 − 1 = 0.10000000000000009 in binary: still on the boundary as written.
    expect(withinTolerance(1, 1.1, { abs: 0.1, rel: 0 })).toBe(true);
    expect(withinTolerance(1, 0.9, { abs: 0.1, rel: 0 })).toBe(true);
  });

  it('fails a change just beyond the boundary', () => {
    expect(withinTolerance(1, 1.1000001, { abs: 0.1, rel: 0 })).toBe(false);
    expect(withinTolerance(1, 1.5000001, { abs: 0.5, rel: 0 })).toBe(false);
    expect(withinTolerance(0, 2e-9, DEFAULT_TOLERANCE)).toBe(false);
    expect(withinTolerance(0, 1e-9, DEFAULT_TOLERANCE)).toBe(true);
  });

  it('scales a relative tolerance by the baseline magnitude, for negative baselines too', () => {
    expect(withinTolerance(100, 101, { abs: 0, rel: 0.01 })).toBe(true);
    expect(withinTolerance(100, 101.001, { abs: 0, rel: 0.01 })).toBe(false);
    expect(withinTolerance(-200, -202, { abs: 0, rel: 0.01 })).toBe(true);
    expect(withinTolerance(-200, -197.9, { abs: 0, rel: 0.01 })).toBe(false);
  });

  it('takes the larger of the absolute and the relative allowance', () => {
    expect(allowedChange(100, { abs: 0.5, rel: 0.01 })).toBe(1);
    expect(allowedChange(10, { abs: 0.5, rel: 0.01 })).toBe(0.5);
    expect(withinTolerance(10, 10.5, { abs: 0.5, rel: 0.01 })).toBe(true);
    expect(withinTolerance(100, 100.9, { abs: 0.5, rel: 0.01 })).toBe(true);
    // A relative tolerance allows nothing around a zero baseline; the absolute part still does.
    expect(withinTolerance(0, 1e-12, { abs: 0, rel: 0.5 })).toBe(false);
    expect(withinTolerance(0, 1e-12, { abs: 1e-9, rel: 0.5 })).toBe(true);
  });

  it('asks for exact equality when both tolerances are zero', () => {
    const exact = { abs: 0, rel: 0 };
    expect(withinTolerance(0.1 + 0.2, 0.1 + 0.2, exact)).toBe(true);
    expect(withinTolerance(0.3, 0.1 + 0.2, exact)).toBe(false);
    expect(withinTolerance(-0, 0, exact)).toBe(true);
  });
});

describe('resolveTolerance: metric beats table beats default, part by part', () => {
  const tolerances: Tolerances = {
    default: { abs: 1e-9, rel: 0 },
    tables: { inequality: { abs: 0.05 }, wellbeing_change: { rel: 0.001 } },
    metrics: {
      'wellbeing_change.p_value': { rel: 0.01 },
      'inequality.sii': { abs: 0.2, rel: 0.1 },
    },
  };

  it('uses the default for a table and metric without their own', () => {
    expect(resolveTolerance(tolerances, 'reach', 'pct_core20')).toEqual({
      abs: 1e-9,
      rel: 0,
      source: 'default',
    });
  });

  it("uses a table's tolerance, keeping the default for the part it does not set", () => {
    expect(resolveTolerance(tolerances, 'inequality', 'gap')).toEqual({
      abs: 0.05,
      rel: 0,
      source: 'table',
    });
  });

  it("uses a metric's tolerance over its table's", () => {
    expect(resolveTolerance(tolerances, 'inequality', 'sii')).toEqual({
      abs: 0.2,
      rel: 0.1,
      source: 'metric',
    });
    expect(resolveTolerance(tolerances, 'wellbeing_change', 'p_value')).toEqual({
      abs: 1e-9,
      rel: 0.01,
      source: 'metric',
    });
    expect(resolveTolerance(tolerances, 'wellbeing_change', 'mean_change').rel).toBe(0.001);
  });
});

describe('buildTolerances: flags set the default', () => {
  it('is the built-in default without a file or flags', () => {
    expect(buildTolerances(null, {})).toEqual({
      default: DEFAULT_TOLERANCE,
      tables: {},
      metrics: {},
    });
  });

  it("replaces the file's default part by part, keeping its tables and metrics", () => {
    const file = parseTolerances(
      '{"default": {"abs": 0.001, "rel": 0.02}, "tables": {"inequality": {"abs": 0.05}}}',
      'tol.json',
    );
    const built = buildTolerances(file, { abs: 0.1 });
    expect(built.default).toEqual({ abs: 0.1, rel: 0.02 });
    expect(built.tables).toEqual({ inequality: { abs: 0.05 } });
  });
});

describe('parseTolerances', () => {
  it('reads the documented shape, every part optional', () => {
    const t = parseTolerances(
      '{"default": {"abs": 1e-6, "rel": 0}, "tables": {"inequality": {"abs": 0.05}}, "metrics": {"wellbeing_change.p_value": {"rel": 0.01}}}',
      'tol.json',
    );
    expect(t).toEqual({
      default: { abs: 1e-6, rel: 0 },
      tables: { inequality: { abs: 0.05 } },
      metrics: { 'wellbeing_change.p_value': { rel: 0.01 } },
    });
    expect(parseTolerances('{}', 'tol.json')).toEqual({
      default: DEFAULT_TOLERANCE,
      tables: {},
      metrics: {},
    });
  });

  it.each([
    ['not json', /tol\.json: not valid JSON/],
    ['[]', /tol\.json: expected an object/],
    ['{"tabels": {}}', /unknown key "tabels"/],
    ['{"default": {"abs": -1}}', /default\.abs must be a number ≥ 0, got -1/],
    [
      '{"tables": {"reach": {"abs": "0.1"}}}',
      /tables\.reach\.abs must be a number ≥ 0, got "0\.1"/,
    ],
    ['{"tables": {"reach": {"absolute": 0.1}}}', /unknown key "absolute"/],
    ['{"metrics": {"p_value": {"rel": 0.1}}}', /metric "p_value" must be written table\.column/],
    ['{"metrics": []}', /"metrics" must be an object/],
  ])('refuses %s as unusable input naming the file', (text, message) => {
    expect(() => parseTolerances(text, 'tol.json')).toThrow(UnusableInputError);
    expect(() => parseTolerances(text, 'tol.json')).toThrow(message);
  });
});

describe('unmatchedTolerances', () => {
  it('names tables and metrics that are in neither file', () => {
    const tolerances = parseTolerances(
      '{"tables": {"inequalty": {"abs": 1}, "reach": {"abs": 1}}, "metrics": {"reach.pct_core20": {"abs": 1}, "reach.pct_core": {"abs": 1}}}',
      'tol.json',
    );
    const columns = new Map([['reach', new Set(['partner_id', 'pct_core20'])]]);
    expect(unmatchedTolerances(tolerances, columns)).toEqual([
      'table "inequalty"',
      'metric "reach.pct_core"',
    ]);
  });
});
