import { outwardCode } from '../contract/areas.js';
import type { IssueLog } from '../contract/issues.js';
import type { InputFile } from '../io/discover.js';
import type { EpisodeStore } from '../model/episodes.js';
import type { FileReport } from '../model/programme.js';
import { readTable } from './table.js';

/** The LSOA 2011 and 2021 codes of a postcode, as the directory gives them ('' when absent). */
interface PostcodeAreas {
  readonly lsoa11: string;
  readonly lsoa21: string;
}

/**
 * Reads an ONS postcode directory (postcodes.csv: the National Statistics Postcode Lookup or
 * the ONS Postcode Directory, or any file with their columns `pcds` and `lsoa21` and/or
 * `lsoa11`), keeping only the postcodes the programme gives: the national file has 2.7 million
 * rows, streamed, never held. `pcds` is the ONS form of a postcode (one space: `L1 8JQ`), the
 * form tides normalises postcodes to.
 */
export async function readPostcodeDirectory(
  file: InputFile,
  aliases: ReadonlyMap<string, string>,
  log: IssueLog,
  wanted: ReadonlySet<string>,
  digest = false,
): Promise<{ areas: Map<string, PostcodeAreas>; report: FileReport }> {
  const areas = new Map<string, PostcodeAreas>();
  const report = await readTable(
    file,
    aliases,
    log,
    (row) => {
      const pcds = row.get('pcds');
      if (pcds === '') {
        row.issue({ column: 'pcds', rule: 'value.missing', message: 'pcds is empty' });
        return false;
      }
      const postcode = pcds.toUpperCase();
      if (wanted.has(postcode) && !areas.has(postcode)) {
        areas.set(postcode, {
          lsoa11: row.get('lsoa11').toUpperCase(),
          lsoa21: row.get('lsoa21').toUpperCase(),
        });
      }
      return true;
    },
    { digest },
  );
  return { areas, report };
}

/**
 * Gives each episode that has a postcode, and no decile of its own or from an LSOA, the LSOA and
 * decile of its postcode: the LSOA of the index's own edition first (`prefer`), else the other.
 * Then the postcodes are released: none outlives loading. Postcodes the directory lacks, or
 * whose area has no English decile, are reported once, on the directory, by outward code only.
 */
export function resolvePostcodes(
  episodes: EpisodeStore,
  areas: ReadonlyMap<string, PostcodeAreas>,
  deciles: ReadonlyMap<string, number>,
  prefer: 'lsoa11' | 'lsoa21',
  directory: string,
  log: IssueLog,
): void {
  const postcodes = episodes.postcodes.values;
  // Per postcode: the LSOA's number in episodes.lsoas and its decile; -1 when the directory
  // lacks the postcode, -2 when its LSOA has no English decile.
  const lsoaOf = new Int32Array(postcodes.length);
  const decileOf = new Uint8Array(postcodes.length);
  const missing: string[] = [];
  const outside: string[] = [];
  postcodes.forEach((postcode, i) => {
    const area = areas.get(postcode);
    if (area === undefined) {
      lsoaOf[i] = -1;
      missing.push(postcode);
      return;
    }
    const other = prefer === 'lsoa21' ? 'lsoa11' : 'lsoa21';
    const code = [area[prefer], area[other]].find((c) => c !== '' && deciles.has(c));
    if (code === undefined) {
      lsoaOf[i] = -2;
      outside.push(postcode);
      return;
    }
    lsoaOf[i] = episodes.lsoas.intern(code);
    decileOf[i] = deciles.get(code) as number;
  });
  for (let e = 0; e < episodes.count; e++) {
    const p = episodes.postcode.get(e);
    if (p < 0 || (lsoaOf[p] as number) < 0) continue;
    if (episodes.lsoa.get(e) < 0) episodes.lsoa.set(e, lsoaOf[p] as number);
    if (episodes.imdDecile.get(e) === 0) episodes.imdDecile.set(e, decileOf[p] as number);
  }
  if (missing.length > 0) {
    log.add({
      file: directory,
      line: null,
      rule: 'postcode.not_in_directory',
      message: `${missing.length} of the programme's postcodes (${outwardCodes(missing)}) are not in ${directory}: new, mistyped or terminated postcodes; their people's deprivation is unknown`,
    });
  }
  if (outside.length > 0) {
    log.add({
      file: directory,
      line: null,
      rule: 'lsoa.outside_england',
      message: `${outside.length} of the programme's postcodes (${outwardCodes(outside)}) lie in areas with no English IMD decile (Wales, Scotland, Northern Ireland, or an LSOA the index lacks): their people's deprivation is unknown`,
    });
  }
  episodes.releasePostcodes();
}

/** Up to three outward codes, for a message (a whole postcode can point to a few homes). */
function outwardCodes(postcodes: readonly string[]): string {
  const codes = [...new Set(postcodes.map(outwardCode))].sort();
  return codes.length > 3 ? `${codes.slice(0, 3).join(', ')}…` : codes.join(', ');
}
