import { access, constants, mkdir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { UnusableInputError } from '../errors.js';
import { visibleInJson, visibleLines } from '../visibleText.js';
import { writeFileAtomic } from './writeAtomic.js';

/**
 * Makes sure the output folder exists and can be written, before any work is done, so an
 * unwritable `--out` fails at once (exit 2) rather than after the analysis.
 */
export async function prepareOutputDir(dir: string): Promise<string> {
  const absolute = resolve(dir);
  try {
    await mkdir(absolute, { recursive: true });
    await access(absolute, constants.W_OK);
  } catch (error) {
    throw new UnusableInputError(
      `output folder ${dir} cannot be written (${describeFsError(error)})`,
    );
  }
  return absolute;
}

/**
 * The path of an output file inside the output folder. Output names are tides' own, but the check
 * stands guard anyway: nothing is ever written outside `--out`.
 */
export function outputPath(dir: string, name: string): string {
  const path = resolve(dir, name);
  if (!path.startsWith(resolve(dir) + sep) || name.includes('/') || name.includes('\\')) {
    throw new Error(`refusing to write ${name} outside ${dir}`);
  }
  return join(dir, name);
}

/**
 * Writes one output file atomically inside the output folder. A file system failure (the folder
 * removed or made read-only during the run, a folder in the way of the file, a full disk) is
 * unusable output (exit 2) with a message naming the file, not an internal error. No raw control
 * character reaches the file (see visibleText.ts): JSON gets its `\uXXXX` escapes, other text
 * (whose quoted values are already escaped by their writers) the visible escapes.
 */
export async function writeOutputFile(
  dir: string,
  name: string,
  content: string | Iterable<string>,
): Promise<void> {
  const path = outputPath(dir, name);
  const shown = name.endsWith('.json') ? visibleInJson : visibleLines;
  try {
    await writeFileAtomic(path, typeof content === 'string' ? shown(content) : map(content, shown));
  } catch (error) {
    if (!isFsError(error)) throw error;
    throw new UnusableInputError(
      `output file ${path} cannot be written (${describeFsError(error)})`,
    );
  }
}

function* map(chunks: Iterable<string>, f: (text: string) => string): Iterable<string> {
  for (const chunk of chunks) yield f(chunk);
}

/** Whether an error comes from the file system (it has an errno code such as `EACCES`). */
export function isFsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EISDIR: 'a folder of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENOENT: 'the folder does not exist',
};

/** A file system error in words, with its code: `permission denied (EACCES)`. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof Error ? error.message : String(error);
  const reason = FS_REASONS[code];
  return reason === undefined ? code : `${reason}: ${code}`;
}
