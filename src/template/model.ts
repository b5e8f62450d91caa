import type { TidesConfig } from '../config/types.js';
import { TOTAL_LABEL } from '../contract/codes.js';
import { COLUMNS, type ColumnSpec, type FileKind } from '../contract/columns.js';
import { isIdentifier, LSOA_PATTERN, MAX_ID_LENGTH } from '../contract/values.js';
import { UsageError } from '../errors.js';
import { buildMeasureRegistry } from '../measures/registry.js';
import type { MeasureDefinition } from '../measures/types.js';
import { describeAccepted } from './accepted.js';
import type { FieldFacts, TemplateField } from './field.js';
import { measureFieldFacts } from './measureFields.js';

export type { Choices, FieldType, TemplateField } from './field.js';

/** A foreign key: `fields` of this table name a row of `table` by its `fields`. */
export interface TemplateReference {
  readonly fields: readonly string[];
  readonly table: FileKind;
  readonly tableFields: readonly string[];
}

/** One file of the data contract, as the template writes it. */
export interface TemplateTable {
  readonly kind: FileKind;
  /** The file's name in the template folder. */
  readonly file: string;
  /** The workbook's sheet for the file, or null: the workbook holds only the partner's return. */
  readonly sheet: string | null;
  readonly title: string;
  readonly description: string;
  readonly fields: readonly TemplateField[];
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly TemplateReference[];
}

/** Everything the template's files are written from. */
export interface TemplateModel {
  /** The programme's name from the config, if it gives one. */
  readonly programme: string | null;
  /** The partner whose return it is, or null for any partner. */
  readonly partner: string | null;
  readonly measures: readonly MeasureDefinition[];
  /** The contract's files, in the README's order. */
  readonly tables: readonly TemplateTable[];
}

/** What a template is made for. */
export interface TemplateChoices {
  /** The partner whose return it is: its only allowed partner_id. */
  readonly partner?: string;
  /** The measures partners may send (default: every measure, built in or in the config). */
  readonly measures?: readonly string[];
}

interface TableText {
  readonly file: string;
  readonly sheet: string | null;
  readonly title: string;
  readonly description: string;
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly TemplateReference[];
}

const TO_PARTNER: TemplateReference = {
  fields: ['partner_id'],
  table: 'partners',
  tableFields: ['partner_id'],
};

const TABLES: Readonly<Record<FileKind, TableText>> = {
  partners: {
    file: 'partners.csv',
    sheet: null,
    title: 'Partners',
    description: 'The programme’s funded partners, one row each (the commissioner’s file).',
    primaryKey: ['partner_id'],
    foreignKeys: [],
  },
  participants: {
    file: 'participants.csv',
    sheet: 'Participants',
    title: 'Participants',
    description: 'One row per person enrolled at the partner.',
    primaryKey: ['participant_id', 'partner_id'],
    foreignKeys: [TO_PARTNER],
  },
  outcomes: {
    file: 'outcomes.csv',
    sheet: 'Outcomes',
    title: 'Outcomes',
    description:
      'One row per person, measure and timepoint: the questionnaire’s score, or its answers item by item.',
    primaryKey: [],
    foreignKeys: [
      TO_PARTNER,
      {
        fields: ['participant_id', 'partner_id'],
        table: 'participants',
        tableFields: ['participant_id', 'partner_id'],
      },
    ],
  },
  population: {
    file: 'population.csv',
    sheet: null,
    title: 'Population',
    description:
      'Residents of the programme’s area by characteristic (optional: for rates per 1,000 residents and representation).',
    primaryKey: ['dimension', 'group'],
    foreignKeys: [],
  },
  lsoa_imd: {
    file: 'lsoa_imd.csv',
    sheet: null,
    title: 'LSOA deprivation',
    description:
      'The IMD decile of each LSOA of the area (optional: gives imd_decile from a participant’s lsoa).',
    primaryKey: ['lsoa'],
    foreignKeys: [],
  },
  // Not a template: the ONS publishes the directory; a programme drops it in as it is.
  postcodes: {
    file: 'postcodes.csv',
    sheet: null,
    title: 'Postcode directory',
    description:
      'An ONS postcode directory (NSPL or ONSPD, as published): gives a participant’s postcode its LSOA.',
    primaryKey: ['pcds'],
    foreignKeys: [],
  },
};

/**
 * The files a template holds: every file of the contract but the postcode directory, which the
 * ONS publishes (a programme drops it in as it is; nobody fills it in).
 */
export const TEMPLATE_KINDS: readonly FileKind[] = [
  'partners',
  'participants',
  'outcomes',
  'population',
  'lsoa_imd',
];

/**
 * The template of a programme's returns, from the data contract (contract/columns.ts), the code
 * lists and the measures the config defines: one table per file of the contract, each column
 * with its type, accepted values, limits, meaning and an example.
 *
 * @throws {UsageError} for a partner id that cannot be one, or a measure that is not known
 */
