import { DISCLOSURE_PRESETS, type DisclosureRule } from './rule.js';

/**
 * The rule as one sentence for the report and the manifest, e.g. "Counts from 1 to 4 and
 * statistics based on fewer than 5 people are suppressed ([c]); where a suppressed count could
 * be recovered from a total, the next smallest count is suppressed too."
 */
export function describeDisclosureRule(rule: DisclosureRule): string {
  if (!rule.enabled) {
    return (
      'Disclosure control was switched off: counts and statistics of any size are shown, so ' +
      'these outputs are NOT FOR PUBLICATION.'
    );
  }
  const rounding =
    rule.roundTo === null
      ? ''
      : `, other counts are rounded to the nearest ${rule.roundTo} (percentages and other ` +
        'statistics are calculated from unrounded counts)';
  const body =
    rule.minCell <= 1
      ? `No counts are suppressed${rounding.replace('other counts', 'counts')}.`
      : `${smallCounts(rule.minCell)} and statistics based on fewer than ${rule.minCell} people ` +
        `are suppressed ([c])${rounding}; where a suppressed count could be recovered from a ` +
        'total, the next smallest count is suppressed too.';
  const introduction = presetIntroduction(rule);
  return introduction === '' ? body : `${introduction}${lowerFirst(body)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function smallCounts(minCell: number): string {
  return minCell === 2 ? 'Counts of 1' : `Counts from 1 to ${minCell - 1}`;
}

/** Names a preset other than the default; says so when explicit options changed it. */
function presetIntroduction(rule: DisclosureRule): string {
  if (rule.preset === null || rule.preset === 'standard') return '';
  const preset = Object.hasOwn(DISCLOSURE_PRESETS, rule.preset)
    ? DISCLOSURE_PRESETS[rule.preset]
    : undefined;
  if (preset === undefined) return `Disclosure rule ${rule.preset}: `;
  const unchanged = preset.minCell === rule.minCell && preset.roundTo === rule.roundTo;
  return unchanged
    ? `Following the ${preset.label} (preset ${rule.preset}): `
    : `Adapted from the ${preset.label} (preset ${rule.preset}): `;
}
