import { Column, Interner } from './columnar.js';
import { IdTable } from './idTable.js';

/** The parsed values of one participant row (mutable, so one object can carry row after row). */
export interface EpisodeValues {
  person: number;
  partner: number;
  cohort: number;
  enrolledOn: number;
  /** Age in whole years, -1 when not known. */
  age: number;
  /** Index into SEX.values / ETHNICITY.values / DISABILITY.values. */
  sex: number;
  ethnicity: number;
  disability: number;
  /** Interned LSOA code, -1 when not known. */
  lsoa: number;
  /** IMD decile 1–10, 0 when not known. */
  imdDecile: number;
  /** Bit i set when the person is in inclusion group i of `inclusionGroups` (as a signed int32). */
  inclusion: number;
  line: number;
}

/**
 * Every episode (one person at one partner) in columns: about 40 bytes an episode, so a
 * national programme's millions of episodes fit in memory without an object per row.
 */
export class EpisodeStore {
  /** Participant ids: the people of the programme, numbered in first-seen order. */
  readonly people = new IdTable();
  readonly cohorts = new Interner();
  readonly lsoas = new Interner();
  readonly inclusionGroups = new Interner();
  readonly person = new Column(Int32Array);
  readonly partner = new Column(Int32Array);
  readonly cohort = new Column(Int32Array);
  readonly enrolledOn = new Column(Int32Array);
  readonly age = new Column(Int32Array);
  readonly sex = new Column(Uint8Array);
  readonly ethnicity = new Column(Uint8Array);
  readonly disability = new Column(Uint8Array);
  readonly lsoa = new Column(Int32Array);
  readonly imdDecile = new Column(Uint8Array);
  readonly inclusion = new Column(Int32Array);
  readonly line = new Column(Int32Array);
  /**
   * Each person's episodes as a chain: the latest episode of a person, and for each episode the
   * person's episode before it (-1 ends the chain). People have one or two episodes, so finding
   * an episode walks a step or two through typed arrays instead of hashing into a large map.
   */
  private readonly lastOfPerson = new Column(Int32Array);
  private readonly previousOfPerson = new Column(Int32Array);

  get count(): number {
    return this.person.length;
  }

  /** The episode of a person at a partner, or -1. */
  find(person: number, partner: number): number {
    if (person < 0 || person >= this.lastOfPerson.length) return -1;
    let episode = this.lastOfPerson.get(person);
    while (episode >= 0) {
      if (this.partner.get(episode) === partner) return episode;
      episode = this.previousOfPerson.get(episode);
    }
    return -1;
  }

  add(v: EpisodeValues): number {
    const index = this.person.push(v.person);
    this.partner.push(v.partner);
    this.cohort.push(v.cohort);
    this.enrolledOn.push(v.enrolledOn);
    this.age.push(v.age);
    this.sex.push(v.sex);
    this.ethnicity.push(v.ethnicity);
    this.disability.push(v.disability);
    this.lsoa.push(v.lsoa);
    this.imdDecile.push(v.imdDecile);
    this.inclusion.push(v.inclusion);
    this.line.push(v.line);
    while (this.lastOfPerson.length <= v.person) this.lastOfPerson.push(-1);
    this.previousOfPerson.push(this.lastOfPerson.get(v.person));
    this.lastOfPerson.set(v.person, index);
    return index;
  }

  /** Whether a second row for an episode repeats the stored one exactly (same values). */
  sameValues(index: number, v: EpisodeValues): boolean {
    return (
      this.cohort.get(index) === v.cohort &&
      this.enrolledOn.get(index) === v.enrolledOn &&
      this.age.get(index) === v.age &&
      this.sex.get(index) === v.sex &&
      this.ethnicity.get(index) === v.ethnicity &&
      this.disability.get(index) === v.disability &&
      this.lsoa.get(index) === v.lsoa &&
      this.imdDecile.get(index) === v.imdDecile &&
      this.inclusion.get(index) === v.inclusion
    );
  }
}

/** Partners are numbered below 2^20, so person × 2^20 + partner is a unique, exact key. */
const PARTNER_SPACE = 1_048_576;

export function episodeKey(person: number, partner: number): number {
  return person * PARTNER_SPACE + partner;
}
