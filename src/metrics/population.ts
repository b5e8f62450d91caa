import { imdQuintile } from '../contract/dimensions.js';
import type { Population, PopulationDimension } from '../contract/records.js';

/** Residents of one category of a dimension, or null when population.csv does not say. */
export function residents(
  population: Population | null,
  dimension: string,
  category: string,
): number | null {
  if (population === null) return null;
  const direct = population.get(dimension as PopulationDimension)?.get(category);
  if (direct !== undefined) return direct;
  if (dimension === 'imd_quintile') {
    // Quintile q is deciles 2q−1 and 2q.
    const deciles = population.get('imd_decile');
    if (!deciles) return null;
    let sum = 0;
    let found = false;
    for (const [decile, count] of deciles) {
      if (imdQuintile(Number(decile)) === Number(category)) {
        sum += count;
        found = true;
      }
    }
    return found ? sum : null;
  }
  return null;
}

/** Total residents: the sum over the first dimension population.csv covers. */
export function totalResidents(population: Population | null): number | null {
  if (population === null) return null;
  for (const dimension of ['imd_decile', 'imd_quintile', 'age_band', 'sex', 'ethnicity'] as const) {
    const groups = population.get(dimension);
    if (groups && groups.size > 0) {
      let sum = 0;
      for (const count of groups.values()) sum += count;
      return sum;
    }
  }
  return null;
}
