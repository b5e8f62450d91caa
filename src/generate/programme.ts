import { apportion, buildCity, type City } from './city.js';
import { hashSeed, SALT } from './hash.js';
import type { ResolvedGenerateOptions } from './options.js';
import { buildPartners, type PartnerPlan } from './partners.js';
import { IndexPermutation } from './permutation.js';

/**
 * Everything fixed before any row is generated: the city, the partners, and how many people each
 * partner has. People are numbered 0…participants−1 and each has one *primary* partner: partner k
 * holds the contiguous block `primaryStart[k] … primaryStart[k+1]−1`, so a person's primary partner
 * is found by arithmetic and never stored. About 10% also attend further partners (*secondary*
 * episodes), drawn when each partner is written.
 */
export interface ProgrammePlan {
  readonly options: ResolvedGenerateOptions;
  readonly city: City;
  readonly partners: readonly PartnerPlan[];
  /** Cumulative primary counts: partner k's block starts at `primaryStart[k]`; length partners+1. */
  readonly primaryStart: Float64Array;
  /** Secondary episodes each partner is to draw. */
  readonly secondaryTarget: readonly number[];
  /** Pseudonymises person numbers into participant ids. */
  readonly personIds: IndexPermutation;
  readonly idWidth: number;
}

/**
 * Secondary episodes per participant. Drawn independently per partner, this gives about 10% of
 * people at two or more partners, as in Turning Tides.
 */
export const SECONDARY_EPISODES_PER_PARTICIPANT = 0.106;

export function planProgramme(options: ResolvedGenerateOptions): ProgrammePlan {
  const city = buildCity(options.seed);
  const partners = buildPartners(
    options.partners,
    options.seed,
    city,
    options.fromDay,
    options.toDay,
  );
  const weights = partners.map((p) => p.weight);
  const primary = apportion(options.participants - partners.length, weights).map((n) => n + 1);
  const primaryStart = new Float64Array(partners.length + 1);
  primary.forEach((n, k) => {
    primaryStart[k + 1] = (primaryStart[k] ?? 0) + n;
  });
  const secondaryTarget = apportion(
    Math.round(options.participants * SECONDARY_EPISODES_PER_PARTICIPANT),
    weights,
  );
  return {
    options,
    city,
    partners,
    primaryStart,
    secondaryTarget,
    personIds: new IndexPermutation(
      options.participants,
      hashSeed(options.seed, 0, 0, SALT.personIds),
    ),
    idWidth: Math.max(7, String(options.participants + 100).length),
  };
}

export function primaryCount(programme: ProgrammePlan, partner: number): number {
  return (programme.primaryStart[partner + 1] ?? 0) - (programme.primaryStart[partner] ?? 0);
}

/** The partner whose primary block holds person `index` (binary search). */
export function primaryPartnerOf(programme: ProgrammePlan, index: number): number {
  const starts = programme.primaryStart;
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The pseudonymised id of person `index`: `TT` and a zero-padded number (text, never a number:
 * the leading zeros matter). Numbers above the participant count are never issued, so
 * `unusedParticipantId` can name a person who does not exist.
 */
export function participantId(programme: ProgrammePlan, index: number): string {
  return idText(programme, programme.personIds.at(index) + 1);
}

export function unusedParticipantId(programme: ProgrammePlan, offset: number): string {
  return idText(programme, programme.options.participants + 1 + offset);
}

function idText(programme: ProgrammePlan, n: number): string {
  return `TT${String(n).padStart(programme.idWidth, '0')}`;
}
