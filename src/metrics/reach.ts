import { DISABILITY, ETHNICITY, SEX, UNKNOWN } from '../contract/codes.js';
import { AGE_BANDS, financialYear, isCore20 } from '../contract/dimensions.js';
import type { Programme } from '../model/programme.js';
import { poissonRateInterval } from '../stats/poissonRateInterval.js';
import { wilsonInterval } from '../stats/wilsonInterval.js';
import {
  type CodedDimension,
  codeDimension,
  compareGroupKeys,
  type Dimension,
  episodeMembers,
  groupCells,
  groupMembers,
  lineSets,
  NO_INCLUSION_GROUP,
  range,
} from './grouping.js';
import type { AnalysisOptions } from './options.js';
import { residents, totalResidents } from './population.js';
import {
  ALL,
  type Cell,
  type ColumnDef,
  NOT_APPLICABLE,
  NOT_AVAILABLE,
  num,
  row,
  type Table,
} from './table.js';

/** Ethnic groups counted as ethnic minority communities for PLUS (ONS 2021 high-level groups). */
const ETHNIC_MINORITY = new Set(['asian', 'black', 'mixed', 'other']);

/** People of one group: for each person, the first of their episodes in the group. */
interface ReachGroup {
  readonly people: Int32Array;
  readonly episodes: number;
  readonly partners: number;
}

/** Dimensions of the reach profile, in report order. */
export const PROFILE_DIMENSIONS: readonly Dimension[] = [
  'imd_decile',
  'imd_quintile',
  'sex',
  'age_band',
  'ethnicity',
  'disability',
  'inclusion_group',
];

/** Episodes in the analysis: all, or those enrolled in the `--period` financial year. */
export function includedEpisodes(
  programme: Programme,
  period: string | null,
): (e: number) => boolean {
  if (period === null) return () => true;
  const enrolled = programme.episodes.enrolledOn;
  return (e) => financialYear(enrolled.get(e)) === period;
}

/** The episodes in the analysis, in order. */
export function includedEpisodeList(programme: Programme, period: string | null): Int32Array {
  const include = includedEpisodes(programme, period);
  const count = programme.episodes.count;
  const list = new Int32Array(count);
  let n = 0;
  for (let episode = 0; episode < count; episode++) if (include(episode)) list[n++] = episode;
  return list.subarray(0, n);
}

function collectGroups(programme: Programme, options: AnalysisOptions): Map<string, ReachGroup> {
  const { episodes } = programme;
  const included = includedEpisodeList(programme, options.period);
  const members = groupMembers(programme, options.by, episodeMembers(programme, included), true);
  // One pass per group over its episodes, with per-person scratch arrays shared by all groups
  // (stamped with the group's number) instead of a map per group.
  const stamp = new Int32Array(episodes.personCount).fill(-1);
  const first = new Int32Array(episodes.personCount);
  const partnerStamp = new Int32Array(programme.partners.length).fill(-1);
  const groups = new Map<string, ReachGroup>();
  let number = 0;
  for (const [key, list] of members) {
    // At most one person per episode: filled up to `count`, then cut to size.
    const people = new Int32Array(list.length);
    let count = 0;
    let partners = 0;
    for (let i = 0; i < list.length; i++) {
      const episode = list[i] as number;
      const person = episodes.person.get(episode);
      const partner = episodes.partner.get(episode);
      if (partnerStamp[partner] !== number) {
        partnerStamp[partner] = number;
        partners++;
      }
      if (stamp[person] !== number) {
        stamp[person] = number;
        first[person] = count;
        people[count++] = episode;
      } else {
        const at = first[person] as number;
        if (episodes.enrolledOn.get(episode) < episodes.enrolledOn.get(people[at] as number)) {
          people[at] = episode;
        }
      }
    }
    groups.set(key, { people: people.subarray(0, count), episodes: list.length, partners });
    number++;
  }
  return groups;
}

/**
 * The residents a group's participants are drawn from: every resident for the total and for a
 * year (the population does not change by year of enrolment, so a year's rate is its reach per
 * 1,000 residents), the residents of the group's category when it is restricted on one other
 * dimension that population.csv covers, else none (null).
 */
function residentsOf(
  programme: Programme,
  by: readonly Dimension[],
  cells: Readonly<Record<string, string>>,
): number | null {
  const restricted = by.filter((dimension) => dimension !== 'year' && cells[dimension] !== ALL);
  const [only, ...more] = restricted;
  if (only === undefined) return totalResidents(programme.population);
  if (more.length > 0) return null;
  return residents(programme.population, only, cells[only] as string);
}

