/** Number formatting that never depends on the machine's locale. */

/** Whole number with comma thousands separators: 50000 → "50,000". */
export function formatCount(n: number): string {
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** Fixed decimals, or an en dash when there is no value. */
export function formatFixed(x: number | null, digits = 1): string {
  return x === null ? '–' : x.toFixed(digits);
}
