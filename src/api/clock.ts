import { dayNumber } from '../contract/values.js';
import { UsageError } from '../errors.js';

/**
 * The latest `SOURCE_DATE_EPOCH` accepted: 9999-12-31T23:59:59Z, the last second whose date
 * has four digits (dates are written YYYY-MM-DD and compared as such).
 */
export const MAX_SOURCE_DATE_EPOCH = 253_402_300_799;

/**
 * Today's date (UTC) as a day number. `SOURCE_DATE_EPOCH` (seconds), the reproducible-builds
 * convention, fixes "now" so that runs can be repeated exactly.
 */
export function today(): number {
  const now = nowMs();
  const date = new Date(now);
  return dayNumber(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function nowMs(): number {
  const epoch = sourceDateEpoch();
  return epoch === null ? Date.now() : epoch * 1000;
}

/**
 * `SOURCE_DATE_EPOCH` in seconds, or null when it is unset or empty. The specification
 * (reproducible-builds.org/specs/source-date-epoch) asks for "an ASCII representation of an
 * integer with no fractional component" and for a malformed value to stop the build: a value
 * that is not a whole number from 0 to {@link MAX_SOURCE_DATE_EPOCH} is a `UsageError` (exit 2).
 * Commands check it before they read or write anything (`main.ts`), so it is never found wrong
 * half-way through a run.
 */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | null {
  const text = env.SOURCE_DATE_EPOCH;
  if (text === undefined || text.trim() === '') return null;
  const seconds = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || seconds > MAX_SOURCE_DATE_EPOCH) {
    throw new UsageError(
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 from 0 to ${MAX_SOURCE_DATE_EPOCH} (9999-12-31), got "${text}"`,
    );
  }
  return seconds;
}
