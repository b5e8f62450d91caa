import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UnusableInputError } from '../errors.js';
import { describeCreateError, describeFsError, isFsError } from './outputDir.js';
import { LOCK_FILE, lockOutputDir, type RunLock } from './runLock.js';
import { visibleOutput } from './visibleOutput.js';
import { type FileContent, writeNewFile } from './writeAtomic.js';

/** One output of a run: its name in the output folder and its content, made when it is written. */
export interface OutputFile {
  readonly name: string;
  /**
   * The text (or a workbook's bytes), made afresh at each call (when the file is written; a
   * check before writing may call it too); chunks keep large outputs out of one string.
   */
  readonly text: () => FileContent;
}

/** An output as written: what its manifest lists. */
export interface WrittenOutput {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** A run's manifest: its name, and its text given the outputs written (sorted by path). */
export interface ManifestFile {
  readonly name: string;
  readonly text: (outputs: readonly WrittenOutput[]) => string;
}

/** Folders in which runs write their outputs before swapping them in (`.tides-staging-…`). */
const STAGING_PREFIX = '.tides-staging-';
/** In a staging folder: what the swap replaces and writes, recorded before it begins. */
const JOURNAL = '.journal.json';

/** What a staging folder's journal records: enough for a later run to finish the clean-up. */
interface Journal {
  readonly manifest: string;
  /** Outputs of the run being replaced (from its manifest, and from earlier journals). */
  readonly replaces: readonly string[];
  /** Outputs of the run being swapped in, its manifest included. */
  readonly writes: readonly string[];
}

/**
 * One run's outputs in an output folder, swapped in whole. The promise to a reader: **the files
 * a manifest lists are one run exactly when each has the size and SHA-256 the manifest gives**.
 *
 * A run (1) locks the folder (`runLock.ts`); (2) writes every output into a staging folder
 * inside it, hashing each; (3) records in the staging folder what the swap replaces and writes;
 * (4) removes the old manifest, (5) renames each output into place, (6) removes the outputs of
 * the old run that this run does not write, (7) renames its manifest into place, last, and
 * (8) removes the staging folder and the lock. Each rename replaces one file atomically. A run
 * that stops anywhere (killed, disk full, permission denied) leaves either the previous run
 * whole with its manifest (stopped before 4) or outputs without a manifest (stopped between 4
 * and 7), never a manifest beside files of another run; the next run into the folder finishes
 * the clean-up from the journal. No output or manifest holds a raw control character: each is
 * escaped as it is written (`visibleOutput.ts`), whatever its writer let through. Only files a manifest or journal lists as outputs are ever
 * replaced or removed; any other file in the folder is kept, and a file of another kind that
 * stands where an output goes stops the run before anything is written.
 *
 * Each command's runs have their own manifest (`manifest.json` for `analyse`,
 * `summary-YEAR.manifest.json` for `summary`), so different commands' runs share a folder.
 */
export class RunFolder {
  private staging: string | null = null;
  private swapping = false;

  private constructor(
    /** The output folder (absolute) and how the user named it. */
    readonly dir: string,
    private readonly shown: string,
    private readonly manifestName: string,
    private readonly lock: RunLock,
    /** Outputs of earlier runs of this manifest, which this run may replace or remove. */
    private readonly earlier: ReadonlySet<string>,
    /** Staging folders of runs that stopped during a swap: removed once this run is in place. */
    private readonly unfinished: readonly string[],
    /** What to tell the user (a stale lock taken over, files kept). */
    readonly notices: string[],
  ) {}

