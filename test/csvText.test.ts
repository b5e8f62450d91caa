import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, toCsv } from '../src/csvText.js';

describe('neutraliseFormula', () => {
  it('defuses text that a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    }
    expect(neutraliseFormula('P001')).toBe('P001');
    expect(neutraliseFormula('')).toBe('');
  });
});

describe('csvCell', () => {
  it('writes numbers as numbers, never defused, and no text for what is not finite', () => {
    expect(csvCell(-3.2)).toBe('-3.2');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('shows control characters as escapes before defusing', () => {
    expect(csvCell('Tue\u001b[8msday')).toBe('Tue\\x1b[8msday');
    expect(csvCell('-\u001b')).toBe("'-\\x1b");
  });
});

describe('toCsv', () => {
  it('quotes only where needed and reads back as the cells written', () => {
    const rows: (string | number)[][] = [
      ['a, b', 'say "hi"', 1],
      ['line\nbreak', '=HYPERLINK()', -2],
    ];
    // More rows than one batch (10,000), so batches join without a seam.
    for (let i = 0; i < 10_001; i++) rows.push([`r${i}`, '', i]);
    const text = [...toCsv(['x', 'y', 'z'], rows)].join('');
    expect(text.startsWith('x,y,z\n"a, b","say ""hi""",1\n')).toBe(true);
    const back = parse(text) as string[][];
    expect(back).toHaveLength(rows.length + 1);
    expect(back[2]).toEqual(['line\\nbreak', "'=HYPERLINK()", '-2']);
    expect(back.at(-1)).toEqual(['r10000', '', '10000']);
  });
});