/** Tells whether a person (through the episode that describes them) is in a PLUS group. */
function plusTest(programme: Programme): (episode: number) => boolean {
  const e = programme.episodes;
  const counted = plusMask(programme);
  // Per ethnicity code, so that no label is looked up per person.
  const minority = ETHNICITY.values.map((value) => ETHNIC_MINORITY.has(value));
  return (episode) =>
    minority[e.ethnicity.get(episode)] === true || (e.inclusion.get(episode) & counted) !== 0;
}

/** Bit mask of the inclusion groups counted as PLUS: those in the config, else every one given. */
function plusMask(programme: Programme): number {
  const wanted = programme.config.inclusion_groups;
  let mask = 0;
  programme.episodes.inclusionGroups.values.forEach((name, bit) => {
    if (wanted === undefined || wanted.includes(name)) mask |= 1 << bit;
  });
  return mask;
}

const pctStat = (name: string, basis: string[], reveals: string[]): ColumnDef => ({
  name,
  kind: 'number',
  basis,
  reveals,
  format: 'decimal1',
});

/**
 * The `reach` and `reach_profile` tables (the README's data contract): who the programme reached, per
 * group, with Core20PLUS shares and representation against the resident population.
 */
/** How reach's statistics are made (see the README, Methods). */
const REACH_METHOD =
  'Shares with Wilson score intervals (PHEindicatormethods phe_proportion); rates per 1,000 residents by Byar’s method, exact Poisson limits below 10 events (phe_rate); totals count each person once.';

