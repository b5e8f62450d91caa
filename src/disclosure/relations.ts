import { type Cell, isMark } from '../metrics/table.js';
import { isStatistic } from './applyDisclosure.js';
import type { CellRef, Publication, PublishedTable } from './publication.js';
import { isTotalRow, type Quantity, quantityKey, quantityOf } from './quantities.js';

/**
 * The linear relations between published counts that an intruder holding every published file
 * can know, built from the published tables alone (what they count, their groups and their
 * figures), so that an audit can ask how closely each hidden count is pinned down.
 *
 * Every relation is true of the real counts by construction of the tables (a test checks each on
 * unsuppressed random programmes); an intruder could know more (the exact overlap of groups), so
 * the relations only ever leave a hidden count less pinned than it may be, never more.
 */

/** A linear relation: `lower ≤ Σ coefficient × variable ≤ upper`. */
export interface Relation {
  readonly terms: readonly (readonly [variable: string, coefficient: number])[];
  readonly lower: number;
  readonly upper: number;
  /** What the relation says, for messages and tests. */
  readonly reason: string;
}

/** A number an intruder may try to find: a published count, or one implied by others. */
export interface Variable {
  readonly key: string;
  /** The published cells that show this number (none for an implied one). */
  readonly cells: readonly CellRef[];
  readonly quantity?: Quantity;
  /**
   * For a count no table shows but the others imply (the people of a partner in the years not
   * published), what it is: such a count must be protected like a suppressed cell.
   */
  readonly implied?: string;
  /** For the rounded value of a count (the count a rounded ratio was computed from): its key. */
  readonly roundedOf?: string;
}

export interface RelationSet {
  readonly variables: ReadonlyMap<string, Variable>;
  readonly relations: readonly Relation[];
}

/** A ratio statistic: `column = factor × numerator ÷ denominator`. */
interface RatioSpec {
  readonly column: string;
  readonly numerator: string;
  /** A count or number column, or 1. */
  readonly denominator: string | 1;
  /** A number, or a number column of the row. */
  readonly factor: number | string;
  /** Rows it applies to (default: every row). */
  readonly when?: (row: Readonly<Record<string, Cell>>) => boolean;
}

const pct = (column: string, numerator: string, denominator: string): RatioSpec => ({
  column,
  numerator,
  denominator,
  factor: 100,
});

/**
 * Statistics that are a count divided by another (or by a published number): with the statistic
 * and one side published, the other side follows.
 */
const RATIOS: Readonly<Record<string, readonly RatioSpec[]>> = {
  reach: [
    pct('pct_core20', 'n_core20', 'n_imd_known'),
    pct('pct_plus', 'n_plus', 'participants'),
    pct('pct_core20_or_plus', 'n_core20_or_plus', 'participants'),
    pct('pct_imd_unknown', 'n_imd_unknown', 'participants'),
    {
      column: 'episodes_per_participant',
      numerator: 'episodes',
      denominator: 'participants',
      factor: 1,
    },
    {
      column: 'per_1000_residents',
      numerator: 'participants',
      denominator: 'residents',
      factor: 1000,
    },
  ],
  reach_profile: [
    pct('pct', 'count', 'denominator'),
    { column: 'per_1000_residents', numerator: 'count', denominator: 'population', factor: 1000 },
  ],
  wellbeing_change: [
    pct('followup_rate', 'n_paired', 'n_baseline'),
    pct('pct_improved', 'n_improved', 'n_paired'),
    pct('pct_no_change', 'n_no_change', 'n_paired'),
    pct('pct_declined', 'n_declined', 'n_paired'),
  ],
  band_change: [
    pct('pct_baseline', 'n_baseline_band', 'n_paired'),
    pct('pct_followup', 'n_followup_band', 'n_paired'),
  ],
  binary_change: [
    pct('pct_yes_baseline', 'n_yes_baseline', 'n_paired'),
    pct('pct_yes_followup', 'n_yes_followup', 'n_paired'),
    {
      column: 'pct_improved',
      numerator: 'n_became_yes',
      denominator: 'n_paired',
      factor: 100,
      when: (row) => row.better === 'yes',
    },
    {
      column: 'pct_improved',
      numerator: 'n_became_no',
      denominator: 'n_paired',
      factor: 100,
      when: (row) => row.better === 'no',
    },
  ],
  count_change: [
    pct('pct_reduced', 'n_reduced', 'n_paired'),
    pct('pct_increased', 'n_increased', 'n_paired'),
  ],
  cost: [
    {
      column: 'cost_per_participant',
      numerator: 'funding_gbp',
      denominator: 'participants',
      factor: 1,
    },
    { column: 'cost_per_episode', numerator: 'funding_gbp', denominator: 'episodes', factor: 1 },
    {
      column: 'cost_per_improved',
      numerator: 'funding_gbp',
      denominator: 'n_improved',
      factor: 1,
      // The total divides only the funding of partners that used the measure.
      when: (row) => row.partner_id !== 'All',
    },
  ],
  social_value: [
    {
      column: 'gross_gbp',
      numerator: 'n_people',
      denominator: 1,
      factor: 'value_gbp',
      when: (row) => row.basis === 'people_improved',
    },
    {
      column: 'quantity',
      numerator: 'n_people',
      denominator: 1,
      factor: 1,
      when: (row) => row.basis === 'people_improved',
    },
  ],
};

