import type { SocialValueConfig, SocialValueOutcome } from '../config/types.js';
import { recallPeriodsPerYear } from '../contract/recall.js';
import { betterChange, isImproved } from '../measures/change.js';
import type { Programme } from '../model/programme.js';
import { MeasureSlotIndex } from './slots.js';
import {
  ALL,
  type Cell,
  type ColumnDef,
  moneyColumn,
  NOT_APPLICABLE,
  NOT_AVAILABLE,
  type Table,
} from './table.js';

/** HM Treasury Green Book social time preference rate for years 0–30. */
export const GREEN_BOOK_DISCOUNT_RATE = 0.035;

/** What one outcome achieved: people (for `people_improved`) or points gained in total. */
interface Achievement {
  /** People the quantity rests on: those improved, or those followed up. */
  readonly people: number;
  readonly quantity: number;
}

export interface ValuationAssumptions {
  readonly discountRate: number;
  readonly firstYear: 0 | 1;
}

/**
 * Present value of one outcome (SROI conventions, the README's Methods):
 * net = gross × (1 − deadweight) × (1 − attribution) × (1 − displacement); the value in benefit
 * year y (0-based) is net × (1 − drop_off)^y, discounted by (1 + r)^(y + first_year), so with
 * first_year 0 the first year is undiscounted.
 *
 * @example presentValue(1000, { deadweight: 0.2, attribution: 0, displacement: 0, drop_off: 0.5,
 *   duration_years: 2 }, { discountRate: 0.035, firstYear: 0 }) // 800 + 400/1.035 = 1186.47
 */
export function presentValue(
  gross: number,
  outcome: Pick<
    SocialValueOutcome,
    'deadweight' | 'attribution' | 'displacement' | 'drop_off' | 'duration_years'
  >,
  assumptions: ValuationAssumptions,
): { net: number; present: number } {
  const net =
    gross * (1 - outcome.deadweight) * (1 - outcome.attribution) * (1 - outcome.displacement);
  let present = 0;
  for (let y = 0; y < outcome.duration_years; y++) {
    present +=
      (net * (1 - outcome.drop_off) ** y) /
      (1 + assumptions.discountRate) ** (y + assumptions.firstYear);
  }
  return { net, present };
}

function achievement(
  programme: Programme,
  outcome: SocialValueOutcome,
  period: string | null,
  c: (count: number) => number,
  index: MeasureSlotIndex,
): Achievement {
  const m = programme.measures.indexOf(outcome.measure);
  const measure = programme.measures.measures[m];
  if (!measure) return { people: 0, quantity: 0 };
  const { pairs } = programme;
  let followed = 0;
  let improved = 0;
  let points = 0;
  const people = index.of(m, period).people;
  for (let i = 0; i < people.length; i++) {
    const slot = people[i] as number;
    if (!pairs.has(slot, 1)) continue;
    const better = betterChange(measure, pairs.score[1].get(slot) - pairs.score[0].get(slot));
    followed++;
    points += better;
    if (isImproved(measure, better)) improved++;
  }
  if (outcome.basis === 'cost_saving') {
    // Use avoided (fewer is better: the better change is baseline − follow-up), per recall
    // period summed over people followed up, made a year's.
    const perYear = recallPeriodsPerYear(measure.recallPeriod ?? '') ?? Number.NaN;
    return { people: followed, quantity: points * perYear };
  }
  // People improved are valued as published (rounded, when counts are rounded), so that the
  // value does not give the unrounded count back.
  return outcome.basis === 'people_improved'
    ? { people: improved, quantity: c(improved) }
    : { people: followed, quantity: points };
}

/**
 * The `social_value` table (one row per outcome of the user's value bank, then the total with
 * the SROI ratio) and the `sroi_sensitivity` table (the ratio when one assumption moves).
 * Investment is the total funding in partners.csv; under `--period` no ratio is given, since
 * funding covers the whole programme.
 */
