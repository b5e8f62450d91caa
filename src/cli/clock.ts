import { dayNumber } from '../contract/values.js';

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
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return Number(epoch.trim()) * 1000;
  return Date.now();
}
