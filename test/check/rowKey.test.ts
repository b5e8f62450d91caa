import { describe, expect, it } from 'vitest';
import {
  compareKeys,
  formatKey,
  keyColumns,
  keyId,
  keyObject,
  naturalCompare,
  rowKeys,
} from '../../src/check/rowKey.js';

describe('keyColumns', () => {
  it('keys wellbeing_change by group columns and measure, not by direction or methods', () => {
    const columns = [
      'partner_id',
      'measure',
      'direction',
      'n_paired',
      'mean_change',
      'wilcoxon_method',
    ];
    const rows = [
      {
        partner_id: 'All',
        measure: 'wemwbs',
        direction: 'higher_better',
        n_paired: 10,
        mean_change: 1,
        wilcoxon_method: 'exact',
      },
    ];
    expect(keyColumns(columns, rows, ['partner_id'])).toEqual(['partner_id', 'measure']);
  });

  it('keys inequality by measure, timepoint and dimension, not by method or note', () => {
    const columns = ['measure', 'timepoint', 'dimension', 'n', 'sii', 'method', 'note'];
    const rows = [
      {
        measure: 'wemwbs',
        timepoint: 'change',
        dimension: 'imd_quintile',
        n: 60,
        sii: 1,
        method: 'PHE',
        note: '',
      },
    ];
    expect(keyColumns(columns, rows, [])).toEqual(['measure', 'timepoint', 'dimension']);
  });

  it('keys data_quality by file, rule and severity (a rule can be an error and a warning in one file), not by kind or advice', () => {
    const columns = ['file', 'kind', 'rule', 'severity', 'read', 'issues', 'what_to_do'];
    const rows = [
      {
        file: 'a.csv',
        kind: 'participants',
        rule: '(all)',
        severity: '',
        read: 1,
        issues: 0,
        what_to_do: '',
      },
    ];
    expect(keyColumns(columns, rows, [])).toEqual(['file', 'rule', 'severity']);
  });

  it('keys by a group column even when its values are numbers, in column order', () => {
    const rows = [{ imd_quintile: 1, year: '2016-17', measure: 'wemwbs', n: 3 }];
    expect(
      keyColumns(['imd_quintile', 'year', 'measure', 'n'], rows, ['year', 'imd_quintile']),
    ).toEqual(['imd_quintile', 'year', 'measure']);
  });

  it('keys by an unknown column only when it holds text, judged over all rows', () => {
    const rows = [
      { region: 'North', label: 'x', maybe: 'a', empty: null },
      { region: null, label: 'y', maybe: 3, empty: null },
    ];
    // region: text or null → key; label: descriptive; maybe: a number too → compared; empty: no text.
    expect(keyColumns(['region', 'label', 'maybe', 'empty'], rows, [])).toEqual(['region']);
  });
});

describe('rowKeys and formatKey', () => {
  it('formats a key as column=value pairs', () => {
    const [key] = rowKeys(
      [{ partner_id: 'P001', measure: 'wemwbs', n: 1 }],
      ['partner_id', 'measure'],
    );
    expect(key && formatKey(key)).toBe('partner_id=P001, measure=wemwbs');
    expect(key && keyObject(key)).toEqual({ partner_id: 'P001', measure: 'wemwbs' });
  });

  it('keeps rows with a repeated key apart by occurrence, in file order', () => {
    const keys = rowKeys(
      [{ file: 'a.csv' }, { file: 'b.csv' }, { file: 'a.csv' }, { file: null }],
      ['file'],
    );
    expect(keys.map((k) => k.occurrence)).toEqual([1, 1, 2, 1]);
    expect(keys.map(formatKey)).toEqual(['file=a.csv', 'file=b.csv', 'file=a.csv #2', 'file=null']);
    expect(new Set(keys.map(keyId)).size).toBe(4);
  });

  it('numbers rows of a table without key columns', () => {
    const keys = rowKeys([{ n: 1 }, { n: 2 }], []);
    expect(keys.map(formatKey)).toEqual(['(row) #1', '(row) #2']);
  });

  it('does not confuse values that contain the separators', () => {
    const [a, b] = rowKeys(
      [
        { x: 'a, y=b', y: 'c' },
        { x: 'a', y: 'b, y=c' },
      ],
      ['x', 'y'],
    );
    expect(a && b && keyId(a) === keyId(b)).toBe(false);
  });
});

describe('compareKeys', () => {
  it('puts the All row first, then natural order', () => {
    const keys = rowKeys(
      [{ p: 'P010' }, { p: 'P002' }, { p: 'All' }, { p: 'P001' }, { p: 'unknown' }],
      ['p'],
    );
    expect(keys.sort(compareKeys).map((k) => k.values[0])).toEqual([
      'All',
      'P001',
      'P002',
      'P010',
      'unknown',
    ]);
  });

  it('orders by the first key column, then the next', () => {
    const keys = rowKeys(
      [
        { d: '10', m: 'a' },
        { d: '2', m: 'b' },
        { d: '2', m: 'a' },
        { d: 'All', m: 'z' },
      ],
      ['d', 'm'],
    );
    expect(keys.sort(compareKeys).map(formatKey)).toEqual([
      'd=All, m=z',
      'd=2, m=a',
      'd=2, m=b',
      'd=10, m=a',
    ]);
  });

  it('compares runs of digits as numbers and the rest by code unit', () => {
    expect(naturalCompare('item_2', 'item_10')).toBeLessThan(0);
    expect(naturalCompare('16-24', '0-15')).toBeGreaterThan(0);
    expect(naturalCompare('P1', 'P01')).toBeLessThan(0);
    expect(naturalCompare('B', 'a')).toBeLessThan(0);
    expect(naturalCompare('abc', 'abc')).toBe(0);
    expect(naturalCompare('', 'a')).toBeLessThan(0);
  });
});
