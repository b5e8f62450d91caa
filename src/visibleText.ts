/**
 * How tides shows text it quotes from its input (file names, header cells, values, category names)
 * wherever it writes it: on the terminal, in messages, CSV cells, Markdown, HTML and JSON.
 *
 * Characters that a terminal or a viewer acts on instead of showing are written as escapes, as in
 * JavaScript or JSON: `\t` `\n` `\r`, `\x1b` for the other C0 controls and DEL (U+0000–U+001F,
 * U+007F), `\u009b` for C1 controls (U+0080–U+009F), the line and paragraph separators
 * (U+2028, U+2029) and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069). Otherwise an ESC sequence in a cohort name could hide the rest of the output
 * (ESC[8m conceals text: the error count included), a CR could overwrite a line, and a
 * right-to-left override could make text read differently from what it is ("Trojan Source",
 * CVE-2021-42574). A backslash itself is left as it is.
 */

/** The hidden characters beyond the C0 controls, as regular-expression class ranges. */
const BEYOND_C0 = '\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const HIDDEN = new RegExp(`[\\u0000-\\u001f${BEYOND_C0}]`);
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'g');
/** What JSON.stringify leaves raw among them (it escapes U+0000–U+001F itself). */
const HIDDEN_IN_JSON = new RegExp(`[${BEYOND_C0}]`, 'g');
/** All of them but the line feed: for whole output files, whose lines end with one. */
const HIDDEN_BUT_LF = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f${BEYOND_C0}]`, 'g');

const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  const short = SHORT[char];
  if (short !== undefined) return short;
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text with every hidden character written as its escape (most text is returned as it is). */
export function visible(text: string): string {
  return HIDDEN.test(text) ? text.replace(HIDDEN_ALL, escapeChar) : text;
}

/**
 * JSON text (from JSON.stringify) with the hidden characters it leaves raw written as `\uXXXX`
 * escapes: the same JSON value, so machines read the data exactly, but no raw control character in
 * the file or on the terminal. They can only occur inside strings, so any piece of the text can
 * be passed.
 */
export function visibleInJson(json: string): string {
  return json.replace(
    HIDDEN_IN_JSON,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** JSON.stringify, then `visibleInJson`. */
export function jsonText(value: unknown, space?: number): string {
  return visibleInJson(JSON.stringify(value, null, space));
}

/**
 * A whole text file (Markdown, HTML, CSV) after every quoted value has gone through `visible`:
 * line feeds stay, anything else hidden that slipped through is escaped, so no output file ever
 * holds a raw control character.
 */
export function visibleLines(text: string): string {
  return text.replace(HIDDEN_BUT_LF, escapeChar);
}
