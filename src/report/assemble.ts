import { financialYear } from '../contract/dimensions.js';
import { IMD_ATTRIBUTION, IMD_EDITION_INFO } from '../contract/imd.js';
import { compareIssues, type Issue, issueWhere } from '../contract/issues.js';
import { RULES } from '../contract/rules.js';
import { formatLongDay } from '../contract/values.js';
import type { DisclosureRule } from '../disclosure/index.js';
import { describeDisclosureRule, discloseCount } from '../disclosure/index.js';
import { type Cell, NOT_AVAILABLE, type Table } from '../metrics/table.js';
import type { IssueTally } from '../model/issueTally.js';
import type { Programme } from '../model/programme.js';
import { confidenceLabel } from './format.js';
import type { DataQualityIssue, HeadlineFinding, ReportModel } from './model.js';
import {
  type Caution,
  limitations,
  type NarrativeTables,
  summaryParagraphs,
  weakDataCautions,
} from './narrative.js';

export interface ReportInputs {
  readonly programme: Programme;
  readonly rule: DisclosureRule;
  readonly toolVersion: string;
  /** Disclosed tables, in report order. */
  readonly tables: readonly Table[];
  readonly headline: readonly HeadlineFinding[];
  /** The disclosed data_quality table, for the report's data quality section. */
  readonly dataQuality: Table;
  readonly period: string | null;
  /** When the run was made, as a day number (the clock honours SOURCE_DATE_EPOCH). */
  readonly madeOn?: number;
  /** Title, when not the programme's name alone. */
  readonly title?: string;
  /** What the document is (default `evaluation report`). */
  readonly kind?: string;
  /** The file holding every row of the tables the report shortens (default: their CSV files). */
  readonly wholeTablesIn?: string;
  /**
   * The tables the opening in words reads, when not the published ones by name (a yearly
   * summary's: the year's rows of its trend tables, so that words, headline and charts agree).
   */
  readonly narrative?: NarrativeTables;
}

/**
 * The report model of an analysis: everything the Markdown and HTML renderers lay out. Every
 * figure comes from disclosed tables; counts computed here (issues per rule) are disclosed too.
 */
export function buildReportModel(inputs: ReportInputs): ReportModel {
  const { programme, rule } = inputs;
  const quality = inputs.dataQuality.rows.filter((r) => r.rule === '(all)');
  return {
    programme: inputs.title ?? programme.config.programme ?? 'Community health programme',
    ...(inputs.kind ? { kind: inputs.kind } : {}),
    ...(inputs.wholeTablesIn ? { wholeTablesIn: inputs.wholeTablesIn } : {}),
    toolVersion: inputs.toolVersion,
    period: inputs.period,
    coverage: coverage(programme, inputs.period),
    ...(inputs.madeOn === undefined ? {} : { madeOn: formatLongDay(inputs.madeOn) }),
    notForPublication: !rule.enabled,
    disclosure: describeDisclosureRule(rule),
    minCell: rule.enabled ? rule.minCell : null,
    problems: dataProblems(programme.issues, rule),
    headline: inputs.headline,
    ...narrative(programme, inputs.tables, inputs.narrative),
    tables: inputs.tables,
    primaryMeasure: programme.config.primary_measure ?? 'wemwbs',
    partnerNames: new Map(programme.partners.map((partner) => [partner.id, partner.name])),
    measures: programme.measures.measures.map((m) => ({
      name: m.id,
      label: m.label,
      higherIsBetter: m.direction === 'higher_better',
      area: m.area,
    })),
    methods: methodNotes(
      programme,
      inputs.tables.find((table) => table.name === 'wellbeing_change'),
    ),
    dataQuality: {
      files: quality.map((r) => ({
        path: String(r.file),
        kind: String(r.kind),
        read: r.read ?? NOT_AVAILABLE,
        used: r.used ?? NOT_AVAILABLE,
        rejected: r.rejected ?? NOT_AVAILABLE,
      })),
      topIssues: topIssues(programme, rule),
      ignored: programme.ignored.map((f) => f.display),
    },
  };
}

