import { NATION_INDEX, type Nation, normalisePostcode, parseArea } from '../contract/areas.js';
import { IMD_DECILES } from '../contract/dimensions.js';
import type { IssueLog } from '../contract/issues.js';
import { parseIntegerInRange } from '../contract/values.js';
import type { Interner } from '../model/columnar.js';
import type { Row } from './table.js';

/**
 * Where a person's IMD decile comes from: the decile the return records, else the decile of the
 * LSOA it gives (from lsoa_imd.csv in the folder, or the deprivation index tides ships), else the
 * LSOA of the postcode it gives (through postcodes.csv, once every participant file is read).
 */
export interface DeprivationLookup {
  /** LSOA code → IMD decile (1 = most deprived). */
  readonly deciles: ReadonlyMap<string, number>;
  /** What the deciles are, for messages: `lsoa_imd.csv`, or the built-in edition's name. */
  readonly source: string;
  /**
   * With a built-in index: the LSOA codes of the other edition that this one lacks (LSOA 2011
   * codes abolished in 2021, or new 2021 codes), that edition's name and its setting.
   */
  readonly otherEdition: {
    readonly codes: ReadonlySet<string>;
    readonly name: string;
    readonly setting: string;
  } | null;
  /** Whether the folder has a postcode directory (postcodes.csv). */
  readonly postcodeDirectory: boolean;
}

/** The start of a UK postcode: one or two letters, then a digit (an LSOA code starts E0). */
const POSTCODE_LIKE = /^\s*[A-Z]{1,2}[1-9]/i;

/** The first line and the number of rows of a kind of area in a file. */
interface Seen {
  first: number;
  count: number;
}

/**
 * Reads the deprivation columns of a participant file row by row, and says once per file what it
 * could not use: areas of other nations, LSOA codes of the other edition of the index, postcodes
 * without a postcode directory. (A warning on every such row would bury the file's other
 * problems: each of these is one fact about the file.)
 */
export class DeprivationReader {
  private readonly nations = new Map<Nation, Seen>();
  private otherEdition: Seen | null = null;
  private postcodesWithoutDirectory: Seen | null = null;

  constructor(
    private readonly lookup: DeprivationLookup,
    private readonly lsoas: Interner,
    private readonly postcodes: Interner,
  ) {}

  /** The row's LSOA and postcode (indices into the file's interners, -1 when none) and decile. */
  read(row: Row): { lsoa: number; postcode: number; imdDecile: number } {
    let lsoa = -1;
    let postcode = -1;
    let lsoaDecile = 0;
    const lsoaText = row.get('lsoa');
    if (lsoaText !== '') {
      const area = parseArea(lsoaText);
      if (!area.ok) {
        row.issue({
          column: 'lsoa',
          // Text that begins as a postcode does (a mistyped one) is not quoted: it may still
          // point to a few homes.
          value: POSTCODE_LIKE.test(lsoaText) ? `(${lsoaText.length} characters)` : lsoaText,
          rule: 'lsoa.malformed',
          message: `lsoa is ${area.reason}`,
        });
      } else if (area.value.kind === 'lsoa') {
        lsoa = this.lsoas.intern(area.value.code);
        lsoaDecile = this.lookup.deciles.get(area.value.code) ?? 0;
        if (lsoaDecile === 0) this.notInLookup(row, area.value.code);
      } else if (area.value.kind === 'other_nation') {
        count(this.nations, area.value.nation, row.line);
      } else {
        postcode = this.postcode(area.value.postcode, row.line);
      }
    }
    const postcodeText = row.get('postcode');
    if (postcodeText !== '' && lsoa < 0 && postcode < 0) {
      const normalised = normalisePostcode(postcodeText);
      if (normalised === null) {
        row.issue({
          column: 'postcode',
          // A malformed postcode is quoted only by its length: it may still point to a home.
          value: `(${postcodeText.length} characters)`,
          rule: 'postcode.malformed',
          message: 'postcode is not a UK postcode; the deprivation of this person is unknown',
        });
      } else {
        postcode = this.postcode(normalised, row.line);
      }
    }
    let decile = 0;
    const decileText = row.get('imd_decile');
    if (decileText !== '') {
      const parsed = parseIntegerInRange(decileText, IMD_DECILES.min, IMD_DECILES.max);
      if (parsed.ok) decile = parsed.value;
      else {
        row.issue({
          column: 'imd_decile',
          value: decileText,
          rule: /^\s*-?\d+\s*$/.test(decileText) ? 'number.range' : 'number.invalid',
          severity: 'warning',
          message: `imd_decile must be a whole number from ${IMD_DECILES.min} to ${IMD_DECILES.max}; it is ${lsoaDecile > 0 ? 'derived from the LSOA instead' : 'treated as unknown'}`,
        });
      }
    }
    if (decile > 0 && lsoaDecile > 0 && decile !== lsoaDecile) {
      row.issue({
        column: 'imd_decile',
        value: decileText,
        rule: 'imd.lsoa_mismatch',
        message: `imd_decile ${decile} differs from decile ${lsoaDecile} that ${this.lookup.source} gives for ${lsoaText.toUpperCase()}; ${decile} is used`,
      });
    }
    return { lsoa, postcode, imdDecile: decile > 0 ? decile : lsoaDecile };
  }

