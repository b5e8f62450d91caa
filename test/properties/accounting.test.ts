import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/contract/issues.js';
import { applyDisclosure, resolveDisclosureRule } from '../../src/disclosure/index.js';
import { analyseProgramme, DEFAULT_ANALYSIS } from '../../src/metrics/index.js';
import type { Table } from '../../src/metrics/table.js';
import type { Programme } from '../../src/model/programme.js';
import { tableToCsv } from '../../src/report/format.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { buildProgramme, programmeArbitrary, writeFolder } from './programmes.js';

/**
 * Row accounting holds for any input, however damaged: every file read = used + rejected, the
 * totals are the files' sums, nothing throws (reading, analysing, disclosure control, CSV), and
 * every issue points at a line that exists.
 */
const TODAY = 20_000;

/** One edit of a file's bytes at a position given as a fraction of its length. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  kind: fc.constantFrom(
    'delete-comma',
    'delete-quote',
    'insert-quote',
    'insert-byte',
    'insert-newline',
    'delete-line',
    'duplicate-line',
    'truncate',
  ),
  byte: fc.integer({ min: 0, max: 255 }),
});

type Edit = { at: number; kind: string; byte: number };

/** Applies the edits; `eol` is the file's line end (lines are found and broken with it). */
function corrupt(text: string, edits: readonly Edit[], eol = '\n'): Buffer {
  let bytes = Buffer.from(text, 'utf8');
  const nl = eol === '\r' ? 13 : 10;
  for (const e of edits) {
    const at = Math.floor(e.at * bytes.length);
    const find = (char: number) => {
      const i = bytes.indexOf(char, at);
      return i === -1 ? bytes.lastIndexOf(char) : i;
    };
    const lineStart = bytes.lastIndexOf(nl, at - 1) + 1;
    const lineEnd = bytes.indexOf(nl, at) === -1 ? bytes.length : bytes.indexOf(nl, at) + 1;
    const cut = (from: number, to: number, insert: Buffer = Buffer.alloc(0)) => {
      bytes = Buffer.concat([bytes.subarray(0, from), insert, bytes.subarray(to)]);
    };
    switch (e.kind) {
      case 'delete-comma':
      case 'delete-quote': {
        const i = find(e.kind === 'delete-comma' ? 44 : 34);
        if (i >= 0) cut(i, i + 1);
        break;
      }
      case 'insert-quote':
        cut(at, at, Buffer.from('"'));
        break;
      case 'insert-byte':
        cut(at, at, Buffer.from([e.byte]));
        break;
      case 'insert-newline':
        cut(at, at, Buffer.from(eol === '\r' ? eol : e.byte % 2 ? '\r\n' : '\n'));
        break;
      case 'delete-line':
        cut(lineStart, lineEnd);
        break;
      case 'duplicate-line':
        cut(lineStart, lineStart, Buffer.from(bytes.subarray(lineStart, lineEnd)));
        break;
      case 'truncate':
        bytes = bytes.subarray(0, at);
        break;
    }
  }
  return bytes;
}

/** Physical lines an editor would show, counting a lone CR as a line break too (at most). */
function maxLines(bytes: Buffer): number {
  let breaks = 0;
  for (const b of bytes) if (b === 10 || b === 13) breaks++;
  return breaks + 1;
}

function expectAccounting(
  { programme, issues }: { programme: Programme; issues: readonly Issue[] },
  files: Record<string, Buffer | string>,
): void {
  for (const f of programme.files) {
    expect(f.read, `${f.path}: ${f.read} = ${f.used} + ${f.rejected}`).toBe(f.used + f.rejected);
    expect(f.used).toBeGreaterThanOrEqual(0);
    expect(f.rejected).toBeGreaterThanOrEqual(0);
  }
  for (const kind of ['participants', 'outcomes'] as const) {
    const reports = programme.files.filter((f) => f.kind === kind);
    expect(programme.totals[kind]).toEqual({
      read: reports.reduce((n, f) => n + f.read, 0),
      used: reports.reduce((n, f) => n + f.used, 0),
      rejected: reports.reduce((n, f) => n + f.rejected, 0),
    });
  }
  for (const f of programme.files) {
    const content = files[f.path];
    if (content === undefined) continue;
    const lines = maxLines(Buffer.from(content));
    expect(f.read, f.path).toBeLessThanOrEqual(lines);
    for (const issue of issues.filter((i) => i.file === f.path)) {
      if (issue.line === null) continue;
      expect(issue.line, `${f.path} ${issue.rule}`).toBeGreaterThanOrEqual(1);
      expect(issue.line, `${f.path} ${issue.rule}`).toBeLessThanOrEqual(lines);
    }
  }
}

