import { once } from 'node:events';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import type { DuplicateTally, Vacancy } from '@uii/domain';

interface RegionSpool {
  path: string;
  fd: number;
  gzip: Gzip;
  /** Sequence number of each line, in order (for dropping superseded duplicates). */
  seqs: Uint32Array;
  count: number;
  /** A write in flight: gzip output is appended to the file synchronously as it comes. */
  pending: Promise<void>;
}

/**
 * The valid vacancies of one feed, spooled per region to local disk as gzip JSON Lines while
 * the upload is read once (ephemeral storage: a 1M-record feed spools ≈ 1/10 of its size).
 * After the read, `winners(region)` streams a region's snapshot: the file as it is when the
 * region has no superseded duplicates, else re-gzipped without them.
 */
export class SnapshotSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'feed-'));
  /** The spool's directory under the ephemeral storage (for the benchmark's size figure). */
  get directory(): string {
    return this.dir;
  }
  private readonly byRegion = new Map<string, RegionSpool>();
  private closed = false;

  async add(v: Vacancy, seq: number): Promise<void> {
    const r = this.open(v.region);
    if (r.count === r.seqs.length) {
      const grown = new Uint32Array(r.seqs.length * 2);
      grown.set(r.seqs);
      r.seqs = grown;
    }
    r.seqs[r.count++] = seq;
    if (r.gzip.destroyed) await r.pending; // throws the write error
    if (!r.gzip.write(`${JSON.stringify(v)}\n`)) await once(r.gzip, 'drain'); // rejects on a write error
  }

  private open(region: string): RegionSpool {
    let r = this.byRegion.get(region);
    if (r) return r;
    const path = join(this.dir, `${region}.jsonl.gz`);
    const fd = openSync(path, 'w');
    const gzip = createGzip();
    gzip.on('data', (chunk: Buffer) => {
      try {
        writeSync(fd, chunk);
      } catch (error) {
        gzip.destroy(error as Error); // e.g. ENOSPC: /tmp is full; the record fails and is retried
      }
    });
    const pending = new Promise<void>((resolve, reject) => {
      gzip.once('end', resolve);
      gzip.once('error', reject);
    });
    pending.catch(() => {}); // observed in finish(); never an unhandled rejection meanwhile
    r = { path, fd, gzip, seqs: new Uint32Array(256), count: 0, pending };
    this.byRegion.set(region, r);
    return r;
  }

  /** Regions that received at least one valid vacancy, sorted; ends every spool file. */
  async finish(): Promise<string[]> {
    for (const r of this.byRegion.values()) {
      if (r.gzip.writableEnded) continue;
      r.gzip.end();
      await r.pending;
      closeSync(r.fd);
      r.fd = -1;
    }
    return [...this.byRegion.keys()].sort();
  }

  /** The region's snapshot body: winners only, gzip JSON Lines. Call after `finish`. */
  winners(region: string, tally: DuplicateTally): Readable {
    const r = this.byRegion.get(region)!;
    const file = createReadStream(r.path);
    let losers = 0;
    for (let i = 0; i < r.count; i++) if (!tally.isWinnerSeq(r.seqs[i]!)) losers++;
    if (losers === 0) return file;
    const out = new PassThrough();
    const gzip = createGzip();
    gzip.pipe(out);
    (async () => {
      let i = 0;
      for await (const line of createInterface({ input: file.pipe(createGunzip()), crlfDelay: Infinity })) {
        const seq = r.seqs[i++]!;
        if (!tally.isWinnerSeq(seq)) continue;
        if (!gzip.write(`${line}\n`)) await new Promise((done) => gzip.once('drain', done));
      }
      gzip.end();
    })().catch((error: unknown) => out.destroy(error as Error));
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const r of this.byRegion.values()) {
      r.gzip.destroy();
      if (r.fd >= 0) closeSync(r.fd);
      r.fd = -1;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
