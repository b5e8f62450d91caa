import type { FileKind } from '../../src/contract/columns.js';
import { dayNumber } from '../../src/contract/values.js';
import { type DataRows, fileReader, type ReaderSetup } from '../../src/load/dataFiles.js';

/** The day tests of file reading take as today. */
export const READING_TODAY = dayNumber(2024, 10, 4);

/**
 * Every piece of partner P001's data file of one kind, read as a worker reads it, in pieces of 50
 * candidates with every issue listed: with `plainRecords`, plain records are read from their
 * bytes, else every record as text (which the byte reading is compared against).
 */
export async function readFilePieces(
  path: string,
  kind: Extract<FileKind, 'participants' | 'outcomes'>,
  setup: Pick<ReaderSetup, 'config' | 'deprivation' | 'plainRecords' | 'chunkSize'>,
): Promise<DataRows[]> {
  const reader = fileReader({
    ...setup,
    partnerIds: ['P001', 'P002'],
    today: READING_TODAY,
    digests: true,
    pieceRows: 50,
    listIssues: true,
  });
  const pieces: DataRows[] = [];
  pieces.push(
    await reader({ path, display: `P001/${kind}.csv`, kind }, (piece) => pieces.push(piece)),
  );
  return pieces;
}
