import { ALL, type Cell, isMark, type Table } from '../metrics/table.js';
import { confidenceLabel, displayCell } from './format.js';

/**
 * Where figures rest on weak data, the report says so beside them. The thresholds (the README's
 * "What a reader must know"): more than {@link MAX_UNKNOWN_PCT}% unknown deprivation or ethnicity,
 * follow-up below {@link MIN_FOLLOWUP_PCT}%, and a deprivation gap resting on fewer than
 * {@link MIN_GAP_PEOPLE} people in either end quintile.
 */
export const MAX_UNKNOWN_PCT = 20;
export const MIN_FOLLOWUP_PCT = 50;
export const MIN_GAP_PEOPLE = 100;

type Row = Readonly<Record<string, Cell>>;

/** The tables the narrative reads, as published (disclosure-controlled). */
export interface NarrativeTables {
  readonly reach?: Table;
  readonly reach_profile?: Table;
  readonly wellbeing_change?: Table;
  readonly inequality?: Table;
}

/** A caution on one figure: which figure, and why it must be read with care. */
export interface Caution {
  readonly figure: string;
  readonly text: string;
}

function total(
  table: Table | undefined,
  match: (row: Row) => boolean = () => true,
): Row | undefined {
  if (!table) return undefined;
  const groups = table.columns.filter((c) => c.kind === 'group').map((c) => c.name);
  return table.rows.find((row) => groups.every((g) => row[g] === ALL) && match(row));
}

/** A cell as published, or null when it is missing or hidden (a sentence is then left out). */
function figure(table: Table | undefined, row: Row | undefined, name: string): string | null {
  const cell = row?.[name];
  const column = table?.columns.find((c) => c.name === name);
  if (cell === undefined || !column || isMark(cell)) return null;
  return displayCell(cell, column);
}

function numberOf(row: Row | undefined, name: string): number | null {
  const cell = row?.[name];
  return typeof cell === 'number' ? cell : null;
}

/**
 * The report's opening in words: who the programme reached, what changed for them on the primary
 * measure and for whom, and what the design allows one to conclude. Every figure is a published
 * cell; a sentence whose figures are hidden is left out.
 */
export function summaryParagraphs(
  tables: NarrativeTables,
  primaryMeasure: string,
  label: string,
): string[] {
  const paragraphs: string[] = [];
  const { reach, wellbeing_change: change, inequality } = tables;
  const all = total(reach);
  const people = figure(reach, all, 'participants');
  if (people) {
    const episodes = figure(reach, all, 'episodes');
    const partners = figure(reach, all, 'partners');
    let text = `The programme reached ${people} people`;
    if (episodes && partners) text += ` (${episodes} episodes of support at ${partners} partners)`;
    text += '.';
    const core20 = figure(reach, all, 'pct_core20');
    const lcl = figure(reach, all, 'pct_core20_lcl');
    const ucl = figure(reach, all, 'pct_core20_ucl');
    if (core20 && lcl && ucl) {
      text +=
        ` Of those whose area is known, ${core20}% lived in the most deprived 20% of ` +
        `neighbourhoods in England (Core20; ${confidenceLabel(reach)} CI ${lcl}% to ${ucl}%), ` +
        'against 20% of the country.';
    }
    paragraphs.push(text);
  }
  const row = total(change, (r) => r.measure === primaryMeasure);
  const meanChange = numberOf(row, 'mean_change');
  const baseline = figure(change, row, 'n_baseline');
  const paired = figure(change, row, 'n_paired');
  const rate = figure(change, row, 'followup_rate');
  const lcl = figure(change, row, 'change_lcl');
  const ucl = figure(change, row, 'change_ucl');
  if (meanChange !== null && baseline && paired && rate && lcl && ucl) {
    const direction = meanChange > 0 ? 'rose' : meanChange < 0 ? 'fell' : 'did not change';
    const size = figure(change, { mean_change: Math.abs(meanChange) }, 'mean_change');
    let text =
      `Of ${baseline} people with a baseline ${label} score, ${paired} (${rate}%) were followed ` +
      `up. Their mean score ${direction}${meanChange !== 0 ? ` by ${size} points` : ''} ` +
      `(${confidenceLabel(change)} CI ${lcl} to ${ucl})`;
    const improved = figure(change, row, 'pct_improved');
    text += improved ? `, and ${improved}% improved by at least the meaningful change.` : '.';
    paragraphs.push(text);
  }
  const gap = (timepoint: string) =>
    inequality?.rows.find(
      (r) =>
        r.measure === primaryMeasure && r.timepoint === timepoint && r.dimension === 'imd_quintile',
    );
  const before = figure(inequality, gap('baseline'), 'gap');
  const after = figure(inequality, gap('followup'), 'gap');
  const narrowing = numberOf(gap('change'), 'gap');
  if (before && after && narrowing !== null) {
    const how = narrowing < 0 ? 'narrowed' : narrowing > 0 ? 'widened' : 'stayed the same';
    paragraphs.push(
      `The gap in ${label} between people in the least and the most deprived fifth of areas ` +
        `${how}, from ${before} points at baseline to ${after} at follow-up.`,
    );
  }
  const design = [
    'This is a before-and-after comparison without a comparison group: some of the change would ' +
      'have come anyway (scores that start low tend to rise, and people get other help), so not ' +
      'all of it is the programme’s effect.',
  ];
  const attrition = numberOf(row, 'attrition_diff');
  const attritionText = figure(
    change,
    { attrition_diff: Math.abs(attrition ?? 0) },
    'attrition_diff',
  );
  const aLcl = figure(change, row, 'attrition_lcl');
  const aUcl = figure(change, row, 'attrition_ucl');
  if (attrition !== null && attrition !== 0 && attritionText && aLcl && aUcl) {
    // attrition_diff is followed − lost: positive when those lost started lower.
    design.push(
      `People lost to follow-up started ${attritionText} points ${attrition > 0 ? 'lower' : 'higher'} ` +
        `on average than those followed up (difference ${aLcl} to ${aUcl}), so the change seen ` +
        'may not hold for everyone who took part.',
    );
  }
  if (change) paragraphs.push(design.join(' '));
  return paragraphs;
}

