/**
 * A worker thread that reads participant and outcome files (see readDataFiles): it receives the
 * setup once, then file after file, and sends each file's rows back piece by piece as they are
 * read, moving their arrays; a file's final piece ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InputFile } from '../io/discover.js';
import { type DataRows, fileReader, type WorkerSetup, waitForIssuesTaken } from './dataFiles.js';

const { setup, issuesInFlight, slot } = workerData as WorkerSetup;
const read = fileReader(setup);
const inFlight = new Int32Array(issuesInFlight);
const port = parentPort;

port?.on('message', async ({ index, file }: { index: number; file: InputFile }) => {
  try {
    const send = (rows: DataRows) => {
      Atomics.add(inFlight, slot, rows.issues.length);
      port.postMessage({ index, rows }, transferables(rows));
      waitForIssuesTaken(inFlight, slot);
    };
    send(await read(file, send));
  } catch (error) {
    port.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
});

function transferables(rows: DataRows): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [
    rows.ids.bytes.buffer,
    rows.ids.ends.buffer,
    rows.ids.hashes.buffer,
  ];
  for (const value of Object.values(rows)) {
    if (ArrayBuffer.isView(value)) buffers.push(value.buffer as ArrayBuffer);
  }
  return buffers;
}