/** Statistics that are a count minus one (degrees of freedom). */
const OFFSETS: Readonly<Record<string, readonly { column: string; count: string }[]>> = {
  wellbeing_change: [{ column: 'df', count: 'n_paired' }],
};

/** The total rows' label. */
const ALL = 'All';

class Builder {
  readonly variables: Map<string, Variable>;
  readonly relations: Relation[];
  /** Keys by quantity name, then by measure and filters (for the identities within a group). */
  private readonly groups: Map<string, Map<string, string>>;
  /**
   * Profile blocks published whole (every category of a dimension for one group, unknown
   * included): only these add up to the group's people.
   */
  readonly blocks: Set<string>;

  constructor(
    readonly publication: Publication,
    from?: Builder,
  ) {
    // A copy shares the groups and blocks (complete once the frame is built) and copies what
    // the table relations add to: variables (rounded counts) and relations.
    this.variables = new Map(from?.variables);
    this.relations = from ? [...from.relations] : [];
    this.groups = from?.groups ?? new Map();
    this.blocks = from?.blocks ?? new Set();
  }

  addCell(quantity: Quantity, cell: CellRef): string {
    const key = quantityKey(quantity);
    const known = this.variables.get(key);
    if (known) (known.cells as CellRef[]).push(cell);
    else {
      this.variables.set(key, { key, cells: [cell], quantity });
      const group = groupKey(quantity.measure, quantity.filters);
      let names = this.groups.get(group);
      if (!names) {
        names = new Map();
        this.groups.set(group, names);
      }
      names.set(quantity.name, key);
    }
    return key;
  }

  /** The key of a published quantity, or undefined. */
  find(name: string, measure: string, filters: ReadonlyMap<string, string>): string | undefined {
    return this.groups.get(groupKey(measure, filters))?.get(name);
  }

  groupEntries(): IterableIterator<[string, Map<string, string>]> {
    return this.groups.entries();
  }

  add(terms: [string, number][], lower: number, upper: number, reason: string): void {
    // Most relations name each number once, with a coefficient: kept as they are (a few terms
    // compared pairwise cost less than a map).
    if (terms.length <= 16 && isPlain(terms)) {
      this.relations.push({ terms, lower, upper, reason });
      return;
    }
    const merged = new Map<string, number>();
    for (const [key, coefficient] of terms) {
      merged.set(key, (merged.get(key) ?? 0) + coefficient);
    }
    const kept = [...merged].filter(([, c]) => c !== 0);
    if (kept.length === 0) return;
    this.relations.push({ terms: kept, lower, upper, reason });
  }

  equal(terms: [string, number][], value: number, reason: string): void {
    this.add(terms, value, value, reason);
  }

  /** A count implied by others, which must be protected like a hidden cell. */
  implied(key: string, description: string): string {
    if (!this.variables.has(key)) {
      this.variables.set(key, { key, cells: [], implied: description });
    }
    return key;
  }

  /**
   * The variable for the published (rounded) value of a count, which ratios computed from
   * rounded counts reveal: within half a rounding base of the count.
   */
  rounded(key: string): string {
    const base = this.publication.rule.roundTo;
    if (base === null || !this.publication.ratiosFromRoundedCounts) return key;
    const roundedKey = `rounded\u0001${key}`;
    if (!this.variables.has(roundedKey)) {
      this.variables.set(roundedKey, { key: roundedKey, cells: [], roundedOf: key });
      // Half up to the nearest multiple, but a count below min_cell goes up to the first
      // multiple at or above it (roundCount), which can be further than half a base away.
      const lowest = Math.ceil(Math.max(this.publication.rule.minCell, 1) / base) * base;
      this.add(
        [
          [key, 1],
          [roundedKey, -1],
        ],
        -Math.max(base / 2, lowest - 1),
        base / 2,
        'a rounded count is within half the rounding base of the count (or below min_cell)',
      );
    }
    return roundedKey;
  }
}