export function socialValue(
  programme: Programme,
  config: SocialValueConfig,
  period: string | null,
  statisticCount: (count: number) => number = (count) => count,
  index: MeasureSlotIndex = new MeasureSlotIndex(programme),
): { value: Table; sensitivity: Table } {
  const assumptions: ValuationAssumptions = {
    discountRate: config.discount_rate ?? GREEN_BOOK_DISCOUNT_RATE,
    firstYear: config.first_year ?? 0,
  };
  // A saving is valued at its measure's unit cost (checked when the config is read).
  const unitValue = (o: SocialValueOutcome) =>
    o.basis === 'cost_saving'
      ? (programme.measures.get(o.measure)?.unitCost?.gbp ?? Number.NaN)
      : (o.value_gbp ?? Number.NaN);
  const investment = programme.partners.reduce((sum, p) => sum + (p.fundingGbp ?? 0), 0);
  const achieved = config.outcomes.map((o) =>
    achievement(programme, o, period, statisticCount, index),
  );
  const total = (outcomes: readonly SocialValueOutcome[], a: ValuationAssumptions) =>
    outcomes.reduce((sum, o, i) => {
      const gross = (achieved[i] as Achievement).quantity * unitValue(o);
      return sum + presentValue(gross, o, a).present;
    }, 0);
  const ratio = (pv: number): Cell =>
    investment > 0 && period === null ? pv / investment : NOT_AVAILABLE;

  const rows: Record<string, Cell>[] = config.outcomes.map((o, i) => {
    const a = achieved[i] as Achievement;
    const gross = a.quantity * unitValue(o);
    const { net, present } = presentValue(gross, o, assumptions);
    return {
      outcome: o.id,
      label: o.label ?? o.id,
      measure: o.measure,
      basis: o.basis,
      n_people: a.people,
      quantity: a.quantity,
      value_gbp: unitValue(o),
      gross_gbp: gross,
      deadweight: o.deadweight,
      attribution: o.attribution,
      displacement: o.displacement,
      drop_off: o.drop_off,
      duration_years: o.duration_years,
      net_first_year_gbp: net,
      present_value_gbp: present,
      investment_gbp: NOT_APPLICABLE,
      sroi_ratio: NOT_APPLICABLE,
      source: o.source,
    };
  });
  const presentTotal = total(config.outcomes, assumptions);
  rows.unshift({
    outcome: ALL,
    label: 'All outcomes',
    measure: NOT_APPLICABLE,
    basis: NOT_APPLICABLE,
    // The total rests on every outcome: it is published only if the smallest one may be.
    n_people: Math.min(...achieved.map((a) => a.people)),
    quantity: NOT_APPLICABLE,
    value_gbp: NOT_APPLICABLE,
    gross_gbp: rows.reduce((s, r) => s + (r.gross_gbp as number), 0),
    deadweight: NOT_APPLICABLE,
    attribution: NOT_APPLICABLE,
    displacement: NOT_APPLICABLE,
    drop_off: NOT_APPLICABLE,
    duration_years: NOT_APPLICABLE,
    net_first_year_gbp: rows.reduce((s, r) => s + (r.net_first_year_gbp as number), 0),
    present_value_gbp: presentTotal,
    investment_gbp: investment > 0 ? investment : NOT_AVAILABLE,
    sroi_ratio: ratio(presentTotal),
    source: config.source,
  });

  const shift = (key: 'deadweight' | 'attribution' | 'drop_off', by: number) =>
    config.outcomes.map((o) => ({ ...o, [key]: Math.min(1, Math.max(0, o[key] + by)) }));
  const years = (by: number) =>
    config.outcomes.map((o) => ({ ...o, duration_years: Math.max(1, o.duration_years + by) }));
  const scenarios: [string, readonly SocialValueOutcome[], ValuationAssumptions][] = [
    ['as assumed', config.outcomes, assumptions],
    ['deadweight −10 points', shift('deadweight', -0.1), assumptions],
    ['deadweight +10 points', shift('deadweight', 0.1), assumptions],
    ['attribution −10 points', shift('attribution', -0.1), assumptions],
    ['attribution +10 points', shift('attribution', 0.1), assumptions],
    ['drop-off −10 points', shift('drop_off', -0.1), assumptions],
    ['drop-off +10 points', shift('drop_off', 0.1), assumptions],
    ['duration −1 year', years(-1), assumptions],
    ['duration +1 year', years(1), assumptions],
    ['discount rate 1.5%', config.outcomes, { ...assumptions, discountRate: 0.015 }],
    ['discount rate 5%', config.outcomes, { ...assumptions, discountRate: 0.05 }],
    [
      `first benefit year ${1 - assumptions.firstYear}`,
      config.outcomes,
      { ...assumptions, firstYear: assumptions.firstYear === 0 ? 1 : 0 },
    ],
  ];
  const people = achieved.reduce((min, a) => Math.min(min, a.people), Number.POSITIVE_INFINITY);
  const sensitivityRows = scenarios.map(([scenario, outcomes, a]) => {
    const pv = total(outcomes, a);
    return { scenario, n_people: people, present_value_gbp: pv, sroi_ratio: ratio(pv) };
  });

  return {
    value: {
      name: 'social_value',
      title: `Social value (SROI)${config.illustrative ? ', ILLUSTRATIVE values not for decisions' : ''}: ${config.source}`,
      columns: SOCIAL_VALUE_COLUMNS,
      rows,
    },
    sensitivity: {
      name: 'sroi_sensitivity',
      title: `SROI sensitivity${config.illustrative ? ' (ILLUSTRATIVE values)' : ''}: the ratio when one assumption changes`,
      columns: [
        { name: 'scenario', kind: 'text' },
        { name: 'n_people', kind: 'count', description: 'fewest people any outcome rests on' },
        { name: 'present_value_gbp', kind: 'number', basis: ['n_people'], format: 'money' },
        { name: 'sroi_ratio', kind: 'number', basis: ['n_people'], format: 'decimal2' },
      ],
      rows: sensitivityRows,
    },
  };
}

/** Money of an outcome rests on its people. */
const money = (name: string) => moneyColumn(name, ['n_people']);
const share = (name: string): ColumnDef => ({ name, kind: 'number', format: 'decimal2' });

export const SOCIAL_VALUE_COLUMNS: readonly ColumnDef[] = [
  { name: 'outcome', kind: 'group' },
  { name: 'label', kind: 'text' },
  { name: 'measure', kind: 'text' },
  { name: 'basis', kind: 'text' },
  {
    name: 'n_people',
    kind: 'count',
    description:
      'people improved, or followed up for points gained (All: the fewest of any outcome)',
  },
  { name: 'quantity', kind: 'number', reveals: ['n_people'], format: 'decimal1' },
  { name: 'value_gbp', kind: 'number', format: 'money' },
  money('gross_gbp'),
  share('deadweight'),
  share('attribution'),
  share('displacement'),
  share('drop_off'),
  { name: 'duration_years', kind: 'number', format: 'integer' },
  money('net_first_year_gbp'),
  money('present_value_gbp'),
  { name: 'investment_gbp', kind: 'number', format: 'money' },
  // ratio × investment is the present value, which reveals people improved like it.
  { name: 'sroi_ratio', kind: 'number', reveals: ['n_people'], format: 'decimal2' },
  { name: 'source', kind: 'text' },
];
