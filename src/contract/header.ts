import { COLUMNS, type FileKind, ITEM_COLUMNS, normaliseHeader } from './columns.js';
import type { IssueLog } from './issues.js';

/** Where each contract column sits in a file (-1 when absent). */
export interface ResolvedHeader {
  readonly kind: FileKind;
  readonly width: number;
  readonly index: Readonly<Record<string, number>>;
  /** False when a required column is missing or ambiguous: every row is then rejected. */
  readonly usable: boolean;
}

/**
 * Maps a file's header onto the contract's columns: names are normalised (case, spaces), then
 * looked up directly or through the aliases (normalised alias → contract column). Reports missing
 * required columns, duplicated columns and columns tides does not use (but for `readElsewhere`:
 * a wide return's score columns, read by its other reading).
 */
export function resolveHeader(
  fields: readonly string[],
  kind: FileKind,
  aliases: ReadonlyMap<string, string>,
  at: { file: string; line: number },
  log: IssueLog,
  readElsewhere: ReadonlySet<string> = new Set(),
): ResolvedHeader {
  const specs = COLUMNS[kind];
  const known = new Set(specs.map((c) => c.name));
  // Keys are the kind's contract columns only (header text is checked against `known` first), so
  // a plain object: Row.get reads it for every cell, and its shape stays fast.
  const index: Record<string, number> = {};
  for (const spec of specs) index[spec.name] = -1;
  const unknown: string[] = [];
  let usable = true;

  fields.forEach((raw, i) => {
    const name = normaliseHeader(raw);
    if (name === '') return; // an unnamed trailing column, as spreadsheets export
    const canonical = known.has(name) ? name : aliases.get(name);
    if (canonical === undefined || !known.has(canonical)) {
      if (!readElsewhere.has(name)) unknown.push(raw.trim());
      return;
    }
    const first = index[canonical] as number;
    if (first >= 0) {
      usable = false;
      log.add({
        file: at.file,
        line: at.line,
        column: canonical,
        value: raw.trim(),
        rule: 'header.duplicate_column',
        message: `columns ${first + 1} ("${fields[first]?.trim()}") and ${i + 1} ("${raw.trim()}") both give ${canonical}; the file cannot be read unambiguously`,
      });
      return;
    }
    index[canonical] = i;
  });

  for (const spec of specs) {
    if (spec.required && index[spec.name] === -1) {
      usable = false;
      log.add({
        file: at.file,
        line: at.line,
        column: spec.name,
        rule: 'header.missing_column',
        message: `required column ${spec.name} is missing; no row of this file can be used`,
      });
    }
  }
  if (kind === 'outcomes' && index.score === -1 && ITEM_COLUMNS.every((c) => index[c] === -1)) {
    usable = false;
    log.add({
      file: at.file,
      line: at.line,
      column: 'score',
      rule: 'header.missing_column',
      message: 'an outcomes file needs a score column or item columns (item_1 …); it has neither',
    });
  }
  // A postcode directory has some 50 columns; tides reads three of them, as documented.
  if (unknown.length > 0 && kind !== 'postcodes') {
    const shown = unknown.slice(0, 10).join(', ');
    const more = unknown.length > 10 ? ` and ${unknown.length - 10} more` : '';
    log.add({
      file: at.file,
      line: at.line,
      value: unknown.slice(0, 10).join(', '),
      rule: 'header.unknown_column',
      message: `${unknown.length} column(s) not in the contract are ignored: ${shown}${more}`,
    });
  }
  return { kind, width: fields.length, index, usable };
}