export function reach(
  programme: Programme,
  options: AnalysisOptions,
): { reach: Table; profile: Table } {
  const groups = collectGroups(programme, options);
  const keys = [...groups.keys()].sort(compareGroupKeys);
  const isPlus = plusTest(programme);
  const profileCodes = codeProfileDimensions(programme);
  const confidence = options.confidence;
  const e = programme.episodes;
  const reachRows: Record<string, Cell>[] = [];
  const profileRows: Record<string, Cell>[] = [];
  const additive: number[][] = [];

  for (const key of keys) {
    const group = groups.get(key) as ReachGroup;
    const cells = groupCells(options.by, key);
    const participants = group.people.length;
    let known = 0;
    let core20 = 0;
    let plus = 0;
    let either = 0;
    for (let i = 0; i < participants; i++) {
      const episode = group.people[i] as number;
      const decile = e.imdDecile.get(episode);
      const inCore20 = decile > 0 && isCore20(decile);
      const inPlus = isPlus(episode);
      if (decile > 0) known++;
      if (inCore20) core20++;
      if (inPlus) plus++;
      if (inCore20 || inPlus) either++;
    }
    // Statistics from the counts as published (rounded, when counts are rounded).
    const c = options.statisticCount;
    const shown = {
      participants: c(participants),
      known: c(known),
      unknown: c(participants - known),
    };
    const core = wilsonInterval(c(core20), shown.known, confidence);
    const groupResidents = residentsOf(programme, options.by, cells);
    const share = (count: number): Cell =>
      shown.participants > 0 ? (100 * c(count)) / shown.participants : NOT_AVAILABLE;
    const figures: Record<string, Cell> = {
      participants,
      episodes: group.episodes,
      partners: group.partners,
      episodes_per_participant:
        shown.participants > 0 ? c(group.episodes) / shown.participants : NOT_AVAILABLE,
      n_imd_known: known,
      n_core20: core20,
      pct_core20: num(100 * core.estimate),
      pct_core20_lcl: num(100 * core.lower),
      pct_core20_ucl: num(100 * core.upper),
      n_plus: plus,
      pct_plus: share(plus),
      n_core20_or_plus: either,
      pct_core20_or_plus: share(either),
      n_imd_unknown: participants - known,
      pct_imd_unknown: share(participants - known),
      residents: groupResidents ?? NOT_AVAILABLE,
    };
    reachRows.push(row(cells, figures, rateCells(c(participants), groupResidents, confidence)));
    const starts = new Map<Dimension, number>();
    for (const dimension of PROFILE_DIMENSIONS) {
      const coded = profileCodes.get(dimension) as CodedDimension;
      const counts = categoryCounts(coded, group.people);
      const rows = profileRowsFor(programme, dimension, counts, participants, cells, options);
      starts.set(dimension, profileRows.length);
      if (dimension !== 'inclusion_group') {
        additive.push(range(profileRows.length, profileRows.length + rows.length));
      }
      profileRows.push(...rows);
    }
    // Quintile q is deciles 2q − 1 and 2q: one hidden decile could be recovered from the other.
    const deciles = starts.get('imd_decile') as number;
    const quintiles = starts.get('imd_quintile') as number;
    for (let q = 1; q <= 5; q++) {
      additive.push([deciles + 2 * q - 2, deciles + 2 * q - 1, quintiles + q - 1]);
    }
  }

  const groupColumns = options.by.map((name): ColumnDef => ({ name, kind: 'group' }));
  return {
    reach: {
      name: 'reach',
      title: 'Reach: people, episodes and Core20PLUS shares',
      method: REACH_METHOD,
      confidence: options.confidence,
      columns: [
        ...groupColumns,
        { name: 'participants', kind: 'count', description: 'distinct people' },
        { name: 'episodes', kind: 'count', description: 'person × partner enrolments' },
        // Organisations, not people: never suppressed.
        { name: 'partners', kind: 'number', format: 'integer' },
        {
          name: 'episodes_per_participant',
          kind: 'number',
          basis: ['participants'],
          // × participants gives episodes back (an intruder's review recovered hidden ones).
          reveals: ['episodes'],
          format: 'decimal2',
        },
        { name: 'n_imd_known', kind: 'count' },
        { name: 'n_core20', kind: 'count' },
        pctStat('pct_core20', ['n_imd_known'], ['n_core20']),
        pctStat('pct_core20_lcl', ['n_imd_known'], ['n_core20']),
        pctStat('pct_core20_ucl', ['n_imd_known'], ['n_core20']),
        { name: 'n_plus', kind: 'count' },
        pctStat('pct_plus', ['participants'], ['n_plus']),
        { name: 'n_core20_or_plus', kind: 'count' },
        pctStat('pct_core20_or_plus', ['participants'], ['n_core20_or_plus']),
        { name: 'n_imd_unknown', kind: 'count' },
        pctStat('pct_imd_unknown', ['participants'], ['n_imd_unknown']),
        { name: 'residents', kind: 'number', format: 'integer' },
        ...rateColumns(),
      ],
      rows: reachRows,
      identities: [
        { cells: ['participants', 'n_imd_known', 'n_imd_unknown'], spare: ['n_imd_known'] },
      ],
      additive: lineSets(reachRows, options.by),
    },
    profile: {
      name: 'reach_profile',
      title: 'Reach profile: participants by characteristic against the population',
      method: REACH_METHOD,
      confidence: options.confidence,
      columns: [
        ...groupColumns,
        { name: 'dimension', kind: 'text' },
        { name: 'category', kind: 'text' },
        {
          name: 'base',
          kind: 'text',
          description: 'all: percentages are of every participant in the group, unknowns included',
        },
        { name: 'count', kind: 'count' },
        { name: 'denominator', kind: 'count' },
        pctStat('pct', ['denominator'], ['count']),
        pctStat('pct_lcl', ['denominator'], ['count']),
        pctStat('pct_ucl', ['denominator'], ['count']),
        { name: 'population', kind: 'number', format: 'integer' },
        { name: 'pct_population', kind: 'number', format: 'decimal1' },
        {
          name: 'representation_ratio',
          kind: 'number',
          basis: ['denominator'],
          reveals: ['count'],
          format: 'decimal2',
        },
        ...rateColumns('count'),
      ],
      rows: profileRows,
      // Each category also adds up along every line of the grouping (All − female = male).
      additive: [
        ...additive,
        ...lineSets(
          profileRows,
          options.by,
          (row) => `${String(row.dimension)}/${String(row.category)}`,
        ),
      ],
    },
  };
}

function rateColumns(countColumn = 'participants'): ColumnDef[] {
  return ['per_1000_residents', 'per_1000_lcl', 'per_1000_ucl'].map(
    (name): ColumnDef => ({ name, kind: 'number', reveals: [countColumn], format: 'decimal2' }),
  );
}

function rateCells(
  count: number,
  population: number | null,
  confidence: number,
): Record<string, Cell> {
  if (population === null || population <= 0) {
    return {
      per_1000_residents: NOT_AVAILABLE,
      per_1000_lcl: NOT_AVAILABLE,
      per_1000_ucl: NOT_AVAILABLE,
    };
  }
  const rate = poissonRateInterval(count, population, { multiplier: 1000, confidence });
  return {
    per_1000_residents: num(rate.rate),
    per_1000_lcl: num(rate.lower),
    per_1000_ucl: num(rate.upper),
  };
}

