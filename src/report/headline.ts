import { type Cell, isMark, type Table } from '../metrics/table.js';
import { confidenceLabel, displayCell } from './format.js';
import type { HeadlineFinding } from './model.js';

type Row = Readonly<Record<string, Cell>>;

/**
 * Headline findings, read from the disclosed tables so that they can never show a suppressed
 * figure: reach, the Core20 share, the primary measure's change and follow-up, and the
 * deprivation gap at baseline and follow-up.
 */
export function headlines(
  tables: { reach: Table; wellbeing_change: Table; inequality: Table; social_value?: Table },
  primaryMeasure: string,
  labelOf: (measure: string) => string = (m) => m,
  /** The value bank's values are illustrative (config `social_value.illustrative`). */
  illustrative = false,
): HeadlineFinding[] {
  const out: HeadlineFinding[] = [];
  const { reach, wellbeing_change: change, inequality } = tables;
  const show = (table: Table, row: Row | undefined, name: string) => shown(table, row, name);
  const all = reach.rows.find((r) => isTotal(r, reach));
  out.push({
    label: 'People reached',
    value: show(reach, all, 'participants'),
    note: `${show(reach, all, 'episodes')} episodes at ${show(reach, all, 'partners')} partners`,
  });
  out.push({
    label: 'Living in the most deprived 20% (Core20)',
    value: `${show(reach, all, 'pct_core20')}%`,
    note: `of participants whose area is known; ${confidenceLabel(reach)} CI ${show(reach, all, 'pct_core20_lcl')}–${show(reach, all, 'pct_core20_ucl')}%; Core20 or PLUS ${show(reach, all, 'pct_core20_or_plus')}% of all participants`,
  });
  const measures = [...new Set(change.rows.map((r) => r.measure))].filter(
    (m): m is string => typeof m === 'string',
  );
  const measure = measures.includes(primaryMeasure) ? primaryMeasure : measures[0];
  if (measure === undefined)
    return [...out, ...socialValueHeadline(tables.social_value, illustrative)];
  const label = labelOf(measure);
  const row = change.rows.find((r) => r.measure === measure && isTotal(r, change));
  out.push({
    label: `${label} mean change`,
    value: `${signed(show(change, row, 'mean_change'))} points`,
    note: `${confidenceLabel(change)} CI ${show(change, row, 'change_lcl')} to ${show(change, row, 'change_ucl')}; ${show(change, row, 'n_paired')} people followed up; ${show(change, row, 'pct_improved')}% improved meaningfully`,
  });
  out.push({
    label: `${label} follow-up rate`,
    value: `${show(change, row, 'followup_rate')}%`,
    note: `of ${show(change, row, 'n_baseline')} people with a baseline`,
  });
  const gap = (t: string) =>
    inequality.rows.find(
      (r) => r.measure === measure && r.timepoint === t && r.dimension === 'imd_quintile',
    );
  const base = gap('baseline');
  const follow = gap('followup');
  if (base && follow) {
    const difference = gap('change')?.gap;
    const direction =
      difference === undefined || isMark(difference) || typeof difference !== 'number'
        ? ''
        : difference < 0
          ? ': narrowed'
          : difference > 0
            ? ': widened'
            : '';
    out.push({
      label: `${label} deprivation gap`,
      value: `${show(inequality, base, 'gap')} → ${show(inequality, follow, 'gap')}`,
      note: `least minus most deprived quintile, baseline → follow-up${direction}`,
    });
  }
  return [...out, ...socialValueHeadline(tables.social_value, illustrative)];
}

/**
 * The SROI ratio of the value bank's total row, with the source of the values; labelled
 * ILLUSTRATIVE when the value bank says its values are not for decisions.
 */
function socialValueHeadline(table: Table | undefined, illustrative: boolean): HeadlineFinding[] {
  const total = table?.rows.find((r) => r.outcome === 'All');
  if (!table || !total || typeof total.sroi_ratio !== 'number') return [];
  const flag = illustrative ? 'ILLUSTRATIVE values, not for decisions: ' : '';
  return [
    {
      label: `Social value per £1 invested (SROI)${illustrative ? ', ILLUSTRATIVE' : ''}`,
      value: `£${shown(table, total, 'sroi_ratio')}`,
      note: `${flag}present value ${shown(table, total, 'present_value_gbp')} for ${shown(table, total, 'investment_gbp')} of funding; the values and their source are under Social value`,
    },
  ];
}

/** A cell as published, as readers read it: `49,998`, `£1,379,000` (locale-free). */
function shown(table: Table, row: Row | undefined, name: string): string {
  const column = table.columns.find((c) => c.name === name);
  if (!row || !column) return '[x]';
  return displayCell(row[name] ?? { mark: 'x' }, column);
}

function isTotal(row: Row, table: Table): boolean {
  return table.columns.filter((c) => c.kind === 'group').every((c) => row[c.name] === 'All');
}

function signed(text: string): string {
  return /^\d/.test(text) ? `+${text}` : text;
}
