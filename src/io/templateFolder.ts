import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UnusableInputError, UsageError } from '../errors.js';
import { TEMPLATE_MARKER } from './discover.js';
import type { WrittenOutput } from './runFolder.js';
import { writeBytesAtomic, writeFileAtomic } from './writeAtomic.js';

/** A file of a template folder: its name in the folder and its bytes. */
export interface TemplateFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const MARKER_HEAD =
  'This folder was written by `tides template`: templates of the returns of a programme.\n' +
  '`tides template --force` replaces the files below while each is as written (SHA-256 as\n' +
  'sha256sum prints it); a file changed since, filled in for one, stops it. Nothing else is touched.\n';
const MARKER_LINE = /^([0-9a-f]{64}) {2}(\S.*)$/;

/**
 * Writes a template folder: `files` into `dir` (made if missing), with a marker file listing
 * each file's SHA-256, written first. A folder that is not empty is refused unless `force`;
 * with `force` it must hold the marker, and each file the marker lists (of the names `own`, the
 * names a template may have) must be as written or gone: those are removed, anything else is
 * kept, and a file that has changed since (a template filled in) stops the run before anything
 * is touched. So `--force` can replace an old template, never a partner's return.
 *
 * @throws {UsageError} for a folder that is not empty (without `force`) or that `force` may not
 *   replace, and {@link UnusableInputError} when the folder cannot be read or written
 */
export async function writeTemplateFolder(
  dir: string,
  files: readonly TemplateFile[],
  options: { readonly force: boolean; readonly own: ReadonlySet<string> },
): Promise<WrittenOutput[]> {
  const written = files.map((file) => ({ ...file, sha256: sha256(file.bytes) }));
  const names = new Set(files.map((f) => f.name));
  const replaced = await replaceableFiles(dir, options.force, options.own, names);
  try {
    for (const name of replaced) await rm(join(dir, name), { force: true });
    await mkdir(dir, { recursive: true });
    // The marker first: a run stopped part-way leaves files the next --force may replace.
    await writeFileAtomic(join(dir, TEMPLATE_MARKER), markerText(written));
    for (const file of written) await writeBytesAtomic(join(dir, file.name), file.bytes);
  } catch (error) {
    throw cannotWrite(error, dir);
  }
  return written.map((f) => ({ path: f.name, bytes: f.bytes.length, sha256: f.sha256 }));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function markerText(files: readonly { name: string; sha256: string }[]): string {
  return MARKER_HEAD + files.map((f) => `${f.sha256}  ${f.name}\n`).join('');
}

/**
 * The files `force` removes from `dir` before writing (the marker among them), after checking
 * that the folder may be written: missing or empty; else, with `force`, made by `tides template`
 * and holding no changed file of its, nor a file of its own where a new file goes.
 */
async function replaceableFiles(
  dir: string,
  force: boolean,
  own: ReadonlySet<string>,
  writing: ReadonlySet<string>,
): Promise<string[]> {
  const entries = await folderEntries(dir);
  if (entries.length === 0) return [];
  if (!force) {
    throw new UsageError(
      `${dir} is not empty: choose an empty folder, or use --force to replace a template that tides template wrote there`,
    );
  }
  if (!entries.includes(TEMPLATE_MARKER)) {
    throw new UsageError(
      `${dir} was not made by tides template (it has no ${TEMPLATE_MARKER} file), so --force does not replace it: choose an empty folder`,
    );
  }
  const listed = await markerEntries(dir, own);
  for (const [name, hash] of listed) {
    if (entries.includes(name) && (await hashOf(join(dir, name))) !== hash) {
      throw new UsageError(
        `${join(dir, name)} has changed since tides template wrote it (filled in?), so --force does not replace it: move it away first, or choose another folder`,
      );
    }
  }
  for (const name of writing) {
    if (entries.includes(name) && !listed.has(name)) {
      throw new UsageError(
        `${join(dir, name)} was not written by tides template, so --force does not replace it: move it away first, or choose another folder`,
      );
    }
  }
  const unchanged = [...listed.keys()].filter((name) => entries.includes(name));
  return [...unchanged, TEMPLATE_MARKER];
}

/** The files a folder's marker lists (of the names a template may have), with their SHA-256. */
async function markerEntries(dir: string, own: ReadonlySet<string>): Promise<Map<string, string>> {
  const path = join(dir, TEMPLATE_MARKER);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw cannotRead(error, path);
  }
  const listed = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = MARKER_LINE.exec(line);
    const name = match?.[2];
    if (name !== undefined && own.has(name)) listed.set(name, match?.[1] as string);
  }
  return listed;
}

/** The SHA-256 of a regular file, or null for anything else (a folder, a link to nothing). */
async function hashOf(path: string): Promise<string | null> {
  try {
    if (!(await stat(path)).isFile()) return null;
    return sha256(await readFile(path));
  } catch {
    return null;
  }
}

async function folderEntries(dir: string): Promise<string[]> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new UsageError(`${dir} exists and is not a folder`);
    return await readdir(dir);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw cannotRead(error, dir);
  }
}

function cannotRead(error: unknown, path: string): UnusableInputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
  return new UnusableInputError(`cannot read ${path} (${code})`);
}

function cannotWrite(error: unknown, dir: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') {
    const path = (error as NodeJS.ErrnoException).path ?? dir;
    return new UnusableInputError(`cannot write ${path} (${code})`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