  /** The file's warnings about areas it could not use, one of each kind (at the end of the file). */
  finish(file: string, log: IssueLog): void {
    for (const [nation, seen] of this.nations) {
      log.add({
        file,
        line: seen.first,
        column: 'lsoa',
        rule: 'lsoa.outside_england',
        message: `${rows(seen)} give an area in ${nation}, whose deprivation is measured by ${NATION_INDEX[nation]}: its deciles are not comparable with England's, so these people's deprivation is unknown`,
      });
    }
    if (this.otherEdition !== null && this.lookup.otherEdition !== null) {
      const other = this.lookup.otherEdition;
      log.add({
        file,
        line: this.otherEdition.first,
        column: 'lsoa',
        rule: 'lsoa.other_edition',
        message: `${rows(this.otherEdition)} give LSOA codes that ${this.lookup.source} does not have but ${other.name} does: their deprivation is unknown; if the returns use those codes, set ${other.setting} in tides.config.json`,
      });
    }
    if (this.postcodesWithoutDirectory !== null) {
      log.add({
        file,
        line: this.postcodesWithoutDirectory.first,
        rule: 'postcode.no_directory',
        message: `${rows(this.postcodesWithoutDirectory)} give a postcode, which tells tides no deprivation without a postcode directory: add postcodes.csv (the ONS National Statistics Postcode Lookup, or a file with its columns pcds and lsoa21 or lsoa11) to the folder`,
      });
    }
  }

  private notInLookup(row: Row, code: string): void {
    if (this.lookup.otherEdition?.codes.has(code)) {
      this.otherEdition ??= { first: row.line, count: 0 };
      this.otherEdition.count++;
      return;
    }
    row.issue({
      column: 'lsoa',
      value: code,
      rule: 'lsoa.not_in_lookup',
      message: `${code} is not in ${this.lookup.source}, so the IMD decile is unknown`,
    });
  }

  /** A postcode's index, for the directory to resolve; -1 without one (it is counted). */
  private postcode(postcode: string, line: number): number {
    if (this.lookup.postcodeDirectory) return this.postcodes.intern(postcode);
    this.postcodesWithoutDirectory ??= { first: line, count: 0 };
    this.postcodesWithoutDirectory.count++;
    return -1;
  }
}

function count<K>(seen: Map<K, Seen>, key: K, line: number): void {
  const s = seen.get(key);
  if (s) s.count++;
  else seen.set(key, { first: line, count: 1 });
}

function rows(seen: Seen): string {
  return seen.count === 1 ? 'the row on this line' : `${seen.count} rows (the first on this line)`;
}
