import { EXTRA_MEASURES } from './catalogue.js';
import { financialYear } from './dates.js';
import type { PlantedFault } from './faults.js';
import type { EpisodeRows } from './partnerRows.js';
import type { ProgrammePlan } from './programme.js';

/** WEMWBS (complete questionnaires at item-level partners) by the IMD decile of home. */
export interface DecileWellbeing {
  readonly decile: number;
  readonly baselineN: number;
  readonly baselineMean: number | null;
  readonly pairedN: number;
  readonly meanChange: number | null;
}

/**
 * A yes/no or count question as generated, over the episodes with both answers: the number
 * answering yes (or the total count) at baseline and at follow-up.
 */
export interface ExtraTotals {
  readonly paired: number;
  readonly baseline: number;
  readonly followup: number;
}

export interface FollowupCount {
  readonly baseline: number;
  readonly followup: number;
}

/** What `generateProgramme` made: the figures the README reports, and where every fault is. */
export interface GenerateSummary {
  readonly options: {
    readonly partners: number;
    readonly participants: number;
    readonly seed: number;
    readonly from: string;
    readonly to: string;
    readonly faults: boolean;
  };
  readonly partners: number;
  readonly participants: number;
  readonly episodes: number;
  /** People at two or more partners. */
  readonly multiPartnerParticipants: number;
  readonly pctMultiPartner: number;
  readonly participantsAtThreeOrMore: number;
  readonly residents: number;
  readonly lsoas: number;
  /** Participants living in IMD deciles 1–2. */
  readonly pctCore20: number;
  readonly episodesByYear: Readonly<Record<string, number>>;
  readonly partnerEpisodes: readonly number[];
  readonly outcomeRows: number;
  /** Episodes with a baseline questionnaire, and with a follow-up too. */
  readonly followup: FollowupCount;
  readonly followupRate: number;
  readonly followupByMeasure: Readonly<Record<string, FollowupCount>>;
  readonly wemwbsByDecile: readonly DecileWellbeing[];
  readonly wemwbsBaselineMean: number | null;
  readonly wemwbsMeanChange: number | null;
  readonly wemwbsPaired: number;
  /** Mean WEMWBS baseline of people followed up and of those lost to follow-up. */
  readonly attrition: { readonly followedUp: number | null; readonly lost: number | null };
  readonly noChangePartners: readonly string[];
  /** The partners asking each yes/no or count question, and its totals as generated. */
  readonly extras: Readonly<
    Record<string, { readonly partners: readonly string[]; readonly totals: ExtraTotals }>
  >;
  readonly plantedFaults: readonly PlantedFault[];
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly totalBytes: number;
}

/**
 * Running totals over the episodes as they are written: constant memory apart from two bits per
 * person (to count people at two and at three or more partners).
 */
export class ProgrammeTally {
  episodes = 0;
  outcomeRows = 0;
  private core20 = 0;
  private readonly atTwo: Uint8Array;
  private readonly atThree: Uint8Array;
  private readonly byYear = new Map<string, number>();
  private readonly partnerEpisodes: number[];
  private readonly byMeasure = new Map<string, { baseline: number; followup: number }>();
  private readonly decileBaseline = Array.from({ length: 10 }, () => ({ n: 0, sum: 0 }));
  private readonly decileChange = Array.from({ length: 10 }, () => ({ n: 0, sum: 0 }));
  private readonly followedBaseline = { n: 0, sum: 0 };
  private readonly lostBaseline = { n: 0, sum: 0 };
  private readonly extras = new Map<
    string,
    { paired: number; baseline: number; followup: number }
  >();

  constructor(private readonly programme: ProgrammePlan) {
    const bytes = Math.ceil(programme.options.participants / 8);
    this.atTwo = new Uint8Array(bytes);
    this.atThree = new Uint8Array(bytes);
    this.partnerEpisodes = new Array<number>(programme.partners.length).fill(0);
  }

  add(rows: EpisodeRows): void {
    const { episode, outcomes } = rows;
    const { person, partner } = episode;
    this.episodes++;
    this.outcomeRows += rows.outcomeRows.length;
    this.partnerEpisodes[partner.index] = (this.partnerEpisodes[partner.index] ?? 0) + 1;
    const year = financialYear(episode.enrolledOn);
    this.byYear.set(year, (this.byYear.get(year) ?? 0) + 1);
    const decile = this.programme.city.lsoas[person.lsoa]?.decile ?? 10;
    if (episode.primaryOffset >= 0) {
      if (decile <= 2) this.core20++;
    } else {
      const byte = person.index >>> 3;
      const bit = 1 << (person.index & 7);
      if ((this.atTwo[byte] ?? 0) & bit) this.atThree[byte] = (this.atThree[byte] ?? 0) | bit;
      this.atTwo[byte] = (this.atTwo[byte] ?? 0) | bit;
    }
    if (outcomes.baselineDay === null) return;
    this.addExtras(rows);
    const group = this.byMeasure.get(partner.measure) ?? { baseline: 0, followup: 0 };
    group.baseline++;
    if (outcomes.followupDay !== null) group.followup++;
    this.byMeasure.set(partner.measure, group);
    if (partner.measure === 'wemwbs') this.addWemwbs(rows, decile);
  }

