import type { Table } from '../metrics/table.js';
import { confidenceLabel } from './format.js';
import type { ReportModel } from './model.js';

/** A part of the report and the tables it shows, in the contract's order. */
export interface ReportSection {
  readonly id: string;
  readonly title: string;
  /** One or two sentences on how to read the section, given its tables (their confidence level). */
  readonly intro: (tables: readonly Table[]) => string;
  readonly tables: readonly string[];
  /**
   * For an outcome area's section: its change tables show the rows of the area's measures only
   * (the other tables it names are shown whole).
   */
  readonly area?: string;
}

/** Tables of change in outcome measures: each outcome area's section shows its measures' rows. */
const OUTCOME_TABLES = ['wellbeing_change', 'band_change', 'binary_change', 'count_change'];

/** The headings of the outcome areas tides knows (the Turning Tides evaluation's six). */
const AREA_TITLES: Readonly<Record<string, string>> = {
  inequalities: 'Reducing inequalities',
  wellbeing: 'Wellbeing and mental health',
  skills_employment: 'Skills and employment',
  living_well: 'Living well',
  social_connection: 'Isolation and social connection',
  nhs_demand: 'Demand on NHS services',
};

/** How to read the change tables of an outcome area. */
function outcomeIntro(tables: readonly Table[]): string {
  const scores = tables.some((table) => table.name === 'wellbeing_change');
  const binary = tables.some((table) => table.name === 'binary_change');
  const counts = tables.some((table) => table.name === 'count_change');
  const level = confidenceLabel(tables[0]);
  const parts: string[] = [];
  if (scores) {
    parts.push(
      'Change from baseline to follow-up for people with both, as the mean change with its ' +
        `${level} confidence interval; an interval that does not include zero indicates a ` +
        'change unlikely to be due to chance alone.',
    );
  }
  if (binary) {
    parts.push(
      `${scores ? 'For yes/no outcomes, the' : 'The'} share answering yes at baseline and at ` +
        'follow-up among people with both answers, and the change in percentage points with its ' +
        `${level} confidence interval; McNemar’s test rests on the people whose answer changed.`,
    );
  }
  if (counts) {
    parts.push(
      `${scores || binary ? 'For counts (of GP appointments, say), the' : 'The'} mean per person ` +
        'at baseline and at follow-up over the same recall period, the mean change with its ' +
        `${level} confidence interval, and the follow-up total as a ratio of the baseline total ` +
        '(below 1: less use).',
    );
  }
  return parts.join(' ');
}

export const SECTIONS: readonly ReportSection[] = [
  {
    id: 'reach',
    title: 'Reach',
    intro: () =>
      'Who took part, and how their profile compares with the population the programme serves. ' +
      'Each person is counted once in the All row, however many partners they attended.',
    tables: ['reach', 'reach_profile'],
  },
  {
    id: 'wellbeing',
    title: 'Wellbeing and mental health',
    intro: outcomeIntro,
    tables: OUTCOME_TABLES,
    area: 'wellbeing',
  },
  {
    id: 'inequality',
    title: 'Reducing inequalities',
    intro: () =>
      'The slope index of inequality (SII) is the fitted difference between the least and the ' +
      'most deprived ends of the population; a positive SII means people in less deprived areas ' +
      'score higher. A smaller SII at follow-up than at baseline means the gap narrowed.',
    tables: ['inequality', 'inequality_quantiles', ...OUTCOME_TABLES],
    area: 'inequalities',
  },
  {
    id: 'partners',
    title: 'Partners compared',
    intro: () =>
      'Partners differ in size, so their values are compared with funnel plots rather than ' +
      'ranked: control limits around the programme’s value, wider for partners with fewer ' +
      'people, show which differences are larger than chance would make. A partner outside ' +
      'the limits is worth a conversation, not a verdict: its people, its measures and its ' +
      'data may differ.',
    tables: ['partner_comparison'],
  },
  {
    id: 'cost',
    title: 'Cost and social value',
    intro: (tables) =>
      'Funding divided by the number of participants, episodes, and people with a meaningful ' +
      'improvement on the primary measure (only for partners that used it; the total divides ' +
      'their funding alone). Costs cover the grant only, not volunteers’ time or ' +
      'other funding; people improved counts only those followed up, so lost follow-ups make the ' +
      'cost per improved person an upper bound; and an improvement is not all due to the programme.' +
      (tables.some((table) => table.name === 'social_value')
        ? ' Social value puts a money value on the outcomes with the value bank’s proxies, net of ' +
          'what would have happened anyway, and divides it by the funding (SROI); the sensitivity ' +
          'table shows how far the ratio moves when one assumption changes.'
        : ''),
    tables: ['cost', 'social_value', 'sroi_sensitivity'],
  },
];