/** Whether terms name each number once and none with coefficient 0: nothing to merge. */
function isPlain(terms: readonly (readonly [string, number])[]): boolean {
  for (let a = 0; a < terms.length; a++) {
    const [key, coefficient] = terms[a] as readonly [string, number];
    if (coefficient === 0) return false;
    for (let b = 0; b < a; b++)
      if ((terms[b] as readonly [string, number])[0] === key) return false;
  }
  return true;
}

function blockKey(group: string, dimension: string): string {
  return `${group}\u0004${dimension}`;
}

function groupKey(measure: string, filters: ReadonlyMap<string, string>): string {
  return quantityKey({ name: '', measure, filters });
}

const withoutFilter = (filters: ReadonlyMap<string, string>, dimension: string) => {
  const copy = new Map(filters);
  copy.delete(dimension);
  return copy;
};

/** Every relation between the publication's counts (see the module comment). */
export function buildRelations(publication: Publication): RelationSet {
  return relationsFrom(relationFrame(publication), publication);
}

/**
 * The relations of a publication that depend only on where its counts are, not on which are
 * shown nor on its statistics: its counts, the lines and identities between them. Hiding more
 * counts (a `[c]` where a number was, statistics hidden with them) leaves the frame as it was, so
 * protection builds it once and only each round's ratios again ({@link relationsFrom}).
 */
export interface RelationFrame {
  readonly builder: Builder;
  readonly cellKeys: CellKeys;
  /** For each table, for each row, the count columns that are counts (a number or `[c]`). */
  readonly shape: readonly string[];
}

export function relationFrame(publication: Publication): RelationFrame {
  const builder = new Builder(publication);
  const cellKeys = collectCells(builder);
  addLines(builder, cellKeys);
  addGroupIdentities(builder);
  addPartnerIdentities(builder);
  return { builder, cellKeys, shape: shapeOf(publication) };
}

/**
 * Every relation of a publication with the frame's counts (the frame's publication, or one
 * with more counts hidden): the frame's, then each table's ratios and sums, in the order
 * {@link buildRelations} gives them.
 *
 * @throws {Error} when the publication's counts are not where the frame's are
 */
export function relationsFrom(frame: RelationFrame, publication: Publication): RelationSet {
  const shape = shapeOf(publication);
  const moved = shape.findIndex((table, t) => table !== frame.shape[t]);
  if (moved >= 0 || shape.length !== frame.shape.length) {
    throw new Error(
      `the counts of ${publication.tables[Math.max(moved, 0)]?.source ?? 'a table'} are not those the relations were built from`,
    );
  }
  const builder = new Builder(publication, frame.builder);
  addTableRelations(builder, frame.cellKeys);
  return { variables: builder.variables, relations: builder.relations };
}

/**
 * What the frame of each table rests on, one string per table: its kind, and row by row its
 * groups and text (what each count counts; not a statistic's text, such as a test's method,
 * which is hidden with its counts) and which count cells are counts (a number or `[c]`:
 * `collectCells` skips the others).
 */
function shapeOf(publication: Publication): string[] {
  return publication.tables.map(tableShape);
}

/**
 * Shapes already made, by table: a round of protection hides counts in some tables and passes
 * the others on as they were (the same objects), whose shape need not be made again.
 */
const shapes = new WeakMap<PublishedTable, string>();

function tableShape(published: PublishedTable): string {
  let shape = shapes.get(published);
  if (shape === undefined) {
    shape = shapeOfTable(published);
    shapes.set(published, shape);
  }
  return shape;
}

function shapeOfTable(published: PublishedTable): string {
  const columns = published.table.columns.filter((c) => !isStatistic(c));
  const parts: string[] = [published.kind, columns.map((c) => c.name).join('\u0001')];
  for (const row of published.table.rows) {
    for (const column of columns) {
      const cell = row[column.name];
      if (column.kind === 'count') {
        parts.push(cell === undefined || (isMark(cell) && cell.mark !== 'c') ? '-' : '+');
      } else parts.push(isMark(cell) ? `[${cell.mark}]` : String(cell));
    }
  }
  return parts.join('\u0001');
}

/** Each table's count cells as `row → column → key`. */
type CellKeys = Map<string, string>[][];

