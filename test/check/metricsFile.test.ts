import { describe, expect, it } from 'vitest';
import { parseMetricsFile } from '../../src/check/metricsFile.js';
import { UnusableInputError } from '../../src/errors.js';
import { sampleMetrics } from './sampleMetrics.js';

describe('parseMetricsFile', () => {
  it('reads the tables in file order, with options and row accounting', () => {
    const file = parseMetricsFile(JSON.stringify(sampleMetrics()), 'metrics.json');
    expect(file.schemaVersion).toBe(1);
    expect(file.toolVersion).toBe('0.1.0');
    expect(file.options.by).toEqual(['partner_id']);
    expect(file.tables.map((t) => t.name)).toEqual([
      'reach',
      'wellbeing_change',
      'inequality',
      'data_quality',
    ]);
    expect(file.tables[0]?.rows[2]).toEqual({
      partner_id: 'P002',
      participants: 48,
      episodes: 48,
      partners: 1,
      pct_core20: null,
    });
    expect(file.rowAccounting).toEqual(sampleMetrics().row_accounting);
  });

  it('accepts a byte order mark and keeps unexpected cell values as their JSON text', () => {
    const metrics = sampleMetrics();
    const text = `\uFEFF${JSON.stringify({ ...metrics, tables: { t: [{ a: true, b: [1, 2] }] } })}`;
    expect(parseMetricsFile(text, 'm.json').tables[0]?.rows[0]).toEqual({ a: 'true', b: '[1,2]' });
  });

  const withSchema = (version: unknown) =>
    JSON.stringify({ ...sampleMetrics(), schema_version: version });
  it.each([
    ['{not json', /^m\.json: not valid JSON/],
    ['[1, 2]', /^m\.json: not a metrics\.json object$/],
    [
      '{"tables": {}}',
      /^m\.json: no schema_version: not a metrics\.json written by tides analyse$/,
    ],
    [withSchema(2), /^m\.json: schema_version 2 is not supported \(tides check reads 1\)$/],
    [withSchema('1'), /^m\.json: schema_version "1" is not supported/],
    ['{"schema_version": 1, "tables": {}}', /^m\.json: "options" is missing or not an object$/],
    ['{"schema_version": 1, "options": {}}', /^m\.json: "tables" is missing or not an object$/],
    [
      '{"schema_version": 1, "options": {}, "tables": {"reach": {}}}',
      /^m\.json: table "reach" is not an array of rows$/,
    ],
    [
      '{"schema_version": 1, "options": {}, "tables": {"reach": [{}, 3]}}',
      /^m\.json: table "reach" row 2 is not an object$/,
    ],
  ])('refuses %s as unusable input naming the file', (text, message) => {
    expect(() => parseMetricsFile(text, 'm.json')).toThrow(UnusableInputError);
    expect(() => parseMetricsFile(text, 'm.json')).toThrow(message);
  });
});
