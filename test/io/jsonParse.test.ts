import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../src/errors.js';
import { MAX_JSON_DEPTH, parseJsonText } from '../../src/io/jsonParse.js';

const nested = (depth: number, open = '[', close = ']') =>
  `${open.repeat(depth)}${close.repeat(depth)}`;

describe('parseJsonText', () => {
  it('parses JSON, ignoring a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a": [1, {"b": null}]}', 'f.json')).toEqual({
      a: [1, { b: null }],
    });
  });

  it('accepts nesting up to the limit and refuses one level more, naming line and column', () => {
    expect(() => parseJsonText(nested(MAX_JSON_DEPTH), 'f.json')).not.toThrow();
    expect(() => parseJsonText(`\n  ${nested(MAX_JSON_DEPTH + 1)}`, 'f.json')).toThrow(
      new UnusableInputError(
        `f.json: line 2, column ${MAX_JSON_DEPTH + 3}: arrays and objects nested more than ${MAX_JSON_DEPTH} deep; not a file tides reads`,
      ),
    );
    const objects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expect(() => parseJsonText(objects, 'f.json')).toThrow(/nested more than 64 deep/);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: `${nested(500)} \\" [[[ "` });
    expect(parseJsonText(text, 'f.json')).toEqual(JSON.parse(text));
  });

  it('reports text that is not JSON as unusable input', () => {
    expect(() => parseJsonText('{"a": ', 'f.json')).toThrow(/^f\.json: not valid JSON \(/);
  });
});
