import { createRandom, type Random } from '../stats/random.js';
import type { Day } from './dates.js';
import { hashSeed, SALT } from './hash.js';
import type { PartnerPlan } from './partners.js';
import { ageOn, fitsPartner, type Person, personAt } from './people.js';
import { IndexPermutation } from './permutation.js';
import { type ProgrammePlan, primaryCount } from './programme.js';

/** One person at one partner, as the partner records them. */
export interface Episode {
  readonly person: Person;
  readonly partner: PartnerPlan;
  /** Offset in the partner's primary block, or −1 for a person whose first partner is elsewhere. */
  readonly primaryOffset: number;
  readonly enrolledOn: Day;
  /** Whole years at enrolment. */
  readonly age: number;
  readonly cohort: string;
  /** What the partner wrote down: missing and unknown values as partners' records have them. */
  readonly recordsAge: boolean;
  readonly recordedSex: 'female' | 'male' | 'other' | 'unknown';
  readonly recordedEthnicity: string;
  readonly recordedDisability: 'yes' | 'no' | 'unknown';
  readonly recordsLsoa: boolean;
  /** The episode's own random stream, continued by its outcomes. */
  readonly rng: Random;
}

/**
 * The people of one partner, in file order: first those whose primary partner is elsewhere (drawn
 * without repeats from a keyed permutation of everyone, keeping those of a fitting age and sex),
 * then the partner's own primary block.
 */
export function* partnerPeople(
  programme: ProgrammePlan,
  partner: PartnerPlan,
): Generator<{ person: Person; primaryOffset: number }> {
  const total = programme.options.participants;
  const start = programme.primaryStart[partner.index] ?? 0;
  const end = start + primaryCount(programme, partner.index);
  const wanted = programme.secondaryTarget[partner.index] ?? 0;
  if (wanted > 0) {
    const order = new IndexPermutation(
      total,
      hashSeed(programme.options.seed, partner.index, 0, SALT.secondary),
    );
    const limit = Math.min(total, 40 * wanted + 1_000);
    let found = 0;
    for (let j = 0; j < limit && found < wanted; j++) {
      const index = order.at(j);
      if (index >= start && index < end) continue;
      const person = personAt(programme, index);
      if (!fitsPartner(person, partner)) continue;
      found++;
      yield { person, primaryOffset: -1 };
    }
  }
  for (let index = start; index < end; index++) {
    yield { person: personAt(programme, index), primaryOffset: index - start };
  }
}

/** The episode of a person at a partner: the same person and partner always give the same episode. */
export function buildEpisode(
  programme: ProgrammePlan,
  person: Person,
  partner: PartnerPlan,
  primaryOffset: number,
  cohorts: readonly string[] = partner.cohorts,
): Episode {
  const rng = createRandom(
    hashSeed(programme.options.seed, person.index, partner.index, SALT.episode),
  );
  const [first, last] = partner.window;
  const enrolledOn = first + rng.int(last - first + 1);
  const cohort = cohorts[rng.int(cohorts.length)] ?? '';
  const ageMissing = rng.next() < 0.01;
  const sexUnknown = rng.next() < 0.01;
  const ethnicityUnknown = rng.next() < 0.04;
  const disabilityUnknown = rng.next() < 0.06;
  const lsoaMissing = rng.next() < 0.02;
  return {
    person,
    partner,
    primaryOffset,
    enrolledOn,
    age: ageOn(person, enrolledOn, programme.options.fromDay),
    cohort,
    recordsAge: !ageMissing,
    recordedSex: sexUnknown ? 'unknown' : person.sex,
    recordedEthnicity: ethnicityUnknown ? 'unknown' : person.ethnicity,
    recordedDisability: disabilityUnknown ? 'unknown' : person.disabled ? 'yes' : 'no',
    recordsLsoa: !lsoaMissing,
    rng,
  };
}
