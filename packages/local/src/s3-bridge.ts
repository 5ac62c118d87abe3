import { randomBytes } from 'node:crypto';
import type { S3rverEvent } from './emulators';
import { REGION } from './env';
import type { BucketNotificationSpec } from './template';

/** S3 encodes object keys in event notifications like an HTML form: spaces become '+'. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/** Whether an S3 event name (e.g. ObjectCreated:Put) is covered by a configured pattern (s3:ObjectCreated:*). */
export function eventMatches(patterns: string[], eventName: string): boolean {
  return patterns.some((p) => {
    const pattern = p.replace(/^s3:/, '');
    return pattern.endsWith(':*') ? eventName.startsWith(pattern.slice(0, -1)) : pattern === eventName;
  });
}

export function matchingNotifications(
  notifications: BucketNotificationSpec[],
  bucket: string,
  key: string,
  eventName: string,
): BucketNotificationSpec[] {
  return notifications.filter(
    (n) =>
      n.bucket === bucket &&
      eventMatches(n.events, eventName) &&
      (!n.prefix || key.startsWith(n.prefix)) &&
      (!n.suffix || key.endsWith(n.suffix)),
  );
}

/** The body S3 puts on an SQS queue for one object event, shaped as AWS sends it. */
export function s3EventMessage(args: {
  bucket: string;
  key: string;
  size: number;
  eTag: string;
  eventName: string;
  sequencer: string;
  configurationId: string;
  eventTime?: Date;
}) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime: (args.eventTime ?? new Date()).toISOString(),
        eventName: args.eventName,
        userIdentity: { principalId: 'AWS:AIDAJDPLRKLG7UEXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
          'x-amz-id-2': randomBytes(48).toString('base64'),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: args.configurationId,
          bucket: {
            name: args.bucket,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${args.bucket}`,
          },
          object: {
            key: encodeEventKey(args.key),
            size: args.size,
            eTag: args.eTag.replaceAll('"', ''),
            sequencer: args.sequencer,
          },
        },
      },
    ],
  };
}

/**
 * Bridges s3rver's in-process events to the queues named by the template's
 * Custom::S3BucketNotifications: one message per matching configuration, as S3 does.
 */
export function s3EventBridge(
  notifications: BucketNotificationSpec[],
  send: (queue: string, body: unknown) => Promise<void>,
  onError: (error: unknown) => void,
  /** The simulated clock: eventTime follows the stack's date like everything else. */
  now: () => Date = () => new Date(),
) {
  let sequence = 0n;
  return (event: S3rverEvent) => {
    for (const record of event.Records) {
      const bucket = record.s3.bucket.name;
      const key = record.s3.object.key;
      for (const n of matchingNotifications(notifications, bucket, key, record.eventName)) {
        sequence += 1n;
        const body = s3EventMessage({
          bucket,
          key,
          size: record.s3.object.size ?? 0,
          eTag: record.s3.object.eTag ?? '',
          eventName: record.eventName,
          sequencer: (BigInt(Date.now()) * 1000n + sequence).toString(16).toUpperCase().padStart(18, '0'),
          configurationId: `${bucket}-to-${n.queue}`,
          eventTime: now(),
        });
        send(n.queue, body).catch(onError);
      }
    }
  };
}
