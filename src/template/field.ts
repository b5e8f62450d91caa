/** The Table Schema types a template's columns have (dates are ISO `YYYY-MM-DD`). */
export type FieldType = 'string' | 'integer' | 'number' | 'date';

/** The values a column offers: one of a closed list, or (`several`) flags separated by `;`. */
export interface Choices {
  readonly values: readonly string[];
  readonly several: boolean;
}

/** One column of a template: what the contract says of it, resolved for this programme. */
export interface TemplateField {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  /** A value that reads without an issue, as it is written in a CSV cell. */
  readonly example: string;
  readonly type: FieldType;
  readonly choices: Choices | null;
  readonly minimum: number | null;
  readonly maximum: number | null;
  /** An XML Schema regular expression the whole value must match (Table Schema's `pattern`). */
  readonly pattern: string | null;
  readonly maxLength: number | null;
  /** What a cell may hold, in words (the workbook's Guidance sheet). */
  readonly accepted: string;
}

/** What a column's kind of value decides: its type, and any example, choices and limits. */
export type FieldFacts = Pick<TemplateField, 'type'> &
  Partial<
    Pick<TemplateField, 'example' | 'choices' | 'minimum' | 'maximum' | 'pattern' | 'maxLength'>
  >;
