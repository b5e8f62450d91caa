import { describe, expect, it } from 'vitest';
import { discoverInput, globPattern, requireInputs, withFileGlobs } from '../../src/io/discover.js';
import { writeProgramme } from '../helpers/programme.js';

const PARTNERS = 'partner_id,partner_name\nP1,Bridge Cafe\n';

describe('discoverInput', () => {
  it('reads names of the contract and says why a file that nearly is one is not read', async () => {
    const dir = writeProgramme({
      'partners.csv': PARTNERS,
      'P1/participants.csv': 'x\n',
      'P1/Participant list.csv': 'x\n',
      'P1/P1 outcome data.csv': 'x\n',
      'P1/Bridge Cafe WEMWBS scores.csv': 'x\n',
      'P1/Partners 2017.xlsx': 'x',
      'notes.txt': 'x',
      'README.md': 'x',
    });
    const input = await discoverInput(dir);
    expect(input.participants.map((f) => f.display)).toEqual(['P1/participants.csv']);
    expect(input.outcomes).toEqual([]);
    const reasons = Object.fromEntries(input.ignored.map((f) => [f.display, f.reason]));
    expect(reasons['P1/Participant list.csv']).toMatch(
      /suggests participants: .* "participants"; rename it, or list it under "files"/,
    );
    expect(reasons['P1/P1 outcome data.csv']).toMatch(/suggests outcomes/);
    expect(reasons['P1/Bridge Cafe WEMWBS scores.csv']).toMatch(/suggests outcomes/);
    expect(reasons['P1/Partners 2017.xlsx']).toMatch(/suggests the partners/);
    expect(reasons['README.md']).toBe('not a file tides reads');
  });
});

describe('the config’s files block', () => {
  it('reads files its globs name, as the kind they are listed under', async () => {
    const dir = writeProgramme({
      'partners.csv': PARTNERS,
      'P1/Participant list.csv': 'x\n',
      'P1/Bridge Cafe WEMWBS scores.csv': 'x\n',
      'P2/wemwbs scores.CSV': 'x\n',
      'other.csv': 'x\n',
    });
    const input = withFileGlobs(await discoverInput(dir), {
      participants: ['*/participant list.csv'],
      outcomes: ['**/*WEMWBS scores*.csv'],
    });
    expect(input.participants.map((f) => [f.display, f.kind])).toEqual([
      ['P1/Participant list.csv', 'participants'],
    ]);
    expect(input.outcomes.map((f) => f.display)).toEqual([
      'P1/Bridge Cafe WEMWBS scores.csv',
      'P2/wemwbs scores.CSV',
    ]);
    expect(input.ignored.map((f) => f.display)).toEqual(['other.csv']);
  });

  it('matches globs as a shell does: * and ? within a folder, ** across folders', () => {
    expect(globPattern('*.csv').test('a.csv')).toBe(true);
    expect(globPattern('*.csv').test('P1/a.csv')).toBe(false);
    expect(globPattern('**/*.csv').test('a.csv')).toBe(true);
    expect(globPattern('**/*.csv').test('P1/x/a.csv')).toBe(true);
    expect(globPattern('P?/a.csv').test('P1/a.csv')).toBe(true);
    expect(globPattern('P?/a.csv').test('P12/a.csv')).toBe(false);
    // Regular-expression characters in a name are only characters.
    expect(globPattern('a+(1).csv').test('a+(1).csv')).toBe(true);
    expect(globPattern('a+(1).csv').test('aa(1).csv')).toBe(false);
  });
});

describe('requireInputs', () => {
  it('needs partners, participant and outcome files for an analysis', async () => {
    const dir = writeProgramme({ 'partners.csv': PARTNERS, 'P1/participants.csv': 'x\n' });
    const input = await discoverInput(dir);
    expect(() => requireInputs(input, dir, {})).toThrow(
      /no outcome files \(\*outcomes\*\.csv, or a \.xlsx workbook so named or with a sheet so named\)/,
    );
    expect(requireInputs(input, dir, { partial: true }).participants).toHaveLength(1);
  });

  it('takes the partners given in place of the folder’s, and lists the folder’s as not read', async () => {
    const dir = writeProgramme({ 'partners.csv': PARTNERS, 'P1/outcomes.csv': 'x\n' });
    const given = {
      path: '/elsewhere/partners.csv',
      display: '/elsewhere/partners.csv',
      kind: 'partners' as const,
    };
    const input = requireInputs(await discoverInput(dir), dir, { partial: true, partners: given });
    expect(input.partners).toBe(given);
    expect(input.ignored).toContainEqual({
      display: 'partners.csv',
      reason: 'the partners are read from --partners',
    });
  });

  it('asks for --partners when a delivery has no partners.csv', async () => {
    const dir = writeProgramme({ 'participants.csv': 'x\n' });
    const input = await discoverInput(dir);
    expect(() => requireInputs(input, dir, { partial: true })).toThrow(
      /no partners\.csv in .*: give the programme's partners with --partners FILE/,
    );
  });
});