/** The report's opening in words and its cautions, from the published tables. */
function narrative(
  programme: Programme,
  tables: readonly Table[],
  given: NarrativeTables | undefined,
): { summary: string[]; cautions: Caution[]; limitations: string[] } {
  const find = (name: string) => tables.find((table) => table.name === name);
  const published = given ?? {
    reach: find('reach'),
    reach_profile: find('reach_profile'),
    wellbeing_change: find('wellbeing_change'),
    inequality: find('inequality'),
  };
  const primary = programme.config.primary_measure ?? 'wemwbs';
  const label = programme.measures.get(primary)?.label ?? primary;
  return {
    summary: summaryParagraphs(published, primary, label),
    cautions: weakDataCautions(published, primary, label),
    limitations: limitations(published, primary, label, {
      socialValue: programme.config.social_value !== undefined,
      illustrative: programme.config.social_value?.illustrative === true,
    }),
  };
}

/**
 * The period the figures cover: the year asked for, with its dates, or the financial years in
 * which the programme's people enrolled. Years, never the first and last dates of enrolment,
 * which would each be a fact about one person.
 */
export function coverage(programme: Programme, period: string | null): string {
  if (period !== null) {
    const start = Number(period.slice(0, 4));
    return `${period} (1 April ${start} to 31 March ${start + 1})`;
  }
  const enrolled = programme.episodes.enrolledOn;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < programme.episodes.count; i++) {
    const day = enrolled.get(i);
    if (day < first) first = day;
    if (day > last) last = day;
  }
  if (first > last) return 'no enrolments';
  const [from, to] = [financialYear(first), financialYear(last)];
  return from === to ? `enrolments in ${from}` : `enrolments from ${from} to ${to}`;
}

/**
 * File-level problems an evaluator must see first: broken, unreadable or unusable files. The
 * programme keeps the first few of each file's problems of a kind (EXAMPLES_KEPT); a line says
 * when a file has more. Under disclosure control, problems of single records (a quote that
 * swallows rows) are named once per file and kind, with no line, value or number: listing the
 * first three and saying whether there are more would give a hidden count of rejected rows.
 */
export function dataProblems(issues: IssueTally, rule?: DisclosureRule): string[] {
  const shown: { issue: Issue; more: string | null }[] = [];
  for (const c of issues.counts()) {
    if (!(FILE_RULES.has(c.rule) && c.severity === 'error') && !FILE_WARNINGS.has(c.rule)) continue;
    if (rule?.enabled && c.examples.some((issue) => issue.line !== null)) {
      const issue = { ...(c.examples[0] as Issue), line: null };
      const message = `records lost to ${c.rule} problems (data_quality.csv has the count; tides validate lists every one)`;
      shown.push({ issue: { ...issue, message }, more: null });
      continue;
    }
    c.examples.forEach((issue, i) => {
      const last = i === c.examples.length - 1 && c.count > c.examples.length;
      const more = `${c.file}: … and more ${c.rule} problems (tides validate lists every one)`;
      shown.push({ issue, more: last ? more : null });
    });
  }
  // Stable: each file's problems of one kind stay in their order.
  shown.sort((a, b) => compareIssues(a.issue, b.issue));
  return shown.flatMap(({ issue: i, more }) => {
    const where =
      i.cell !== undefined ? issueWhere(i) : `${i.file}${i.line !== null ? ` line ${i.line}` : ''}`;
    const line = `${where}: ${i.message}`;
    return more === null ? [line] : [line, more];
  });
}

/** Warnings about a whole file that weaken the figures resting on it. */
const FILE_WARNINGS: ReadonlySet<string> = new Set(['column.mostly_unknown']);

const FILE_RULES: ReadonlySet<string> = new Set([
  'file.unreadable',
  'file.empty',
  'file.parse',
  'file.quote_span',
  'encoding.binary',
  'header.missing_column',
  'header.duplicate_column',
]);

