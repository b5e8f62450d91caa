import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escapeHtml.js';

describe('escapeHtml', () => {
  it('turns markup characters into entities, so data can never become markup', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    );
    expect(escapeHtml("Tom & Jerry's")).toBe('Tom &amp; Jerry&#39;s');
  });

  it('returns text with nothing to escape as it is, and shows control characters', () => {
    expect(escapeHtml('Bridge Café')).toBe('Bridge Café');
    expect(escapeHtml('a\u202eb<')).toBe('a\\u202eb&lt;');
  });
});
