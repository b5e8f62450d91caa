import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleOutput } from '../../src/io/visibleOutput.js';
import type { TextContent } from '../../src/io/writeAtomic.js';

/** Any raw control character but the line feed that ends lines (visibleText.ts lists them). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

async function text(content: TextContent): Promise<string> {
  if (typeof content === 'string') return content;
  let whole = '';
  for await (const chunk of content) whole += chunk;
  return whole;
}

/** `text` cut at the given points. */
function cut(whole: string, points: readonly number[]): string[] {
  const at = [...new Set(points.map((p) => p % (whole.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => whole.slice(start, at[i] ?? whole.length));
}

async function* later(chunks: readonly string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield chunk;
}

describe('visibleOutput', () => {
  const hostile = 'Tue\u001b[8msday\rx,gar\u202eden\u0007,\u009b2J\u2028\u007f\n';

  it('escapes a JSON file with JSON escapes, so it reads back as the same value', async () => {
    const json = `${JSON.stringify({ cohort: hostile }, null, 2)}\n`;
    const shown = await text(visibleOutput('metrics.json', json));
    expect(shown).not.toMatch(RAW);
    expect(JSON.parse(shown)).toEqual({ cohort: hostile });
  });

  it('escapes any other file visibly, keeping its line feeds', async () => {
    const shown = await text(visibleOutput('reach.csv', `a,b\n${hostile}`));
    expect(shown).toBe('a,b\nTue\\x1b[8msday\\rx,gar\\u202eden\\x07,\\u009b2J\\u2028\\x7f\n');
  });

  it('gives the same text for chunks, sync or async, however the text is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', '\n', '\u001b', '\u202e', '\u009b', '😀', '"') }),
        fc.array(fc.nat()),
        fc.constantFrom('x.json', 'x.md', 'x.html'),
        async (whole, points, name) => {
          const expected = await text(visibleOutput(name, whole));
          const chunks = cut(whole, points);
          expect(await text(visibleOutput(name, chunks))).toBe(expected);
          expect(await text(visibleOutput(name, later(chunks)))).toBe(expected);
        },
      ),
    );
  });
});
