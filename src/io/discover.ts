import type { Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FileKind } from '../contract/columns.js';
import { UnusableInputError } from '../errors.js';
import type { IgnoredFile } from '../model/programme.js';
import { describeFileType } from './regularFile.js';

/**
 * The file `tides generate` writes at the top of a programme it made (see `generate/index.ts`):
 * tides' own record, not data, so it is not listed among the files found but not read.
 */
export const GENERATED_MARKER = '.tides-generated';

/**
 * The file `tides template` writes at the top of a template folder (see `io/templateFolder.ts`):
 * the files it wrote and their SHA-256. tides' own record, not data, like the generator's.
 */
export const TEMPLATE_MARKER = '.tides-template';

/** A file tides reads, with its path as the user sees it (relative to the input folder, `/`). */
export interface InputFile {
  readonly path: string;
  readonly display: string;
  readonly kind: FileKind;
}

export interface DiscoveredInput {
  readonly root: string;
  readonly partners: InputFile;
  readonly participants: readonly InputFile[];
  readonly outcomes: readonly InputFile[];
  readonly population: InputFile | null;
  readonly lsoaImd: InputFile | null;
  readonly config: { path: string; display: string } | null;
  readonly ignored: readonly IgnoredFile[];
}

/**
 * Finds the input files below `root` and classifies them as the README's data contract says:
 * `partners.csv`, `population.csv`, `lsoa_imd.csv` and `tides.config.json` by name (the one
 * nearest the root wins), `*participants*.csv` and `*outcomes*.csv` by name; every other file is
 * listed as ignored with the reason. Names match case-insensitively; the order is sorted, so
 * results never depend on the file system's listing order.
 *
 * Symbolic links are followed, to folders and to files (a partner's folder linked in from
 * elsewhere is read like any other). A folder reached twice (a link back to a folder above it,
 * or a second link to the same folder) is read once, and a file reached under two names is read
 * once, so a link can neither loop nor count the same records twice. An input that is not a
 * regular file (a FIFO, a socket, a device) is unusable: reading it could block for ever.
 */
export async function discoverInput(root: string): Promise<DiscoveredInput> {
  const rootStat = await stat(root).catch((error: unknown) => error as Error);
  if (rootStat instanceof Error) {
    const code = errorCode(rootStat);
    if (code === 'ENOENT') throw new UnusableInputError(`input folder ${root} does not exist`);
    if (code === 'ELOOP') {
      throw new UnusableInputError(`input folder ${root} is a loop of symbolic links`);
    }
    throw new UnusableInputError(`input folder ${root} cannot be read (${code})`);
  }
  if (!rootStat.isDirectory()) {
    throw new UnusableInputError(`${root} is not a folder but ${describeFileType(rootStat)}`);
  }

  const walked: Walked = {
    files: [],
    special: [],
    ignored: [],
    folders: new Map(),
  };
  walked.folders.set(await realpath(root), '.');
  await walk(root, root, walked);
  const { ignored } = walked;
  const files = uniqueFiles(walked.files, ignored);

  const byName = new Map<string, { path: string; display: string }>();
  const participants: InputFile[] = [];
  const outcomes: InputFile[] = [];
  for (const file of files) {
    const kind = inputKind(file.display);
    if (kind === 'participants') {
      participants.push({ path: file.path, display: file.display, kind });
    } else if (kind === 'outcomes') {
      outcomes.push({ path: file.path, display: file.display, kind });
    } else if (kind !== null) {
      if (byName.has(kind)) {
        ignored.push({
          display: file.display,
          reason: `another ${kind} is nearer the input folder`,
        });
      } else {
        byName.set(kind, { path: file.path, display: file.display });
      }
    } else {
      ignored.push({ display: file.display, reason: 'not a file tides reads' });
    }
  }
  for (const entry of walked.special) {
    if (inputKind(entry.display) === null) {
      ignored.push({ display: entry.display, reason: `not a regular file but ${entry.what}` });
    } else {
      throw new UnusableInputError(
        `${join(root, entry.display)} is not a regular file but ${entry.what}; tides reads its inputs only from regular files`,
      );
    }
  }

  const partners = byName.get('partners.csv');
  if (!partners) throw new UnusableInputError(`no partners.csv in ${root}`);
  if (participants.length === 0) {
    throw new UnusableInputError(`no participant files (*participants*.csv) in ${root}`);
  }
  if (outcomes.length === 0) {
    throw new UnusableInputError(`no outcome files (*outcomes*.csv) in ${root}`);
  }
  const byDisplay = (a: InputFile, b: InputFile) => compareText(a.display, b.display);
  const population = byName.get('population.csv');
  const lsoaImd = byName.get('lsoa_imd.csv');
  return {
    root,
    partners: { ...partners, kind: 'partners' },
    participants: participants.sort(byDisplay),
    outcomes: outcomes.sort(byDisplay),
    population: population ? { ...population, kind: 'population' } : null,
    lsoaImd: lsoaImd ? { ...lsoaImd, kind: 'lsoa_imd' } : null,
    config: byName.get('tides.config.json') ?? null,
    ignored: ignored.sort((a, b) => compareText(a.display, b.display)),
  };
}