/** The most frequent rules, their counts under the disclosure rule like every published count. */
function topIssues(programme: Programme, rule: DisclosureRule): DataQualityIssue[] {
  // Ordered by the counts as published (hidden ones after, by name): an order by the true
  // counts would rank hidden counts against each other and against the shown ones.
  const published = programme.issues.rules().map((r) => ({
    rule: r.rule,
    count: discloseCount(r.count, rule),
  }));
  const rank = (cell: Cell) => (typeof cell === 'number' ? cell : -1);
  return published
    .sort((a, b) => rank(b.count) - rank(a.count) || (a.rule < b.rule ? -1 : 1))
    .slice(0, 10)
    .map((r) => ({ ...r, hint: RULES[r.rule].hint }));
}

function methodNotes(programme: Programme, change: Table | undefined): string[] {
  const m = programme.measures;
  const notes = [
    'Each person counts once in every total (All rows): the All row uses each person’s first episode (earliest enrolment) with a baseline for the measure; partner and other group rows count each episode.',
    `Pairing: for each person, partner and measure, the earliest baseline and the latest follow-up are used; extra records are reported in data_quality.csv.`,
    `WEMWBS scores: up to ${m.maxMissingItems} of 14 missing items are prorated from the person’s mean item score; with more missing the questionnaire is unscorable and reported (${programme.scoring.prorated} prorated questionnaires in this run).`,
    `SWEMWBS: raw totals (7–35) are converted to metric scores with Warwick’s conversion table (${programme.scoring.swemwbsConverted} converted; ${programme.scoring.swemwbsDerived} derived from the SWEMWBS items of complete WEMWBS questionnaires). A score that is not a whole number is taken as already metric (setting swemwbs_score: ${m.swemwbsScore}). SWEMWBS band edges on the metric score are not verified against a published source and are configurable.`,
    `Mean change: follow-up − baseline with a t-based ${confidenceLabel(change)} interval; paired t-test (two-sided); Wilcoxon signed-rank as R ≤ 4.5 wilcox.test (exact below 50 pairs without ties or zeros, otherwise normal approximation with continuity and tie corrections); Cohen’s dz = mean / SD of the differences. Improved / declined: a change of at least the measure’s meaningful change in the better direction (WEMWBS 3, SWEMWBS 1, ONS 1 point).`,
    'Proportions have Wilson score intervals (as PHEindicatormethods phe_proportion); rates per 1,000 residents use Byar’s method, or exact Poisson limits below 10 events (phe_rate).',
    'Inequality: slope and relative index of inequality by the PHE method (phe_sii): quantile means regressed on the midpoint of cumulative population share by weighted least squares, least minus most deprived, with confidence limits from simulation with a fixed seed; no RII for change scores. The gap is quintile 5 minus quintile 1 with a Welch interval. All on the same people: each person once, with a baseline and a follow-up and a known IMD decile.',
    `Core20: IMD deciles 1–2 of ${deprivationNote(programme)} PLUS: ethnic minority communities (Asian, Black, Mixed, Other) or any inclusion group recorded.`,
    'Financial years run from 1 April to 31 March: episodes count in the year of enrolment, outcome change in the year of the follow-up.',
  ];
  const social = programme.config.social_value;
  if (social) {
    const rate = social.discount_rate ?? 0.035;
    notes.push(
      `Social value (SROI): values per outcome from the value bank in tides.config.json (source: ${social.source}); net of deadweight, attribution and displacement; later years reduced by drop-off and discounted at ${(rate * 100).toFixed(1)}% a year (HM Treasury Green Book rate 3.5%), the first year of benefit being year ${social.first_year ?? 0}${(social.first_year ?? 0) === 0 ? ' (not discounted)' : ''}. The ratio divides the present value by the total funding in partners.csv.`,
    );
  }
  for (const measure of m.measures) {
    if (measure.source.startsWith('defined')) notes.push(`${measure.id}: ${measure.source}.`);
  }
  return notes;
}

/** Where the IMD deciles came from, with the licence's attribution for the index tides ships. */
function deprivationNote(programme: Programme): string {
  const source = programme.deprivationSource;
  if (source.kind === 'file') return 'the lookup supplied (lsoa_imd.csv).';
  const { name, lsoas } = IMD_EDITION_INFO[source.edition];
  return `the ${name} (deciles of ${lsoas} areas), shipped with tides. ${IMD_ATTRIBUTION}`;
}
