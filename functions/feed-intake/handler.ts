import { sqsBatchHandler } from '../shared/sqs-batch-handler';
import { ingestFeed } from './ingest';
import { parseS3Notification, s3NotificationKey } from './s3-event';

/**
 * feed-intake: S3 ObjectCreated (uploads/<serviceId>/<file>) → validate and normalise the feed →
 * month snapshot + summary → match requests per region → receipt. Keyed on bucket, key and
 * ETag, so a redelivered notification does the work once; the content hash makes a re-upload
 * of the same file change nothing. Logs ids and counts only.
 */
export const handler = sqsBatchHandler({
  service: 'feed-intake',
  parse: parseS3Notification,
  key: s3NotificationKey,
  handle: async (objects, { logger }) => {
    const outcomes = [];
    for (const object of objects) outcomes.push(await ingestFeed(object, logger));
    return outcomes;
  },
});
