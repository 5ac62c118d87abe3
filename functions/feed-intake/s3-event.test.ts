import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { NotS3EventError, parseS3Notification, uploadPath } from './s3-event';

const EVENTS = join(import.meta.dirname, '../../events/s3');
const sqs = (body: string) => ({ messageId: 'm-1', body }) as SQSRecord;

describe('S3 notifications for feed-intake', () => {
  it('reads bucket, decoded key, ETag and time', () => {
    const [object] = parseS3Notification(sqs(readFileSync(join(EVENTS, 'feed-uploaded.json'), 'utf8')));
    expect(object).toEqual({
      bucket: 'uploads',
      key: 'uploads/tomsk-czn/2026-11-03-1a2b3c4d-вакансии ноябрь.json',
      eTag: '9b2cf535f27731c974343645a3985328',
      size: 8199,
      eventTime: '2026-11-03T07:12:45.000Z',
    });
    expect(uploadPath(object!.key)).toEqual({
      serviceId: 'tomsk-czn',
      fileName: 'вакансии ноябрь.json',
    });
    // The CLI's instant prefix goes too; a name that merely starts with a date stays whole.
    expect(uploadPath('uploads/demo/2026-12-02T04-15-25-418Z-excel-cp1251.csv')?.fileName).toBe(
      'excel-cp1251.csv',
    );
    expect(uploadPath('uploads/demo/2026-11-лента.csv')?.fileName).toBe('2026-11-лента.csv');
  });

  it('ignores the S3 test event and refuses what is not an S3 event', () => {
    expect(parseS3Notification(sqs(readFileSync(join(EVENTS, 'test-event.json'), 'utf8')))).toEqual([]);
    expect(() => parseS3Notification(sqs('not json'))).toThrow(NotS3EventError);
    expect(() => parseS3Notification(sqs('{"hello":1}'))).toThrow(NotS3EventError);
  });

  it('accepts only keys under uploads/<service>/', () => {
    expect(uploadPath('snapshots/70/2026-11/x.jsonl.gz')).toBeUndefined();
    expect(uploadPath('uploads/../x')).toBeUndefined();
  });
});
