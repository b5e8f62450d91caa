import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateSummary, generateProgramme } from '../../src/generate/index.js';
import { type CsvRecord, partnerFolders, readAll, readCsv, tempFolder } from './helpers.js';

/**
 * The default programme (88 partners, 50,000 participants), without faults so that a plain CSV
 * parser reads it, checked against the ranges the README and issue 4 state.
 */
let dir = '';
let remove = async () => {};
let summary: GenerateSummary;
let participants: CsvRecord[];
let outcomes: CsvRecord[];
let decileOf: Map<string, number>;

const EXTRAS = new Set(['in_work', 'volunteering', 'gp_visits']);
const DAY = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

beforeAll(async () => {
  ({ dir, remove } = await tempFolder());
  summary = await generateProgramme(dir, { faults: false });
  participants = await readAll(dir, 'participants');
  outcomes = await readAll(dir, 'outcomes');
  decileOf = new Map(
    (await readCsv(join(dir, 'lsoa_imd.csv'))).map((r) => [r.lsoa ?? '', Number(r.imd_decile)]),
  );
}, 120_000);

afterAll(async () => {
  await remove();
});

/** Episode key → WEMWBS totals of complete questionnaires by timepoint. */
function wemwbsTotals(): Map<string, { baseline?: number; followup?: number }> {
  const totals = new Map<string, { baseline?: number; followup?: number }>();
  for (const row of outcomes) {
    if (row.measure !== 'wemwbs') continue;
    const items = Array.from({ length: 14 }, (_, i) => row[`item_${i + 1}`] ?? '');
    if (items.some((x) => x === '')) continue;
    const key = `${row.participant_id}|${row.partner_id}`;
    const entry = totals.get(key) ?? {};
    entry[row.timepoint as 'baseline' | 'followup'] = items.reduce((a, x) => a + Number(x), 0);
    totals.set(key, entry);
  }
  return totals;
}

function episodeDeciles(): Map<string, number> {
  return new Map(
    participants
      .filter((p) => p.lsoa)
      .map((p) => [`${p.participant_id}|${p.partner_id}`, decileOf.get(p.lsoa ?? '') ?? 0]),
  );
}

