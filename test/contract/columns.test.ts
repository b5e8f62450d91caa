import { describe, expect, it } from 'vitest';
import { COLUMNS, type ColumnSpec, ITEM_COLUMNS } from '../../src/contract/columns.js';
import {
  isIdentifier,
  parseDate,
  parseIntegerInRange,
  parseLsoa,
  parseNumber,
} from '../../src/contract/values.js';
import { buildMeasureRegistry } from '../../src/measures/registry.js';

const wemwbs = buildMeasureRegistry().get('wemwbs');

/** Whether a column's example is a value tides reads without an issue. */
function exampleIsValid({ example, value }: ColumnSpec): boolean {
  switch (value.kind) {
    case 'id':
      return isIdentifier(example);
    case 'text':
      return example.trim() !== '';
    case 'date':
      return parseDate(example).ok;
    case 'whole':
      return parseIntegerInRange(example, value.min, value.max ?? Number.MAX_SAFE_INTEGER).ok;
    case 'amount': {
      const parsed = parseNumber(example, { allowGrouping: true });
      return parsed.ok && parsed.value >= 0;
    }
    case 'code':
      return value.codes.values.includes(example);
    case 'lsoa':
      return parseLsoa(example).ok;
    case 'flags':
      return /^[a-z_]+$/.test(example);
    case 'measure':
      return example === wemwbs?.id;
    case 'score': {
      const score = Number(example);
      return wemwbs !== undefined && score >= wemwbs.min && score <= wemwbs.max;
    }
    case 'item': {
      const items = wemwbs?.items;
      const answer = Number(example);
      return (
        items != null && value.item <= items.count && answer >= items.min && answer <= items.max
      );
    }
  }
}

describe('COLUMNS', () => {
  const all = Object.entries(COLUMNS).flatMap(([kind, specs]) =>
    specs.map((spec) => ({ kind, spec })),
  );

  it('describes every column in a sentence', () => {
    for (const { kind, spec } of all) {
      expect(spec.description, `${kind}.${spec.name}`).toMatch(/^\S.*\.$/);
    }
  });

  it('gives every column an example that tides reads without an issue', () => {
    for (const { kind, spec } of all) {
      expect(exampleIsValid(spec), `${kind}.${spec.name}: ${spec.example}`).toBe(true);
    }
  });

  it('numbers the item columns in order', () => {
    const items = COLUMNS.outcomes.filter((c) => c.value.kind === 'item');
    expect(items.map((c) => c.name)).toEqual(ITEM_COLUMNS);
    expect(items.map((c) => (c.value.kind === 'item' ? c.value.item : 0))).toEqual(
      ITEM_COLUMNS.map((_, i) => i + 1),
    );
  });
});
