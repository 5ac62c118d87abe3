import type { SQSRecord } from 'aws-lambda';

/** One uploaded object, from an S3 ObjectCreated notification. */
export interface UploadedObject {
  bucket: string;
  key: string;
  eTag: string;
  size: number;
  eventTime: string;
}

export class NotS3EventError extends Error {
  override readonly name = 'NotS3EventError';
}

/**
 * The SQS body is the S3 event JSON. S3 sends `s3:TestEvent` when notifications are set up:
 * no records, nothing to do. Keys arrive URL-encoded with `+` for spaces.
 */
export function parseS3Notification(record: SQSRecord): UploadedObject[] {
  let body: { Event?: string; Records?: unknown[] };
  try {
    body = JSON.parse(record.body) as typeof body;
  } catch (error) {
    throw new NotS3EventError(`message ${record.messageId} is not JSON`, { cause: error });
  }
  if (body.Event === 's3:TestEvent') return [];
  if (!Array.isArray(body.Records))
    throw new NotS3EventError(`message ${record.messageId} has no S3 Records`);
  return body.Records.flatMap((r) => {
    const rec = r as {
      eventName?: string;
      eventTime?: string;
      s3?: { bucket?: { name?: string }; object?: { key?: string; eTag?: string; size?: number } };
    };
    if (!rec.eventName?.startsWith('ObjectCreated') || !rec.s3?.bucket?.name || !rec.s3.object?.key)
      return [];
    return [
      {
        bucket: rec.s3.bucket.name,
        key: decodeURIComponent(rec.s3.object.key.replaceAll('+', ' ')),
        eTag: (rec.s3.object.eTag ?? '').replaceAll('"', ''),
        size: rec.s3.object.size ?? 0,
        eventTime: rec.eventTime ?? new Date(0).toISOString(),
      },
    ];
  });
}

/**
 * The prefix our uploaders put before the clerk's file name to keep keys unique: `uii feed
 * upload` an instant (`2026-12-02T04-15-25-418Z-`), upload-url a day and 8 hex digits
 * (`2026-11-03-1a2b3c4d-`). Receipts name the file as the clerk called it.
 */
const UPLOAD_PREFIX = /^(?:\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z|\d{4}-\d\d-\d\d-[0-9a-f]{8})-(?=.)/;

/** `uploads/<serviceId>/<file>` → the service id and the clerk's file name; undefined for other keys. */
export function uploadPath(key: string): { serviceId: string; fileName: string } | undefined {
  const m = /^uploads\/([A-Za-z0-9][A-Za-z0-9-]{0,62})\/(.+)$/.exec(key);
  return m ? { serviceId: m[1]!, fileName: m[2]!.split('/').pop()!.replace(UPLOAD_PREFIX, '') } : undefined;
}

/**
 * The idempotency key of one S3 notification: bucket, key and ETag of each object, so a
 * redelivered notification does the work once (an `s3:TestEvent` is keyed on its message id).
 */
export function s3NotificationKey(objects: readonly UploadedObject[], record: SQSRecord): string {
  return objects.length
    ? objects.map((o) => `${o.bucket}/${o.key}/${o.eTag}`).join('|')
    : `s3-test:${record.messageId}`;
}
