import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/contract/values.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { DIMENSIONS, type Dimension } from '../../src/metrics/grouping.js';
import { type AnalysisTables, analyseProgramme } from '../../src/metrics/index.js';
import { DEFAULT_ANALYSIS } from '../../src/metrics/options.js';
import { partnerComparison } from '../../src/metrics/partnerComparison.js';
import {
  columnLabel,
  GROUP_COLUMNS,
  OUTPUT_REFERENCE,
  type TableReference,
  type Unit,
} from '../../src/metrics/reference.js';
import type { ColumnDef, Table } from '../../src/metrics/table.js';
import { SMALL_PROGRAMME, writeProgramme } from '../helpers/programme.js';

// The small programme with funding, a value bank, a yes/no and a count measure, so that every
// table is made.
const config = {
  measures: {
    in_work: { type: 'binary', better: 'yes', area: 'skills_employment' },
    gp: {
      type: 'count',
      direction: 'lower_better',
      recall_period: '3 months',
      area: 'nhs_demand',
      unit_cost_gbp: 42,
      unit_cost_source: 'test',
    },
  },
  social_value: {
    source: 'test values',
    outcomes: [
      {
        id: 'happier',
        measure: 'ons_happiness',
        basis: 'people_improved',
        value_gbp: 100,
        deadweight: 0.1,
        attribution: 0.1,
        displacement: 0,
        drop_off: 0,
        duration_years: 1,
        source: 'test',
      },
    ],
  },
};
const programme = await loadProgramme(
  writeProgramme({
    ...SMALL_PROGRAMME,
    'A/outcomes.csv': `${SMALL_PROGRAMME['A/outcomes.csv']}1,A,in_work,baseline,2016-04-01,no\n1,A,in_work,followup,2016-07-01,yes\n1,A,gp,baseline,2016-04-01,3\n1,A,gp,followup,2016-07-01,1\n`,
    'tides.config.json': JSON.stringify(config),
  }),
  { today: dayNumber(2024, 1, 1) },
);

/** The tables a run publishes: the analysis's, and the partner comparison made from them. */
function published(by: readonly Dimension[]): Table[] {
  const tables = analyseProgramme(programme, { ...DEFAULT_ANALYSIS, by, siiSimulations: 1000 });
  const comparison = partnerComparison({
    reach: tables.reach,
    wellbeing_change: tables.wellbeing_change,
    by,
    primaryMeasure: 'wemwbs',
    partnerNames: new Map(),
  });
  return [
    ...(Object.keys(tables) as (keyof AnalysisTables)[])
      .filter((name) => name !== 'row_accounting') // metrics.json's row_accounting, not a table
      .map((name) => tables[name] as Table),
    ...(comparison ? [comparison] : []),
  ];
}

const COUNT_UNITS: readonly Unit[] = ['people', 'episodes', 'records', 'issues'];

describe('the output reference', () => {
  for (const by of [['partner_id'], ['sex', 'year'], ['inclusion_group']] as Dimension[][]) {
    it(`names every column of every table the analysis makes, in order (--by ${by.join(',')})`, () => {
      const tables = published(by);
      // Partners are compared when the analysis is grouped by partner.
      const expected = Object.keys(OUTPUT_REFERENCE).filter(
        (name) => name !== 'partner_comparison' || by.includes('partner_id'),
      );
      expect(tables.map((t) => t.name).sort()).toEqual(expected.sort());
      for (const table of tables) {
        const reference = OUTPUT_REFERENCE[table.name as keyof typeof OUTPUT_REFERENCE];
        const grouping = reference.grouped ? (table.name === 'cost' ? ['partner_id'] : by) : [];
        expect(table.columns.map((c) => c.name)).toEqual([
          ...grouping,
          ...Object.keys(reference.columns),
        ]);
      }
    });
  }

  it('gives each column a unit that fits how the code publishes it', () => {
    const columns = new Map<string, ColumnDef>();
    for (const table of published(['partner_id'])) {
      for (const column of table.columns) columns.set(`${table.name}.${column.name}`, column);
    }
    for (const [name, table] of Object.entries(OUTPUT_REFERENCE) as [string, TableReference][]) {
      for (const [column, { unit }] of Object.entries(table.columns)) {
        const def = columns.get(`${name}.${column}`) as ColumnDef;
        const where = `${name}.${column} (${unit})`;
        // A count is suppressed and rounded as a count of people or records; nothing else is.
        expect(def.kind === 'count', where).toBe(COUNT_UNITS.includes(unit));
        expect(def.format === 'money', where).toBe(unit === 'pounds');
        expect(def.format === 'pvalue', where).toBe(unit === 'p-value');
        expect(column.startsWith('pct') || column.startsWith('followup_rate'), where).toBe(
          unit === 'per cent',
        );
        expect(def.kind === 'text' || def.kind === 'group', where).toBe(unit === 'text');
      }
    }
  });

  it('labels every column once within its table, and every grouping dimension', () => {
    expect(Object.keys(GROUP_COLUMNS).sort()).toEqual([...DIMENSIONS].sort());
    for (const table of Object.values(OUTPUT_REFERENCE) as TableReference[]) {
      const labels = Object.values(table.columns).map((c) => c.label);
      expect(new Set(labels).size, table.file).toBe(labels.length);
      for (const dimension of DIMENSIONS)
        expect(labels).not.toContain(GROUP_COLUMNS[dimension].label);
    }
  });

  it('looks labels up by table and column, grouping columns included', () => {
    expect(columnLabel('reach', 'pct_core20_lcl')).toBe('Core20 lower limit (%)');
    expect(columnLabel('cost', 'partner_id')).toBe('Partner');
    expect(columnLabel('reach', 'constructor')).toBe('constructor');
    expect(columnLabel('toString', 'n')).toBe('n');
  });
});
