/** Indentation of tides' JSON files, as `JSON.stringify(value, null, 2)` writes them. */
const INDENT = '  ';

/**
 * `JSON.stringify(value, null, 2)` in chunks, byte for byte: objects and arrays down to `depth`
 * levels are written member by member; deeper values (a table's row, say) each by
 * `JSON.stringify`, indented to their place. So metrics.json with a million rows is never one
 * string (V8 refuses strings over about 512 MB: "Invalid string length").
 *
 * As `JSON.stringify`: members whose value is `undefined`, a function or a symbol are left out
 * of objects and written `null` in arrays; values with `toJSON` (dates) are written by it.
 */
export function* jsonChunks(value: unknown, depth = 3): Generator<string> {
  yield* member(value, 0, depth);
}

function* member(value: unknown, level: number, depth: number): Generator<string> {
  if (depth > 0 && isContainer(value)) {
    yield* Array.isArray(value) ? array(value, level, depth) : object(value, level, depth);
    return;
  }
  const text = JSON.stringify(value, null, 2) as string | undefined;
  if (text === undefined) return; // a lone undefined, function or symbol: no JSON text
  // JSON text has line breaks only between members (a break inside a string is written \n).
  yield level === 0 ? text : text.replace(/\n/g, `\n${INDENT.repeat(level)}`);
}

function* array(items: readonly unknown[], level: number, depth: number): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  const pad = INDENT.repeat(level + 1);
  yield '[\n';
  for (let i = 0; i < items.length; i++) {
    yield pad;
    const item = items[i];
    if (isOmitted(item)) yield 'null';
    else yield* member(item, level + 1, depth - 1);
    yield i < items.length - 1 ? ',\n' : '\n';
  }
  yield `${INDENT.repeat(level)}]`;
}

function* object(value: object, level: number, depth: number): Generator<string> {
  const record = value as Record<string, unknown>;
  const pad = INDENT.repeat(level + 1);
  let first = true;
  for (const key of Object.keys(record)) {
    // Read once: a member may be made as it is read (a getter), so it is not read twice.
    const item = record[key];
    if (isOmitted(item)) continue;
    yield `${first ? '{\n' : ',\n'}${pad}${JSON.stringify(key)}: `;
    first = false;
    yield* member(item, level + 1, depth - 1);
  }
  yield first ? '{}' : `\n${INDENT.repeat(level)}}`;
}

/**
 * An object or array written member by member: not one with its own `toJSON`, nor a boxed
 * number, string or boolean (which `JSON.stringify` writes as the value).
 */
function isContainer(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function' &&
    !(value instanceof Number || value instanceof String || value instanceof Boolean)
  );
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
