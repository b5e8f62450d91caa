/**
 * Parsers for single cells. Each returns a tagged result rather than throwing, so the caller can
 * turn a failure into an issue naming the file, line and column. Nothing here rolls an impossible
 * value over into a valid one: `31/02/2017` is an error, never 3 March.
 */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** A calendar date as whole days since 1970-01-01 (UTC), so dates compare and subtract exactly. */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?)?$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since the epoch of a valid calendar date (no validation: see `parseDate`). */
export function dayNumber(year: number, month: number, day: number): DayNumber {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar parts of a day number. */
export function dayParts(day: DayNumber): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * Parses `YYYY-MM-DD` (ISO) or `DD/MM/YYYY` (UK; day and month may have one digit). A time of
 * day after the date, as spreadsheet exports add (`2017-04-03 00:00`, `03/04/2017 00:00:00`), is
 * accepted and ignored. US order (MM/DD/YYYY) is never guessed: `04/13/2017` is invalid.
 */
export function parseDate(text: string): Parsed<DayNumber> {
  const iso = ISO_DATE.exec(text);
  let year: number;
  let month: number;
  let day: number;
  let time: (string | undefined)[];
  if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
    time = iso.slice(4, 7);
  } else {
    const uk = UK_DATE.exec(text);
    if (!uk) return fail('not a date in the form YYYY-MM-DD or DD/MM/YYYY');
    day = Number(uk[1]);
    month = Number(uk[2]);
    year = Number(uk[3]);
    time = uk.slice(4, 7);
  }
  const [hours, minutes, seconds] = time.map((t) => (t === undefined ? 0 : Number(t)));
  if ((hours as number) > 23 || (minutes as number) > 59 || (seconds as number) > 59) {
    return fail(`the time ${text.split(/[T ]/)[1]} does not exist`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR)
    return fail(`year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  if (month < 1 || month > 12) return fail(`month ${month} does not exist`);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last)
    return fail(`day ${day} does not exist in ${MONTHS[month - 1]} ${year}`);
  return ok(dayNumber(year, month, day));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Parses a plain decimal number: digits with an optional sign and decimal point. Exponents,
 * `NaN`, `Infinity`, hex and spaces inside are rejected (JavaScript's `Number()` would accept
 * several of them). With `allowGrouping`, thousands separators and a leading `£` are accepted, as
 * in money exported from a spreadsheet (`£12,500.00`).
 */
export function parseNumber(
  text: string,
  options: { allowGrouping?: boolean } = {},
): Parsed<number> {
  let t = text;
  if (options.allowGrouping) {
    t = t.replace(/^£\s*/, '');
    if (GROUPED_NUMBER.test(t)) t = t.replaceAll(',', '');
  }
  if (!PLAIN_NUMBER.test(t)) return fail('not a number');
  const value = Number(t);
  if (!Number.isFinite(value)) return fail('not a finite number');
  return ok(value);
}

/** Parses a whole number within [min, max]. */
export function parseIntegerInRange(text: string, min: number, max: number): Parsed<number> {
  const parsed = parseNumber(text);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(parsed.value)) return fail('not a whole number');
  if (parsed.value < min || parsed.value > max) return fail(`outside ${min}–${max}`);
  return parsed;
}

/** A closed vocabulary with accepted spellings, matched case-insensitively. */
export interface CodeList<T extends string> {
  readonly name: string;
  readonly values: readonly T[];
  readonly lookup: ReadonlyMap<string, T>;
}

export function codeList<T extends string>(
  name: string,
  values: readonly T[],
  synonyms: Readonly<Record<string, T>> = {},
): CodeList<T> {
  const lookup = new Map<string, T>();
  for (const v of values) lookup.set(v.toLowerCase(), v);
  for (const [k, v] of Object.entries(synonyms)) lookup.set(k.toLowerCase(), v);
  return { name, values, lookup };
}

/** Matches a code case-insensitively, folding spaces, hyphens and underscores together. */
export function parseCode<T extends string>(text: string, codes: CodeList<T>): Parsed<T> {
  const key = text
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
  const value = codes.lookup.get(key) ?? codes.lookup.get(key.replaceAll(' ', '_'));
  return value === undefined ? fail(`not one of ${codes.values.join(', ')}`) : ok(value);
}

/** An LSOA code in England: `E01` followed by six digits. */
const LSOA_CODE = /^E01\d{6}$/;

export function parseLsoa(text: string): Parsed<string> {
  const code = text.toUpperCase();
  return LSOA_CODE.test(code) ? ok(code) : fail('not an LSOA code (E01 followed by 6 digits)');
}
