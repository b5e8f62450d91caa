import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colours for a stream: only on a terminal, and never when NO_COLOR is set (https://no-color.org)
 * or in CI logs that are not terminals.
 */
export function colours(stream: NodeJS.WriteStream): ChalkInstance {
  const noColour = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return new Chalk({ level: stream.isTTY && !noColour ? 1 : 0 });
}
