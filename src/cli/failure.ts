import { EXIT, type ExitCode, UnusableInputError, UsageError } from '../errors.js';

/**
 * Maps an error that escaped a command to its exit code and a one-line message on stderr.
 * Expected conditions (bad usage, unusable input) name what is wrong; anything else is a bug in
 * tides, reported as such, still without a stack trace unless TIDES_DEBUG is set.
 */
export function reportFailure(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof UnusableInputError) {
    process.stderr.write(`tides: ${oneLine(error.message)}\n`);
    return EXIT.unusable;
  }
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `tides: internal error: ${detail}\n` +
      'This is a bug in tides, not in your data. Set TIDES_DEBUG=1 for details and report it.\n',
  );
  if (process.env.TIDES_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  return EXIT.unusable;
}

/**
 * A message on one line without control characters: messages can quote input (a config file that
 * is binary garbage), which must not move the cursor or recolour the user's terminal.
 */
function oneLine(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  return message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