  private addExtras(rows: EpisodeRows): void {
    for (const measure of rows.episode.partner.records) {
      const at = (timepoint: string) =>
        rows.outcomes.records.find((r) => r.measure === measure && r.timepoint === timepoint)
          ?.score ?? null;
      const before = at('baseline');
      const after = at('followup');
      if (before === null || after === null) continue;
      const totals = this.extras.get(measure) ?? { paired: 0, baseline: 0, followup: 0 };
      totals.paired++;
      totals.baseline += before;
      totals.followup += after;
      this.extras.set(measure, totals);
    }
  }

  private addWemwbs(rows: EpisodeRows, decile: number): void {
    const totals = rows.outcomes.records.map((r) =>
      r.items?.every((x) => x !== null) ? r.items.reduce<number>((a, b) => a + (b ?? 0), 0) : null,
    );
    const baseline = totals[0];
    if (baseline === null || baseline === undefined) return;
    const cell = this.decileBaseline[decile - 1];
    if (cell) {
      cell.n++;
      cell.sum += baseline;
    }
    const followed = rows.outcomes.followupDay !== null;
    const attrition = followed ? this.followedBaseline : this.lostBaseline;
    attrition.n++;
    attrition.sum += baseline;
    const followup = totals[1];
    if (followed && followup !== null && followup !== undefined) {
      const change = this.decileChange[decile - 1];
      if (change) {
        change.n++;
        change.sum += followup - baseline;
      }
    }
  }

  finish(
    plantedFaults: readonly PlantedFault[],
    files: readonly { path: string; bytes: number }[],
  ): GenerateSummary {
    const { options, city, partners } = this.programme;
    const multi = countBits(this.atTwo);
    const byMeasure = Object.fromEntries(
      [...this.byMeasure.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const all = [...this.byMeasure.values()].reduce(
      (acc, g) => ({ baseline: acc.baseline + g.baseline, followup: acc.followup + g.followup }),
      { baseline: 0, followup: 0 },
    );
    const mean = (c: { n: number; sum: number }): number | null => (c.n > 0 ? c.sum / c.n : null);
    const sum = (cells: { n: number; sum: number }[]) =>
      cells.reduce((acc, c) => ({ n: acc.n + c.n, sum: acc.sum + c.sum }), { n: 0, sum: 0 });
    const changes = sum(this.decileChange);
    return {
      options: {
        partners: options.partners,
        participants: options.participants,
        seed: options.seed,
        from: options.from,
        to: options.to,
        faults: options.faults,
      },
      partners: partners.length,
      participants: options.participants,
      episodes: this.episodes,
      multiPartnerParticipants: multi,
      pctMultiPartner: (100 * multi) / options.participants,
      participantsAtThreeOrMore: countBits(this.atThree),
      residents: city.residents,
      lsoas: city.lsoas.length,
      pctCore20: (100 * this.core20) / options.participants,
      episodesByYear: Object.fromEntries(
        [...this.byYear.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      partnerEpisodes: [...this.partnerEpisodes],
      outcomeRows: this.outcomeRows,
      followup: all,
      followupRate: all.baseline > 0 ? (100 * all.followup) / all.baseline : 0,
      followupByMeasure: byMeasure,
      wemwbsByDecile: this.decileBaseline.map((b, i) => {
        const c = this.decileChange[i] ?? { n: 0, sum: 0 };
        return {
          decile: i + 1,
          baselineN: b.n,
          baselineMean: mean(b),
          pairedN: c.n,
          meanChange: mean(c),
        };
      }),
      wemwbsBaselineMean: mean(sum(this.decileBaseline)),
      wemwbsMeanChange: mean(changes),
      wemwbsPaired: changes.n,
      attrition: { followedUp: mean(this.followedBaseline), lost: mean(this.lostBaseline) },
      noChangePartners: partners.filter((p) => p.effect === 0).map((p) => p.id),
      extras: Object.fromEntries(
        EXTRA_MEASURES.flatMap((measure) => {
          const asking = partners.filter((p) => p.records.includes(measure)).map((p) => p.id);
          if (asking.length === 0) return [];
          const totals = this.extras.get(measure) ?? { paired: 0, baseline: 0, followup: 0 };
          return [[measure, { partners: asking, totals: { ...totals } }]];
        }),
      ),
      plantedFaults,
      files,
      totalBytes: files.reduce((a, f) => a + f.bytes, 0),
    };
  }
}

function countBits(bits: Uint8Array): number {
  let n = 0;
  for (const byte of bits) {
    let b = byte;
    while (b) {
      b &= b - 1;
      n++;
    }
  }
  return n;
}
