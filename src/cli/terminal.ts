import { Chalk, type ChalkInstance } from 'chalk';
import { UnusableInputError } from '../errors.js';
import { describeFsError } from '../io/outputDir.js';

/**
 * Colours for a stream: only on a terminal, and never when NO_COLOR is set (https://no-color.org)
 * or in CI logs that are not terminals.
 */
export function colours(stream: NodeJS.WriteStream): ChalkInstance {
  const noColour = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return new Chalk({ level: stream.isTTY && !noColour ? 1 : 0 });
}

/**
 * Writes text to standard output piece by piece, waiting whenever the stream's buffer is full, so
 * that a long output is never held whole. A reader that stops early (`| head`) ends the output
 * quietly; any other failure to write is an unusable output (exit 2).
 */
export async function writeOut(chunks: Iterable<string>): Promise<void> {
  const out = process.stdout;
  let failure: NodeJS.ErrnoException | null = null;
  const onError = (error: NodeJS.ErrnoException) => {
    failure ??= error;
  };
  out.on('error', onError);
  try {
    for (const chunk of chunks) {
      if (failure !== null) break;
      if (!out.write(chunk)) await drained(out, () => failure !== null);
    }
    if (failure === null) await new Promise<void>((resolve) => out.write('', () => resolve()));
  } finally {
    out.off('error', onError);
  }
  const error = failure as NodeJS.ErrnoException | null;
  if (error !== null && error.code !== 'EPIPE') {
    throw new UnusableInputError(`standard output cannot be written (${describeFsError(error)})`);
  }
}

/** Resolves when `stream` drains or fails. */
function drained(stream: NodeJS.WriteStream, failed: () => boolean): Promise<void> {
  if (failed()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}
