import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  analyse,
  expectAccounting,
  PER_PARTNER_TABLES,
  PROGRAMME,
  partnerRows,
  programmeWith,
  validate,
} from './support.js';

/**
 * Big adversarial inputs, generated here into temporary folders rather than committed: 1 MB fields
 * in every position, a record larger than the reader's limit, 10,000 columns.
 */
const MB = 1 << 20;
const clean = readFileSync(join(PROGRAMME, 'B/participants.csv'), 'utf8');
const header = clean.split('\n')[0] as string;
/** B's nine clean data lines (file lines 2–10). */
const rows = clean.trim().split('\n').slice(1);

function file(lines: readonly string[]): string {
  return `${[header, ...lines].join('\n')}\n`;
}

function withCohort(line: string, cohort: string): string {
  return line.replace(',Wed,', `,${cohort},`);
}

/** The big temporary folders, removed at the end. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function run(participants: string) {
  const dir = programmeWith({ 'B/participants.csv': participants });
  made.push(dir);
  const { run, result } = validate(dir);
  if (result === null) throw new Error(run.stderr);
  expectAccounting(result);
  const b = result.files.find((f) => f.path === 'B/participants.csv');
  const issues = result.issues.filter((i) => i.file === 'B/participants.csv');
  return { dir, run, result, b, issues };
}

describe('1 MB fields', () => {
  it('reads a 1 MB cohort, a 1 MB note over three lines and rejects a 1 MB id at its line', () => {
    const lines = [...rows];
    lines[1] = withCohort(lines[1] as string, 'c'.repeat(MB));
    lines[3] = `${'Z'.repeat(MB)}${(lines[3] as string).slice(6)}`; // a 1 MB participant_id
    // An extra "notes" column: line 2 holds a quoted 1 MB note with two line breaks (lines 2–4),
    // so the 1 MB cohort is on line 5 and the 1 MB id on line 7.
    const half = 'n'.repeat(MB / 2);
    const withNotes = [
      `${header},notes`,
      ...lines.map((l, i) => (i === 0 ? `${l},"${half}\nmore\n${half}"` : `${l},`)),
    ];
    const r = run(`${withNotes.join('\n')}\n`);
    expect(r.run.code).toBe(1);
    expect(r.b).toMatchObject({ read: 9, used: 8, rejected: 1 });
    expect(r.issues.map((i) => [i.line, i.column, i.rule])).toEqual([
      [1, null, 'header.unknown_column'],
      [7, 'participant_id', 'value.invalid_id'],
    ]);
    // The issue quotes the value cut short, never 1 MB of it.
    expect(r.issues[1]?.value?.length).toBeLessThanOrEqual(81);
    expect(r.run.stdout.length).toBeLessThan(100_000);
  });

  it('recovers after a 1 MB quoted field that runs over 1,000 lines', () => {
    const lines = [...rows];
    lines[5] = withCohort(lines[5] as string, `"${`${'y'.repeat(1000)}\n`.repeat(1000)}"`); // line 7
    const r = run(file(lines));
    expect(r.run.code).toBe(1);
    // The field is taken as a quote that swallowed records (more than 5 lines), reported where it
    // opens; each line of its content then counts as a rejected record; the rows after it are used.
    expect(r.issues[0]).toMatchObject({ line: 7, rule: 'file.quote_span' });
    expect(r.issues.every((i) => i.line !== null && i.line >= 7 && i.line <= 1008)).toBe(true);
    const used = r.b?.used;
    expect(used).toBe(8);
    expect(r.result.files.find((f) => f.path === 'B/outcomes.csv')?.rejected).toBe(4);
  });

  it('rejects a record over the size limit (9 MB) at its line and reads every row after it', () => {
    const lines = [...rows];
    lines[1] = withCohort(lines[1] as string, `"${'z'.repeat(9 * MB)}"`); // line 3
    const r = run(file(lines));
    expect(r.run.code).toBe(1);
    expect(r.issues.map((i) => [i.line, i.rule])).toEqual([[3, 'file.quote_span']]);
    expect(r.issues[0]?.message).toMatch(/record starting on line 3 .*reading resumes on line 4/);
    // Lines 4–10 are read and used: nothing after the broken record is lost.
    expect(r.b).toMatchObject({ read: 9, used: 8, rejected: 1 });
  });

  it('rejects an unquoted 9 MB line the same way, without a newline to resume from', () => {
    const lines = [...rows];
    lines[8] = withCohort(lines[8] as string, 'u'.repeat(9 * MB)); // line 10, the last
    const r = run(file(lines).trimEnd());
    expect(r.issues.map((i) => [i.line, i.rule])).toEqual([[10, 'file.quote_span']]);
    expect(r.b).toMatchObject({ read: 9, used: 8, rejected: 1 });
  });
});

describe('10,000 columns', () => {
  const extra = Array.from({ length: 10_000 - header.split(',').length }, (_, i) => `x${i}`);

  it('reads a 10,000-column file, listing the unknown columns once', () => {
    const wide = [
      [header, ...extra].join(','),
      ...rows.map((r) => [r, ...extra.map(() => '1')].join(',')),
    ];
    const r = run(`${wide.join('\n')}\n`);
    expect(r.run.code).toBe(0);
    expect(r.b).toMatchObject({ read: 9, used: 9, rejected: 0 });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ line: 1, rule: 'header.unknown_column' });
    expect(r.issues[0]?.message).toMatch(/9990 column\(s\) .*: x0, x1, .* and 9980 more$/);
    const { run: analysed, out } = analyse(r.dir);
    expect(analysed.code).toBe(0);
    const baseline = analyse(programmeWith());
    for (const table of PER_PARTNER_TABLES) {
      expect(partnerRows(out, table, 'B'), table).toEqual(partnerRows(baseline.out, table, 'B'));
    }
  });

  it('rejects a 10,000-field row under a 10-column header as ragged, at its line', () => {
    const lines = [...rows];
    lines[2] = `${lines[2]}${','.repeat(10_000 - 10)}`; // line 4: 10,000 fields
    const r = run(file(lines));
    expect(r.issues.map((i) => [i.line, i.rule, i.value])).toEqual([[4, 'row.ragged', '10000']]);
    expect(r.b).toMatchObject({ read: 9, used: 8, rejected: 1 });
  });

  it('reads a 10,000-column header whose contract columns come last', () => {
    const names = header.split(',');
    const wide = [
      [...extra, ...names].join(','),
      ...rows.map((r) => [...extra.map(() => ''), r].join(',')),
    ];
    const r = run(`${wide.join('\n')}\n`);
    expect(r.b).toMatchObject({ read: 9, used: 9, rejected: 0 });
  });
});
