import { access, constants, mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UnusableInputError, UsageError } from '../errors.js';

/**
 * Makes sure the output folder exists and can be written, before any work is done, so that an
 * unusable `--out` fails at once (exit 2) with what is wrong, and nothing is written:
 * - a path that is not a folder (a file, a device such as `/dev/null`, a path through a file);
 * - a folder that is, or lies inside, the input folder `input` (symbolic links resolved): the
 *   outputs would overwrite a partner's own files of the same name and be read back as input by
 *   the next run (the input folder inside `--out` is fine);
 * - folders that cannot be made: missing folders are made one at a time, so that a file system
 *   that refuses (read-only, `/proc`, `/sys`) is named for what it is. Node's recursive `mkdir`
 *   reports ENOENT on a read-only file system and never returns under `/proc`.
 */
export async function prepareOutputDir(dir: string, input?: string): Promise<string> {
  if (dir.trim() === '') throw new UsageError('--out is empty: name the output folder');
  const absolute = resolve(dir);
  const { existing, missing } = await nearestFolder(dir, absolute);
  if (input !== undefined) await refuseInsideInput(dir, input, existing, missing);
  let path = existing;
  for (const name of missing) {
    path = join(path, name);
    await makeFolder(dir, path);
  }
  try {
    await access(absolute, constants.W_OK);
  } catch (error) {
    throw cannotWrite(dir, describeFsError(error));
  }
  return absolute;
}

function cannotWrite(dir: string, reason: string): UnusableInputError {
  return new UnusableInputError(`output folder ${dir} cannot be written (${reason})`);
}

/** The nearest folder on the way up from `absolute` that exists, and the names below it. */
async function nearestFolder(
  dir: string,
  absolute: string,
): Promise<{ existing: string; missing: string[] }> {
  const missing: string[] = [];
  let path = absolute;
  for (;;) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) return { existing: path, missing };
      const what = describeNonFolder(info);
      throw cannotWrite(
        dir,
        path === absolute ? `it is ${what}, not a folder` : `${path} is ${what}, not a folder`,
      );
    } catch (error) {
      if (error instanceof UnusableInputError) throw error;
      const code = errorCode(error);
      // ENOTDIR: a file further up; going up finds it and names it.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(path) === path) {
        throw cannotWrite(dir, describeFsError(error));
      }
      missing.unshift(basename(path));
      path = dirname(path);
    }
  }
}

function describeNonFolder(info: import('node:fs').Stats): string {
  if (info.isFile()) return 'a file';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return 'not a folder';
}

async function refuseInsideInput(
  dir: string,
  input: string,
  existing: string,
  missing: readonly string[],
): Promise<void> {
  let inputReal: string;
  try {
    inputReal = await realpath(resolve(input));
  } catch {
    return; // reading the input reports a missing or unreadable folder
  }
  const outReal = join(await realpath(existing), ...missing);
  if (isWithin(outReal, inputReal)) {
    throw new UsageError(
      `--out ${dir} is ${outReal === inputReal ? 'the input folder' : `inside the input folder ${input}`}: ` +
        'outputs there would replace files of the same name and be read as input by the next run; choose a folder outside it',
    );
  }
}

/** Whether `path` is `folder` or lies below it (both absolute, symbolic links resolved). */
export function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function makeFolder(dir: string, path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST' && (await isFolder(path))) return; // made meanwhile by another run
    throw cannotWrite(dir, describeCreateError(error));
  }
}

/**
 * A failure to make a file or folder in a folder that exists, in words. ENOENT then means that
 * the file system makes nothing there (`/proc`), not that something is missing.
 */
export function describeCreateError(error: unknown): string {
  return errorCode(error) === 'ENOENT'
    ? 'the file system does not allow new files or folders there: ENOENT'
    : describeFsError(error);
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
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

/** Whether an error comes from the file system (it has an errno code such as `EACCES`). */
export function isFsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EISDIR: 'a folder of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  EBUSY: 'the file or folder is busy',
};

/** A file system error in words, with its code: `permission denied (EACCES)`. */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  const reason = FS_REASONS[code];
  return reason === undefined ? code : `${reason}: ${code}`;
}
