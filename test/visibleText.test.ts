import { describe, expect, it } from 'vitest';
import { jsonText, visible, visibleInJson, visibleLines } from '../src/visibleText.js';

describe('visible', () => {
  it('writes C0 controls, DEL, C1 controls, separators and bidi controls as escapes', () => {
    expect(visible('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd');
    expect(visible('\u0000\u0007\u001b[8m\u001f\u007f')).toBe('\\x00\\x07\\x1b[8m\\x1f\\x7f');
    expect(visible('\u0080\u009b2J\u009f')).toBe('\\u0080\\u009b2J\\u009f');
    expect(visible('\u2028\u2029')).toBe('\\u2028\\u2029');
    expect(visible('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069',
    );
  });

  it('leaves other text as it is, backslashes, accents and right-to-left letters included', () => {
    for (const text of ['Tuesday group', 'C:\\data', 'Café – £5', 'مرحبا', '日本', '\u00a0', '']) {
      expect(visible(text)).toBe(text);
    }
  });
});

describe('visibleInJson and jsonText', () => {
  it('escapes what JSON.stringify leaves raw, and the JSON still reads back exactly', () => {
    const value = { name: 'a\u001b[8m\u007f\u009b\u202e\u2028b' };
    const text = jsonText(value, 2);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]/);
    expect(text).toContain('a\\u001b[8m\\u007f\\u009b\\u202e\\u2028b');
    expect(JSON.parse(text)).toEqual(value);
    expect(visibleInJson('"\u202e"')).toBe('"\\u202e"');
  });
});

describe('visibleLines', () => {
  it('keeps line feeds and escapes every other hidden character', () => {
    expect(visibleLines('a,b\r\n\u001b,\u202e\n')).toBe('a,b\\r\n\\x1b,\\u202e\n');
  });
});
