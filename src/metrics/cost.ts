import { betterChange, isImproved } from '../measures/change.js';
import type { Programme } from '../model/programme.js';
import { includedEpisodeList } from './reach.js';
import { MeasureSlotIndex } from './slots.js';
import { ALL, type Cell, type ColumnDef, moneyColumn, NOT_AVAILABLE, type Table } from './table.js';

/**
 * The `cost` table (the README's data contract): per partner and for the programme, funding ÷
 * participants, ÷ episodes, and ÷ people with a meaningful improvement on the primary measure
 * (`wemwbs` unless configured); per person improved only for partners that used that measure
 * (the total divides the funding of those partners only). Funding is the whole grant, whatever `--period` says, so cost
 * figures are for the whole programme only; under `--period` they are not computed.
 */
export function cost(
  programme: Programme,
  period: string | null,
  statisticCount: (count: number) => number = (count) => count,
  index: MeasureSlotIndex = new MeasureSlotIndex(programme),
): Table {
  const c = statisticCount;
  const primaryId = programme.config.primary_measure ?? 'wemwbs';
  const m = programme.measures.indexOf(primaryId);
  const measure = programme.measures.measures[m];
  const { episodes, pairs } = programme;

  const included = includedEpisodeList(programme, period);
  const byPartner = episodesByPartner(programme, included);
  const countPeople = peopleCounter(programme);
  const people = byPartner.map(countPeople);
  const episodeCounts = byPartner.map((list) => list.length);

  const improvedByPartner = new Array<number>(programme.partners.length).fill(0);
  // Partners that measured the primary measure at all: for the others "0 improved" would be
  // false, and their funding must not be divided among other partners' improvements.
  const measured = new Array<boolean>(programme.partners.length).fill(false);
  let improvedAll = 0;
  if (measure) {
    const improved = (slot: number) =>
      pairs.has(slot, 1) &&
      isImproved(
        measure,
        betterChange(measure, pairs.score[1].get(slot) - pairs.score[0].get(slot)),
      );
    const { slots, people: personLevel } = index.of(m, period);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number;
      measured[episodes.partner.get(pairs.episode.get(slot))] = true;
      if (improved(slot)) {
        const partner = episodes.partner.get(pairs.episode.get(slot));
        improvedByPartner[partner] = (improvedByPartner[partner] ?? 0) + 1;
      }
    }
    for (let i = 0; i < personLevel.length; i++)
      if (improved(personLevel[i] as number)) improvedAll++;
  }

  const rowFor = (
    id: string,
    funding: number | null,
    participants: number,
    episodeCount: number,
    improved: number,
    measuredFunding: number | null,
    measuring: boolean,
  ): Record<string, Cell> => {
    const usable = funding !== null && period === null;
    // Per person as published (rounded, when counts are rounded: see AnalysisOptions).
    const per = (n: number): Cell => (usable && n > 0 ? (funding as number) / c(n) : NOT_AVAILABLE);
    const perImproved =
      usable && measuredFunding !== null && improved > 0
        ? measuredFunding / c(improved)
        : NOT_AVAILABLE;
    return {
      partner_id: id,
      funding_gbp: funding ?? NOT_AVAILABLE,
      participants,
      episodes: episodeCount,
      cost_per_participant: per(participants),
      cost_per_episode: per(episodeCount),
      primary_measure: measure ? primaryId : NOT_AVAILABLE,
      n_improved: measure && measuring ? improved : NOT_AVAILABLE,
      cost_per_improved: measure && measuring ? perImproved : NOT_AVAILABLE,
    };
  };

  let totalFunding = 0;
  let measuredFunding = 0;
  let anyFunding = false;
  const rows = programme.partners.map((partner, i) => {
    if (partner.fundingGbp !== null) {
      totalFunding += partner.fundingGbp;
      if (measured[i]) measuredFunding += partner.fundingGbp;
      anyFunding = true;
    }
    return rowFor(
      partner.id,
      partner.fundingGbp,
      people[i] ?? 0,
      episodeCounts[i] ?? 0,
      improvedByPartner[i] ?? 0,
      partner.fundingGbp,
      measured[i] ?? false,
    );
  });
  rows.sort((a, b) => (String(a.partner_id) < String(b.partner_id) ? -1 : 1));
  const total = rowFor(
    ALL,
    anyFunding ? totalFunding : null,
    countPeople(included),
    sumEpisodes(episodeCounts),
    improvedAll,
    anyFunding ? measuredFunding : null,
    measured.some(Boolean),
  );
  return {
    name: 'cost',
    title: 'Cost per participant and per person improved',
    columns: COST_COLUMNS,
    rows: [total, ...rows],
    // Partners' episodes add up to the total: one suppressed partner could be recovered.
    additive: rows.length > 1 ? [rows.map((_, i) => i + 1)] : [],
  };
}

/** The episodes of each partner, in order: counted, then filled into arrays of that size. */
function episodesByPartner(programme: Programme, included: Int32Array): Int32Array[] {
  const partnerOf = programme.episodes.partner;
  const counts = new Int32Array(programme.partners.length);
  for (let i = 0; i < included.length; i++) {
    const partner = partnerOf.get(included[i] as number);
    counts[partner] = (counts[partner] as number) + 1;
  }
  const lists = Array.from(counts, (count) => new Int32Array(count));
  const filled = new Int32Array(counts.length);
  for (let i = 0; i < included.length; i++) {
    const episode = included[i] as number;
    const partner = partnerOf.get(episode);
    const at = filled[partner] as number;
    (lists[partner] as Int32Array)[at] = episode;
    filled[partner] = at + 1;
  }
  return lists;
}

/**
 * Counts the distinct people among lists of episodes, one list after another, with a scratch
 * array per person stamped with the list's number (a set per list would cost far more).
 */
function peopleCounter(programme: Programme): (episodes: Int32Array) => number {
  const person = programme.episodes.person;
  const stamp = new Int32Array(programme.episodes.personCount);
  let list = 0;
  return (episodes) => {
    list++;
    let count = 0;
    for (let i = 0; i < episodes.length; i++) {
      const p = person.get(episodes[i] as number);
      if (stamp[p] !== list) {
        stamp[p] = list;
        count++;
      }
    }
    return count;
  };
}

function sumEpisodes(counts: readonly number[]): number {
  return counts.reduce((a, b) => a + b, 0);
}

export const COST_COLUMNS: readonly ColumnDef[] = [
  { name: 'partner_id', kind: 'group' },
  { name: 'funding_gbp', kind: 'number', format: 'money' },
  { name: 'participants', kind: 'count' },
  { name: 'episodes', kind: 'count' },
  moneyColumn('cost_per_participant', ['participants']),
  moneyColumn('cost_per_episode', ['episodes']),
  { name: 'primary_measure', kind: 'text' },
  { name: 'n_improved', kind: 'count', description: 'people with a meaningful improvement' },
  moneyColumn('cost_per_improved', ['n_improved']),
];
