import { createRandom, type Random } from '../stats/random.js';
import { EXTRA_MEASURES, type ExtraMeasure } from './catalogue.js';
import type { Day } from './dates.js';
import type { Episode } from './episodes.js';
import { hashSeed, SALT } from './hash.js';
import type { OutcomeRecord, Timepoint } from './outcomes.js';
import type { ProgrammePlan } from './programme.js';

/**
 * The yes/no and count questions some partners ask beside their wellbeing measure, as defined in
 * the demo's tides.config.json (custom measures: tides knows none of them by name).
 */
export const EXTRA_MEASURE_CONFIG: Readonly<
  Record<ExtraMeasure, Readonly<Record<string, unknown>>>
> = {
  in_work: {
    type: 'binary',
    label: 'In paid work, education or training',
    better: 'yes',
    area: 'skills_employment',
  },
  volunteering: {
    type: 'binary',
    label: 'Volunteered in the last 3 months',
    better: 'yes',
    area: 'social_connection',
  },
  gp_visits: {
    type: 'count',
    label: 'GP appointments in the last 3 months',
    direction: 'lower_better',
    recall_period: '3 months',
    max: 60,
    area: 'nhs_demand',
    unit_cost_gbp: 42,
    unit_cost_source:
      'ILLUSTRATIVE for the synthetic demo, of the order of a GP surgery consultation in PSSRU Unit Costs of Health and Social Care: use a published unit cost, and cite it',
  },
};

/** How partners write yes and no: each partner keeps to one of these. */
const SPELLINGS: readonly (readonly [string, string])[] = [
  ['Yes', 'No'],
  ['yes', 'no'],
  ['Y', 'N'],
  ['1', '0'],
];

/** Age limits of who is asked: working age for work, adults for volunteering. */
const ASKED_AGES: Readonly<Record<ExtraMeasure, readonly [number, number]>> = {
  in_work: [16, 66],
  volunteering: [16, 200],
  gp_visits: [0, 200],
};
/** Share of people asked who leave a question blank at a timepoint. */
const SKIPPED = 0.05;

/**
 * Planted effects (per 3 months between baseline and follow-up):
 * - in_work: yes at baseline with log-odds −1 + 0.12 a decile above the first, −0.8 with a
 *   disability, −0.6 in an inclusion group (27% in decile 1 without either, 52% in decile 10);
 *   no → yes with probability 0.06 + 0.06 × partner effect, yes → no 0.06 (about +6 points);
 * - volunteering: yes at baseline 12% + 1 point a decile; no → yes 0.10 + 0.05 × effect,
 *   yes → no 0.25 (about +8 points);
 * - gp_visits: Poisson with a person's mean 1.0 + 0.1 a decile below the tenth + 0.02 a year of
 *   age over 40 + 0.8 with a disability, times a lognormal frailty (σ 0.8, mean 1) shared by
 *   both timepoints; at follow-up the mean falls by 12% × partner effect.
 */
const WORK = { intercept: -1, perDecile: 0.12, disabled: -0.8, flagged: -0.6 } as const;
const WORK_GAIN = { base: 0.06, perEffect: 0.06, loss: 0.06 } as const;
const VOLUNTEER = { base: 0.12, perDecile: 0.01, gain: 0.1, perEffect: 0.05, loss: 0.25 } as const;
const GP = { base: 1, perDecile: 0.1, perYear: 0.02, disabled: 0.8, frailty: 0.8, fall: 0.12 };

/**
 * The partner's extra questions for one episode, at the days of its wellbeing questionnaires, in
 * measure order (baseline, then follow-up). Drawn from a stream of their own, so that adding them
 * left every other value of the demo as it was. `force` asks every question, whatever the age
 * (an episode that carries a planted fault on one of them).
 */
export function extraRecords(
  programme: ProgrammePlan,
  episode: Episode,
  days: { readonly baseline: Day | null; readonly followup: Day | null },
  force = false,
): OutcomeRecord[] {
  const { partner, person } = episode;
  if (partner.records.length === 0 || days.baseline === null) return [];
  const decile = programme.city.lsoas[person.lsoa]?.decile ?? 1;
  const [yes, no] = SPELLINGS[partner.index % SPELLINGS.length] as readonly [string, string];
  const records: OutcomeRecord[] = [];
  const add = (measure: ExtraMeasure, timepoint: Timepoint, day: Day, value: number | null) => {
    if (value === null) return;
    const binary = measure !== 'gp_visits';
    records.push({
      measure,
      timepoint,
      day,
      score: value,
      items: null,
      ...(binary ? { text: value === 1 ? yes : no } : {}),
    });
  };
  for (const measure of partner.records) {
    // A stream per question, every draw made whether asked or not: one answer never moves another.
    const rng = createRandom(
      hashSeed(
        programme.options.seed,
        person.index,
        EXTRA_MEASURES.length * partner.index + EXTRA_MEASURES.indexOf(measure),
        SALT.extras,
      ),
    );
    const draws = { a: rng.next(), b: rng.next(), z: rng.normal(), skip: [rng.next(), rng.next()] };
    const [youngest, oldest] = ASKED_AGES[measure];
    if (!force && (episode.age < youngest || episode.age > oldest)) continue;
    const [before, after] = answers(measure, draws, decile, episode, rng);
    const kept = (value: number, i: number) =>
      force || (draws.skip[i] ?? 0) >= SKIPPED ? value : null;
    add(measure, 'baseline', days.baseline, kept(before, 0));
    if (days.followup !== null) add(measure, 'followup', days.followup, kept(after, 1));
  }
  return records;
}

function answers(
  measure: ExtraMeasure,
  draws: { readonly a: number; readonly b: number; readonly z: number },
  decile: number,
  episode: Episode,
  rng: Random,
): [number, number] {
  const { person, partner } = episode;
  switch (measure) {
    case 'in_work': {
      const logOdds =
        WORK.intercept +
        WORK.perDecile * (decile - 1) +
        (person.disabled ? WORK.disabled : 0) +
        (person.flags !== 0 ? WORK.flagged : 0);
      const before = draws.a < 1 / (1 + Math.exp(-logOdds)) ? 1 : 0;
      const change =
        before === 1 ? WORK_GAIN.loss : WORK_GAIN.base + WORK_GAIN.perEffect * partner.effect;
      return [before, draws.b < change ? 1 - before : before];
    }
    case 'volunteering': {
      const before = draws.a < VOLUNTEER.base + VOLUNTEER.perDecile * (decile - 1) ? 1 : 0;
      const change =
        before === 1 ? VOLUNTEER.loss : VOLUNTEER.gain + VOLUNTEER.perEffect * partner.effect;
      return [before, draws.b < change ? 1 - before : before];
    }
    case 'gp_visits': {
      const mean =
        (GP.base +
          GP.perDecile * (10 - decile) +
          GP.perYear * Math.max(0, episode.age - 40) +
          (person.disabled ? GP.disabled : 0)) *
        Math.exp(GP.frailty * draws.z - (GP.frailty * GP.frailty) / 2);
      return [poisson(mean, rng), poisson(mean * (1 - GP.fall * partner.effect), rng)];
    }
  }
}

/** No one is drawn above this (the config's plausibility limit is 60: only the planted 300 is). */
const MOST_VISITS = 40;

/**
 * A Poisson draw by Knuth's multiplication method (means here are a few visits), at most
 * {@link MOST_VISITS}.
 */
function poisson(mean: number, rng: Random): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = rng.next();
  while (product > limit && k < MOST_VISITS) {
    k++;
    product *= rng.next();
  }
  return k;
}
