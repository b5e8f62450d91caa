import { visible } from '../visibleText.js';

/**
 * Prints a notice (not an error: a stale lock taken over, files kept in the output folder) on
 * stderr, unless `--quiet`. File names in a notice come from the folder: a control character
 * shows as an escape (`visible`), never acts on the terminal.
 */
export function printNotice(notice: string, quiet: boolean | undefined): void {
  if (!quiet) process.stderr.write(`tides: note: ${visible(notice)}\n`);
}
