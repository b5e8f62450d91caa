const COMMA = 44;
const QUOTE = 34;

/**
 * Splits one physical line of CSV into fields when the line is *regular*: fields separated by
 * commas, each either unquoted without any double quote, or wholly quoted (`"a, b"`, with `""`
 * for a quote inside) and closed on the same line. That covers nearly every line partners export,
 * and for such a line the fields are exactly those csv-parse would give.
 *
 * Returns null for anything else (a quoted field running onto the next line, a stray quote inside
 * an unquoted field, text after a closing quote): the caller then hands the rest of the file to
 * csv-parse, whose rules for messy quoting tides relies on.
 *
 * `end` is the index of the line's end (its `\n`, or `\r` of a `\r\n`); `quote` is the index of
 * the first double quote at or after `start` in `text`, or -1 (the caller keeps it, so a line
 * without quotes is never searched twice).
 */
export function splitRegularLine(
  text: string,
  start: number,
  end: number,
  quote: number,
): string[] | null {
  if (quote === -1 || quote >= end) return splitPlain(text, start, end);
  const fields: string[] = [];
  let at = start;
  let nextQuote = quote;
  for (;;) {
    if (at < end && text.charCodeAt(at) === QUOTE) {
      const closed = readQuoted(text, at + 1, end);
      if (closed === null) return null;
      fields.push(closed.value);
      at = closed.next;
      if (at === end) return fields;
      if (text.charCodeAt(at) !== COMMA) return null;
      at++;
      nextQuote = text.indexOf('"', at);
    } else {
      let comma = text.indexOf(',', at);
      if (comma === -1 || comma > end) comma = end;
      if (nextQuote !== -1 && nextQuote < comma) return null;
      fields.push(text.slice(at, comma));
      if (comma === end) return fields;
      at = comma + 1;
    }
    if (at === end) {
      fields.push('');
      return fields;
    }
  }
}

function splitPlain(text: string, start: number, end: number): string[] {
  const fields: string[] = [];
  let from = start;
  for (let comma = text.indexOf(',', from); comma !== -1 && comma < end; ) {
    fields.push(text.slice(from, comma));
    from = comma + 1;
    comma = text.indexOf(',', from);
  }
  fields.push(text.slice(from, end));
  return fields;
}

/** A quoted field's value from just after its opening quote; null when it is not closed on the line. */
function readQuoted(
  text: string,
  from: number,
  end: number,
): { value: string; next: number } | null {
  let value = '';
  let at = from;
  for (;;) {
    const close = text.indexOf('"', at);
    if (close === -1 || close >= end) return null;
    if (close + 1 < end && text.charCodeAt(close + 1) === QUOTE) {
      value += text.slice(at, close + 1);
      at = close + 2;
      continue;
    }
    return { value: value + text.slice(at, close), next: close + 1 };
  }
}
