import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_DATE_EPOCH, sourceDateEpoch } from '../../src/api/clock.js';
import { UsageError } from '../../src/errors.js';
import { runTides } from '../helpers/cli.js';

const BAD = ['-5', 'abc', '1.5', '1e9', '0x10', ' 12 34', '99999999999999', '253402300800'];

/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org/specs/source-date-epoch): "an ASCII
 * representation of an integer with no fractional component"; a malformed value stops the run.
 */
describe('sourceDateEpoch', () => {
  it('reads whole seconds from 0 to 9999-12-31T23:59:59Z, and unset or empty as none', () => {
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '0' })).toBe(0);
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: ' 1700000000\n' })).toBe(1_700_000_000);
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: String(MAX_SOURCE_DATE_EPOCH) })).toBe(
      MAX_SOURCE_DATE_EPOCH,
    );
    expect(new Date(MAX_SOURCE_DATE_EPOCH * 1000).toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect(sourceDateEpoch({})).toBeNull();
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '' })).toBeNull();
  });

  it.each(BAD)('refuses %j', (value) => {
    expect(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: value })).toThrow(UsageError);
    expect(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: value })).toThrow(
      /^SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 from 0 to 253402300799 \(9999-12-31\), got /,
    );
  });
});

describe('a malformed SOURCE_DATE_EPOCH (built binary)', () => {
  it.each(['-5', '99999999999999', 'yesterday'])(
    'stops analyse, summary and validate with exit 2 before anything is written: %j',
    (value) => {
      const out = join(mkdtempSync(join(tmpdir(), 'tides-epoch-')), 'out');
      for (const args of [
        ['analyse', 'fixtures/clean', '--out', out],
        ['summary', 'fixtures/clean', '--year', '2016-17', '--out', out],
        ['validate', 'fixtures/clean'],
      ]) {
        const run = runTides(args, { SOURCE_DATE_EPOCH: value });
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(
          `tides: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 from 0 to 253402300799 (9999-12-31), got "${value}"\n`,
        );
        expect(run.stdout).toBe('');
        expect(existsSync(out)).toBe(false);
      }
    },
  );
});
