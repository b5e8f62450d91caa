import { visible } from '../visibleText.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as literal HTML or XML (element content and quoted attribute values): control characters
 * shown as escapes (`visible`; XML forbids most of them anyway), then `& < > " '` as entities, so
 * text from the data, e.g. a cohort named `<img src=x onerror=alert(1)>`, can never become markup.
 */
export function escapeHtml(raw: string): string {
  const text = visible(raw);
  if (!MAY_NEED_ESCAPING.test(text)) return text;
  let out = '';
  for (const char of text) out += ENTITIES[char] ?? char;
  return out;
}

/** Text without any of these is returned as it is (most text). */
const MAY_NEED_ESCAPING = /[&<>"']/;
