import { UnusableInputError } from '../errors.js';

/**
 * Deepest nesting of arrays and objects accepted in a JSON input. tides' own files nest a few
 * levels (metrics.json: tables, rows, cells; a config: measures, bands); 64 leaves room for any
 * hand-written file.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses the text of a JSON input (a metrics.json, a tolerances file, tides.config.json; a leading
 * byte-order mark is ignored). Text that is not JSON, or nests arrays and objects deeper than
 * MAX_JSON_DEPTH, is unusable input whose message names `label`. The depth is checked on the text,
 * before parsing: V8's JSON.parse accepts any depth, but what reads the value afterwards (JSON.stringify
 * among others) recurses, and a file nested 100,000 deep would overflow the stack.
 */
export function parseJsonText(text: string, label: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  const deep = tooDeepAt(body, MAX_JSON_DEPTH);
  if (deep !== null) {
    throw new UnusableInputError(
      `${label}: line ${deep.line}, column ${deep.column}: arrays and objects nested more than ${MAX_JSON_DEPTH} deep; not a file tides reads`,
    );
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new UnusableInputError(`${label}: not valid JSON (${(error as Error).message})`);
  }
}

/** Where the first `[` or `{` outside strings opens level `limit + 1`, or null. */
function tooDeepAt(text: string, limit: number): { line: number; column: number } | null {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === 0x5c)
        at++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return { line, column: at - lineStart + 1 };
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    } else if (code === 0x0a) {
      line++;
      lineStart = at + 1;
    }
  }
  return null;
}