export function templateModel(config: TidesConfig, choices: TemplateChoices = {}): TemplateModel {
  const partner = checkPartner(choices.partner);
  const measures = chooseMeasures(config, choices.measures);
  const itemCount = Math.max(0, ...measures.map((m) => m.items?.count ?? 0));
  const groups = config.inclusion_groups ?? null;
  const tables = TEMPLATE_KINDS.map((kind): TemplateTable => {
    const text = TABLES[kind];
    const specs = COLUMNS[kind].filter(
      (spec) => spec.value.kind !== 'item' || spec.value.item <= itemCount,
    );
    const isReturn = kind === 'participants' || kind === 'outcomes';
    return {
      kind,
      ...text,
      fields: specs.map((spec) =>
        templateField(spec, { measures, groups, partner, restrictPartner: isReturn }),
      ),
    };
  });
  return { programme: config.programme ?? null, partner, measures, tables };
}

interface FieldContext {
  readonly measures: readonly MeasureDefinition[];
  readonly groups: readonly string[] | null;
  readonly partner: string | null;
  /** Whether partner_id may only be the template's partner (the partner's own files). */
  readonly restrictPartner: boolean;
}

function templateField(spec: ColumnSpec, context: FieldContext): TemplateField {
  const field = {
    name: spec.name,
    required: spec.required,
    description: spec.description,
    example: spec.example,
    choices: null,
    minimum: null,
    maximum: null,
    pattern: null,
    maxLength: null,
    ...fieldFacts(spec, context),
  };
  return { ...field, accepted: describeAccepted(spec.value, field, context.measures) };
}

function fieldFacts(spec: ColumnSpec, context: FieldContext): FieldFacts {
  const value = spec.value;
  switch (value.kind) {
    case 'id':
      if (spec.name === 'partner_id' && context.partner !== null) {
        const example = context.partner;
        return context.restrictPartner
          ? { type: 'string', example, choices: { values: [example], several: false } }
          : { type: 'string', example, maxLength: MAX_ID_LENGTH };
      }
      return { type: 'string', maxLength: MAX_ID_LENGTH };
    case 'text':
      return { type: 'string' };
    case 'date':
      return { type: 'date' };
    case 'whole':
      return { type: 'integer', minimum: value.min, maximum: value.max };
    case 'amount':
      return { type: 'number', minimum: 0 };
    case 'code':
      return { type: 'string', choices: { values: value.codes.values, several: false } };
    case 'lsoa':
      return { type: 'string', pattern: LSOA_PATTERN };
    case 'flags':
      return context.groups === null
        ? { type: 'string' }
        : flagsField(context.groups, spec.example);
    case 'measure':
    case 'score':
    case 'item':
      return measureFieldFacts(value, spec.example, context.measures);
  }
}

/** The config's inclusion groups (and `none`), several to a cell, separated by `;`. */
function flagsField(groups: readonly string[], example: string): FieldFacts {
  const values = [...groups, 'none'];
  const one = `(${values.map(escapeXsd).join('|')})`;
  return {
    type: 'string',
    choices: { values, several: true },
    pattern: `${one}(;${one})*`,
    example: groups.includes(example) ? example : (groups[0] ?? 'none'),
  };
}

/** Escapes the characters that XML Schema regular expressions treat as special. */
export function escapeXsd(text: string): string {
  return text.replace(/[\\|.?*+(){}[\]^-]/g, (c) => `\\${c}`);
}

function checkPartner(partner: string | undefined): string | null {
  if (partner === undefined) return null;
  if (!isIdentifier(partner)) {
    throw new UsageError(
      `--partner must be a partner_id of 1 to ${MAX_ID_LENGTH} printable characters, got "${partner}"`,
    );
  }
  if (partner === TOTAL_LABEL) {
    throw new UsageError(
      `--partner cannot be ${TOTAL_LABEL}: it names the total rows of every table`,
    );
  }
  return partner;
}

/** The measures asked for, in the order asked (each once), or every measure the config knows. */
function chooseMeasures(
  config: TidesConfig,
  ids: readonly string[] | undefined,
): readonly MeasureDefinition[] {
  const registry = buildMeasureRegistry(config);
  if (ids === undefined) return registry.measures;
  if (ids.length === 0) throw new UsageError('--measures must name at least one measure');
  const chosen: MeasureDefinition[] = [];
  for (const id of ids) {
    const measure = registry.get(id);
    if (measure === undefined) {
      throw new UsageError(
        `"${id}" is not a measure; use ${registry.measures.map((m) => m.id).join(', ')} (or define it in tides.config.json)`,
      );
    }
    if (!chosen.includes(measure)) chosen.push(measure);
  }
  return chosen;
}
