import type { AlertJob } from '@uii/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertJobError, attachmentsOf } from './handler';

const job = (s3Key: string): AlertJob => ({
  id: 'j1',
  kind: 'feed.receipt',
  audience: 'employment_service',
  to: ['czn@example.org'],
  subject: 'S',
  text: 'T',
  attachments: [{ filename: 'errors.csv', contentType: 'text/csv', s3Key }],
});

describe('attachmentsOf (issue 14, defect 6)', () => {
  const reads: string[] = [];
  const read = async (bucket: string, key: string) => {
    reads.push(`${bucket}/${key}`);
    return Buffer.from('x');
  };
  beforeEach(() => {
    process.env.UPLOADS_BUCKET = 'uploads-bucket';
    reads.length = 0;
  });
  afterEach(() => {
    delete process.env.UPLOADS_BUCKET;
  });

  it('reads attachments under receipts/ of the configured bucket', async () => {
    const out = await attachmentsOf(job('receipts/svc/2026-03/errors.csv'), read);
    expect(out[0]?.filename).toBe('errors.csv');
    expect(reads).toEqual(['uploads-bucket/receipts/svc/2026-03/errors.csv']);
  });

  it('refuses any other key, and reads nothing', async () => {
    for (const key of [
      'uploads/other-service/Иванов_01.02.1985.csv',
      'snapshots/70/2026-03/svc.jsonl.gz',
      'receipts/../uploads/x.csv',
      'receipts//x.csv',
      '/receipts/x.csv',
    ])
      await expect(attachmentsOf(job(key), read)).rejects.toThrow(AlertJobError);
    expect(reads).toEqual([]);
  });

  it('never names the refused key in the error (it may hold a name)', async () => {
    await expect(attachmentsOf(job('uploads/Иванов.csv'), read)).rejects.toThrow(
      /^job j1: attachment 1 is not under receipts\//,
    );
  });
});
