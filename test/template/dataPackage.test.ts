import { describe, expect, it } from 'vitest';
import type { TidesConfig } from '../../src/config/types.js';
import { COLUMNS, type FileKind } from '../../src/contract/columns.js';
import { LSOA_PATTERN } from '../../src/contract/values.js';
import { buildMeasureRegistry } from '../../src/measures/registry.js';
import { csvTemplate } from '../../src/template/csvTemplate.js';
import {
  DATA_PACKAGE_PROFILE,
  dataPackage,
  dataPackageJson,
} from '../../src/template/dataPackage.js';
import { TEMPLATE_KINDS, templateModel } from '../../src/template/model.js';

/**
 * The descriptor is checked against the Data Package v2 standard's rules directly (no JSON
 * Schema validator is available offline): https://datapackage.org/standard/data-package/,
 * /data-resource/ and /table-schema/ (field types, constraints, keys).
 */
interface Field {
  name: string;
  type: string;
  format?: string;
  description: string;
  example: unknown;
  constraints?: Record<string, unknown>;
}
interface Resource {
  name: string;
  type: string;
  path: string;
  format: string;
  mediatype: string;
  encoding: string;
  title: string;
  description: string;
  schema: {
    fields: Field[];
    missingValues: string[];
    primaryKey?: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

const CONFIG: TidesConfig = {
  programme: 'Turning Tides',
  inclusion_groups: ['homeless'],
  measures: {
    loneliness: { min: 3, max: 9, direction: 'lower_better', meaningful_change: 1 },
  },
};

const descriptor = dataPackage(templateModel(CONFIG)) as {
  $schema: string;
  name: string;
  title: string;
  resources: Resource[];
};
const resource = (name: string) => descriptor.resources.find((r) => r.name === name) as Resource;
const field = (res: string, name: string) =>
  resource(res).schema.fields.find((f) => f.name === name) as Field;

/** The constraints Table Schema allows, and the field types each applies to. */
const CONSTRAINT_TYPES: Record<string, readonly string[]> = {
  required: ['string', 'integer', 'number', 'date'],
  enum: ['string', 'integer', 'number', 'date'],
  minimum: ['integer', 'number', 'date'],
  maximum: ['integer', 'number', 'date'],
  maxLength: ['string'],
  pattern: ['string'],
};

describe('dataPackage', () => {
  it('is a Data Package v2 descriptor with one tabular resource per file of the contract', () => {
    expect(descriptor.$schema).toBe(DATA_PACKAGE_PROFILE);
    expect(descriptor.name).toMatch(/^[a-z0-9._-]+$/);
    expect(descriptor.title).toBe('Turning Tides: return template');
    expect(descriptor.resources.map((r) => r.name)).toEqual(TEMPLATE_KINDS);
    for (const r of descriptor.resources) {
      expect(r.name).toMatch(/^[a-z0-9._-]+$/);
      expect(r).toMatchObject({
        type: 'table',
        path: `${r.name}.csv`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
      });
      expect(r.schema.missingValues).toEqual(['']);
      expect(r.description).not.toBe('');
    }
  });

  it('describes every column of the contract, starring the required ones', () => {
    for (const [kind, specs] of Object.entries(COLUMNS).filter(([k]) => k !== 'postcodes')) {
      const fields = resource(kind).schema.fields;
      expect(fields.map((f) => f.name)).toEqual(specs.map((s) => s.name));
      for (const [i, spec] of specs.entries()) {
        const f = fields[i] as Field;
        expect(f.description).toBe(spec.description);
        expect(f.constraints?.required === true, `${kind}.${f.name}`).toBe(spec.required);
      }
    }
  });

  it('uses only Table Schema types, with constraints that apply to them', () => {
    for (const r of descriptor.resources) {
      for (const f of r.schema.fields) {
        expect(['string', 'integer', 'number', 'date']).toContain(f.type);
        expect(
          Object.keys(f).every((k) =>
            ['name', 'type', 'format', 'description', 'example', 'constraints'].includes(k),
          ),
        ).toBe(true);
        if (f.type === 'date') expect(f.format).toBe('default');
        else expect(f.format).toBeUndefined();
        for (const key of Object.keys(f.constraints ?? {})) {
          expect(CONSTRAINT_TYPES[key], `${r.name}.${f.name}.${key}`).toContain(f.type);
        }
        const numeric = f.type === 'integer' || f.type === 'number';
        expect(typeof f.example).toBe(numeric ? 'number' : 'string');
      }
    }
  });

  it('lists exactly the code lists and measures as enumerations', () => {
    for (const [kind, specs] of Object.entries(COLUMNS).filter(([k]) => k !== 'postcodes')) {
      for (const spec of specs) {
        const listed = field(kind, spec.name).constraints?.enum;
        if (spec.value.kind === 'code') expect(listed).toEqual(spec.value.codes.values);
        else if (spec.value.kind === 'measure') {
          expect(listed).toEqual(buildMeasureRegistry(CONFIG).measures.map((m) => m.id));
        } else expect(listed, `${kind}.${spec.name}`).toBeUndefined();
      }
    }
  });

  it('gives limits, patterns and lengths from the contract', () => {
    expect(field('participants', 'age').constraints).toEqual({ minimum: 0, maximum: 120 });
    expect(field('lsoa_imd', 'imd_decile').constraints).toEqual({
      required: true,
      minimum: 1,
      maximum: 10,
    });
    expect(field('participants', 'lsoa').constraints).toEqual({ pattern: LSOA_PATTERN });
    expect(field('participants', 'participant_id').constraints).toEqual({
      required: true,
      maxLength: 64,
    });
    expect(field('population', 'population').constraints).toEqual({
      required: true,
      minimum: 0,
    });
    expect(field('outcomes', 'score').constraints).toEqual({ minimum: 0, maximum: 70 });
    expect(field('outcomes', 'item_14').constraints).toEqual({ minimum: 1, maximum: 5 });
    expect(field('participants', 'inclusion_groups').constraints).toEqual({
      pattern: '(homeless|none)(;(homeless|none))*',
    });
    expect(field('participants', 'enrolled_on')).toMatchObject({ type: 'date', format: 'default' });
  });

  it('gives keys that hold in the contract, naming fields and resources that exist', () => {
    expect(resource('partners').schema.primaryKey).toEqual(['partner_id']);
    expect(resource('participants').schema.primaryKey).toEqual(['participant_id', 'partner_id']);
    expect(resource('outcomes').schema.primaryKey).toBeUndefined();
    expect(resource('participants').schema.foreignKeys).toEqual([
      { fields: ['partner_id'], reference: { resource: 'partners', fields: ['partner_id'] } },
    ]);
    for (const r of descriptor.resources) {
      const names = r.schema.fields.map((f) => f.name);
      for (const key of r.schema.primaryKey ?? []) expect(names).toContain(key);
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = resource(fk.reference.resource);
        expect(fk.fields.length).toBe(fk.reference.fields.length);
        for (const f of fk.fields) expect(names).toContain(f);
        expect(target.schema.primaryKey).toEqual(fk.reference.fields);
      }
    }
  });

  it('is written as indented JSON that reads back to the descriptor', () => {
    const text = dataPackageJson(templateModel(CONFIG));
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(descriptor);
  });
});

describe('csvTemplate', () => {
  it('is the header row of each file, as the data package lists its fields', () => {
    const model = templateModel(CONFIG, { measures: ['swemwbs'] });
    for (const table of model.tables) {
      const header = csvTemplate(table);
      const fields = resource(table.kind as FileKind).schema.fields.map((f) => f.name);
      expect(header.endsWith('\n')).toBe(true);
      if (table.kind !== 'outcomes') expect(header).toBe(`${fields.join(',')}\n`);
    }
    const outcomes = model.tables.find((t) => t.kind === 'outcomes');
    expect(outcomes && csvTemplate(outcomes)).toBe(
      'participant_id,partner_id,measure,timepoint,recorded_on,score,item_1,item_2,item_3,item_4,item_5,item_6,item_7\n',
    );
  });
});
