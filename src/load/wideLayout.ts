import type { WideLayout } from '../config/types.js';
import { COLUMNS, normaliseHeader } from '../contract/columns.js';
import type { ResolvedHeader } from '../contract/header.js';
import type { IssueLog } from '../contract/issues.js';
import type { MeasureRegistry } from '../measures/registry.js';

/**
 * One measure at one timepoint of a wide return: where its cells are in a row, as the long
 * layout's columns (`score`, `item_1`…, `recorded_on`), so each becomes one outcome record that
 * is read and checked as any other.
 */
export interface WideSlot {
  readonly measure: string;
  readonly timepoint: 'baseline' | 'followup';
  /** Contract column → field position; `measure` and `timepoint` point past the row's fields. */
  readonly index: Readonly<Record<string, number>>;
  /** Contract column → the file's own column name, for messages. */
  readonly names: Readonly<Record<string, string>>;
  /** The positions of its score and item cells: a slot whose cells are all empty is no record. */
  readonly cells: readonly number[];
}

export interface WideHeader extends ResolvedHeader {
  readonly slots: readonly WideSlot[];
}

/**
 * Maps a wide return's header through its layout: `participant_id` and `partner_id` as in any
 * file (names or aliases), and each measure's columns at each timepoint as the layout names them
 * (matched as headers are: any case, spaces). A column the layout names and the file lacks makes
 * the file unusable (`header.missing_column`, naming it): a wrong layout must not read as data.
 */
export function resolveWideHeader(
  fields: readonly string[],
  layout: WideLayout,
  measures: MeasureRegistry,
  aliases: ReadonlyMap<string, string>,
  at: { file: string; line: number },
  log: IssueLog,
  reportUnknown = true,
): WideHeader {
  const width = fields.length;
  const positions = new Map<string, number>();
  fields.forEach((raw, i) => {
    const name = normaliseHeader(raw);
    if (name !== '' && !positions.has(name)) positions.set(name, i);
  });
  const used = new Set<number>();
  let usable = true;
  const find = (column: string, name: string): number => {
    const i = positions.get(normaliseHeader(name));
    if (i === undefined) {
      usable = false;
      log.add({
        file: at.file,
        line: at.line,
        column: name,
        rule: 'header.missing_column',
        message: `column "${name}" (${column} in the layout) is missing; no row of this file can be used`,
      });
      return -1;
    }
    used.add(i);
    return i;
  };
  // participant_id and partner_id: by their names, or an alias.
  const base: Record<string, number> = {};
  for (const column of ['participant_id', 'partner_id']) {
    const i = [...positions].find(([name]) => name === column || aliases.get(name) === column)?.[1];
    if (i === undefined) {
      usable = false;
      log.add({
        file: at.file,
        line: at.line,
        column,
        rule: 'header.missing_column',
        message: `required column ${column} is missing; no row of this file can be used`,
      });
    } else used.add(i);
    base[column] = i ?? -1;
  }
  const slots: WideSlot[] = [];
  for (const [measureId, timepoints] of Object.entries(layout.measures)) {
    const measure = measures.get(measureId);
    for (const timepoint of ['baseline', 'followup'] as const) {
      const columns = timepoints[timepoint];
      if (!columns) continue;
      const index: Record<string, number> = {};
      for (const spec of COLUMNS.outcomes) index[spec.name] = -1;
      Object.assign(index, base, { measure: width, timepoint: width + 1 });
      const names: Record<string, string> = {};
      const cells: number[] = [];
      if (columns.score !== undefined) {
        index.score = find('score', columns.score);
        names.score = columns.score;
        cells.push(index.score);
      }
      const itemNames =
        columns.items === undefined
          ? []
          : typeof columns.items === 'string'
            ? Array.from({ length: measure?.items?.count ?? 0 }, (_, k) =>
                (columns.items as string).replaceAll('{n}', String(k + 1)),
              )
            : columns.items;
      itemNames.forEach((name, k) => {
        index[`item_${k + 1}`] = find(`item_${k + 1}`, name);
        names[`item_${k + 1}`] = name;
        cells.push(index[`item_${k + 1}`] as number);
      });
      if (columns.recorded_on !== undefined) {
        index.recorded_on = find('recorded_on', columns.recorded_on);
        names.recorded_on = columns.recorded_on;
      }
      slots.push({ measure: measureId, timepoint, index, names, cells });
    }
  }
  const unknown = fields
    .map((raw, i) => (used.has(i) || normaliseHeader(raw) === '' ? null : raw.trim()))
    .filter((name): name is string => name !== null);
  if (reportUnknown && unknown.length > 0) {
    log.add({
      file: at.file,
      line: at.line,
      value: unknown.slice(0, 10).join(', '),
      rule: 'header.unknown_column',
      message: `${unknown.length} column(s) the layout does not name are ignored: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`,
    });
  }
  return { kind: 'outcomes', width, index: slots[0]?.index ?? base, usable, slots };
}

/**
 * The columns (normalised) a layout reads, for a participant file that is also a wide return:
 * its participant reading does not list them as unknown.
 */
export function layoutColumns(layout: WideLayout, measures: MeasureRegistry): Set<string> {
  const names = new Set<string>();
  for (const [measureId, timepoints] of Object.entries(layout.measures)) {
    for (const columns of Object.values(timepoints)) {
      if (!columns) continue;
      if (columns.score !== undefined) names.add(normaliseHeader(columns.score));
      if (columns.recorded_on !== undefined) names.add(normaliseHeader(columns.recorded_on));
      const items =
        typeof columns.items === 'string'
          ? Array.from({ length: measures.get(measureId)?.items?.count ?? 0 }, (_, k) =>
              (columns.items as string).replaceAll('{n}', String(k + 1)),
            )
          : (columns.items ?? []);
      for (const item of items) names.add(normaliseHeader(item));
    }
  }
  return names;
}