function collectCells(builder: Builder): CellKeys {
  return builder.publication.tables.map((published, t) =>
    published.table.rows.map((row, r) => {
      const keys = new Map<string, string>();
      for (const column of published.table.columns) {
        if (column.kind !== 'count') continue;
        const cell = row[column.name];
        if (cell === undefined || (isMark(cell) && cell.mark !== 'c')) continue;
        const quantity = quantityOf(published, row, column.name);
        if (!quantity) continue;
        keys.set(column.name, builder.addCell(quantity, { table: t, row: r, column: column.name }));
        if (published.kind === 'reach_profile' && column.name === 'count') {
          builder.blocks.add(
            blockKey(groupKey(quantity.measure, quantity.filters), String(row.dimension)),
          );
        }
      }
      return keys;
    }),
  );
}

/**
 * A line: the groups of one margin split by one dimension (a partner's rows by sex, the
 * programme's by partner), or by the period (one year's figures against the whole programme's).
 */
interface Line {
  readonly margin: string;
  readonly childName: string;
  readonly marginName: string;
  readonly measure: string;
  readonly marginFilters: ReadonlyMap<string, string>;
  readonly dimension: string;
  readonly children: Set<string>;
  /** Whether every child of the margin is published (false: some years are not). */
  complete: boolean;
  /**
   * For slots (episodes with a record of a measure) whose table's total counts people: the
   * margin is the episodes of every group together, a count no table shows. Two tables that
   * split the same episodes two ways (by partner in an analysis, by year in a summary) add up
   * to it alike, so one's hidden rows follow from the other's.
   */
  impliedTotal?: boolean;
}

const MEMBER = /^(episodes|slots:)/;

/** The lines of the publication, keyed by margin quantity, child quantity and dimension. */
function collectLines(builder: Builder, cellKeys: CellKeys): Map<string, Line> {
  const lines = new Map<string, Line>();
  const addChild = (
    childKey: string,
    quantity: Quantity,
    dimension: string,
    marginName: string,
    complete: boolean,
    impliedTotal = false,
  ) => {
    const marginFilters = withoutFilter(quantity.filters, dimension);
    const margin = quantityKey({
      name: marginName,
      measure: quantity.measure,
      filters: marginFilters,
    });
    const id = `${margin}\u0003${quantity.name}\u0003${dimension}`;
    let line = lines.get(id);
    if (!line) {
      line = {
        margin,
        childName: quantity.name,
        marginName,
        measure: quantity.measure,
        marginFilters,
        dimension,
        children: new Set(),
        complete: false,
        ...(impliedTotal && { impliedTotal }),
      };
      lines.set(id, line);
    }
    line.children.add(childKey);
    line.complete ||= complete;
  };
  builder.publication.tables.forEach((published, t) => {
    const { by, period } = published.context;
    published.table.rows.forEach((row, r) => {
      for (const [, key] of cellKeys[t]?.[r] ?? []) {
        const quantity = builder.variables.get(key)?.quantity;
        if (!quantity || quantity.name.startsWith('dq:') || quantity.name.startsWith('sv:')) {
          continue;
        }
        for (const dimension of by) {
          const value = row[dimension];
          if (value === ALL || typeof value !== 'string') continue;
          if (dimension === 'year' && period !== null) continue;
          // The margin of a grouped row; in a table of slots, the table's total counts people.
          const marginRow = { ...row, [dimension]: ALL };
          const marginName =
            quantity.name.startsWith('slots:') && isTotalRow(published.context, marginRow)
              ? quantity.name.replace(/^slots:/, 'people:')
              : quantity.name;
          addChild(key, quantity, dimension, marginName, published.complete);
          if (marginName !== quantity.name) {
            addChild(key, quantity, dimension, quantity.name, published.complete, true);
          }
        }
        // One period against the whole programme: the other years are not published.
        if (period !== null) addChild(key, quantity, 'year', quantity.name, false);
      }
    });
  });
  return lines;
}

