const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as literal HTML or XML (element content and quoted attribute values): `& < > " '` become
 * entities, and control characters that XML forbids become U+FFFD, so text from the data, e.g. a
 * cohort named `<img src=x onerror=alert(1)>`, can never become markup.
 */
export function escapeHtml(text: string): string {
  if (!MAY_NEED_ESCAPING.test(text)) return text;
  let out = '';
  for (const char of text) {
    const entity = ENTITIES[char];
    if (entity !== undefined) out += entity;
    else out += isForbiddenControl(char.codePointAt(0) ?? 0) ? '\uFFFD' : char;
  }
  return out;
}

/** Text without any of these is returned as it is (most text): the characters escaped below. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML forbids.
const MAY_NEED_ESCAPING = /[&<>"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** C0 controls other than tab, line feed and carriage return, and DEL (XML 1.0 `Char`). */
function isForbiddenControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}
