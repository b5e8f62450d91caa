import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FileDigest } from '../model/programme.js';

/** Size and SHA-256 of a file, streamed; null when the file cannot be read (it is then reported). */
export async function fileDigest(path: string): Promise<FileDigest | null> {
  try {
    const info = await stat(path);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return { bytes: info.size, sha256: hash.digest('hex') };
  } catch {
    return null;
  }
}
