import { createRandom, type Random } from '../stats/random.js';
import {
  type Audience,
  INCLUSION_FLAGS,
  type InclusionFlag,
  type MinorityMix,
} from './catalogue.js';
import { drawCumulative } from './city.js';
import type { Day } from './dates.js';
import { hashSeed, SALT } from './hash.js';
import type { PartnerPlan } from './partners.js';
import { type ProgrammePlan, participantId, primaryPartnerOf } from './programme.js';

export type Sex = 'female' | 'male' | 'other';
export type Ethnicity = 'asian' | 'black' | 'mixed' | 'white' | 'other';

/**
 * One person, derived from the seed and their number alone (`personAt`), so that a person who
 * attends a second partner is regenerated identically there without being stored.
 */
export interface Person {
  readonly index: number;
  readonly id: string;
  readonly primaryPartner: number;
  /** Age in years on the programme's first day (fractional). */
  readonly ageAtStart: number;
  readonly sex: Sex;
  readonly ethnicity: Ethnicity;
  readonly disabled: boolean;
  /** Index of the home LSOA in the city. */
  readonly lsoa: number;
  /** Inclusion-group flags, bit i = `INCLUSION_FLAGS[i]`. */
  readonly flags: number;
  /** Standardised personal wellbeing level (z score), the same at every partner. */
  readonly trait: number;
}

const YEAR_DAYS = 365.25;

export function personAt(programme: ProgrammePlan, index: number): Person {
  const partner = programme.partners[primaryPartnerOf(programme, index)] as PartnerPlan;
  const rng = createRandom(hashSeed(programme.options.seed, index, 0, SALT.person));
  const ageAtStart = drawAge(partner.audience, rng);
  const sex = drawSex(partner, ageAtStart, rng);
  const ethnicity = drawEthnicity(partner.minority, partner.minorityMix, rng);
  const flags = drawFlags(partner, ageAtStart, ethnicity, rng);
  const learningDisability = (flags & flagBit('learning_disability')) !== 0;
  const disabled =
    learningDisability || rng.next() < (partner.disability ?? baseDisability(ageAtStart));
  const lsoa = drawHome(programme, partner, rng);
  return {
    index,
    id: participantId(programme, index),
    primaryPartner: partner.index,
    ageAtStart,
    sex,
    ethnicity,
    disabled,
    lsoa,
    flags,
    trait: rng.normal(),
  };
}

/** Whole years of age on a day. */
export function ageOn(person: Person, day: Day, programmeStart: Day): number {
  return Math.min(120, Math.floor(person.ageAtStart + (day - programmeStart) / YEAR_DAYS));
}

/** Ages (at the programme's start) a partner's audience covers, for choosing second partners. */
const AUDIENCE_AGES: Readonly<Record<Audience, readonly [number, number]>> = {
  children: [3, 15],
  young_people: [9, 25],
  families: [0, 55],
  adults: [16, 99],
  older: [50, 99],
  all_ages: [0, 99],
};

/** Whether a person could plausibly attend a partner (age and, for single-sex groups, sex). */
export function fitsPartner(person: Person, partner: PartnerPlan): boolean {
  const [min, max] = AUDIENCE_AGES[partner.audience];
  if (person.ageAtStart < min || person.ageAtStart > max) return false;
  return partner.sex === null || person.sex === partner.sex;
}

export function flagBit(flag: InclusionFlag): number {
  return 1 << INCLUSION_FLAGS.indexOf(flag);
}

/** The `;`-separated flags, in `INCLUSION_FLAGS` order ('' when none). */
export function flagText(flags: number): string {
  if (flags === 0) return '';
  const names: string[] = [];
  INCLUSION_FLAGS.forEach((flag, i) => {
    if (flags & (1 << i)) names.push(flag);
  });
  return names.join(';');
}

