import { readFile } from 'node:fs/promises';
import { IMD_EDITION_INFO, type ImdEdition } from '../contract/imd.js';

/**
 * LSOA code → IMD decile (1 = most deprived) of an edition of England's index that tides ships
 * (src/data/imd, copied to dist/data by the build; source and licence in its README).
 */
export async function readBuiltinImd(edition: ImdEdition): Promise<Map<string, number>> {
  const url = new URL(`../data/imd/${IMD_EDITION_INFO[edition].file}`, import.meta.url);
  const text = await readFile(url, 'utf8');
  const deciles = new Map<string, number>();
  const lines = text.split('\n');
  // Header: lsoa,imd_decile,… (checked, so a changed file cannot be read wrongly).
  if (!(lines[0] ?? '').startsWith('lsoa,imd_decile,')) {
    throw new Error(`${url.pathname} does not begin with lsoa,imd_decile`);
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const comma = line.indexOf(',');
    deciles.set(line.slice(0, comma), Number(line.slice(comma + 1, line.indexOf(',', comma + 1))));
  }
  return deciles;
}