/**
 * The figures that rest on weak data, each with the reason, by the thresholds above. Hidden
 * figures give no caution (their size would be told by it).
 */
export function weakDataCautions(
  tables: NarrativeTables,
  primaryMeasure: string,
  label: string,
): Caution[] {
  const cautions: Caution[] = [];
  const { reach, reach_profile: profile, wellbeing_change: change, inequality } = tables;
  const all = total(reach);
  const unknownImd = numberOf(all, 'pct_imd_unknown');
  if (unknownImd !== null && unknownImd > MAX_UNKNOWN_PCT) {
    cautions.push({
      figure: 'Core20 share and inequality',
      text: `Deprivation is unknown for ${figure(reach, all, 'pct_imd_unknown')}% of participants (over ${MAX_UNKNOWN_PCT}%): the Core20 share, reach by decile and every inequality figure rest on the others, who may differ.`,
    });
  }
  const ethnicity = total(profile, (r) => r.dimension === 'ethnicity' && r.category === 'unknown');
  const unknownEthnicity = numberOf(ethnicity, 'pct');
  if (unknownEthnicity !== null && unknownEthnicity > MAX_UNKNOWN_PCT) {
    cautions.push({
      figure: 'PLUS share',
      text: `Ethnicity is unknown for ${figure(profile, ethnicity, 'pct')}% of participants (over ${MAX_UNKNOWN_PCT}%): the PLUS and Core20PLUS shares count only those recorded, so they are lower bounds.`,
    });
  }
  const row = total(change, (r) => r.measure === primaryMeasure);
  const rate = numberOf(row, 'followup_rate');
  if (rate !== null && rate < MIN_FOLLOWUP_PCT) {
    cautions.push({
      figure: `${label} change`,
      text: `Only ${figure(change, row, 'followup_rate')}% of people with a baseline were followed up (under ${MIN_FOLLOWUP_PCT}%): the change describes those followed up, who may not be typical.`,
    });
  }
  for (const timepoint of ['baseline', 'followup']) {
    const gap = inequality?.rows.find(
      (r) =>
        r.measure === primaryMeasure && r.timepoint === timepoint && r.dimension === 'imd_quintile',
    );
    if (!gap || typeof gap.gap !== 'number') continue;
    const ends = [
      ['most', gap.n_most_deprived_quintile],
      ['least', gap.n_least_deprived_quintile],
    ] as const;
    const thin = ends.filter(([, n]) => typeof n === 'number' && n < MIN_GAP_PEOPLE);
    if (thin.length === 0) continue;
    cautions.push({
      figure: `${label} deprivation gap at ${timepoint === 'followup' ? 'follow-up' : 'baseline'}`,
      text: `The gap rests on fewer than ${MIN_GAP_PEOPLE} people in the ${thin.map(([end]) => end).join(' and the ')} deprived fifth (${thin.map(([, n]) => displayCell(n as number, { name: 'n', kind: 'count' })).join(' and ')}): its interval is wide, and one partner can move it.`,
    });
  }
  return cautions;
}

