/**
 * A count measure's recall period ("3 months", "4 weeks", "90 days", "1 year"): how many such
 * periods make a year, or null when the text is not a positive number of days, weeks, months or
 * years. A year is 365.25 days, 52.18 weeks, 12 months.
 */
export function recallPeriodsPerYear(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(day|week|month|year)s?\s*$/i.exec(text);
  if (!match) return null;
  const length = Number(match[1]);
  if (!(length > 0)) return null;
  const unit = (match[2] as string).toLowerCase();
  const perYear =
    unit === 'day' ? 365.25 : unit === 'week' ? 365.25 / 7 : unit === 'month' ? 12 : 1;
  return perYear / length;
}
