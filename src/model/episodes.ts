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
  /** Index into ETHNICITY_DETAIL (contract/ethnicity.ts). */
  ethnicityDetail: number;
  disability: number;
  /** Interned LSOA code, -1 when not known. */
  lsoa: number;
  /** Interned postcode (for the postcode directory), -1 when none. */
  postcode: number;
  /** IMD decile 1–10, 0 when not known. */
  imdDecile: number;
  /** Bit i set when the person is in inclusion group i of `inclusionGroups` (as a signed int32). */
  inclusion: number;
  line: number;
}

/** What only reading needs: the people's ids and the index from a person to their episodes. */
interface ReadingState {
  /** Participant ids: the people of the programme, numbered in first-seen order. */
  readonly people: IdTable;
  /**
   * The line of each episode's participant row, for messages about later rows of the same
   * episode; null once every participant file is read (see `participantsRead`).
   */
  line: Column<Int32Array> | null;
  /**
   * Each person's episodes as a chain: the latest episode of a person, and for each episode the
   * person's episode before it (-1 ends the chain). People have one or two episodes, so finding
   * an episode walks a step or two through typed arrays instead of hashing into a large map.
   */
  readonly lastOfPerson: Column<Int32Array>;
  readonly previousOfPerson: Column<Int32Array>;
}

/**
 * Every episode (one person at one partner) in columns: 32 bytes an episode once read, so a
 * national programme's millions of episodes fit in memory without an object per row. While
 * reading, the ids and the index that finds a person's episodes take some 40 bytes more a
 * person; `releaseReadingState` drops them, as the analysis needs neither.
 */
export class EpisodeStore {
  readonly cohorts = new Interner();
  readonly lsoas = new Interner();
  /**
   * Postcodes given instead of an LSOA, while the postcode directory is read: each becomes an
   * LSOA and a decile (`resolvePostcodes`), then the list is released, so no postcode outlives
   * loading.
   */
  postcodes = new Interner();
  readonly inclusionGroups = new Interner();
  readonly person = new Column(Int32Array);
  readonly partner = new Column(Int32Array);
  readonly cohort = new Column(Int32Array);
  readonly enrolledOn = new Column(Int32Array);
  readonly age = new Column(Int32Array);
  readonly sex = new Column(Uint8Array);
  readonly ethnicity = new Column(Uint8Array);
  readonly ethnicityDetail = new Column(Uint8Array);
  readonly disability = new Column(Uint8Array);
  readonly lsoa = new Column(Int32Array);
  readonly postcode = new Column(Int32Array);
  readonly imdDecile = new Column(Uint8Array);
  readonly inclusion = new Column(Int32Array);
  private reading: ReadingState | null = {
    people: new IdTable(),
    line: new Column(Int32Array),
    lastOfPerson: new Column(Int32Array),
    previousOfPerson: new Column(Int32Array),
  };
  private peopleAfterReading = 0;

  get count(): number {
    return this.person.length;
  }

  /** The number of distinct people (participant ids). */
  get personCount(): number {
    return this.reading === null ? this.peopleAfterReading : this.reading.people.size;
  }

  /** The participant ids (while reading: see `releaseReadingState`). */
  get people(): IdTable {
    return this.openReading().people;
  }

  /** The line of an episode's participant row (while reading participant files). */
  lineOf(episode: number): number {
    const { line } = this.openReading();
    if (line === null) throw new Error('the participant rows were read and their lines released');
    return line.get(episode);
  }

  /** Every participant file is read: the rows' lines are no longer needed. */
  participantsRead(): void {
    this.openReading().line = null;
  }

  /** The episode of a person at a partner, or -1 (while reading). */
  find(person: number, partner: number): number {
    const { lastOfPerson, previousOfPerson } = this.openReading();
    if (person < 0 || person >= lastOfPerson.length) return -1;
    let episode = lastOfPerson.get(person);
    while (episode >= 0) {
      if (this.partner.get(episode) === partner) return episode;
      episode = previousOfPerson.get(episode);
    }
    return -1;
  }

  /** Drops the ids and the person index: an analysis needs the episodes' columns only. */
  releaseReadingState(): void {
    this.peopleAfterReading = this.personCount;
    this.reading = null;
  }

  private openReading(): ReadingState {
    if (this.reading === null) throw new Error('the episodes were read and their ids released');
    return this.reading;
  }

  add(v: EpisodeValues): number {
    const index = this.person.push(v.person);
    this.partner.push(v.partner);
    this.cohort.push(v.cohort);
    this.enrolledOn.push(v.enrolledOn);
    this.age.push(v.age);
    this.sex.push(v.sex);
    this.ethnicity.push(v.ethnicity);
    this.ethnicityDetail.push(v.ethnicityDetail);
    this.disability.push(v.disability);
    this.lsoa.push(v.lsoa);
    this.postcode.push(v.postcode);
    this.imdDecile.push(v.imdDecile);
    this.inclusion.push(v.inclusion);
    const { line, lastOfPerson, previousOfPerson } = this.openReading();
    if (line === null) throw new Error('an episode was added after the participant files');
    line.push(v.line);
    while (lastOfPerson.length <= v.person) lastOfPerson.push(-1);
    previousOfPerson.push(lastOfPerson.get(v.person));
    lastOfPerson.set(v.person, index);
    return index;
  }

  /** Drops the postcodes once the directory has given their LSOAs (see `postcodes`). */
  releasePostcodes(): void {
    this.postcodes = new Interner();
  }

  /** Whether a second row for an episode repeats the stored one exactly (same values). */
  sameValues(index: number, v: EpisodeValues): boolean {
    return (
      this.cohort.get(index) === v.cohort &&
      this.enrolledOn.get(index) === v.enrolledOn &&
      this.age.get(index) === v.age &&
      this.sex.get(index) === v.sex &&
      this.ethnicityDetail.get(index) === v.ethnicityDetail &&
      this.disability.get(index) === v.disability &&
      this.lsoa.get(index) === v.lsoa &&
      this.postcode.get(index) === v.postcode &&
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
