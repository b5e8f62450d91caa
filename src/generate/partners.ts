import { createRandom } from '../stats/random.js';
import {
  type Audience,
  type ExtraMeasure,
  type InclusionFlag,
  type MeasurePlan,
  type MinorityMix,
  PARTNER_CATALOGUE,
  type PartnerTemplate,
  type PartnerType,
  type SizeClass,
} from './catalogue.js';
import { type City, WARD_COUNT } from './city.js';
import type { Day } from './dates.js';
import { hashSeed, SALT } from './hash.js';

/** A funded partner as generated: what partners.csv says, plus how its people and data look. */
export interface PartnerPlan {
  /** 0-based position; `id` is `P001` for index 0. */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly type: PartnerType;
  readonly theme: string;
  readonly fundingGbp: number;
  readonly audience: Audience;
  readonly size: SizeClass;
  readonly measure: MeasurePlan;
  readonly sex: 'female' | 'male' | null;
  readonly minority: number;
  readonly minorityMix: MinorityMix;
  readonly inclusion: Readonly<Partial<Record<InclusionFlag, number>>>;
  readonly disability: number | null;
  readonly baselineOffset: number;
  /** Multiplier of the programme's average improvement (0 = no measurable change). */
  readonly effect: number;
  /** Log-odds shift of the partner's follow-up rate. */
  readonly followupShift: number;
  /** Relative size, before scaling to the number of participants asked for. */
  readonly weight: number;
  /** Days on which the partner enrolled people (inclusive). */
  readonly window: readonly [Day, Day];
  readonly homeWard: number;
  /** Share of participants from the partner's home ward (the rest come from across the city). */
  readonly localShare: number;
  readonly recordsImd: boolean;
  readonly recordsCohort: boolean;
  readonly recordsDisability: boolean;
  readonly recordsInclusion: boolean;
  readonly cohorts: readonly string[];
  /** Yes/no and count questions asked beside the wellbeing measure (most partners: none). */
  readonly records: readonly ExtraMeasure[];
}

const COHORTS: Readonly<Record<Audience, readonly string[]>> = {
  children: ['After-school club', 'Saturday club', 'Holiday programme', 'Junior group'],
  young_people: ['Youth night', 'Saturday session', 'Holiday programme', 'Peer mentors'],
  families: ['Stay and play', 'Family day', 'Parents, carers and tots', 'Saturday family session'],
  adults: [
    'Monday drop-in',
    'Tuesday group',
    'Wednesday afternoon',
    'Thursday evening',
    'Friday club',
    'Spring course',
    'Autumn course',
    'Outreach',
    'Arts, crafts and chat',
  ],
  older: ['Tuesday group', 'Lunch club', 'Morning session', 'Home visits', 'Walk, talk and tea'],
  all_ages: ['Site visits', 'Family day', 'Monday drop-in', 'Summer programme'],
};

/** Share of participants from the home ward, by kind: community groups are the most local. */
const LOCAL_SHARE: Readonly<Record<PartnerType, number>> = {
  community: 0.6,
  faith: 0.5,
  voluntary: 0.3,
  social_enterprise: 0.25,
};

/** Builds `count` partners, cycling through the catalogue (with a numbered name) beyond 88. */
export function buildPartners(
  count: number,
  seed: number,
  city: City,
  from: Day,
  to: Day,
): PartnerPlan[] {
  const idWidth = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, index) => {
    const template = PARTNER_CATALOGUE[index % PARTNER_CATALOGUE.length] as PartnerTemplate;
    const round = Math.floor(index / PARTNER_CATALOGUE.length);
    return buildPartner(template, index, round, idWidth, seed, city, from, to);
  });
}

function buildPartner(
  template: PartnerTemplate,
  index: number,
  round: number,
  idWidth: number,
  seed: number,
  city: City,
  from: Day,
  to: Day,
): PartnerPlan {
  const rng = createRandom(hashSeed(seed, index, 0, SALT.partner));
  const weight = sizeWeight(template.size, rng.next());
  const span = to - from;
  const u = rng.next();
  // Most partners ran for the whole programme; some joined in year 2, a few finished early.
  const window: [Day, Day] =
    template.size === 'tiny' || u < 0.7
      ? [from, to]
      : u < 0.88
        ? [from + Math.round(span / 3), to]
        : [from, from + Math.round((2 * span) / 3)];
  const pool = COHORTS[template.audience];
  const cohortCount = 1 + rng.int(Math.min(4, pool.length));
  const start = rng.int(pool.length);
  const cohorts = Array.from(
    { length: cohortCount },
    (_, i) => pool[(start + i) % pool.length] as string,
  );
  const hasInclusionFocus = template.inclusion !== undefined;
  const funding = 5_000 + weight * (16 + 8 * rng.next());
  return {
    index,
    id: `P${String(index + 1).padStart(idWidth, '0')}`,
    name: round === 0 ? template.name : `${template.name} ${round + 1}`,
    type: template.type,
    theme: template.theme,
    fundingGbp: Math.round(funding / 500) * 500,
    audience: template.audience,
    size: template.size,
    measure: template.measure,
    sex: template.sex ?? null,
    minority: template.minority ?? 0.07 + 0.06 * rng.next(),
    minorityMix: template.minorityMix ?? 'general',
    inclusion: template.inclusion ?? {},
    disability: template.disability ?? null,
    baselineOffset: template.baselineOffset ?? 0,
    effect: template.noChange ? 0 : 0.75 + 0.5 * rng.next(),
    followupShift: 0.35 * rng.normal(),
    weight,
    window,
    homeWard: homeWard(city, rng.next()),
    localShare: LOCAL_SHARE[template.type],
    recordsImd: !template.lsoaOnly,
    recordsCohort: rng.next() < 0.8,
    recordsDisability: template.disability !== undefined || rng.next() < 0.85,
    recordsInclusion: hasInclusionFocus || rng.next() < 0.75,
    cohorts,
    records: template.records ?? [],
  };
}

/**
 * Relative partner sizes: a few with thousands of participants, many with hundreds, some with
 * tens and a handful with fewer than ten (so that small-number suppression is exercised).
 */
function sizeWeight(size: SizeClass, u: number): number {
  switch (size) {
    case 'large':
      return 2_500 + Math.floor(3_000 * u);
    case 'medium':
      return 180 + Math.floor(680 * u);
    case 'small':
      return 15 + Math.floor(80 * u);
    case 'tiny':
      return 2 + Math.floor(6 * u);
  }
}

/** Partners are based mostly in the more deprived wards. */
function homeWard(city: City, u: number): number {
  const weights = city.wards.map((lsoas) => {
    const mean = lsoas.reduce((s, i) => s + (city.lsoas[i]?.decile ?? 10), 0) / lsoas.length;
    return 1 / mean;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let target = u * total;
  for (let w = 0; w < WARD_COUNT; w++) {
    target -= weights[w] ?? 0;
    if (target < 0) return w;
  }
  return WARD_COUNT - 1;
}
