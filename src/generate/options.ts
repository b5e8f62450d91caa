import { UsageError } from '../errors.js';
import { type Day, parseIsoDay, today } from './dates.js';

/** What `generateProgramme` is asked to make. Every field is optional; see `GENERATE_DEFAULTS`. */
export interface GenerateOptions {
  /** Number of funded partners (default 88, as in Turning Tides). */
  readonly partners?: number;
  /** Number of distinct participants (default 50,000). */
  readonly participants?: number;
  /** Seed of every random draw: the same options and seed give byte-identical files. */
  readonly seed?: number;
  /** First enrolment date, `YYYY-MM-DD` (default 2015-04-01). */
  readonly from?: string;
  /** Last date of any record, `YYYY-MM-DD` (default 2018-03-31). */
  readonly to?: string;
  /** Plant the documented faults and format variants (default true). */
  readonly faults?: boolean;
  /** Replace an earlier generated programme in a folder that is not empty (default false). */
  readonly force?: boolean;
}

export interface ResolvedGenerateOptions {
  readonly partners: number;
  readonly participants: number;
  readonly seed: number;
  readonly from: string;
  readonly to: string;
  readonly fromDay: Day;
  readonly toDay: Day;
  readonly faults: boolean;
  readonly force: boolean;
}

/** Turning Tides: 88 partners, 50,000 people, financial years 2015-16 to 2017-18. */
export const GENERATE_DEFAULTS = {
  partners: 88,
  participants: 50_000,
  seed: 20150401,
  from: '2015-04-01',
  to: '2018-03-31',
  faults: true,
  force: false,
} as const;

export const GENERATE_LIMITS = {
  maxPartners: 9_999,
  maxParticipants: 99_999_999,
  maxSeed: 4_294_967_295,
} as const;

/**
 * Fills in defaults and checks every option, throwing `UsageError` with a message that names the
 * option. `now` is the day that dates may not pass (the validator rejects future dates).
 */
export function resolveGenerateOptions(
  options: GenerateOptions,
  now: Day = today(),
): ResolvedGenerateOptions {
  const partners = wholeNumber(
    'partners',
    options.partners ?? GENERATE_DEFAULTS.partners,
    1,
    GENERATE_LIMITS.maxPartners,
  );
  const participants = wholeNumber(
    'participants',
    options.participants ?? GENERATE_DEFAULTS.participants,
    1,
    GENERATE_LIMITS.maxParticipants,
  );
  if (participants < partners) {
    throw new UsageError(
      `participants (${participants}) must be at least partners (${partners}): every partner needs someone`,
    );
  }
  const seed = wholeNumber(
    'seed',
    options.seed ?? GENERATE_DEFAULTS.seed,
    0,
    GENERATE_LIMITS.maxSeed,
  );
  const from = options.from ?? GENERATE_DEFAULTS.from;
  const to = options.to ?? GENERATE_DEFAULTS.to;
  const fromDay = dateOption('from', from);
  const toDay = dateOption('to', to);
  if (toDay <= fromDay) throw new UsageError(`to (${to}) must be after from (${from})`);
  if (toDay > now) {
    throw new UsageError(
      `to (${to}) is in the future: tides rejects future dates, so none are generated`,
    );
  }
  return {
    partners,
    participants,
    seed,
    from,
    to,
    fromDay,
    toDay,
    faults: options.faults ?? GENERATE_DEFAULTS.faults,
    force: options.force ?? GENERATE_DEFAULTS.force,
  };
}

function wholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function dateOption(name: string, text: string): Day {
  const day = parseIsoDay(text);
  if (day === null)
    throw new UsageError(`${name} must be a real date written YYYY-MM-DD, got "${text}"`);
  return day;
}
