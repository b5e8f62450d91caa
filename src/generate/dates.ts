/**
 * Calendar days as whole numbers since 1970-01-01 (UTC), formatted without any locale so that
 * output is identical on every machine.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day of a strict `YYYY-MM-DD` date, or null when it is not a real calendar date. */
export function parseIsoDay(text: string): Day | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  ) {
    return null;
  }
  return Math.round(ms / MS_PER_DAY);
}

/**
 * `YYYY-MM-DD` for years 0–9999, by integer arithmetic (Howard Hinnant's `civil_from_days`,
 * https://howardhinnant.github.io/date_algorithms.html): formatting millions of dates through
 * `Date#toISOString` was the generator's slowest step.
 */
export function isoDate(day: Day): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** `DD/MM/YYYY`, as UK spreadsheet exports write dates. */
export function ukDate(day: Day): string {
  const iso = isoDate(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The UK financial year (1 April–31 March) of a day, labelled `2017-18`. */
export function financialYear(day: Day): string {
  const iso = isoDate(day);
  const year = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Today (UTC) as a day number: used only to refuse generating dates in the future. */
export function today(): Day {
  return Math.floor(Date.now() / MS_PER_DAY);
}
