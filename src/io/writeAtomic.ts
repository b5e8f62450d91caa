import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * Writes a file atomically: the content goes to a temporary file beside the target, which is
 * renamed over the target only once complete, so an interrupted run never leaves half a file.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    // The temporary name is predictable: never write through whatever already sits there (a
    // symbolic link planted to make tides overwrite a file outside the output folder).
    await rm(temp, { force: true });
    const source = typeof content === 'string' ? [content] : content;
    await pipeline(source as AsyncIterable<string>, createWriteStream(temp, { flags: 'wx' }));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