function addLines(builder: Builder, cellKeys: CellKeys): void {
  const lines = collectLines(builder, cellKeys);
  const lineOf = (marginName: string, childName: string, line: Line) =>
    lines.get(
      `${quantityKey({ name: marginName, measure: line.measure, filters: line.marginFilters })}\u0003${childName}\u0003${line.dimension}`,
    );
  for (const line of lines.values()) {
    if (line.impliedTotal && !builder.variables.has(line.margin)) {
      builder.implied(line.margin, `${line.childName}: the episodes of every group together`);
    }
    if (!builder.variables.has(line.margin)) continue;
    const children = [...line.children];
    const sum = (coefficient: number) => children.map((c): [string, number] => [c, coefficient]);
    const overlapping = line.dimension === 'inclusion_group';
    // At one partner each person has one episode, in one year and one category of every other
    // dimension: the partner's people by year (or sex…) add up exactly, as episodes do.
    const atOnePartner =
      line.marginFilters.has('partner_id') && line.childName.startsWith('persons');
    const member = MEMBER.test(line.childName) || (atOnePartner && !overlapping);
    const what = `${line.childName} by ${line.dimension}`;
    if (!line.complete) {
      addPeriodLine(builder, line, member);
      continue;
    }
    if (overlapping) {
      // A person in two inclusion groups counts in both: the groups add up to at least the margin.
      builder.add(
        [...sum(1), [line.margin, -1]],
        0,
        Number.POSITIVE_INFINITY,
        `${what}: at least the total`,
      );
      for (const child of children) {
        if (member || line.childName === 'persons') {
          builder.add(
            [
              [line.margin, 1],
              [child, -1],
            ],
            0,
            Number.POSITIVE_INFINITY,
            `${what}: each within the total`,
          );
        }
      }
      continue;
    }
    if (member && line.marginName === line.childName) {
      builder.equal([...sum(1), [line.margin, -1]], 0, `${what}: the groups add up to the total`);
      continue;
    }
    // People: each is in at least one group, and the groups count more people than the total by
    // at most the extra episodes (or, for an attribute, at most the people counted twice).
    builder.add(
      [...sum(1), [line.margin, -1]],
      0,
      Number.POSITIVE_INFINITY,
      `${what}: at least the total`,
    );
    const excess = excessBound(builder, line, lineOf);
    if (excess) {
      builder.add(
        [...sum(1), [line.margin, -1], ...excess],
        Number.NEGATIVE_INFINITY,
        0,
        `${what}: counted twice no more than its base`,
      );
    }
  }
}

/**
 * The negated terms of what the groups of a people line may count beyond its total: for people,
 * the extra episodes (episodes of the total − its people); for an attribute of people (Core20, a
 * profile category, the improved of a measure), the people its base counts twice.
 */
function excessBound(
  builder: Builder,
  line: Line,
  lineOf: (marginName: string, childName: string, line: Line) => Line | undefined,
): [string, number][] | null {
  if (line.childName === 'persons') {
    const episodes = builder.find('episodes', line.measure, line.marginFilters);
    return episodes === undefined
      ? null
      : [
          [line.margin, 1],
          [episodes, -1],
        ];
  }
  const base = line.childName.startsWith('persons:')
    ? { margin: 'persons', child: 'persons' }
    : line.childName.startsWith('slots:') && line.childName !== 'slots:baseline'
      ? { margin: 'people:baseline', child: 'slots:baseline' }
      : null;
  if (base === null) return null;
  const baseLine = lineOf(base.margin, base.child, line);
  if (!baseLine?.complete || !builder.variables.has(baseLine.margin)) return null;
  return [...[...baseLine.children].map((c): [string, number] => [c, -1]), [baseLine.margin, 1]];
}

/**
 * One period against the whole programme. Episodes and slots of the year are among the
 * programme's; so are its people (at the same partner, or in the same group); the rest, in the
 * years not published, is a count like any other and is protected like a hidden cell.
 */
function addPeriodLine(builder: Builder, line: Line, member: boolean): void {
  const nests = member || line.childName === 'persons' || line.childName === 'people:baseline';
  if (!nests || line.marginName !== line.childName) return;
  if (member) {
    const rest = builder.implied(
      `implied\u0001other years\u0001${line.margin}\u0001${[...line.children].sort().join('\u0002')}`,
      `${line.childName} in the groups not published (${line.dimension})`,
    );
    builder.equal(
      [...[...line.children].map((c): [string, number] => [c, 1]), [rest, 1], [line.margin, -1]],
      0,
      `${line.childName}: the years published and the rest add up to the whole`,
    );
    return;
  }
  for (const child of line.children) {
    const rest = builder.implied(
      `implied\u0001not in year\u0001${line.margin}\u0001${child}`,
      `${line.childName} outside the group published (${line.dimension})`,
    );
    builder.equal(
      [
        [child, 1],
        [rest, 1],
        [line.margin, -1],
      ],
      0,
      `${line.childName}: the year's people and those only in other years make the whole`,
    );
  }
}

