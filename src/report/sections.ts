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
    intro: (tables) =>
      'Change from baseline to follow-up for people with both, as the mean change with its ' +
      `${confidenceLabel(tables[0])} confidence interval; an interval that does not include zero ` +
      'indicates a change unlikely to be due to chance alone.',
    tables: ['wellbeing_change', 'band_change'],
  },
  {
    id: 'inequality',
    title: 'Reducing inequalities',
    intro: () =>
      'The slope index of inequality (SII) is the fitted difference between the least and the ' +
      'most deprived ends of the population; a positive SII means people in less deprived areas ' +
      'score higher. A smaller SII at follow-up than at baseline means the gap narrowed.',
    tables: ['inequality', 'inequality_quantiles'],
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

/** The model's tables for a section, in the section's order. */
export function sectionTables(model: ReportModel, section: ReportSection): Table[] {
  return section.tables.flatMap((name) => model.tables.filter((table) => table.name === name));
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