/** Known categories of a profile dimension, in report order (all listed, even when empty). */
function knownCategories(programme: Programme, dimension: Dimension): readonly string[] {
  switch (dimension) {
    case 'imd_decile':
      return ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    case 'imd_quintile':
      return ['1', '2', '3', '4', '5'];
    case 'sex':
      return SEX.values.filter((v) => v !== UNKNOWN);
    case 'age_band':
      return AGE_BANDS;
    case 'ethnicity':
      return ETHNICITY.values.filter((v) => v !== UNKNOWN);
    case 'disability':
      return DISABILITY.values.filter((v) => v !== UNKNOWN);
    case 'inclusion_group':
      return [...programme.episodes.inclusionGroups.values].sort();
    default:
      return [];
  }
}

/**
 * The profile dimensions' codes of every episode (`codes[episode]`), so that a group's profile
 * is counted by code, and category labels are worked out once per code.
 */
function codeProfileDimensions(programme: Programme): Map<Dimension, CodedDimension> {
  const every = new Int32Array(programme.episodes.count);
  for (let episode = 0; episode < every.length; episode++) every[episode] = episode;
  const members = episodeMembers(programme, every);
  return new Map(
    PROFILE_DIMENSIONS.map((dimension) => [
      dimension,
      codeDimension(programme, dimension, members),
    ]),
  );
}

/** How many of the episodes fall in each category (inclusion groups: each of a person's). */
function categoryCounts(coded: CodedDimension, episodes: Int32Array): Map<string, number> {
  const perCode = new Int32Array(coded.categories.length);
  for (let i = 0; i < episodes.length; i++) {
    const code = coded.codes[episodes[i] as number] as number;
    perCode[code] = (perCode[code] as number) + 1;
  }
  const counts = new Map<string, number>();
  coded.categories.forEach((categories, code) => {
    const n = perCode[code] as number;
    if (n === 0) return;
    for (const category of categories) counts.set(category, (counts.get(category) ?? 0) + n);
  });
  return counts;
}

function profileRowsFor(
  programme: Programme,
  dimension: Dimension,
  counts: ReadonlyMap<string, number>,
  everyone: number,
  cells: Record<string, string>,
  options: AnalysisOptions,
): Record<string, Cell>[] {
  const { confidence, statisticCount: c } = options;
  const multi = dimension === 'inclusion_group';
  const unknownLabel = multi ? NO_INCLUSION_GROUP : UNKNOWN;
  const unknown = counts.get(unknownLabel) ?? 0;
  const categories = knownCategories(programme, dimension);
  const populationKnown = categories.reduce(
    (sum, c) => sum + (residents(programme.population, dimension, c) ?? 0),
    0,
  );
  const rows = categories.map((category): Record<string, Cell> => {
    const count = counts.get(category) ?? 0;
    // Shares of everyone, unknowns included: a share of those with a known value would give
    // the number of unknowns away whenever that number is suppressed.
    const denominator = everyone;
    const share = wilsonInterval(c(count), c(denominator), confidence);
    const population = residents(programme.population, dimension, category);
    const pctPopulation =
      population !== null && populationKnown > 0 ? (100 * population) / populationKnown : null;
    const figures: Record<string, Cell> = {
      dimension,
      category,
      base: 'all',
      count,
      denominator,
      pct: num(100 * share.estimate),
      pct_lcl: num(100 * share.lower),
      pct_ucl: num(100 * share.upper),
      population: population ?? NOT_AVAILABLE,
      pct_population: pctPopulation ?? NOT_AVAILABLE,
      representation_ratio:
        pctPopulation !== null && pctPopulation > 0 && denominator > 0
          ? num((100 * share.estimate) / pctPopulation)
          : NOT_AVAILABLE,
    };
    return row(cells, figures, rateCells(c(count), population, confidence));
  });
  const share = wilsonInterval(c(unknown), c(everyone), confidence);
  rows.push(
    row(cells, {
      dimension,
      category: unknownLabel,
      base: 'all',
      count: unknown,
      denominator: everyone,
      pct: num(100 * share.estimate),
      pct_lcl: num(100 * share.lower),
      pct_ucl: num(100 * share.upper),
      population: NOT_APPLICABLE,
      pct_population: NOT_APPLICABLE,
      representation_ratio: NOT_APPLICABLE,
      per_1000_residents: NOT_APPLICABLE,
      per_1000_lcl: NOT_APPLICABLE,
      per_1000_ucl: NOT_APPLICABLE,
    }),
  );
  return rows;
}