/** Sums and bounds between quantities of one group (same measure and filters). */
function addGroupIdentities(builder: Builder): void {
  for (const [group, names] of builder.groupEntries()) {
    const get = (name: string) => names.get(name);
    const whole = (dimension: string) => builder.blocks.has(blockKey(group, dimension));
    const sumOf = (total: string, parts: readonly string[], reason: string) => {
      const t = get(total);
      const keys = parts.map(get);
      if (t === undefined || keys.some((k) => k === undefined)) return;
      builder.equal([[t, 1], ...keys.map((k): [string, number] => [k as string, -1])], 0, reason);
    };
    const atMost = (small: string[], large: string[], reason: string) => {
      const s = small.map(get);
      const l = large.map(get);
      if ([...s, ...l].some((k) => k === undefined)) return;
      builder.add(
        [
          ...s.map((k): [string, number] => [k as string, 1]),
          ...l.map((k): [string, number] => [k as string, -1]),
        ],
        Number.NEGATIVE_INFINITY,
        0,
        reason,
      );
    };
    const withPrefix = (prefix: string) => [...names.keys()].filter((n) => n.startsWith(prefix));

    // Reach and its profile.
    sumOf(
      'persons',
      ['persons:imd_known', 'persons:imd_decile=unknown'],
      'known + unknown deprivation = people',
    );
    const deciles = Array.from({ length: 10 }, (_, i) => `persons:imd_decile=${i + 1}`);
    sumOf('persons:imd_known', deciles, 'deciles 1–10 = people with a known decile');
    for (let q = 1; q <= 5; q++) {
      sumOf(
        `persons:imd_quintile=${q}`,
        [`persons:imd_decile=${2 * q - 1}`, `persons:imd_decile=${2 * q}`],
        `quintile ${q} = its two deciles`,
      );
    }
    for (const dimension of ['sex', 'age_band', 'ethnicity', 'disability', 'imd_decile']) {
      if (!whole(dimension)) continue;
      sumOf('persons', withPrefix(`persons:${dimension}=`), `people by ${dimension} add up`);
    }
    const quintiles = withPrefix('persons:imd_quintile=');
    if (whole('imd_quintile') && quintiles.length === 5) {
      sumOf(
        'persons',
        [...quintiles, 'persons:imd_decile=unknown'],
        'people by imd_quintile add up',
      );
    }
    const inclusion = withPrefix('persons:inclusion_group=').filter((n) => !n.endsWith('=none'));
    for (const group of inclusion) {
      atMost(
        [group, 'persons:inclusion_group=none'],
        ['persons'],
        'an inclusion group and none are disjoint',
      );
    }
    const none = get('persons:inclusion_group=none');
    const everyone = get('persons');
    if (whole('inclusion_group') && none !== undefined && everyone !== undefined) {
      builder.add(
        [
          ...inclusion.map((n): [string, number] => [get(n) as string, 1]),
          [none, 1],
          [everyone, -1],
        ],
        0,
        Number.POSITIVE_INFINITY,
        'everyone is in an inclusion group or none',
      );
    }
    const minority = ['asian', 'black', 'mixed', 'other']
      .map((e) => `persons:ethnicity=${e}`)
      .filter((n) => get(n) !== undefined);
    if (minority.length > 0) atMost(minority, ['persons:plus'], 'ethnic minorities are PLUS');
    // And PLUS people are no more than the ethnic minorities and the people in an inclusion
    // group: at most those not in none, at most the groups' sum (a person may be in two).
    if (minority.length === 4) {
      if (none !== undefined && everyone !== undefined) {
        atMost(
          ['persons:plus', 'persons:inclusion_group=none'],
          [...minority, 'persons'],
          'PLUS at most the minorities and those in a group',
        );
      }
      if (whole('inclusion_group')) {
        atMost(
          ['persons:plus'],
          [...minority, ...inclusion],
          'PLUS at most the minorities and the groups',
        );
      }
    }
    atMost(['persons:plus'], ['persons'], 'PLUS people are people');
    atMost(['persons:imd_quintile=1'], ['persons:core20_or_plus'], 'Core20 within Core20 or PLUS');
    atMost(['persons:plus'], ['persons:core20_or_plus'], 'PLUS within Core20 or PLUS');
    atMost(
      ['persons:core20_or_plus'],
      ['persons:imd_quintile=1', 'persons:plus'],
      'Core20 or PLUS at most both',
    );
    atMost(['persons:core20_or_plus'], ['persons'], 'Core20 or PLUS people are people');
    atMost(['persons:imd_quintile=1'], ['persons:imd_known'], 'Core20 have a known decile');

    // Wellbeing change and bands, for groups (slots) and totals (people).
    for (const level of ['slots', 'people']) {
      sumOf(`${level}:baseline`, [`${level}:paired`, `${level}:lost`], 'baseline = paired + lost');
      sumOf(
        `${level}:paired`,
        [`${level}:improved`, `${level}:no_change`, `${level}:declined`],
        'paired = improved + no change + declined',
      );
      for (const when of ['baseline', 'followup']) {
        const bands = withPrefix(`${level}:band_${when}=`);
        if (bands.length > 0)
          sumOf(`${level}:paired`, bands, `bands at ${when} add up to the paired`);
      }
    }

    // A count measure's people followed up: their count fell, stayed or rose.
    for (const level of ['slots', 'people']) {
      sumOf(
        `${level}:paired`,
        [`${level}:count_reduced`, `${level}:count_same`, `${level}:count_increased`],
        'paired = reduced + same + increased',
      );
    }

    // A yes/no measure's paired 2 × 2: yes at follow-up = yes at baseline + became yes − became
    // no; those who became no were yes at baseline, those who became yes no at baseline.
    for (const level of ['slots', 'people']) {
      const yesBefore = get(`${level}:yes_baseline`);
      const yesAfter = get(`${level}:yes_followup`);
      const becameYes = get(`${level}:became_yes`);
      const becameNo = get(`${level}:became_no`);
      if ([yesBefore, yesAfter, becameYes, becameNo].some((k) => k === undefined)) continue;
      builder.equal(
        [
          [yesAfter as string, 1],
          [yesBefore as string, -1],
          [becameYes as string, -1],
          [becameNo as string, 1],
        ],
        0,
        'yes at follow-up = yes at baseline + became yes − became no',
      );
      atMost([`${level}:became_no`], [`${level}:yes_baseline`], 'those who became no were yes');
      atMost([`${level}:became_yes`], [`${level}:yes_followup`], 'those who became yes are yes');
      atMost(
        [`${level}:yes_baseline`, `${level}:became_yes`],
        [`${level}:paired`],
        'yes at baseline and no → yes are people with both answers',
      );
      atMost(
        [`${level}:yes_followup`, `${level}:became_no`],
        [`${level}:paired`],
        'yes at follow-up and yes → no are people with both answers',
      );
    }

    // Inequality: the quantiles of the people analysed.
    const pairedDeciles = Array.from({ length: 10 }, (_, i) => `people:paired_imd_decile=${i + 1}`);
    const pairedQuintiles = Array.from(
      { length: 5 },
      (_, i) => `people:paired_imd_quintile=${i + 1}`,
    );
    sumOf('people:paired_imd_known', pairedDeciles, 'the deciles of the people analysed add up');
    sumOf(
      'people:paired_imd_known',
      pairedQuintiles,
      'the quintiles of the people analysed add up',
    );
    for (let q = 1; q <= 5; q++) {
      sumOf(
        `people:paired_imd_quintile=${q}`,
        [`people:paired_imd_decile=${2 * q - 1}`, `people:paired_imd_decile=${2 * q}`],
        `quintile ${q} of the people analysed = its two deciles`,
      );
    }
    atMost(['people:paired_imd_known'], ['people:paired'], 'the people analysed were followed up');

    sumOf('dq:read', ['dq:used', 'dq:rejected'], 'rows read = used + rejected');
  }
}