const SINGLETONS = new Set(['partners.csv', 'population.csv', 'lsoa_imd.csv', 'tides.config.json']);

/** What a file is to tides by its name: a singleton's name, participants, outcomes, or null. */
function inputKind(display: string): string | null {
  const name = (display.split('/').pop() ?? '').toLowerCase();
  if (SINGLETONS.has(name)) return name;
  if (name.endsWith('.csv') && name.includes('participants')) return 'participants';
  if (name.endsWith('.csv') && name.includes('outcomes')) return 'outcomes';
  return null;
}

interface FoundFile {
  readonly path: string;
  readonly display: string;
  readonly depth: number;
  /** Device and inode: the same for every name of one file (null when unknown). */
  readonly id: string | null;
  /** Whether this name is a symbolic link (the file itself is preferred to a link to it). */
  readonly linked: boolean;
}

interface Walked {
  readonly files: FoundFile[];
  /** Entries that are neither files nor folders (FIFOs, sockets, devices). */
  readonly special: { display: string; what: string }[];
  readonly ignored: IgnoredFile[];
  /** Folders read so far, by real path, with the name each was first read under. */
  readonly folders: Map<string, string>;
}

async function walk(root: string, dir: string, walked: Walked): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const display = toDisplay(root, dir) || '.';
    if (dir === root) {
      throw new UnusableInputError(`input folder ${root} cannot be read (${errorCode(error)})`);
    }
    walked.ignored.push({
      display: `${display}/`,
      reason: `folder cannot be read (${errorCode(error)})`,
    });
    return;
  }
  // Sorted, so that of two names for one folder or file the same one is always read.
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const display = toDisplay(root, path);
    const info = await stat(path).catch((error: unknown) => error as Error);
    if (info instanceof Error) {
      // An input that cannot be opened (a link to nothing, a loop of links) is read, and reported
      // by the reader as unreadable like any other; anything else is listed as ignored.
      if (inputKind(display) !== null) {
        walked.files.push({ path, display, depth: depth(display), id: null, linked: true });
      } else {
        walked.ignored.push({ display, reason: unreachable(info, entry.isSymbolicLink()) });
      }
    } else if (info.isDirectory()) {
      const real = await realpath(path);
      const first = walked.folders.get(real);
      if (first === undefined) {
        walked.folders.set(real, display);
        await walk(root, path, walked);
      } else {
        walked.ignored.push({
          display: `${display}/`,
          reason: `the same folder as ${first === '.' ? 'the input folder' : `${first}/`}, read once`,
        });
      }
    } else if (info.isFile()) {
      if (dir === root && (entry.name === GENERATED_MARKER || entry.name === TEMPLATE_MARKER)) {
        continue;
      }
      const linked = entry.isSymbolicLink();
      walked.files.push({ path, display, depth: depth(display), id: identity(info), linked });
    } else {
      walked.special.push({ display, what: describeFileType(info) });
    }
  }
}

/**
 * Each file once, under its first name: names that are not links first, then the nearest the
 * root, then in sorted order. The result is nearest the root first (so the nearest singleton wins).
 */
function uniqueFiles(found: FoundFile[], ignored: IgnoredFile[]): FoundFile[] {
  const nearest = (a: FoundFile, b: FoundFile) =>
    a.depth - b.depth || compareText(a.display, b.display);
  const sorted = [...found].sort((a, b) => Number(a.linked) - Number(b.linked) || nearest(a, b));
  const seen = new Map<string, string>();
  const unique: FoundFile[] = [];
  for (const file of sorted) {
    const first = file.id === null ? undefined : seen.get(file.id);
    if (first === undefined) {
      if (file.id !== null) seen.set(file.id, file.display);
      unique.push(file);
    } else {
      ignored.push({ display: file.display, reason: `the same file as ${first}, read once` });
    }
  }
  return unique.sort(nearest);
}

/** Device and inode, or null on a file system without inode numbers. */
function identity(info: Stats): string | null {
  return info.ino === 0 ? null : `${info.dev}:${info.ino}`;
}

function depth(display: string): number {
  return display.split('/').length;
}

function unreachable(error: Error, link: boolean): string {
  const code = errorCode(error);
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'ENOENT' && link) return 'a symbolic link to nothing';
  return `cannot be read (${code})`;
}

function toDisplay(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/** Code-unit order, independent of locale, so sorting is the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
