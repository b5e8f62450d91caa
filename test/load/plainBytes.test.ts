import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitRegularLine } from '../../src/io/regularLine.js';
import { Remembered, splitPlainFields, splitTextFields } from '../../src/load/plainBytes.js';

/** Lines of the characters that matter to splitting: separators, quotes, spaces, text. */
const line = fc
  .array(fc.constantFrom('a', 'b', ' ', ',', '"', '\t', 'é'), { maxLength: 24 })
  .map((cs) => cs.join(''));

describe('splitting plain records from their bytes', () => {
  for (const [name, split] of [
    ['splitTextFields', splitTextFields],
    ['splitPlainFields', splitPlainFields],
  ] as const) {
    it(`${name} takes only lines it splits as the text reading does, trimmed`, () => {
      let taken = 0;
      fc.assert(
        fc.property(line, fc.integer({ min: 1, max: 6 }), (text, drawn) => {
          const fields = splitRegularLine(text, 0, text.length, text.indexOf('"'));
          // The width the line has, and another.
          for (const width of [fields?.length ?? drawn, drawn]) {
            const bytes = Buffer.from(text, 'utf8');
            const starts = new Int32Array(width);
            const ends = new Int32Array(width);
            if (!split(bytes, 0, bytes.length, starts, ends)) continue;
            taken++;
            expect(fields?.length).toBe(width);
            fields?.forEach((field, i) => {
              // A value taken is the field as the text reading has it, which trimming leaves alone.
              expect(bytes.toString('latin1', starts[i], ends[i])).toBe(field);
              expect(field.trim()).toBe(field);
            });
          }
        }),
        { numRuns: 5000, seed: 7 },
      );
      expect(taken).toBeGreaterThan(200);
    });
  }

  it('splitTextFields reads quoted fields and inner spaces, and declines the rest', () => {
    const split = (text: string, width: number) => {
      const bytes = Buffer.from(text);
      const starts = new Int32Array(width);
      const ends = new Int32Array(width);
      return split2(bytes, starts, ends);
    };
    const split2 = (bytes: Buffer, starts: Int32Array, ends: Int32Array) =>
      splitTextFields(bytes, 0, bytes.length, starts, ends)
        ? [...starts].map((s, i) => bytes.toString('latin1', s, ends[i]))
        : null;
    expect(split('a,"Arts, crafts and chat",', 3)).toEqual(['a', 'Arts, crafts and chat', '']);
    expect(split('Thursday evening,""', 2)).toEqual(['Thursday evening', '']);
    expect(split('a, b', 2)).toBeNull(); // a space the text reading trims
    expect(split('"a""b",c', 2)).toBeNull(); // a quote inside
    expect(split('"a"b,c', 2)).toBeNull(); // text after the closing quote
    expect(split('"a,c', 2)).toBeNull(); // not closed on the line
    expect(split('a,b,c', 2)).toBeNull(); // too many fields
    expect(split('a', 2)).toBeNull(); // too few
  });

  it('Remembered reads each remembered cell once, and every other cell each time', () => {
    const reads: string[] = [];
    const remembered = new Remembered((text) => {
      reads.push(text);
      return text.toUpperCase();
    }, 64);
    const cells = Array.from({ length: 200 }, (_, n) => `cell${n}`);
    const bytes = Buffer.alloc(64);
    for (let round = 0; round < 3; round++) {
      for (const cell of cells) {
        const length = bytes.write(`,${cell},`);
        expect(remembered.get(bytes, 1, length - 1)).toBe(cell.toUpperCase());
      }
    }
    // The first 64 cells read once, the other 136 in each of the 3 rounds.
    expect(reads.length).toBe(64 + 3 * 136);
    expect(() => new Remembered((t) => t, 65)).toThrow(RangeError);
  });
});