describe('generated programme (defaults)', () => {
  it('has 88 partners of the four kinds, with funding', async () => {
    const partners = await readCsv(join(dir, 'partners.csv'));
    expect(partners).toHaveLength(88);
    expect(partners[0]?.partner_id).toBe('P001');
    expect(partners[87]?.partner_id).toBe('P088');
    expect(new Set(partners.map((p) => p.partner_type))).toEqual(
      new Set(['community', 'voluntary', 'faith', 'social_enterprise']),
    );
    expect(partners.every((p) => Number(p.funding_gbp) > 0)).toBe(true);
    expect(await partnerFolders(dir)).toHaveLength(88);
  });

  it('has 50,000 distinct participants with pseudonymous text ids, about 10% at 2+ partners', () => {
    const episodes = new Map<string, number>();
    for (const p of participants)
      episodes.set(p.participant_id ?? '', (episodes.get(p.participant_id ?? '') ?? 0) + 1);
    expect(episodes.size).toBe(50_000);
    expect([...episodes.keys()].every((id) => /^TT\d{7}$/.test(id))).toBe(true);
    const multi = [...episodes.values()].filter((n) => n >= 2).length / episodes.size;
    expect(multi).toBeGreaterThan(0.08);
    expect(multi).toBeLessThan(0.12);
    expect(participants.length).toBe(summary.episodes);
    // One row per person per partner.
    expect(new Set(participants.map((p) => `${p.participant_id}|${p.partner_id}`)).size).toBe(
      participants.length,
    );
  });

  it('has skewed partner sizes: a few thousands, many hundreds, some under 10', () => {
    const sizes = new Map<string, number>();
    for (const p of participants)
      sizes.set(p.partner_id ?? '', (sizes.get(p.partner_id ?? '') ?? 0) + 1);
    const counts = [...sizes.values()];
    const thousands = counts.filter((n) => n >= 1_000).length;
    expect(thousands).toBeGreaterThanOrEqual(3);
    expect(thousands).toBeLessThanOrEqual(10);
    expect(counts.filter((n) => n >= 100 && n < 1_000).length).toBeGreaterThanOrEqual(30);
    expect(counts.filter((n) => n < 10).length).toBeGreaterThanOrEqual(3);
  });

  it('spreads enrolments over the three financial years, within --from and --to', () => {
    const years = new Map<string, number>();
    const outside: string[] = [];
    for (const p of participants) {
      const d = day(p.enrolled_on ?? '');
      if (!(d >= day('2015-04-01') && d <= day('2018-03-31'))) outside.push(p.enrolled_on ?? '');
      const y =
        Number(p.enrolled_on?.slice(0, 4)) - (Number(p.enrolled_on?.slice(5, 7)) < 4 ? 1 : 0);
      years.set(String(y), (years.get(String(y)) ?? 0) + 1);
    }
    expect(outside).toEqual([]);
    expect([...years.keys()].sort()).toEqual(['2015', '2016', '2017']);
    for (const n of years.values()) expect(n / participants.length).toBeGreaterThan(0.2);
  });

  it('concentrates participants in the most deprived deciles, like a Liverpool programme', () => {
    const known = participants.filter((p) => p.lsoa);
    const core20 =
      known.filter((p) => (decileOf.get(p.lsoa ?? '') ?? 10) <= 2).length / known.length;
    expect(core20).toBeGreaterThan(0.6);
    const white = participants.filter((p) => p.ethnicity === 'white').length / participants.length;
    expect(white).toBeGreaterThan(0.7);
    expect(white).toBeLessThan(0.9);
    expect(participants.some((p) => Number(p.age) < 16 && p.age !== '')).toBe(true);
    // Some partners record the LSOA only.
    expect(participants.some((p) => p.lsoa && p.imd_decile === '')).toBe(true);
  });

  it('has population denominators of about 490,000 that agree across dimensions', async () => {
    const rows = await readCsv(join(dir, 'population.csv'));
    const totals = new Map<string, number>();
    for (const r of rows)
      totals.set(r.dimension ?? '', (totals.get(r.dimension ?? '') ?? 0) + Number(r.population));
    expect([...totals.keys()].sort()).toEqual([
      'age_band',
      'ethnicity',
      'imd_decile',
      'imd_quintile',
      'sex',
    ]);
    const [first] = totals.values();
    for (const total of totals.values()) expect(total).toBe(first);
    expect(first).toBeGreaterThan(470_000);
    expect(first).toBeLessThan(510_000);
  });

  it('follows up 55–65% of baselines, 6–20 weeks later, never after --to', () => {
    const baselines = new Map<string, number>();
    const followups = new Map<string, number>();
    const late: string[] = [];
    for (const row of outcomes) {
      const key = `${row.participant_id}|${row.partner_id}|${row.measure}`;
      const d = day(row.recorded_on ?? '');
      if (!(d <= day('2018-03-31'))) late.push(row.recorded_on ?? '');
      // A yes/no or count question left blank at baseline may still be answered at follow-up.
      if (EXTRAS.has(row.measure ?? '')) continue;
      (row.timepoint === 'baseline' ? baselines : followups).set(key, d);
    }
    expect(late).toEqual([]);
    const rate = followups.size / baselines.size;
    expect(rate).toBeGreaterThan(0.55);
    expect(rate).toBeLessThan(0.65);
    const badGaps = [...followups].filter(([key, d]) => {
      const gap = d - (baselines.get(key) ?? Number.NaN);
      return !(gap >= 42 && gap <= 140);
    });
    expect(badGaps).toEqual([]);
  });

  it('keeps every score and item within its measure range', () => {
    const inRange = (text: string | undefined, min: number, max: number): boolean => {
      const n = Number(text);
      return text !== '' && Number.isInteger(n) && n >= min && n <= max;
    };
    const bad = outcomes.filter((row) => {
      if (row.measure === 'wemwbs') {
        const items = Array.from({ length: 14 }, (_, i) => row[`item_${i + 1}`] ?? '');
        return row.score !== '' || !items.every((item) => item === '' || inRange(item, 1, 5));
      }
      if (row.measure === 'swemwbs') return !inRange(row.score, 7, 35);
      if (/^ons_(life_satisfaction|worthwhile|happiness|anxiety)$/.test(row.measure ?? '')) {
        return !inRange(row.score, 0, 10);
      }
      if (row.measure === 'in_work' || row.measure === 'volunteering') {
        return !['Yes', 'No', 'yes', 'no', 'Y', 'N', '1', '0'].includes(row.score ?? '');
      }
      if (row.measure === 'gp_visits') return !inRange(row.score, 0, 40);
      return true;
    });
    expect(bad).toEqual([]);
  });

  it('plants yes/no and count outcomes with the effects the README states', () => {
    // Episode key → each extra question's answers (1/0 or a count) by timepoint.
    const answers = new Map<string, { baseline?: number; followup?: number }>();
    for (const row of outcomes) {
      if (!EXTRAS.has(row.measure ?? '')) continue;
      const key = `${row.participant_id}|${row.partner_id}|${row.measure}`;
      const entry = answers.get(key) ?? {};
      const text = (row.score ?? '').toLowerCase();
      entry[row.timepoint as 'baseline' | 'followup'] =
        row.measure === 'gp_visits' ? Number(text) : ['yes', 'y', '1'].includes(text) ? 1 : 0;
      answers.set(key, entry);
    }
    const paired = (measure: string) =>
      [...answers].filter(
        ([key, a]) =>
          key.endsWith(`|${measure}`) && a.baseline !== undefined && a.followup !== undefined,
      );
    const share = (measure: string, t: 'baseline' | 'followup') =>
      mean(paired(measure).map(([, a]) => a[t] as number));
    // The README's figures are these, from the generator's own tally.
    for (const measure of ['in_work', 'volunteering', 'gp_visits']) {
      const totals = summary.extras[measure]?.totals;
      expect(totals?.paired).toBe(paired(measure).length);
      expect(totals?.baseline).toBe(
        paired(measure).reduce((sum, [, a]) => sum + (a.baseline as number), 0),
      );
    }
    // In work: about a quarter at baseline, some points more at follow-up; volunteering rises
    // more (from a lower start); GP appointments about 2 in 3 months, fewer at follow-up.
    expect(share('in_work', 'baseline')).toBeGreaterThan(0.15);
    expect(share('in_work', 'baseline')).toBeLessThan(0.35);
    expect(share('in_work', 'followup') - share('in_work', 'baseline')).toBeGreaterThan(0.03);
    expect(share('volunteering', 'followup') - share('volunteering', 'baseline')).toBeGreaterThan(
      0.05,
    );
    expect(share('gp_visits', 'baseline')).toBeGreaterThan(1.5);
    expect(share('gp_visits', 'baseline')).toBeLessThan(3.5);
    expect(share('gp_visits', 'followup')).toBeLessThan(share('gp_visits', 'baseline'));
    // Fewer in work in the most deprived deciles (the planted gradient).
    const deciles = episodeDeciles();
    const work = paired('in_work').map(([key, a]) => ({
      decile: deciles.get(key.replace(/\|in_work$/, '')),
      yes: a.baseline as number,
    }));
    const deprived = work.filter((w) => w.decile !== undefined && w.decile <= 2);
    const better = work.filter((w) => w.decile !== undefined && w.decile >= 5);
    expect(mean(better.map((w) => w.yes)) - mean(deprived.map((w) => w.yes))).toBeGreaterThan(0.1);
  });

  it('plants a baseline WEMWBS gradient: lower in the most deprived deciles', () => {
    const deciles = episodeDeciles();
    const byGroup = { deprived: [] as number[], better: [] as number[] };
    for (const [key, t] of wemwbsTotals()) {
      const d = deciles.get(key);
      if (t.baseline === undefined || d === undefined) continue;
      if (d <= 2) byGroup.deprived.push(t.baseline);
      else if (d >= 5) byGroup.better.push(t.baseline);
    }
    expect(mean(byGroup.better) - mean(byGroup.deprived)).toBeGreaterThan(1.5);
  });

  it('plants an improvement of a few points, larger in the most deprived deciles', () => {
    const deciles = episodeDeciles();
    const change = { all: [] as number[], deprived: [] as number[], better: [] as number[] };
    for (const [key, t] of wemwbsTotals()) {
      if (t.baseline === undefined || t.followup === undefined) continue;
      const d = t.followup - t.baseline;
      change.all.push(d);
      const decile = deciles.get(key);
      if (decile === undefined) continue;
      if (decile <= 2) change.deprived.push(d);
      else if (decile >= 5) change.better.push(d);
    }
    expect(mean(change.all)).toBeGreaterThan(2.5);
    expect(mean(change.all)).toBeLessThan(5);
    expect(mean(change.deprived) - mean(change.better)).toBeGreaterThan(0.8);
  });

  it('loses more people with lower baselines to follow-up', () => {
    const followed: number[] = [];
    const lost: number[] = [];
    for (const t of wemwbsTotals().values()) {
      if (t.baseline === undefined) continue;
      (t.followup === undefined ? lost : followed).push(t.baseline);
    }
    expect(mean(followed)).toBeGreaterThan(mean(lost));
  });

  it('reports the same figures in its summary', () => {
    expect(summary.partners).toBe(88);
    expect(summary.participants).toBe(50_000);
    expect(summary.plantedFaults).toEqual([]);
    expect(summary.totalBytes).toBeLessThan(20_000_000);
    expect(summary.followupRate).toBeGreaterThan(55);
    expect(summary.followupRate).toBeLessThan(65);
  });
});