const PLACED = new Set([...SECTIONS.flatMap((section) => section.tables), 'data_quality']);

/**
 * The report's sections: reach, then one per outcome area with data (the six of Turning Tides in
 * their order, the inequalities area within "Reducing inequalities", then any other area the
 * config names, by name), partners compared, cost and social value.
 */
export function reportSections(model: ReportModel): ReportSection[] {
  const areas = new Set((model.measures ?? []).map((m) => m.area ?? 'wellbeing'));
  const known = Object.keys(AREA_TITLES);
  const others = [...areas].filter((area) => !known.includes(area)).sort();
  const list: ReportSection[] = [];
  for (const section of SECTIONS) {
    list.push(section);
    if (section.id !== 'wellbeing') continue;
    for (const area of [
      ...known.filter((a) => a !== 'wellbeing' && a !== 'inequalities'),
      ...others,
    ]) {
      if (!areas.has(area)) continue;
      list.push({
        id: `area-${area}`,
        title: AREA_TITLES[area] ?? sentenceCase(area),
        intro: outcomeIntro,
        tables: OUTCOME_TABLES,
        area,
      });
    }
  }
  return list;
}

function sentenceCase(label: string): string {
  const words = label.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The model's tables for a section, in the section's order; an outcome area's change tables
 * with only its measures' rows (a table with none left is not shown).
 */
export function sectionTables(model: ReportModel, section: ReportSection): Table[] {
  const area = section.area;
  const inArea = (measure: unknown) =>
    (model.measures?.find((m) => m.name === measure)?.area ?? 'wellbeing') === area;
  return section.tables.flatMap((name) =>
    model.tables
      .filter((table) => table.name === name)
      .flatMap((table) => {
        if (area === undefined || !OUTCOME_TABLES.includes(name)) return [table];
        const rows = table.rows.filter((row) => inArea(row.measure));
        if (rows.length === 0) return [];
        if (rows.length === table.rows.length) return [table];
        const { additive: _, ...rest } = table;
        return [{ ...rest, rows }];
      }),
  );
}

/** Tables that belong to no section, in the model's order. */
export function furtherTables(model: ReportModel): Table[] {
  return model.tables.filter((table) => !PLACED.has(table.name));
}

/** The key to the GSS marks, for every report. */
export function marksKey(minCell: number | null): string {
  const suppressed =
    minCell === null
      ? '[c] suppressed'
      : `[c] suppressed: fewer than ${minCell} people, or it would reveal a suppressed figure`;
  return `${suppressed}; [x] not available; [z] not applicable.`;
}

/** "Covers enrolments from 2015-16 to 2017-18. Made on 4 December 2026 with tides 0.1.0." */
export function madeLine(model: ReportModel): string {
  const covers = model.coverage
    ? `Covers ${model.coverage}. `
    : model.period
      ? `Covers ${model.period}. `
      : '';
  const made = model.madeOn ? `Made on ${model.madeOn} with` : 'Made with';
  return `${covers}${made} tides ${model.toolVersion}.`;
}
