import { describe, expect, it } from 'vitest';
import type { TidesConfig } from '../../src/config/types.js';
import { TIMEPOINT } from '../../src/contract/codes.js';
import { COLUMNS, ITEM_COLUMNS } from '../../src/contract/columns.js';
import { LSOA_PATTERN, MAX_ID_LENGTH } from '../../src/contract/values.js';
import { UsageError } from '../../src/errors.js';
import { buildMeasureRegistry } from '../../src/measures/registry.js';
import {
  escapeXsd,
  TEMPLATE_KINDS,
  type TemplateField,
  templateModel,
} from '../../src/template/model.js';

const CONFIG: TidesConfig = {
  programme: 'Turning Tides',
  inclusion_groups: ['homeless', 'refugee_asylum'],
  measures: {
    loneliness: {
      label: 'UCLA-3 loneliness',
      min: 3,
      max: 9,
      direction: 'lower_better',
      meaningful_change: 1,
      items: 3,
      item_min: 1,
      item_max: 3,
    },
  },
};

function table(model: ReturnType<typeof templateModel>, kind: string) {
  const found = model.tables.find((t) => t.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} table`);
  return found;
}

/** Whether a value meets a field's own constraints (XML Schema patterns are anchored). */
function meets(field: TemplateField, value: string): boolean {
  if (field.choices !== null) {
    const parts = field.choices.several ? value.split(';') : [value];
    if (!parts.every((p) => field.choices?.values.includes(p))) return false;
  }
  if (field.pattern !== null && !new RegExp(`^(?:${field.pattern})$`).test(value)) return false;
  if (field.maxLength !== null && value.length > field.maxLength) return false;
  if (field.type === 'integer' && !/^-?\d+$/.test(value)) return false;
  if (field.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const n = Number(value);
  if (field.minimum !== null && !(n >= field.minimum)) return false;
  if (field.maximum !== null && !(n <= field.maximum)) return false;
  return true;
}

describe('templateModel', () => {
  it('has every file of the contract with its columns, in order', () => {
    const model = templateModel({});
    expect(model.tables.map((t) => t.kind)).toEqual(TEMPLATE_KINDS);
    for (const t of model.tables) {
      expect(t.fields.map((f) => f.name)).toEqual(COLUMNS[t.kind].map((c) => c.name));
      expect(t.fields.map((f) => f.required)).toEqual(COLUMNS[t.kind].map((c) => c.required));
      expect(t.fields.map((f) => f.description)).toEqual(COLUMNS[t.kind].map((c) => c.description));
    }
    expect(model.tables.filter((t) => t.sheet !== null).map((t) => t.sheet)).toEqual([
      'Participants',
      'Outcomes',
    ]);
  });

  it('offers exactly the code list of every coded column of the contract', () => {
    const model = templateModel({});
    let coded = 0;
    for (const t of model.tables) {
      for (const spec of COLUMNS[t.kind]) {
        if (spec.value.kind !== 'code') continue;
        coded++;
        const field = t.fields.find((f) => f.name === spec.name);
        expect(field?.choices, `${t.kind}.${spec.name}`).toEqual({
          values: spec.value.codes.values,
          several: false,
        });
      }
    }
    expect(coded).toBeGreaterThanOrEqual(6);
    const timepoint = table(model, 'outcomes').fields.find((f) => f.name === 'timepoint');
    expect(timepoint?.choices?.values).toEqual(TIMEPOINT.values);
  });

  it('offers every measure of the registry, built in and from the config', () => {
    const model = templateModel(CONFIG);
    const measure = table(model, 'outcomes').fields.find((f) => f.name === 'measure');
    expect(measure?.choices?.values).toEqual(
      buildMeasureRegistry(CONFIG).measures.map((m) => m.id),
    );
    expect(measure?.choices?.values).toContain('loneliness');
    const score = table(model, 'outcomes').fields.find((f) => f.name === 'score');
    expect([score?.minimum, score?.maximum]).toEqual([0, 70]);
  });

  it('lets a score column hold yes/no answers when a yes/no measure is offered', () => {
    const withOutcomes: TidesConfig = {
      ...CONFIG,
      measures: {
        ...CONFIG.measures,
        in_work: { type: 'binary', better: 'yes', area: 'skills_employment' },
        gp_visits: {
          type: 'count',
          direction: 'lower_better',
          recall_period: '3 months',
          max: 60,
          area: 'nhs_demand',
        },
      },
    } as TidesConfig;
    const score = (measures: string[]) =>
      table(templateModel(withOutcomes, { measures }), 'outcomes').fields.find(
        (f) => f.name === 'score',
      ) as TemplateField;
    const mixed = score(['wemwbs', 'in_work', 'gp_visits']);
    expect(mixed.type).toBe('string');
    for (const answer of ['Yes', 'no', 'Y', 'n', 'TRUE', 'false', '1', '0', '47', '3.5']) {
      expect(meets(mixed, answer), answer).toBe(true);
    }
    for (const answer of ['maybe', 'yes please', 'n/a', '']) {
      expect(meets(mixed, answer), answer).toBe(false);
    }
    expect(meets(mixed, mixed.example)).toBe(true);
    expect(mixed.accepted).toContain('in_work yes or no (also y/n, 1/0, true/false)');
    expect(mixed.accepted).toContain('gp_visits a whole number 0–60 over 3 months');
    // Without a yes/no measure the column stays a number within the widest range.
    const counts = score(['gp_visits', 'ons_happiness']);
    expect([counts.type, counts.minimum, counts.maximum]).toEqual(['number', 0, 60]);
  });

  it('has as many item columns as the measures offered need, with their ranges', () => {
    const items = (measures: string[]) =>
      table(templateModel(CONFIG, { measures }), 'outcomes').fields.filter((f) =>
        f.name.startsWith('item_'),
      );
    expect(items(['wemwbs']).map((f) => f.name)).toEqual(ITEM_COLUMNS);
    expect(items(['swemwbs', 'ons_happiness']).map((f) => f.name)).toEqual(
      ITEM_COLUMNS.slice(0, 7),
    );
    expect(items(['ons_happiness'])).toEqual([]);
    const loneliness = items(['loneliness', 'swemwbs']);
    expect(loneliness.map((f) => [f.name, f.minimum, f.maximum])).toEqual([
      ['item_1', 1, 5],
      ['item_2', 1, 5],
      ['item_3', 1, 5],
      ['item_4', 1, 5],
      ['item_5', 1, 5],
      ['item_6', 1, 5],
      ['item_7', 1, 5],
    ]);
    expect(loneliness[0]?.accepted).toBe(
      'a whole number: loneliness 1–3, swemwbs 1–5; empty for measures with fewer items',
    );
  });

  it('gives examples for the measures offered', () => {
    const model = templateModel(CONFIG, { measures: ['ons_anxiety', 'loneliness'] });
    const outcomes = table(model, 'outcomes');
    const example = (name: string) => outcomes.fields.find((f) => f.name === name)?.example;
    expect(example('measure')).toBe('ons_anxiety');
    expect(example('score')).toBe('5');
    expect(example('item_1')).toBe('3'); // the contract's example, within loneliness's 1–3
    expect(model.measures.map((m) => m.id)).toEqual(['ons_anxiety', 'loneliness']);
  });

  it('gives every column an example that meets its own constraints', () => {
    const variants = [
      templateModel({}),
      templateModel(CONFIG, { partner: 'P017' }),
      templateModel(CONFIG, { measures: ['loneliness'] }),
      templateModel(CONFIG, { measures: ['swemwbs', 'ons_worthwhile'] }),
    ];
    for (const model of variants) {
      for (const t of model.tables) {
        for (const f of t.fields) {
          expect(meets(f, f.example), `${t.kind}.${f.name}: ${f.example}`).toBe(true);
        }
      }
    }
  });

  it('allows only the partner given in its own files, and names it in every example', () => {
    const model = templateModel({}, { partner: 'P017' });
    expect(model.partner).toBe('P017');
    for (const kind of ['participants', 'outcomes']) {
      const partner = table(model, kind).fields.find((f) => f.name === 'partner_id');
      expect(partner?.choices).toEqual({ values: ['P017'], several: false });
      expect(partner?.example).toBe('P017');
    }
    const partners = table(model, 'partners').fields.find((f) => f.name === 'partner_id');
    expect(partners?.choices).toBeNull();
    expect(partners?.example).toBe('P017');
    expect(partners?.maxLength).toBe(MAX_ID_LENGTH);
  });

  it('lists the config’s inclusion groups as flags, several to a cell', () => {
    const flags = table(templateModel(CONFIG), 'participants').fields.find(
      (f) => f.name === 'inclusion_groups',
    );
    expect(flags?.choices).toEqual({
      values: ['homeless', 'refugee_asylum', 'none'],
      several: true,
    });
    expect(flags?.pattern).toBe('(homeless|refugee_asylum|none)(;(homeless|refugee_asylum|none))*');
    if (flags === undefined) throw new Error('no inclusion_groups');
    expect(meets(flags, 'homeless;refugee_asylum')).toBe(true);
    expect(meets(flags, 'homeless;carer')).toBe(false);
    const free = table(templateModel({}), 'participants').fields.find(
      (f) => f.name === 'inclusion_groups',
    );
    expect([free?.choices, free?.pattern]).toEqual([null, null]);
  });

  it('checks LSOA codes with the contract’s own pattern', () => {
    const lsoa = table(templateModel({}), 'participants').fields.find((f) => f.name === 'lsoa');
    expect(lsoa?.pattern).toBe(LSOA_PATTERN);
  });

  it('escapes the characters special to XML Schema regular expressions', () => {
    expect(escapeXsd('a.b|c(d)-e')).toBe('a\\.b\\|c\\(d\\)\\-e');
    expect(escapeXsd('plain_name')).toBe('plain_name');
  });

  it('refuses a partner that cannot be a partner_id, and a measure it does not know', () => {
    expect(() => templateModel({}, { partner: 'All' })).toThrow(UsageError);
    expect(() => templateModel({}, { partner: '' })).toThrow(/--partner must be a partner_id/);
    expect(() => templateModel({}, { partner: 'x'.repeat(65) })).toThrow(UsageError);
    expect(() => templateModel({}, { measures: ['gad7'] })).toThrow(
      /"gad7" is not a measure; use wemwbs, swemwbs/,
    );
    expect(() => templateModel({}, { measures: [] })).toThrow(UsageError);
    expect(templateModel({}, { measures: ['swemwbs', 'swemwbs'] }).measures).toHaveLength(1);
  });
});
