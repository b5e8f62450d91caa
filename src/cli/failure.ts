import { DisclosureError } from '../disclosure/protect.js';
import { EXIT, type ExitCode, UnusableInputError, UsageError } from '../errors.js';
import { visible } from '../visibleText.js';

/**
 * Maps an error that escaped a command to its exit code and a one-line message on stderr.
 * Expected conditions (bad usage, unusable input) name what is wrong; anything else is a bug in
 * tides, reported as such, still without a stack trace unless TIDES_DEBUG is set.
 */
export function reportFailure(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof UnusableInputError) {
    process.stderr.write(`tides: ${visible(error.message)}\n`);
    return EXIT.unusable;
  }
  if (error instanceof DisclosureError) {
    process.stderr.write(
      `tides: the outputs cannot be published safely: ${visible(error.message)}. Nothing was written; ` +
        'a coarser --by, a whole programme instead of --period, or a higher --min-cell may help.\n',
    );
    return EXIT.unprotectable;
  }
  const detail = visible(error instanceof Error ? error.message : String(error));
  process.stderr.write(
    `tides: internal error: ${detail}\n` +
      'This is a bug in tides, not in your data. Set TIDES_DEBUG=1 for details and report it.\n',
  );
  if (process.env.TIDES_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  return EXIT.unusable;
}
