import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

const progress = { filesDone: 2, filesTotal: 4, rowsRead: 20_000, share: 0.5 };

describe('progressBar', () => {
  const tty = process.stderr.isTTY;
  const ci = process.env.CI;
  afterEach(() => {
    Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  function onTerminal() {
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    delete process.env.CI;
    return vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  }

  it('shows files, rows, rate and time left on a terminal, then clears the line', () => {
    const write = onTerminal();
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const bar = progressBar(false);
    vi.setSystemTime(10_000); // 10 s in, half the bytes read: 10 s left at this rate
    bar.listener?.(progress);
    bar.finish();
    expect(write.mock.calls.map((c) => String(c[0]))).toEqual([
      '\r██████████░░░░░░░░░░ files 2/4, 20,000 rows, 2,000 rows/s, about 10 s left \u001b[K',
      '\r\u001b[K',
    ]);
  });

  it('stays silent under --quiet, in CI, when piped, and for short runs', () => {
    const write = onTerminal();
    expect(progressBar(true).listener).toBeUndefined();
    process.env.CI = 'true';
    expect(progressBar(false).listener).toBeUndefined();
    delete process.env.CI;
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    expect(progressBar(false).listener).toBeUndefined();
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    const quick = progressBar(false);
    quick.listener?.(progress); // within the first half second
    quick.finish();
    expect(write).not.toHaveBeenCalled();
  });
});