/** At one partner each person has one episode: the partner's people are its episodes. */
function addPartnerIdentities(builder: Builder): void {
  for (const variable of builder.variables.values()) {
    const q = variable.quantity;
    if (q?.name !== 'persons' || !q.filters.has('partner_id')) continue;
    const episodes = builder.find('episodes', q.measure, q.filters);
    if (episodes !== undefined) {
      builder.equal(
        [
          [variable.key, 1],
          [episodes, -1],
        ],
        0,
        'a partner sees each person once',
      );
    }
  }
}

/** Relations tied to one table's rows: ratios, degrees of freedom, issues per file, SROI people. */
function addTableRelations(builder: Builder, cellKeys: CellKeys): void {
  builder.publication.tables.forEach((published, t) => {
    const rows = published.table.rows;
    const keysOf = (r: number) => cellKeys[t]?.[r] ?? new Map<string, string>();
    rows.forEach((row, r) => {
      for (const spec of Object.hasOwn(RATIOS, published.kind)
        ? (RATIOS[published.kind] ?? [])
        : []) {
        if (spec.when && !spec.when(row)) continue;
        addRatio(builder, published, row, keysOf(r), spec, r);
      }
      for (const spec of Object.hasOwn(OFFSETS, published.kind)
        ? (OFFSETS[published.kind] ?? [])
        : []) {
        const value = row[spec.column];
        const key = keysOf(r).get(spec.count);
        if (typeof value !== 'number' || key === undefined) continue;
        const e = precision(published, r, spec.column, value);
        builder.add(
          [[builder.rounded(key), 1]],
          value + 1 - e,
          value + 1 + e,
          `${spec.column} = ${spec.count} − 1`,
        );
      }
    });
    if (published.kind === 'data_quality') {
      addIssueSums(builder, published, keysOf);
      addKindTotals(builder, published, keysOf);
    }
    if (published.kind === 'social_value') {
      const total = rows.findIndex((row) => row.outcome === ALL);
      const fewest = total < 0 ? undefined : keysOf(total).get('n_people');
      if (fewest !== undefined) {
        rows.forEach((_, r) => {
          const key = keysOf(r).get('n_people');
          if (r === total || key === undefined) return;
          builder.add(
            [
              [fewest, 1],
              [key, -1],
            ],
            Number.NEGATIVE_INFINITY,
            0,
            'the fewest people of any outcome',
          );
        });
      }
    }
  });
}

