import { visible } from '../visibleText.js';

/**
 * Prints notices (not errors: a stale lock taken over, files kept in the output folder) on
 * stderr, each once, unless `--quiet`. Printed notices are taken off the list. File names in a
 * notice come from the folder: a control character shows as an escape (`visible`), never acts
 * on the terminal.
 */
export function printNotices(notices: string[], quiet: boolean | undefined): void {
  const pending = notices.splice(0);
  if (quiet) return;
  for (const notice of pending) process.stderr.write(`tides: note: ${visible(notice)}\n`);
}
