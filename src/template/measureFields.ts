import { COLUMNS, type ColumnValue } from '../contract/columns.js';
import type { MeasureDefinition } from '../measures/types.js';
import type { FieldFacts } from './field.js';

type MeasureValue = Extract<ColumnValue, { kind: 'measure' | 'score' | 'item' }>;

/**
 * The measure the examples of the outcome columns are for: the contract's example measure when
 * the template offers it, else the first measure offered.
 */
export function exampleMeasure(measures: readonly MeasureDefinition[]): MeasureDefinition {
  const example = COLUMNS.outcomes.find((c) => c.value.kind === 'measure')?.example;
  const measure = measures.find((m) => m.id === example) ?? measures[0];
  if (measure === undefined) throw new Error('a template needs at least one measure');
  return measure;
}

/**
 * The type, choices, limits and example of a column that depends on the measures offered: the
 * measure's id (one of them), its score (within the widest range) or item `k` (within the range
 * of the measures with `k` items or more).
 */
export function measureFieldFacts(
  value: MeasureValue,
  example: string,
  measures: readonly MeasureDefinition[],
): FieldFacts {
  const shown = exampleMeasure(measures);
  switch (value.kind) {
    case 'measure':
      return {
        type: 'string',
        choices: { values: measures.map((m) => m.id), several: false },
        example: shown.id,
      };
    case 'score':
      // A yes/no measure's answers are words: the column is text, of numbers or yes/no.
      if (measures.some((m) => m.type === 'binary')) {
        return {
          type: 'string',
          pattern: NUMBER_OR_YES_NO,
          example: shown.type === 'binary' ? 'yes' : exampleWithin(example, shown.min, shown.max),
        };
      }
      return {
        type: 'number',
        minimum: Math.min(...measures.map((m) => m.min)),
        maximum: Math.max(...measures.map((m) => m.max)),
        example: exampleWithin(example, shown.min, shown.max),
      };
    case 'item': {
      const having = measures.filter((m) => (m.items?.count ?? 0) >= value.item);
      const ranges = having.map((m) => m.items).filter((r) => r !== null);
      const first = (shown.items?.count ?? 0) >= value.item ? shown.items : ranges[0];
      const low = Math.min(...ranges.map((r) => r.min));
      const high = Math.max(...ranges.map((r) => r.max));
      return {
        type: 'integer',
        minimum: Number.isFinite(low) ? low : null,
        maximum: Number.isFinite(high) ? high : null,
        example: exampleWithin(
          example,
          first?.min ?? Number.NEGATIVE_INFINITY,
          first?.max ?? Number.POSITIVE_INFINITY,
        ),
      };
    }
  }
}

/**
 * A score, or a yes/no answer as tides reads it (yes/no, y/n, 1/0, true/false, in any case), as
 * an XML Schema pattern (which has no flag for case).
 */
export const NUMBER_OR_YES_NO =
  '-?[0-9]+(\\.[0-9]+)?|[Yy]([Ee][Ss])?|[Nn]([Oo])?|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]';

/** The contract's example when it is a whole number in [min, max], else a whole number there. */
function exampleWithin(example: string, min: number, max: number): string {
  const value = Number(example);
  if (Number.isInteger(value) && value >= min && value <= max) return example;
  if (!Number.isFinite(min)) return String(Number.isFinite(max) ? Math.floor(max) : 1);
  if (!Number.isFinite(max)) return String(Math.ceil(min));
  const middle = Math.round((min + max) / 2);
  return String(middle >= min && middle <= max ? middle : (min + max) / 2);
}
