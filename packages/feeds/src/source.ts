import { createHash, type Hash } from 'node:crypto';
import { FeedTooLargeError } from './errors';

export type ByteSource = AsyncIterable<Buffer | Uint8Array | string>;

/**
 * Counts bytes (refusing past `maxBytes`), optionally hashes them (sha256 of the exact upload:
 * the idempotency key of a re-upload) and lets the format detector look at the first bytes
 * without losing them.
 */
export class MeteredSource {
  bytes = 0;
  private readonly hash: Hash | undefined;
  private readonly iterator: AsyncIterator<Buffer | Uint8Array | string>;
  private peeked: Buffer[] = [];

  constructor(
    input: ByteSource,
    private readonly maxBytes: number = Number.POSITIVE_INFINITY,
    withHash = false,
  ) {
    this.iterator = input[Symbol.asyncIterator]();
    this.hash = withHash ? createHash('sha256') : undefined;
  }

  /** Reads ahead until `size` bytes (or the end) are available; returns them without consuming. */
  async peek(size: number): Promise<Buffer> {
    let have = this.peeked.reduce((n, b) => n + b.length, 0);
    while (have < size) {
      const next = await this.pull();
      if (!next) break;
      this.peeked.push(next);
      have += next.length;
    }
    return Buffer.concat(this.peeked);
  }

  async *chunks(): AsyncGenerator<Buffer> {
    while (this.peeked.length) yield this.peeked.shift()!;
    for (;;) {
      const next = await this.pull();
      if (!next) return;
      yield next;
    }
  }

  /** Hex sha256 of everything read so far (the whole file once chunks() is exhausted). */
  digest(): string | undefined {
    return this.hash?.digest('hex');
  }

  private async pull(): Promise<Buffer | undefined> {
    const { value, done } = await this.iterator.next();
    if (done) return undefined;
    const chunk =
      typeof value === 'string' ? Buffer.from(value) : Buffer.isBuffer(value) ? value : Buffer.from(value);
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      throw new FeedTooLargeError(
        `файл больше допустимого размера ${formatBytes(this.maxBytes)} / feed exceeds the size limit`,
      );
    }
    this.hash?.update(chunk);
    return chunk;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} ГБ`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(0)} МБ`;
  return `${Math.ceil(n / 1024)} КБ`;
}
