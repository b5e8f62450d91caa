import { type Cell, toCsv } from '../csvText.js';
import { writeFileAtomic } from './writeAtomic.js';

/** Writes rows as a CSV file, atomically. */
export async function writeCsvFile(
  path: string,
  columns: readonly string[],
  rows: Iterable<readonly Cell[]>,
): Promise<void> {
  await writeFileAtomic(path, toCsv(columns, rows));
}