/** A file's issues are the sum of its issues by rule. */
function addIssueSums(
  builder: Builder,
  published: PublishedTable,
  keysOf: (row: number) => Map<string, string>,
): void {
  const byFile = new Map<string, { total?: string; rules: string[] }>();
  published.table.rows.forEach((row, r) => {
    const key = keysOf(r).get('issues');
    if (key === undefined || typeof row.file !== 'string') return;
    const entry = byFile.get(row.file) ?? { rules: [] };
    if (row.rule === '(all)') entry.total = key;
    else entry.rules.push(key);
    byFile.set(row.file, entry);
  });
  for (const { total, rules } of byFile.values()) {
    if (total === undefined) continue;
    builder.equal(
      [[total, 1], ...rules.map((k): [string, number] => [k, -1])],
      0,
      "a file's issues are the sum of its issues by rule",
    );
  }
}

/** The rows of all files of a kind (participants, outcomes) add up to its row accounting. */
function addKindTotals(
  builder: Builder,
  published: PublishedTable,
  keysOf: (row: number) => Map<string, string>,
): void {
  for (const column of ['read', 'used', 'rejected']) {
    const byKind = new Map<string, Set<string>>();
    published.table.rows.forEach((row, r) => {
      const key = keysOf(r).get(column);
      if (key === undefined || row.rule !== '(all)' || typeof row.kind !== 'string') return;
      const keys = byKind.get(row.kind) ?? new Set();
      keys.add(key);
      byKind.set(row.kind, keys);
    });
    for (const [kind, keys] of byKind) {
      const total = builder.find(`dq:${column}`, '', new Map([['kind', kind]]));
      if (total === undefined) continue;
      builder.equal(
        [[total, 1], ...[...keys].map((k): [string, number] => [k, -1])],
        0,
        `rows ${column} by ${kind} files add up to their total`,
      );
    }
  }
}

/** How exactly a published statistic is known: half its last decimal place, or about exact. */
function precision(published: PublishedTable, row: number, column: string, value: number): number {
  const half = published.precision?.(row, column);
  return half ?? Math.max(Math.abs(value) * 1e-12, 1e-12);
}

function addRatio(
  builder: Builder,
  published: PublishedTable,
  row: Readonly<Record<string, Cell>>,
  keys: ReadonlyMap<string, string>,
  spec: RatioSpec,
  r: number,
): void {
  const value = row[spec.column];
  if (typeof value !== 'number') return;
  const e = precision(published, r, spec.column, value);
  // Each side: a count (a variable) or a published number (a constant).
  const side = (name: string | 1): { key?: string; value?: number } | null => {
    if (name === 1) return { value: 1 };
    const key = keys.get(name);
    if (key !== undefined) return { key: builder.rounded(key) };
    const cell = row[name];
    return typeof cell === 'number' ? { value: cell } : null;
  };
  const factor = typeof spec.factor === 'number' ? spec.factor : row[spec.factor];
  const n = side(spec.numerator);
  const d = side(spec.denominator);
  if (typeof factor !== 'number' || !n || !d || (n.key === undefined && d.key === undefined))
    return;
  // factor × N − (value ± e) × D, between 0 and 0 as value − e ≤ factor × N / D ≤ value + e (D > 0).
  const terms = (v: number): { terms: [string, number][]; constant: number } => {
    const out: [string, number][] = [];
    let constant = 0;
    if (n.key !== undefined) out.push([n.key, factor]);
    else constant += factor * (n.value as number);
    if (d.key !== undefined) out.push([d.key, -v]);
    else constant -= v * (d.value as number);
    return { terms: out, constant };
  };
  const high = terms(value + e);
  const low = terms(value - e);
  const reason = `${spec.column} = ${spec.factor === 1 ? '' : `${spec.factor} × `}${spec.numerator}${spec.denominator === 1 ? '' : ` ÷ ${spec.denominator}`}`;
  builder.add(high.terms, Number.NEGATIVE_INFINITY, -high.constant, reason);
  builder.add(low.terms, -low.constant, Number.POSITIVE_INFINITY, reason);
}
