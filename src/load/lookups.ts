import { ETHNICITY, SEX } from '../contract/codes.js';
import { AGE_BANDS, IMD_DECILES } from '../contract/dimensions.js';
import type { IssueLog } from '../contract/issues.js';
import {
  POPULATION_DIMENSIONS,
  type Population,
  type PopulationDimension,
} from '../contract/records.js';
import { parseCode, parseIntegerInRange, parseLsoa, parseNumber } from '../contract/values.js';
import type { InputFile } from '../io/discover.js';
import type { FileReport } from '../model/programme.js';
import { readTable } from './table.js';

/** Reads lsoa_imd.csv into LSOA code → IMD decile (1 = most deprived). */
export async function readLsoaLookup(
  file: InputFile,
  aliases: ReadonlyMap<string, string>,
  log: IssueLog,
): Promise<{ lookup: Map<string, number>; report: FileReport }> {
  const lookup = new Map<string, number>();
  const firstLine = new Map<string, number>();
  const report = await readTable(file, aliases, log, (row) => {
    const lsoaText = row.get('lsoa');
    const lsoa = parseLsoa(lsoaText);
    if (!lsoa.ok) {
      row.issue({
        column: 'lsoa',
        value: lsoaText,
        rule: 'lsoa.malformed',
        severity: 'error',
        message: `lsoa is ${lsoa.reason}`,
      });
    }
    const decileText = row.get('imd_decile');
    const decile = parseIntegerInRange(decileText, IMD_DECILES.min, IMD_DECILES.max);
    if (!decile.ok) {
      row.issue({
        column: 'imd_decile',
        value: decileText,
        rule: decileText === '' ? 'value.missing' : 'number.range',
        message: `imd_decile must be a whole number from ${IMD_DECILES.min} to ${IMD_DECILES.max}`,
      });
    }
    if (!lsoa.ok || !decile.ok) return false;
    const previous = lookup.get(lsoa.value);
    if (previous !== undefined) {
      row.issue({
        column: 'lsoa',
        value: lsoa.value,
        rule: 'lookup.duplicate',
        severity: previous === decile.value ? 'warning' : 'error',
        message: `${lsoa.value} is already listed on line ${firstLine.get(lsoa.value)}; this row is ignored`,
      });
      return false;
    }
    lookup.set(lsoa.value, decile.value);
    firstLine.set(lsoa.value, row.line);
    return true;
  });
  return { lookup, report };
}

const GROUP_CHECKS: Record<PopulationDimension, (group: string) => string | null> = {
  imd_decile: (g) =>
    parseIntegerInRange(g, IMD_DECILES.min, IMD_DECILES.max).ok ? String(Number(g)) : null,
  imd_quintile: (g) => (parseIntegerInRange(g, 1, 5).ok ? String(Number(g)) : null),
  sex: (g) => {
    const p = parseCode(g, SEX);
    return p.ok ? p.value : null;
  },
  ethnicity: (g) => {
    const p = parseCode(g, ETHNICITY);
    return p.ok ? p.value : null;
  },
  age_band: (g) => (AGE_BANDS.includes(g) ? g : null),
};

/** Reads population.csv (`dimension,group,population`) into denominators. */
export async function readPopulation(
  file: InputFile,
  aliases: ReadonlyMap<string, string>,
  log: IssueLog,
): Promise<{ population: Population; report: FileReport }> {
  const population = new Map<PopulationDimension, Map<string, number>>();
  const report = await readTable(file, aliases, log, (row) => {
    const dimensionText = row.get('dimension').toLowerCase();
    const dimension = POPULATION_DIMENSIONS.find((d) => d === dimensionText);
    if (dimension === undefined) {
      row.issue({
        column: 'dimension',
        value: dimensionText,
        rule: 'code.unknown',
        message: `dimension must be one of ${POPULATION_DIMENSIONS.join(', ')}`,
      });
      return false;
    }
    const groupText = row.get('group');
    const group = GROUP_CHECKS[dimension](groupText);
    if (group === null) {
      row.issue({
        column: 'group',
        value: groupText,
        rule: 'code.unknown',
        message: `"${groupText}" is not a group of ${dimension}`,
      });
    }
    const countText = row.get('population');
    const count = parseNumber(countText, { allowGrouping: true });
    if (!count.ok || !Number.isInteger(count.value) || count.value < 0) {
      row.issue({
        column: 'population',
        value: countText,
        rule: count.ok ? 'number.range' : 'number.invalid',
        message: 'population must be a whole number ≥ 0',
      });
    }
    if (row.errors > 0 || group === null || !count.ok) return false;
    let groups = population.get(dimension);
    if (!groups) {
      groups = new Map();
      population.set(dimension, groups);
    }
    if (groups.has(group)) {
      row.issue({
        column: 'group',
        value: group,
        rule: 'lookup.duplicate',
        message: `${dimension} ${group} is given twice; this row is ignored`,
      });
      return false;
    }
    groups.set(group, count.value);
    return true;
  });
  return { population, report };
}
