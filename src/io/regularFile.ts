import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';

/**
 * tides reads only regular files (followed through symbolic links). Anything else named like an
 * input is refused: reading a FIFO waits for a writer for ever, a device never ends.
 */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`not a regular file but ${what}`);
  }
}

/** What a file system entry is, in words, for messages. */
export function describeFileType(info: Stats): string {
  if (info.isFile()) return 'a regular file';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/**
 * Opens `path` for reading and returns its descriptor, or throws NotRegularFileError. The open
 * does not block (O_NONBLOCK), so a FIFO is recognised at once instead of waiting for a writer;
 * the check is on the opened file, so it cannot be swapped between check and read.
 */
export function openRegularFile(path: string): number {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new NotRegularFileError(path, describeFileType(info));
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/** The text of a regular file, as UTF-8. */
export function readRegularText(path: string): string {
  const fd = openRegularFile(path);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
