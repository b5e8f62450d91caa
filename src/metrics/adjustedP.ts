import { benjaminiHochbergAdjust } from '../stats/benjaminiHochbergAdjust.js';
import { holmAdjust } from '../stats/holmAdjust.js';
import { type AdjustMethod, type Cell, NOT_AVAILABLE, num } from './table.js';

/**
 * The adjusted p-values of one family of tests (R `p.adjust(p, "holm")` or `"BH"`), in the
 * order given. A family of one is no multiple comparison: its p is not adjusted but `[x]`. The
 * analysis adjusts across a measure's group rows, and disclosure control again across the rows
 * whose p is published, both by this rule.
 */
export function adjustFamily(p: readonly number[], method: AdjustMethod): Cell[] {
  if (p.length < 2) return p.map(() => NOT_AVAILABLE);
  const adjusted = method === 'holm' ? holmAdjust(p) : benjaminiHochbergAdjust(p);
  return adjusted.map(num);
}
