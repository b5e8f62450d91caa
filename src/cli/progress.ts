import type { LoadProgress } from '../load/loadProgramme.js';
import { groupDigits } from '../report/format.js';

/**
 * A one-line progress display on stderr (files and rows read, rate, time left) for long runs —
 * only on a terminal, never under --quiet or in CI, so logs and pipes stay clean. Returns the
 * listener to pass to loadProgramme and a function that clears the line.
 */
export function progressBar(quiet: boolean | undefined): {
  listener: ((progress: LoadProgress) => void) | undefined;
  finish: () => void;
} {
  const stream = process.stderr;
  if (quiet || !stream.isTTY || process.env.CI) return { listener: undefined, finish: () => {} };
  const started = Date.now();
  let shown = false;
  return {
    listener: (p) => {
      const seconds = (Date.now() - started) / 1000;
      if (seconds < 0.5) return; // short runs need no progress display
      const rate = Math.round(p.rowsRead / Math.max(seconds, 0.001));
      const left = p.share > 0 ? Math.max(0, seconds / p.share - seconds) : Number.NaN;
      const width = 20;
      const filled = Math.round(p.share * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      stream.write(
        `\r${bar} files ${p.filesDone}/${p.filesTotal}, ${groupDigits(String(p.rowsRead))} rows, ${groupDigits(String(rate))} rows/s, about ${Number.isFinite(left) ? Math.ceil(left) : '?'} s left \u001b[K`,
      );
      shown = true;
    },
    finish: () => {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
