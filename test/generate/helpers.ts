import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';

/** A fresh temporary folder, and a function that removes it. */
export async function tempFolder(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tides-generate-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Every file under `dir` (relative path, `/`-separated) with its SHA-256, sorted by path. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const digest = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
        hashes.set(relative(dir, path).split('\\').join('/'), digest);
      }
    }
  };
  await walk(dir);
  return new Map([...hashes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export type CsvRecord = Record<string, string>;

/** Parses a CSV file into records keyed by header (BOM stripped, CRLF accepted). */
export async function readCsv(path: string): Promise<CsvRecord[]> {
  return parse(await readFile(path), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  }) as CsvRecord[];
}

/** Partner folders (`P001`…) of a generated programme. */
export async function partnerFolders(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => /^P\d+$/.test(name)).sort();
}

/** Every row of every partner's file of one kind. */
export async function readAll(
  dir: string,
  kind: 'participants' | 'outcomes',
): Promise<CsvRecord[]> {
  const rows: CsvRecord[] = [];
  for (const folder of await partnerFolders(dir)) {
    try {
      rows.push(...(await readCsv(join(dir, folder, `${kind}.csv`))));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return rows;
}
