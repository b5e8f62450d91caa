import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileDigest } from '../model/programme.js';

/** Text to write: whole, or in chunks (produced as they are written, so never held whole). */
export type TextContent = string | Iterable<string> | AsyncIterable<string>;

/** What a file holds: text (in chunks), or bytes (a workbook), made when it is written. */
export type FileContent = TextContent | Uint8Array | Promise<Uint8Array>;

/** Whether the content is bytes rather than text. */
export function isBytes(content: FileContent): content is Uint8Array | Promise<Uint8Array> {
  return content instanceof Uint8Array || content instanceof Promise;
}

/**
 * Writes a file atomically: the content goes to a temporary file beside the target, which is
 * renamed over the target only once complete, so an interrupted run never leaves half a file.
 */
export async function writeFileAtomic(path: string, content: TextContent): Promise<void> {
  const source = typeof content === 'string' ? [content] : content;
  await replaceAtomically(path, (temp) =>
    pipeline(source as AsyncIterable<string>, createWriteStream(temp, { flags: 'wx' })),
  );
}

/** Writes bytes to a file atomically, as {@link writeFileAtomic} writes text. */
export async function writeBytesAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await replaceAtomically(path, (temp) => writeFile(temp, bytes, { flag: 'wx' }));
}

/** Has `write` make a temporary file beside `path`, then renames it over `path`. */
async function replaceAtomically(
  path: string,
  write: (temp: string) => Promise<void>,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    // The temporary name is predictable: never write through whatever already sits there (a
    // symbolic link planted to make tides overwrite a file outside the output folder).
    await rm(temp, { force: true });
    await write(temp);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Characters gathered before a write: chunks of a row or two would each cost a system call. */
const PIECE_CHARS = 1 << 16;

/**
 * Writes a new file (it must not exist: nothing already there is written through) and returns
 * its size and SHA-256, computed from the bytes as they are written. The data reaches the disk
 * before the file is closed (`flush`), so that a file renamed into place afterwards is never
 * found empty after a power cut.
 */
export async function writeNewFile(path: string, content: FileContent): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  async function* encoded(): AsyncGenerator<Buffer> {
    if (isBytes(content)) {
      const buffer = Buffer.from(await content);
      hash.update(buffer);
      bytes += buffer.length;
      yield buffer;
      return;
    }
    for await (const piece of pieces(content)) {
      const buffer = Buffer.from(piece, 'utf8');
      hash.update(buffer);
      bytes += buffer.length;
      yield buffer;
    }
  }
  await pipeline(encoded(), createWriteStream(path, { flags: 'wx', flush: true }));
  return { bytes, sha256: hash.digest('hex') };
}

/** The content in pieces of at least `PIECE_CHARS` characters (the last may be shorter). */
async function* pieces(content: TextContent): AsyncGenerator<string> {
  if (typeof content === 'string') {
    yield content;
    return;
  }
  let gathered: string[] = [];
  let size = 0;
  for await (const chunk of content) {
    gathered.push(chunk);
    size += chunk.length;
    if (size >= PIECE_CHARS) {
      yield gathered.join('');
      gathered = [];
      size = 0;
    }
  }
  if (size > 0 || gathered.length > 0) yield gathered.join('');
}
