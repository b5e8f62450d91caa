import type { ItemRule } from './types.js';

export type ItemScore =
  | { readonly ok: true; readonly score: number; readonly missing: number }
  | { readonly ok: false; readonly missing: number };

/**
 * Scores a questionnaire from its items: the sum when complete; with up to `rule.maxMissing`
 * items missing, the person's mean of the answered items stands in for each missing one (the
 * total is prorated: mean × item count); with more missing, the questionnaire is unscorable.
 * `items` holds each answered value, or null for a missing one.
 *
 * @example scoreItems([5, 4, null, ...], rule) // 3 of 14 missing → prorated
 */
export function scoreItems(items: readonly (number | null)[], rule: ItemRule): ItemScore {
  let sum = 0;
  let answered = 0;
  for (let i = 0; i < rule.count; i++) {
    const v = items[i];
    if (v === null || v === undefined) continue;
    sum += v;
    answered++;
  }
  const missing = rule.count - answered;
  if (answered === 0 || missing > rule.maxMissing) return { ok: false, missing };
  const score = missing === 0 ? sum : (sum / answered) * rule.count;
  return { ok: true, score, missing };
}
