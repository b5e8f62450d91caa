import type { ColumnValue } from '../contract/columns.js';
import { MAX_ID_LENGTH } from '../contract/values.js';
import type { MeasureDefinition } from '../measures/types.js';
import type { TemplateField } from './field.js';

/**
 * What a cell of a column may hold, in words, for the workbook's Guidance sheet: written from
 * the same limits and lists as the template's checks, so the two say the same.
 */
export function describeAccepted(
  value: ColumnValue,
  field: Omit<TemplateField, 'accepted'>,
  measures: readonly MeasureDefinition[],
): string {
  if (field.choices !== null && !field.choices.several && value.kind !== 'measure') {
    return `one of: ${field.choices.values.join(', ')}`;
  }
  switch (value.kind) {
    case 'id':
      return `text of 1 to ${MAX_ID_LENGTH} characters`;
    case 'text':
      return 'any text';
    case 'date':
      return 'a date, YYYY-MM-DD (DD/MM/YYYY is read too), not after today';
    case 'whole':
      return value.max === null
        ? `a whole number, ${value.min} or more`
        : `a whole number from ${value.min} to ${value.max}`;
    case 'amount':
      return 'an amount in pounds, 0 or more (£ and thousands separators are read too)';
    case 'code':
      return `one of: ${value.codes.values.join(', ')}`;
    case 'lsoa':
      return 'E01 followed by 6 digits';
    case 'flags':
      return field.choices === null
        ? 'names of groups, separated by ; (or none)'
        : `one or more of: ${field.choices.values.filter((v) => v !== 'none').join(', ')}, separated by ; (or none)`;
    case 'measure':
      return `one of: ${measures.map((m) => (m.label === m.id ? m.id : `${m.id} (${m.label})`)).join(', ')}`;
    case 'score':
      return `${measures.map(scoreAccepted).join('; ')}; may be empty when the items are given`;
    case 'item': {
      const having = measures.filter((m) => (m.items?.count ?? 0) >= value.item);
      const ranges = having.map((m) => `${m.id} ${range(m.items?.min, m.items?.max)}`);
      return `a whole number: ${ranges.join(', ')}; empty for measures with fewer items`;
    }
  }
}

function scoreAccepted(m: MeasureDefinition): string {
  if (m.type === 'binary') return `${m.id} yes or no (also y/n, 1/0, true/false)`;
  if (m.type === 'count') {
    const over = m.recallPeriod ? ` over ${m.recallPeriod}` : '';
    return `${m.id} a whole number ${range(m.min, m.max)}${over}`;
  }
  return `${m.id} ${range(m.min, m.max)}${m.wholeScores ? ' (whole numbers)' : ''}`;
}

function range(min: number | undefined, max: number | undefined): string {
  const low = min !== undefined && Number.isFinite(min) ? String(min) : null;
  const high = max !== undefined && Number.isFinite(max) ? String(max) : null;
  if (low !== null && high !== null) return `${low}–${high}`;
  if (low !== null) return `${low} or more`;
  if (high !== null) return `up to ${high}`;
  return 'any';
}
