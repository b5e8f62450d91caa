import type { ProgrammePlan } from './programme.js';

/**
 * Synthetic postcodes for the demo's synthetic LSOAs, in the real format (checked by the
 * `postcode` package when read): LSOA i has `L<d> <s>AA` and `L<d> <s>AB`, with district d and
 * sector s numbered from i, so each LSOA's postcodes are its own. The `L` area is Liverpool's;
 * the units are made up.
 */
export function postcodeOf(lsoaIndex: number, unit = 0): string {
  const district = 1 + (lsoaIndex % 30);
  const sector = Math.floor(lsoaIndex / 30) % 10;
  const group = Math.floor(lsoaIndex / 300);
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  return `L${district} ${sector}${letters[group % letters.length]}${letters[unit % letters.length]}`;
}

/** A postcode in the format that no LSOA of the demo has (planted: not in the directory). */
export const UNLISTED_POSTCODE = 'L39 9ZZ';

/**
 * The demo's postcode directory (postcodes.csv), in the ONS National Statistics Postcode
 * Lookup's layout: `pcd` (7 characters), `pcds` (one space), and the LSOA 2011 and 2021 codes
 * (the same codes here: the demo's LSOAs did not change in 2021).
 */
export function postcodesCsv(programme: ProgrammePlan): string {
  const rows: string[] = [];
  programme.city.lsoas.forEach((lsoa, i) => {
    for (const unit of [0, 1]) {
      const pcds = postcodeOf(i, unit);
      const [outward, inward] = pcds.split(' ') as [string, string];
      rows.push(`${outward.padEnd(4)}${inward},${pcds},${lsoa.code},${lsoa.code}`);
    }
  });
  return `pcd,pcds,lsoa11,lsoa21\n${rows.join('\n')}\n`;
}
