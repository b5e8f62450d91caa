import type { TemplateField } from './field.js';
import type { TemplateModel, TemplateTable } from './model.js';

/**
 * The Data Package (v2) profile the descriptor follows: https://datapackage.org/standard/.
 * Each file of the contract is a tabular Data Resource with a Table Schema.
 */
export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';

/**
 * The template's `datapackage.json`: a Frictionless Data Package describing every file of the
 * data contract, so that other tools (frictionless-py's `frictionless validate`, for one) can check
 * a return too. The schema says what the template asks for, which is a little stricter than what
 * tides reads: ISO dates only (tides also reads `DD/MM/YYYY`), codes as listed (tides also
 * reads other spellings and cases), plain numbers.
 */
export function dataPackage(model: TemplateModel): Record<string, unknown> {
  const title =
    model.programme === null ? 'Return template' : `${model.programme}: return template`;
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: 'tides-return',
    title: model.partner === null ? title : `${title} for partner ${model.partner}`,
    description:
      'The files a community health programme’s partners send, as tides reads them (tides template). ' +
      'participants.csv and outcomes.csv are the partner’s; partners.csv, population.csv and lsoa_imd.csv the commissioner’s.',
    resources: model.tables.map(resource),
  };
}

/** The descriptor as written: JSON with two-space indents and a final line end. */
export function dataPackageJson(model: TemplateModel): string {
  return `${JSON.stringify(dataPackage(model), null, 2)}\n`;
}

function resource(table: TemplateTable): Record<string, unknown> {
  return {
    name: table.kind,
    type: 'table',
    path: table.file,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    title: table.title,
    description: table.description,
    schema: {
      fields: table.fields.map(field),
      missingValues: [''],
      ...(table.primaryKey.length > 0 && { primaryKey: table.primaryKey }),
      ...(table.foreignKeys.length > 0 && {
        foreignKeys: table.foreignKeys.map((key) => ({
          fields: key.fields,
          reference: { resource: key.table, fields: key.tableFields },
        })),
      }),
    },
  };
}

function field(f: TemplateField): Record<string, unknown> {
  const numeric = f.type === 'integer' || f.type === 'number';
  const constraints = {
    ...(f.required && { required: true }),
    ...(f.choices !== null && !f.choices.several && { enum: f.choices.values }),
    ...(f.minimum !== null && { minimum: f.minimum }),
    ...(f.maximum !== null && { maximum: f.maximum }),
    ...(f.maxLength !== null && { maxLength: f.maxLength }),
    ...(f.pattern !== null && { pattern: f.pattern }),
  };
  return {
    name: f.name,
    type: f.type,
    ...(f.type === 'date' && { format: 'default' }),
    description: f.description,
    example: numeric ? Number(f.example) : f.example,
    ...(Object.keys(constraints).length > 0 && { constraints }),
  };
}
