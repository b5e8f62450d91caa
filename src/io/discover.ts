import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FileKind } from '../contract/columns.js';
import { UnusableInputError } from '../errors.js';

/**
 * The file `tides generate` writes at the top of a programme it made (see `generate/index.ts`):
 * tides' own record, not data, so it is not listed among the files found but not read.
 */
export const GENERATED_MARKER = '.tides-generated';

/** A file tides reads, with its path as the user sees it (relative to the input folder, `/`). */
export interface InputFile {
  readonly path: string;
  readonly display: string;
  readonly kind: FileKind;
}

export interface IgnoredFile {
  readonly display: string;
  readonly reason: string;
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
 * Finds the input files below `root` and classifies them as ../shared/CONTRACT.md says:
 * `partners.csv`, `population.csv`, `lsoa_imd.csv` and `tides.config.json` by name (the one
 * nearest the root wins), `*participants*.csv` and `*outcomes*.csv` by name; every other file is
 * listed as ignored with the reason. Names match case-insensitively; the order is sorted, so
 * results never depend on the file system's listing order. Symbolic links are not followed.
 */
export async function discoverInput(root: string): Promise<DiscoveredInput> {
  const rootStat = await lstat(root).catch(() => null);
  if (rootStat === null) throw new UnusableInputError(`input folder ${root} does not exist`);
  if (!rootStat.isDirectory()) throw new UnusableInputError(`${root} is not a folder`);

  const files: { path: string; display: string; depth: number }[] = [];
  const ignored: IgnoredFile[] = [];
  await walk(root, root, files, ignored);
  files.sort((a, b) => a.depth - b.depth || compareText(a.display, b.display));

  const byName = new Map<string, { path: string; display: string }>();
  const participants: InputFile[] = [];
  const outcomes: InputFile[] = [];
  for (const file of files) {
    const name = (file.display.split('/').pop() ?? '').toLowerCase();
    if (SINGLETONS.has(name)) {
      if (byName.has(name)) {
        ignored.push({
          display: file.display,
          reason: `another ${name} is nearer the input folder`,
        });
      } else {
        byName.set(name, file);
      }
    } else if (name.endsWith('.csv') && name.includes('participants')) {
      participants.push({ ...file, kind: 'participants' });
    } else if (name.endsWith('.csv') && name.includes('outcomes')) {
      outcomes.push({ ...file, kind: 'outcomes' });
    } else {
      ignored.push({ display: file.display, reason: 'not a file tides reads' });
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

async function walk(
  root: string,
  dir: string,
  files: { path: string; display: string; depth: number }[],
  ignored: IgnoredFile[],
): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const display = toDisplay(root, dir) || '.';
    if (dir === root) {
      throw new UnusableInputError(`input folder ${root} cannot be read (${errorCode(error)})`);
    }
    ignored.push({ display: `${display}/`, reason: `folder cannot be read (${errorCode(error)})` });
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const display = toDisplay(root, path);
    if (entry.isDirectory()) {
      await walk(root, path, files, ignored);
    } else if (entry.isFile()) {
      if (dir === root && entry.name === GENERATED_MARKER) continue;
      files.push({ path, display, depth: display.split('/').length });
    } else if (entry.isSymbolicLink()) {
      ignored.push({ display, reason: 'symbolic links are not followed' });
    } else {
      ignored.push({ display, reason: 'not a regular file' });
    }
  }
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
