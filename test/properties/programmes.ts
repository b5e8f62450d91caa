import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';

/**
 * Small random programmes for property tests. Each is built from a seed (fast-check reports the
 * seed of a failing case, which rebuilds it exactly). The data is what partners send, faults
 * included (out-of-range scores, unscorable questionnaires, duplicate records, outcomes of unknown
 * people), but never an ambiguous one whose meaning depends on row order: a person's episodes have
 * different enrolment dates, and the records of one person × partner × measure × timepoint have
 * different dates (at most one undated), so the earliest baseline and latest follow-up are unique.
 */
export interface ProgrammeText {
  readonly partners: string;
  readonly participantsHeader: string;
  /** Data lines, without line ends. */
  readonly participants: readonly string[];
  readonly outcomesHeader: string;
  readonly outcomes: readonly string[];
}

export const OUTCOMES_HEADER = `participant_id,partner_id,measure,timepoint,recorded_on,score,${Array.from(
  { length: 14 },
  (_, i) => `item_${i + 1}`,
).join(',')}`;

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildProgramme(seed: number, size: { people: number; partners: number }) {
  const rnd = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  const day = (n: number) =>
    new Date(Date.UTC(2016, 3, 1) + n * 86_400_000).toISOString().slice(0, 10);

  const partnerIds = Array.from({ length: size.partners }, (_, i) => `P${i + 1}`);
  const partners = `partner_id,partner_name,funding_gbp\n${partnerIds
    .map((p) => `${p},Partner ${p},${int(1, 50) * 1000}`)
    .join('\n')}\n`;

  const participants: string[] = [];
  const outcomes: string[] = [];
  for (let person = 1; person <= size.people; person++) {
    const id = `R${String(person).padStart(4, '0')}`;
    const count = Math.min(partnerIds.length, rnd() < 0.25 ? 2 : 1);
    const first = int(0, partnerIds.length - 1);
    for (let k = 0; k < count; k++) {
      const partner = partnerIds[(first + k) % partnerIds.length] as string;
      const enrolled = int(0, 300) * 2 + k; // different days for a person's two episodes
      const decile = rnd() < 0.1 ? '' : String(int(1, 10));
      const sex = pick(['female', 'male', 'other', '', 'F']);
      participants.push(
        `${id},${partner},c${int(1, 2)},${day(enrolled)},${int(16, 90)},${sex},,,${decile}`,
      );
      for (const measure of ['ons_happiness', 'wemwbs']) {
        for (const timepoint of ['baseline', 'followup'] as const) {
          const records =
            rnd() < (timepoint === 'baseline' ? 0.85 : 0.65)
              ? 1 + (rnd() < 0.2 ? int(1, 2) : 0)
              : 0;
          const used = new Set<number>();
          let undated = rnd() < 0.1;
          for (let r = 0; r < records; r++) {
            let date = '';
            if (!undated) {
              let offset: number;
              do offset = timepoint === 'baseline' ? int(0, 40) : int(30, 250);
              while (used.has(offset));
              used.add(offset);
              date = day(enrolled + offset);
            }
            undated = false;
            outcomes.push(
              `${id},${partner},${measure},${timepoint},${date},${scoreCells(measure, rnd, int)}`,
            );
          }
        }
      }
    }
  }
  // Outcomes of people nobody enrolled, and at partners that do not exist.
  for (let i = 0; i < Math.ceil(size.people / 10); i++) {
    outcomes.push(`R9${int(100, 999)},P1,ons_happiness,baseline,,5${','.repeat(14)}`);
    outcomes.push(`R0001,P99,ons_happiness,followup,,6${','.repeat(14)}`);
  }
  return {
    partners,
    participantsHeader:
      'participant_id,partner_id,cohort,enrolled_on,age,sex,ethnicity,disability,imd_decile',
    participants,
    outcomesHeader: OUTCOMES_HEADER,
    outcomes,
  } satisfies ProgrammeText;
}

function scoreCells(
  measure: string,
  rnd: () => number,
  int: (lo: number, hi: number) => number,
): string {
  const empty = ','.repeat(13);
  if (measure === 'ons_happiness') {
    const score = rnd() < 0.05 ? pick2(rnd, ['11', '-1', '5.5', 'x']) : String(int(0, 10));
    return `${score},${empty}`;
  }
  if (rnd() < 0.5) {
    const score = rnd() < 0.05 ? '99' : String(int(14, 70));
    return `${score},${empty}`;
  }
  // Items, sometimes with missing answers (more than 3 missing: unscorable).
  const items = Array.from({ length: 14 }, () => (rnd() < 0.08 ? '' : String(int(1, 5))));
  return `,${items.join(',')}`;
}

function pick2<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}

/** A seed and a size, for fast-check. */
export const programmeArbitrary = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  people: fc.integer({ min: 5, max: 40 }),
  partners: fc.integer({ min: 1, max: 3 }),
});

/** Writes files (path → content) into a new temporary folder and returns it. */
export function writeFolder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tides-prop-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Fisher–Yates with the given random numbers. */
export function shuffle<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
