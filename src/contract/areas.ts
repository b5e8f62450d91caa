import { isValid, toNormalised } from 'postcode';
import type { Parsed } from './values.js';

/**
 * What a partner writes where tides asks for a small area (`lsoa`, or `postcode`): an English
 * LSOA code, the code of a small area of another nation (whose deprivation index is not
 * England's), or a UK postcode.
 */
export type Area =
  | { readonly kind: 'lsoa'; readonly code: string }
  | { readonly kind: 'other_nation'; readonly code: string; readonly nation: Nation }
  | { readonly kind: 'postcode'; readonly postcode: string };

export type Nation = 'Wales' | 'Scotland' | 'Northern Ireland';

/** Each nation's deprivation index, named in messages about its areas. */
export const NATION_INDEX: Readonly<Record<Nation, string>> = {
  Wales: 'the Welsh Index of Multiple Deprivation (WIMD 2019, on Welsh LSOAs W01…)',
  Scotland: 'the Scottish Index of Multiple Deprivation (SIMD 2020, on data zones S01…)',
  'Northern Ireland':
    'the Northern Ireland Multiple Deprivation Measure (NIMDM 2017, on super output areas 95…)',
};

const ENGLISH_LSOA = /^E01\d{6}$/;
const WELSH_LSOA = /^W01\d{6}$/;
const SCOTTISH_DATA_ZONE = /^S01\d{6}$/;
/** NI super output areas (`95AA01S1`) and the 2021 data zones and super data zones. */
const NI_AREA = /^(?:95[A-Z]{2}\d{2}S\d|N2[01]\d{6})$/;

/**
 * Reads a small area: an LSOA code (any case), another nation's area code, or a UK postcode in
 * any case and spacing (validated by the `postcode` package, normalised to `L1 8JQ`).
 */
export function parseArea(text: string): Parsed<Area> {
  const code = text.toUpperCase();
  if (ENGLISH_LSOA.test(code)) return { ok: true, value: { kind: 'lsoa', code } };
  const nation = WELSH_LSOA.test(code)
    ? 'Wales'
    : SCOTTISH_DATA_ZONE.test(code)
      ? 'Scotland'
      : NI_AREA.test(code)
        ? 'Northern Ireland'
        : null;
  if (nation !== null) return { ok: true, value: { kind: 'other_nation', code, nation } };
  const postcode = normalisePostcode(text);
  if (postcode !== null) return { ok: true, value: { kind: 'postcode', postcode } };
  return { ok: false, reason: 'neither an LSOA code (E01 followed by 6 digits) nor a UK postcode' };
}

/** A UK postcode normalised (`l18jq` → `L1 8JQ`), or null when the text is not one. */
export function normalisePostcode(text: string): string | null {
  const squeezed = text.replace(/\s+/g, '');
  if (squeezed.length < 5 || squeezed.length > 7 || !isValid(squeezed)) return null;
  return toNormalised(squeezed);
}

/**
 * The outward code of a normalised postcode (`L1 8JQ` → `L1`): what a message may quote, as a
 * whole postcode can point to a handful of homes.
 */
export function outwardCode(postcode: string): string {
  return postcode.split(' ')[0] as string;
}
