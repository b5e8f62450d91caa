import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/** Characters buffered before a write to the stream (then the writer waits if the stream is full). */
const CHUNK_CHARS = 1 << 16;

/**
 * Writes a text file line by line with bounded memory: lines are gathered into chunks of about
 * 64K characters, and `flush` waits for the stream to drain whenever it reports backpressure.
 * Counts physical lines so that planted faults can be located exactly (header = line 1).
 */
export class LineWriter {
  private readonly stream: WriteStream;
  private readonly eol: string;
  private buffer = '';
  private failure: Error | null = null;
  /** Physical lines written so far. */
  lines = 0;

  private constructor(
    readonly path: string,
    options: { crlf: boolean; bom: boolean },
  ) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
    this.eol = options.crlf ? '\r\n' : '\n';
    if (options.bom) this.buffer = '\uFEFF';
  }

  static async open(path: string, options: { crlf: boolean; bom: boolean }): Promise<LineWriter> {
    const writer = new LineWriter(path, options);
    await once(writer.stream, 'open');
    return writer;
  }

  /** Adds one line and returns its physical line number. */
  line(text: string): number {
    this.buffer += text + this.eol;
    this.lines++;
    return this.lines;
  }

  /** Hands the buffer to the stream once it is large, waiting while the stream is full. */
  async flush(force = false): Promise<void> {
    if (this.failure) throw this.failure;
    if (!force && this.buffer.length < CHUNK_CHARS) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end(this.buffer);
    this.buffer = '';
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }
}
