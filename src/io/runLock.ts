import { randomUUID } from 'node:crypto';
import { link, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UnusableInputError, UsageError } from '../errors.js';
import { describeCreateError } from './outputDir.js';

/** The lock file in an output folder while a run writes to it. */
export const LOCK_FILE = '.tides-lock';

/** Who holds a lock: the process, its machine, and a token that no other run can have. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

/** A lock held on an output folder. */
export interface RunLock {
  /** What the run should tell the user (a stale lock taken over). */
  readonly notices: readonly string[];
  /** Throws unless the lock file is still this run's: checked before the folder is changed. */
  verify(): Promise<void>;
  /** Removes the lock file if it is still this run's. */
  release(): Promise<void>;
}

/**
 * Locks an output folder for one run: `.tides-lock` holds the run's pid, host and a random token.
 * The file is written whole under a temporary name and linked into place, so it appears at once
 * with its content, and exactly one of two runs that try together succeeds (`link` fails when the
 * name exists; where links are not supported, exclusive creation is used). A lock whose process
 * has ended on this machine (killed, say) is stale: it is taken over, with a notice. A lock of a
 * live process, of another machine, or that cannot be read is respected: exit 2.
 */
export async function lockOutputDir(dir: string, shown: string): Promise<RunLock> {
  const lockPath = join(dir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomUUID() };
  const content = `${JSON.stringify(owner)}\n`;
  const notices: string[] = [];
  await removeOwnTemporaries(dir);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryCreate(dir, lockPath, content, shown)) {
      return {
        notices,
        verify: async () => {
          if ((await readText(lockPath)) !== content) {
            throw new UnusableInputError(
              `the lock on output folder ${shown} (${LOCK_FILE}) was taken by another run; nothing was replaced`,
            );
          }
        },
        release: async () => {
          if ((await readText(lockPath)) === content) await rm(lockPath, { force: true });
        },
      };
    }
    const held = await readText(lockPath);
    if (held === null) continue; // released meanwhile
    const holder = parseOwner(held);
    if (holder === null || isAlive(holder)) throw new UsageError(busyMessage(shown, holder));
    if (await takeOverStale(lockPath, held)) {
      notices.push(
        `took over the lock on ${shown} left by tides process ${holder.pid}, which ended without releasing it`,
      );
    }
  }
  throw new UsageError(busyMessage(shown, null));
}

function busyMessage(shown: string, holder: LockOwner | null): string {
  const who =
    holder === null
      ? `its lock file ${LOCK_FILE} cannot be read`
      : `tides process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`} is writing to it`;
  return (
    `output folder ${shown} is in use (${who}): wait for that run to finish, or choose another ` +
    `--out; if no tides run is going, remove ${join(shown, LOCK_FILE)}`
  );
}

/** Creates the lock file with `content`; false when a lock file is already there. */
async function tryCreate(
  dir: string,
  lockPath: string,
  content: string,
  shown: string,
): Promise<boolean> {
  const temporary = join(dir, `${LOCK_FILE}.${process.pid}.tmp`);
  try {
    // Exclusive creation: a symbolic link planted at the name is never written through.
    await rm(temporary, { force: true });
    await writeFile(temporary, content, { flag: 'wx' });
    try {
      await link(temporary, lockPath);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') {
        throw error;
      }
      // No hard links on this file system (FAT, some network shares).
      try {
        await writeFile(lockPath, content, { flag: 'wx' });
        return true;
      } catch (created) {
        if ((created as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw created;
      }
    }
  } catch (error) {
    throw new UnusableInputError(
      `output folder ${shown} cannot be written (${describeCreateError(error)})`,
    );
  } finally {
    await rm(temporary, { force: true }).catch(() => {});
  }
}

/**
 * Removes a stale lock whose content is `held`. It is first moved aside, then checked: if another
 * run replaced it meanwhile, it is that run's live lock and is put back.
 */
async function takeOverStale(lockPath: string, held: string): Promise<boolean> {
  const aside = `${lockPath}.stale-${process.pid}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return false; // gone meanwhile: try again
  }
  const moved = await readText(aside);
  if (moved !== held) await link(aside, lockPath).catch(() => {});
  await rm(aside, { force: true });
  return moved === held;
}

/** Temporary files of runs that ended before tidying up (their process is gone). */
async function removeOwnTemporaries(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^\.tides-lock\.(?:stale-)?(\d+)(?:\.tmp)?$/.exec(name);
    const pid = Number(match?.[1]);
    if (match && (pid === process.pid || !isAlive({ pid, host: hostname(), token: '' }))) {
      await rm(join(dir, name), { force: true });
    }
  }
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      Number.isSafeInteger(value.pid) &&
      (value.pid as number) > 0 &&
      typeof value.host === 'string' &&
      typeof value.token === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // not a lock tides wrote
  }
  return null;
}

/**
 * Whether the lock's process may still be running. Only a process on this machine can be
 * checked: signal 0 tests for it without touching it (EPERM: it exists, under another user).
 * The lock of this very process id is an earlier process's, reused.
 */
export function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