/** What the report's readers are told of the data behind a limitation. */
export interface LimitationFacts {
  /** The programme has a social value bank (SROI figures are shown). */
  readonly socialValue: boolean;
  /** The value bank is marked illustrative. */
  readonly illustrative: boolean;
}

/**
 * The limitations of the evaluation, for the report's Methods: what the design, the data and the
 * methods cannot tell, with this run's figures where they say how much (each a published cell;
 * a sentence whose figures are hidden keeps its words and leaves the figure out).
 */
export function limitations(
  tables: NarrativeTables,
  primaryMeasure: string,
  label: string,
  facts: LimitationFacts,
): string[] {
  const { reach, wellbeing_change: change } = tables;
  const row = total(change, (r) => r.measure === primaryMeasure);
  const rate = figure(change, row, 'followup_rate');
  const attrition = numberOf(row, 'attrition_diff');
  const attritionText = figure(
    change,
    { attrition_diff: Math.abs(attrition ?? 0) },
    'attrition_diff',
  );
  const list = [
    'Design: scores before and after taking part, without a comparison group. Part of any change ' +
      'would have come anyway: people often join at a low point and scores that start low tend to ' +
      'rise again (regression to the mean), and people get other help at the same time. The change ' +
      'is what happened to participants, not the effect of the programme alone.',
  ];
  let followUp =
    'Follow-up: change is measured only on people with a baseline and a follow-up score.';
  if (rate) followUp += ` ${rate}% of people with a baseline ${label} score were followed up.`;
  if (attrition !== null && attrition !== 0 && attritionText) {
    followUp += ` Those lost to follow-up started ${attritionText} points ${attrition > 0 ? 'lower' : 'higher'} on average, so the change seen may overstate or understate the change for everyone who took part.`;
  }
  list.push(followUp);
  list.push(
    'Self-report: wellbeing scales are questionnaires people complete about themselves, often with ' +
      'the partner’s staff; answers can lean towards what people think is hoped for, more so at follow-up.',
    'Deprivation describes the area a person lives in (its LSOA), not the person: not everyone in a ' +
      'deprived area is deprived, and people without a known area are left out of the Core20 share ' +
      `and every inequality figure${figure(reach, total(reach), 'pct_imd_unknown') ? ` (${figure(reach, total(reach), 'pct_imd_unknown')}% of participants)` : ''}.`,
    'Groups and totals: each person counts once in a total (All), but once per episode in the ' +
      'rows of partners and other groups, so the rows of a table need not add up to its total. With ' +
      'many groups and measures, about 1 interval in 20 will exclude zero by chance alone: the ' +
      'p-values adjusted for the number of groups (p_holm, p_bh in wellbeing_change.csv) allow for it.',
    'Cost: funding is the grant each partner received, without volunteers’ time or other funding, ' +
      'and it is not split by year.',
  );
  if (facts.socialValue) {
    list.push(
      'Social value: each outcome is valued with a proxy from the value bank, less what would have ' +
        'happened anyway (deadweight), what others contributed (attribution) and what was displaced. ' +
        'The ratio is sensitive to each of these assumptions (see the sensitivity table), is not a ' +
        'saving that can be cashed, and is not comparable with ratios made with other value banks' +
        `${facts.illustrative ? '; the values used here are illustrative only' : ''}.`,
    );
  }
  return list;
}