function drawAge(audience: Audience, rng: Random): number {
  const u = rng.next();
  const a = rng.next();
  const b = rng.next();
  const c = rng.next();
  switch (audience) {
    case 'children':
      return 4 + 10 * a;
    case 'young_people':
      return 10 + 13 * ((a + b) / 2);
    case 'families':
      return u < 0.5 ? 11.5 * a : 20 + 26 * ((a + b) / 2);
    case 'adults':
      return u < 0.55 ? 18 + 62 * a : 25 + 40 * ((b + c) / 2);
    case 'older':
      return 55 + 38 * ((a + b) / 2) ** 1.3;
    case 'all_ages':
      return u < 0.3 ? 15 * a : 17 + 62 * ((a + b) / 2);
  }
}

function drawSex(partner: PartnerPlan, age: number, rng: Random): Sex {
  const u = rng.next();
  if (partner.sex !== null) return partner.sex;
  if (u < 0.004) return 'other';
  const female =
    age < 16
      ? 0.5
      : partner.audience === 'families'
        ? 0.8
        : partner.audience === 'older'
          ? 0.62
          : 0.58;
  return rng.next() < female ? 'female' : 'male';
}

/** Minority groups by a partner's focus (shares of its minority participants). */
const MINORITY_MIXES: Readonly<Record<MinorityMix, readonly (readonly [Ethnicity, number])[]>> = {
  general: [
    ['asian', 0.3],
    ['black', 0.25],
    ['mixed', 0.25],
    ['other', 0.2],
  ],
  asian: [
    ['asian', 0.88],
    ['mixed', 0.06],
    ['other', 0.06],
  ],
  black: [
    ['black', 0.85],
    ['mixed', 0.1],
    ['other', 0.05],
  ],
  other: [
    ['other', 0.85],
    ['asian', 0.1],
    ['black', 0.05],
  ],
  refugee: [
    ['other', 0.4],
    ['black', 0.35],
    ['asian', 0.2],
    ['mixed', 0.05],
  ],
};

function drawEthnicity(minority: number, mix: MinorityMix, rng: Random): Ethnicity {
  const u = rng.next();
  const v = rng.next();
  if (u >= minority) return 'white';
  let target = v;
  for (const [group, share] of MINORITY_MIXES[mix]) {
    target -= share;
    if (target < 0) return group;
  }
  return 'other';
}

/** Programme-wide rates of each inclusion-health flag, for adults; most people have none. */
const BASE_FLAG_RATES: Readonly<Record<InclusionFlag, number>> = {
  homeless: 0.008,
  refugee_asylum: 0.004,
  gypsy_roma_traveller: 0.002,
  carer: 0.05,
  learning_disability: 0.015,
  substance_use: 0.015,
  justice_system: 0.01,
  sex_work: 0.0005,
};
const ADULT_ONLY: ReadonlySet<InclusionFlag> = new Set([
  'homeless',
  'substance_use',
  'justice_system',
  'sex_work',
]);

function drawFlags(partner: PartnerPlan, age: number, ethnicity: Ethnicity, rng: Random): number {
  let flags = 0;
  INCLUSION_FLAGS.forEach((flag, i) => {
    const u = rng.next();
    let rate = partner.inclusion[flag] ?? BASE_FLAG_RATES[flag];
    if (
      flag === 'refugee_asylum' &&
      partner.inclusion[flag] === undefined &&
      ethnicity !== 'white'
    ) {
      rate = 0.06;
    }
    if (flag === 'carer' && age < 16 && partner.inclusion[flag] === undefined) rate = 0.02;
    if (age < 16 && ADULT_ONLY.has(flag)) rate = 0;
    if (u < rate) flags |= 1 << i;
  });
  return flags;
}

function baseDisability(age: number): number {
  if (age < 16) return 0.06;
  if (age < 65) return 0.15;
  return 0.35;
}

function drawHome(programme: ProgrammePlan, partner: PartnerPlan, rng: Random): number {
  const u = rng.next();
  const v = rng.next();
  if (u < partner.localShare) {
    const ward = programme.city.wards[partner.homeWard] ?? [];
    return ward[Math.floor(v * ward.length)] ?? 0;
  }
  return drawCumulative(programme.city.participantHomes, v);
}
