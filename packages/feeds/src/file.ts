import { closeSync, openSync, readSync } from 'node:fs';

/**
 * A local file as 1 MB chunks, read synchronously: for a file on disk (CLI, benchmark) this
 * keeps the CPU busy instead of waiting for each asynchronous read to be scheduled, and it
 * still never holds more than one chunk. S3 bodies stay async streams.
 */
export async function* readFileChunks(path: string, chunkSize = 1024 * 1024): AsyncGenerator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize);
      const n = readSync(fd, buffer, 0, chunkSize, null);
      if (n === 0) return;
      yield n === chunkSize ? buffer : buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
