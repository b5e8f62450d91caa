import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportFailure } from '../../src/cli/failure.js';
import { DisclosureError } from '../../src/disclosure/protect.js';
import { EXIT, UnusableInputError, UsageError } from '../../src/errors.js';

describe('reportFailure', () => {
  let written = '';
  const capture = () => {
    written = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    });
  };
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.TIDES_DEBUG;
  });

  it('gives exit 2 and the message for bad usage and unusable input', () => {
    capture();
    expect(reportFailure(new UsageError('bad --by'))).toBe(EXIT.unusable);
    expect(reportFailure(new UnusableInputError('no partners.csv'))).toBe(2);
    expect(written).toBe('tides: bad --by\ntides: no partners.csv\n');
  });

  it('gives exit 3 when the outputs cannot be protected, saying that nothing was written', () => {
    capture();
    const code = reportFailure(new DisclosureError('a hidden count (reach.csv row 2) is 1–4'));
    expect(code).toBe(3);
    expect(EXIT.unprotectable).toBe(3);
    expect(written).toMatch(
      /^tides: the outputs cannot be published safely: a hidden count \(reach\.csv row 2\) is 1–4\. Nothing was written;/,
    );
    expect(written).not.toContain('bug in tides');
  });

  it('reports anything else as a bug, with no stack trace unless TIDES_DEBUG is set', () => {
    capture();
    expect(reportFailure(new Error('oops\u001b[8m'))).toBe(2);
    expect(written).toContain('tides: internal error: oops\\x1b[8m\n');
    expect(written).not.toContain('at ');
    process.env.TIDES_DEBUG = '1';
    capture();
    reportFailure(new Error('again'));
    expect(written).toContain('failure.test.ts');
  });
});