  /**
   * Locks `dir` (prepared already) for a run whose manifest is `manifestName`, and reads what
   * earlier runs left: their manifest and the journals of runs that stopped during a swap.
   * Staging folders of runs that stopped before a swap hold nothing needed and are removed.
   */
  static async open(dir: string, shown: string, manifestName: string): Promise<RunFolder> {
    const lock = await lockOutputDir(dir, shown);
    try {
      const earlier = new Set(await manifestOutputs(join(dir, manifestName)));
      const unfinished: string[] = [];
      for (const name of await stagingFolders(dir)) {
        const journal = await readJournal(join(dir, name, JOURNAL));
        if (journal === null) {
          await rm(join(dir, name), { recursive: true, force: true });
        } else if (journal.manifest === manifestName) {
          // Another command's unfinished swap is left for that command's next run.
          unfinished.push(name);
          for (const output of [...journal.replaces, ...journal.writes]) earlier.add(output);
        }
      }
      earlier.delete(manifestName);
      return new RunFolder(dir, shown, manifestName, lock, earlier, unfinished, [...lock.notices]);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /**
   * Writes `outputs` and their manifest as one run, replacing the previous run of the same
   * manifest. Throws `UnusableInputError` (nothing changed) when something that is not an
   * output of an earlier run stands where an output goes, or when a file cannot be written.
   */
  async publish(
    outputs: readonly OutputFile[],
    manifest: ManifestFile,
  ): Promise<readonly WrittenOutput[]> {
    const names = outputs.map((output) => output.name);
    for (const name of [...names, manifest.name]) checkName(name);
    if (new Set(names).size !== names.length || names.includes(manifest.name)) {
      throw new Error(`output names repeat: ${names.join(', ')}`);
    }
    await this.refuseForeign([...names, manifest.name]);
    const staging = await this.makeStaging();
    const written: WrittenOutput[] = [];
    for (const output of outputs) {
      const digest = await this.guard(output.name, () =>
        writeNewFile(join(staging, output.name), visibleOutput(output.name, output.text())),
      );
      written.push({ path: output.name, ...digest });
    }
    written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    await this.guard(manifest.name, () =>
      writeNewFile(
        join(staging, manifest.name),
        visibleOutput(manifest.name, manifest.text(written)),
      ),
    );
    await this.swap(staging, names, manifest.name);
    this.noteOthers(new Set([...names, manifest.name]), await this.entries());
    return written;
  }

  /** Removes this run's staging folder (unless a swap stopped part-way) and the lock. */
  async close(): Promise<void> {
    if (this.staging !== null && !this.swapping) {
      await rm(this.staging, { recursive: true, force: true }).catch(() => {});
    }
    await this.lock.release().catch(() => {});
  }

  private async swap(staging: string, names: readonly string[], manifestName: string) {
    const writes = new Set(names);
    const stale = [...this.earlier].filter((name) => !writes.has(name)).sort();
    const journal: Journal = {
      manifest: manifestName,
      replaces: [...this.earlier].sort(),
      writes: [...names, manifestName],
    };
    await this.guard(JOURNAL, () =>
      writeNewFile(join(staging, JOURNAL), `${JSON.stringify(journal)}\n`),
    );
    await this.lock.verify();
    this.swapping = true;
    await this.guard(manifestName, () => rm(join(this.dir, manifestName), { force: true }));
    await syncFolder(this.dir);
    for (const name of names) {
      await this.guard(name, () => rename(join(staging, name), join(this.dir, name)));
    }
    for (const name of stale) await this.removeStale(name);
    await syncFolder(this.dir);
    await this.guard(manifestName, () =>
      rename(join(staging, manifestName), join(this.dir, manifestName)),
    );
    await syncFolder(this.dir);
    this.swapping = false;
    for (const name of this.unfinished) {
      await rm(join(this.dir, name), { recursive: true, force: true }).catch(() => {});
    }
  }

  /** Removes an output of an earlier run that this run does not write (never a folder). */
  private async removeStale(name: string): Promise<void> {
    const path = join(this.dir, name);
    const info = await lstat(path).catch(() => null);
    if (info === null) return;
    if (info.isDirectory()) {
      this.notices.push(
        `kept the folder ${join(this.shown, name)}: an earlier run listed ${name} as an output file`,
      );
      return;
    }
    await this.guard(name, () => unlink(path));
  }

  /**
   * Stops the run, before anything is written, when a file or folder that no earlier run of
   * this manifest wrote stands where an output goes: it is someone else's and is kept.
   */
  private async refuseForeign(names: readonly string[]): Promise<void> {
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await lstat(path).catch(() => null);
      if (info === null) continue;
      if (info.isDirectory()) {
        throw new UnusableInputError(
          `output file ${path} cannot be written (a folder of that name is in the way: move it, or choose another --out)`,
        );
      }
      const ours = name === this.manifestName ? await isManifest(path) : this.earlier.has(name);
      if (!ours) {
        throw new UnusableInputError(
          `output file ${path} cannot be written (a file of that name is there that no tides manifest in the folder lists as an output, so it is kept: move it, or choose another --out)`,
        );
      }
    }
  }

  private async makeStaging(): Promise<string> {
    const staging = join(
      this.dir,
      `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    await this.guard(null, () => mkdir(staging));
    this.staging = staging;
    return staging;
  }

  private async entries(): Promise<Dirent[]> {
    return readdir(this.dir, { withFileTypes: true }).catch(() => []);
  }

  /** Tells the user about files in the folder that are not this run's (kept as they are). */
  private noteOthers(own: ReadonlySet<string>, entries: readonly Dirent[]): void {
    const others = entries
      .map((entry) => entry.name)
      .filter((name) => !own.has(name) && !isTidesWorkFile(name))
      .sort();
    if (others.length === 0) return;
    const shown = others.slice(0, 5).join(', ') + (others.length > 5 ? ', …' : '');
    this.notices.push(
      `${this.shown} also holds ${others.length} file(s) that are not outputs of this run, kept as they are: ${shown}`,
    );
  }

  /** Runs a file system step, turning its failure into a message naming the output. */
  private async guard<T>(name: string | null, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (!isFsError(error)) throw error;
      const where =
        name === null
          ? `output folder ${this.shown} cannot be written`
          : `output file ${join(this.dir, name)} cannot be written`;
      const after = this.swapping
        ? `; the folder now holds no ${this.manifestName}, so it is not one whole run: run again to finish`
        : '';
      const reason = name === null ? describeCreateError(error) : describeFsError(error);
      throw new UnusableInputError(`${where} (${reason})${after}`);
    }
  }
}

/** Names of tides' own working files (lock, staging), never outputs or someone else's. */
function isTidesWorkFile(name: string): boolean {
  return name.startsWith(STAGING_PREFIX) || name.startsWith(LOCK_FILE);
}

/** An output name is a plain file name: no folder, no dot file (tides' working files). */
function checkName(name: string): void {
  if (!isOutputName(name)) throw new Error(`refusing to write ${JSON.stringify(name)}`);
}

function isOutputName(name: string): boolean {
  return name !== '' && !name.startsWith('.') && !/[/\\\0]/.test(name);
}

async function stagingFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && entry.name.startsWith(STAGING_PREFIX))
    .map((entry) => entry.name)
    .sort();
}

/** The manifest's JSON when it is one a tides run wrote (tool tides, a list of outputs). */
async function readManifest(path: string): Promise<{ outputs: unknown[] } | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as { tool?: { name?: unknown }; outputs?: unknown };
    if (value?.tool?.name === 'tides' && Array.isArray(value.outputs)) {
      return { outputs: value.outputs };
    }
  } catch {
    // not JSON: not a tides manifest
  }
  return null;
}

async function isManifest(path: string): Promise<boolean> {
  return (await readManifest(path)) !== null;
}

/**
 * The outputs a manifest lists: `{path}` entries (and plain names, as tides 0.1 wrote them),
 * only plain file names, so that nothing outside the folder is ever touched.
 */
async function manifestOutputs(path: string): Promise<string[]> {
  const manifest = await readManifest(path);
  if (manifest === null) return [];
  return manifest.outputs
    .map((entry) =>
      typeof entry === 'string' ? entry : (entry as { path?: unknown } | null)?.path,
    )
    .filter((name): name is string => typeof name === 'string' && isOutputName(name));
}

async function readJournal(path: string): Promise<Journal | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<Journal>;
    const names = (list: unknown) =>
      Array.isArray(list)
        ? list.filter((name): name is string => typeof name === 'string' && isOutputName(name))
        : [];
    if (typeof value.manifest !== 'string' || !isOutputName(value.manifest)) return null;
    return {
      manifest: value.manifest,
      replaces: names(value.replaces),
      writes: names(value.writes),
    };
  } catch {
    return null;
  }
}

/**
 * Makes the renames in a folder durable, in order (the manifest's last), where the system
 * allows a folder to be synced; elsewhere this is a no-op.
 */
async function syncFolder(dir: string): Promise<void> {
  let handle: import('node:fs/promises').FileHandle | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Folders cannot be opened or synced on every system (Windows); the renames still stand.
  } finally {
    await handle?.close().catch(() => {});
  }
}
