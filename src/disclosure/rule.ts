/**
 * The disclosure-control rule every published output follows (the README's Methods,
 * "Disclosure control"): small counts and statistics resting on few people are suppressed, and
 * counts are optionally rounded. UK practice varies, so the rule is chosen by a named preset and
 * explicit options, and it is always stated in the report.
 */
export interface DisclosureRule {
  /** false for internal analysis only (`--no-suppress`): outputs are "not for publication". */
  readonly enabled: boolean;
  /** Counts from 1 to minCell − 1, and statistics from fewer than minCell people, are suppressed. */
  readonly minCell: number;
  /** Published counts are rounded to the nearest multiple of this base; null: no rounding. */
  readonly roundTo: number | null;
  /** The named preset the rule started from, or null when none was named. */
  readonly preset: string | null;
}

export interface DisclosurePreset {
  readonly minCell: number;
  readonly roundTo: number | null;
  /** Where the rule comes from, for the report. */
  readonly label: string;
}

/**
 * Named rules in UK use:
 * - `standard`: counts 1–4 suppressed, no rounding — common in local public-health reports;
 * - `nhsd-2018`: NHS Digital's 2018 method as the README's Methods summarises it — counts 1–7
 *   suppressed, other counts rounded to the nearest 5;
 * - `secure-research`: counts 1–9 suppressed, as many secure research environments require.
 */
export const DISCLOSURE_PRESETS: Readonly<Record<string, DisclosurePreset>> = Object.freeze({
  standard: { minCell: 5, roundTo: null, label: 'standard rule' },
  'nhsd-2018': { minCell: 8, roundTo: 5, label: 'NHS Digital 2018 rule' },
  'secure-research': { minCell: 10, roundTo: null, label: 'secure research rule' },
});

export const DEFAULT_DISCLOSURE_PRESET = 'standard';

/** Largest accepted threshold or rounding base: anything above is surely a typing slip. */
const MAX_OPTION = 1000;

export interface DisclosureOptions {
  /** A key of {@link DISCLOSURE_PRESETS}; default `standard`. */
  readonly preset?: string | null;
  /** Overrides the preset's threshold. */
  readonly minCell?: number;
  /** Overrides the preset's rounding; null switches rounding off. */
  readonly roundTo?: number | null;
  /** false turns disclosure control off (the rule is still resolved, for the manifest). */
  readonly suppress?: boolean;
}

/** A bad disclosure option; `option` names it so the CLI can name its own flag. */
export class DisclosureOptionError extends RangeError {
  override readonly name = 'DisclosureOptionError';
  constructor(
    readonly option: 'preset' | 'minCell' | 'roundTo',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The rule from a preset (default `standard`) and explicit options, which take precedence.
 *
 * @throws {DisclosureOptionError} (a RangeError) naming `preset`, `minCell` or `roundTo` when a
 *   preset is unknown, minCell is not a whole number from 1 to 1000, or roundTo is not null or a
 *   whole number from 2 to 1000
 * @example
 * resolveDisclosureRule({ preset: 'nhsd-2018' }); // { enabled: true, minCell: 8, roundTo: 5, preset: 'nhsd-2018' }
 * resolveDisclosureRule({ minCell: 10 });         // { enabled: true, minCell: 10, roundTo: null, preset: 'standard' }
 */
export function resolveDisclosureRule(options: DisclosureOptions = {}): DisclosureRule {
  const presetName = options.preset ?? DEFAULT_DISCLOSURE_PRESET;
  const preset = Object.hasOwn(DISCLOSURE_PRESETS, presetName)
    ? DISCLOSURE_PRESETS[presetName]
    : undefined;
  if (preset === undefined) {
    const known = Object.keys(DISCLOSURE_PRESETS).join(', ');
    throw new DisclosureOptionError(
      'preset',
      `preset must be one of ${known}, got ${JSON.stringify(presetName)}`,
    );
  }
  const minCell = options.minCell ?? preset.minCell;
  if (!isWholeNumber(minCell) || minCell < 1 || minCell > MAX_OPTION) {
    throw new DisclosureOptionError(
      'minCell',
      `minCell must be a whole number from 1 to ${MAX_OPTION}, got ${String(minCell)}`,
    );
  }
  const roundTo = options.roundTo === undefined ? preset.roundTo : options.roundTo;
  if (roundTo !== null && (!isWholeNumber(roundTo) || roundTo < 2 || roundTo > MAX_OPTION)) {
    throw new DisclosureOptionError(
      'roundTo',
      `roundTo must be a whole number from 2 to ${MAX_OPTION} (or none), got ${String(roundTo)}`,
    );
  }
  return { enabled: options.suppress !== false, minCell, roundTo, preset: presetName };
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}
