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
const ISO_DATE =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?)?$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** A day, a month's name (or its first three letters), a year: `3-Apr-2017`, `3rd April 2017`. */
const NAMED_MONTH_DATE =
  /^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** The earliest and latest years a date may have (a year outside is a typing slip, not a date). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since the epoch of a valid calendar date (no validation: see `parseDate`). */
export function dayNumber(year: number, month: number, day: number): DayNumber {
  // Days from civil (Hinnant's algorithm, proleptic Gregorian): exact integer arithmetic, and
  // much cheaper than building a Date for each of millions of cells.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A day number as people write it: `4 December 2026` (locale-free). */
export function formatLongDay(day: DayNumber): string {
  const parts = dayParts(day);
  return `${parts.day} ${MONTHS[parts.month - 1]} ${parts.year}`;
}

/** Calendar parts of a day number. */
export function dayParts(day: DayNumber): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** How dates are read beyond the formats always accepted. */
export interface DateOptions {
  /**
   * Whether `DD/MM/YY` is read (as 20YY). A year of two digits after a month's name
   * (`03-Apr-17`) is always read, since the order is plain.
   */
  readonly twoDigitYears?: boolean;
}

/**
 * Parses a date written in one of the unambiguous forms partners' spreadsheets use:
 * `YYYY-MM-DD` or `YYYY/MM/DD` (ISO order), `DD/MM/YYYY` (UK order; day and month may have one
 * digit), and a day, a month's name and a year (`3-Apr-2017`, `3 April 2017`, `3rd Apr 2017`,
 * `03-Apr-17`). A time of day after the date, as spreadsheet exports add (`2017-04-03 00:00`,
 * `03/04/2017 00:00:00`), is accepted and ignored. US order (MM/DD/YYYY) is never guessed:
 * `04/13/2017` is invalid. A year of two digits is 20YY; written with numbers only
 * (`03/04/17`) it is read only when `options.twoDigitYears` says so.
 */
export function parseDate(text: string, options: DateOptions = {}): Parsed<DayNumber> {
  const plain = plainIsoDate(text);
  if (plain !== null) return ok(plain);
  let year: number;
  let month: number;
  let day: number;
  let time: (string | undefined)[];
  let yearText: string;
  const iso = ISO_DATE.exec(text);
  const uk = iso ? null : UK_DATE.exec(text);
  const named = iso || uk ? null : NAMED_MONTH_DATE.exec(text);
  if (iso) {
    yearText = iso[1] as string;
    month = Number(iso[3]);
    day = Number(iso[4]);
    time = iso.slice(5, 8);
  } else if (uk) {
    day = Number(uk[1]);
    month = Number(uk[2]);
    yearText = uk[3] as string;
    time = uk.slice(4, 7);
    if (yearText.length === 2 && !options.twoDigitYears) {
      return fail(
        'a year of two digits (DD/MM/YY) is read only when tides.config.json says "two_digit_years": true',
      );
    }
  } else if (named) {
    day = Number(named[1]);
    const name = (named[2] as string).toLowerCase();
    month = monthOfName(name);
    if (month === 0) return fail(`${named[2]} is not the name of a month`);
    yearText = named[3] as string;
    time = named.slice(4, 7);
  } else {
    return fail('not a date in the form YYYY-MM-DD, DD/MM/YYYY or 3 April 2017');
  }
  year = Number(yearText);
  if (yearText.length === 2) year += 2000;
  const [hours, minutes, seconds] = time.map((t) => (t === undefined ? 0 : Number(t)));
  if ((hours as number) > 23 || (minutes as number) > 59 || (seconds as number) > 59) {
    return fail(`the time ${text.split(/[T ]/).at(-1)} does not exist`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR)
    return fail(`year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  if (month < 1 || month > 12) return fail(`month ${month} does not exist`);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last)
    return fail(`day ${day} does not exist in ${MONTHS[month - 1]} ${year}`);
  return ok(dayNumber(year, month, day));
}

/** The month (1–12) a name gives (`apr`, `April`, `sept`), or 0. */
function monthOfName(name: string): number {
  if (name === 'sept') return 9;
  const i = MONTHS.findIndex(
    (m) => m.toLowerCase() === name || (name.length === 3 && m.toLowerCase().startsWith(name)),
  );
  return i + 1;
}

/**
 * The day number of a plain, valid `YYYY-MM-DD` (the form nearly every cell has), read without a
 * regular expression; null for anything else, which parseDate then reads in full.
 */
function plainIsoDate(text: string): DayNumber | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  return plainDay(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
}

/**
 * The day number of a year, month and day read from a plain `YYYY-MM-DD` when they make a real
 * date within MIN_YEAR–MAX_YEAR; null otherwise (a part that is not digits is -1).
 */
export function plainDay(year: number, month: number, day: number): DayNumber | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumber(year, month, day);
}

/** The number written by the digits text[from, to), or -1 if any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
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
  // A short run of digits (item responses, ages, deciles) needs no regular expression.
  if (text.length > 0 && text.length <= 3) {
    const value = digits(text, 0, text.length);
    if (value >= 0) return ok(value);
  }
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
  for (const [k, v] of Object.entries(synonyms)) lookup.set(codeKey(k), v);
  return { name, values, lookup };
}

/**
 * The key a code is matched by: lower case, with every run of spaces and punctuation (`_ - / :
 * , ( )`…) one space, so `Female (including trans woman)`, `female - including trans woman` and
 * `FEMALE_INCLUDING_TRANS_WOMAN` are one spelling.
 */
export function codeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The answers a yes/no measure takes, matched as codes are (any case, spaces alike). */
const YES_NO: ReadonlyMap<string, 0 | 1> = new Map([
  ['yes', 1],
  ['y', 1],
  ['1', 1],
  ['true', 1],
  ['no', 0],
  ['n', 0],
  ['0', 0],
  ['false', 0],
]);

/** A yes/no answer as 1 or 0 (yes/no, y/n, 1/0, true/false); null for anything else. */
export function parseYesNo(text: string): 0 | 1 | null {
  return YES_NO.get(codeKey(text)) ?? null;
}

/** Matches a code case-insensitively, folding spaces and punctuation together (see `codeKey`). */
export function parseCode<T extends string>(text: string, codes: CodeList<T>): Parsed<T> {
  // A code written exactly as listed (lower case letters and digits only) is found directly.
  if (isPlainCode(text)) {
    const direct = codes.lookup.get(text);
    if (direct !== undefined) return ok(direct);
  }
  const key = codeKey(text);
  const value = codes.lookup.get(key) ?? codes.lookup.get(key.replaceAll(' ', '_'));
  return value === undefined ? fail(`not one of ${codes.values.join(', ')}`) : ok(value);
}

function isPlainCode(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/**
 * An LSOA code in England: `E01` followed by six digits. Written so that it is also an XML Schema
 * regular expression (implicitly anchored), as a Table Schema's `pattern` constraint needs.
 */
export const LSOA_PATTERN = 'E01[0-9]{6}';
const LSOA_CODE = new RegExp(`^${LSOA_PATTERN}$`);

export function parseLsoa(text: string): Parsed<string> {
  const code = text.toUpperCase();
  return LSOA_CODE.test(code) ? ok(code) : fail('not an LSOA code (E01 followed by 6 digits)');
}

/** Longest identifier accepted; longer cells are not ids (a swallowed record, a note). */
export const MAX_ID_LENGTH = 64;
// Printable characters without line breaks or control codes.
const ID_PATTERN = /^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u;

/**
 * Whether a cell can be an identifier: 1 to {@link MAX_ID_LENGTH} printable characters.
 * Identifiers are text: `007` stays `007`, never 7.
 */
export function isIdentifier(value: string): boolean {
  if (value === '' || value.length > MAX_ID_LENGTH) return false;
  return isPrintableAscii(value) || ID_PATTERN.test(value);
}

/** Printable ASCII only (most ids): no need for the Unicode pattern. */
function isPrintableAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}