/** The participant and outcome files, with the given line ends (LF, CRLF, or classic Mac CR). */
function files(p: ReturnType<typeof buildProgramme>, eol = '\n') {
  return {
    participants: `${[p.participantsHeader, ...p.participants].join(eol)}${eol}`,
    outcomes: `${[p.outcomesHeader, ...p.outcomes].join(eol)}${eol}`,
  };
}

const EOL = fc.constantFrom('\n', '\r\n', '\r');

describe('row accounting for any generated input', () => {
  it('read = used + rejected in every file of a randomly damaged programme', async () => {
    await fc.assert(
      fc.asyncProperty(
        programmeArbitrary,
        fc.array(edit, { maxLength: 8 }),
        fc.array(edit, { maxLength: 8 }),
        fc.array(edit, { maxLength: 3 }),
        EOL,
        async (size, participantEdits, outcomeEdits, partnerEdits, eol) => {
          const p = buildProgramme(size.seed, size);
          const text = files(p, eol);
          const input = {
            'partners.csv': corrupt(p.partners, partnerEdits),
            'X/participants.csv': corrupt(text.participants, participantEdits, eol),
            'X/outcomes.csv': corrupt(text.outcomes, outcomeEdits, eol),
          };
          const loaded = await loadWithIssues(writeFolder(input), { today: TODAY });
          const { programme } = loaded;
          expectAccounting(loaded, input);
          // Whatever survived is analysed, disclosed and written without an exception.
          const rule = resolveDisclosureRule({});
          for (const by of [['partner_id'], ['cohort', 'imd_quintile', 'sex']] as const) {
            const tables = analyseProgramme(programme, {
              ...DEFAULT_ANALYSIS,
              by,
              siiSimulations: 50,
            });
            for (const table of Object.values(tables) as Table[]) {
              expect([...tableToCsv(applyDisclosure(table, rule))].join('').length).toBeGreaterThan(
                0,
              );
            }
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('counts exactly one record per non-blank data line when no quote is involved', async () => {
    // Damage that cannot start a quoted field: commas dropped or doubled, letters, lines lost,
    // repeated or broken in two; LF, CRLF or CR line ends. Then each non-blank line after the
    // header is one record.
    const plain = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      kind: fc.constantFrom(
        'delete-comma',
        'insert-byte',
        'insert-newline',
        'delete-line',
        'duplicate-line',
      ),
      byte: fc.constantFrom(44, 32, 65, 48, 0x2d, 0x3b),
    });
    await fc.assert(
      fc.asyncProperty(
        programmeArbitrary,
        fc.array(plain, { maxLength: 10 }),
        EOL,
        async (size, edits, eol) => {
          const p = buildProgramme(size.seed, size);
          const participants = corrupt(files(p, eol).participants, edits, eol);
          const input = {
            'partners.csv': p.partners,
            'participants.csv': participants,
            'outcomes.csv': files(p).outcomes,
          };
          const loaded = await loadWithIssues(writeFolder(input), { today: TODAY });
          const { programme } = loaded;
          expectAccounting(loaded, input);
          const lines = participants
            .toString('utf8')
            .split(eol === '\r' ? /\r\n?|\n/ : '\n')
            .map((l) => l.replace(/\r$/, ''));
          const blank = (line: string) => line.split(',').every((c) => c.trim() === '');
          const header = lines.findIndex((l) => !blank(l));
          const records = header < 0 ? 0 : lines.slice(header + 1).filter((l) => !blank(l)).length;
          const report = programme.files.find((f) => f.path === 'participants.csv');
          expect(report?.read).toBe(records);
        },
      ),
      { numRuns: 50 },
    );
  });
});
