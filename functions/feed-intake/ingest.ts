import type { Logger } from '@aws-lambda-powertools/logger';
import { getObjectStream, headObject, putObject, sendJson } from '@uii/aws';
import {
  deleteSnapshots,
  FeedStore,
  type FeedSummary,
  snapshotKey,
  uploadSnapshot,
} from '@uii/aws/feed-store';
import {
  type AlertJob,
  errorsCsv,
  type FeedOutcome,
  feedCounts,
  feedReceiptJob,
  feedRefusalJob,
  feedStrayJob,
  isMailAddress,
  today,
} from '@uii/domain';
import { checkFeed, type FeedReport, FeedUnreadableError } from '@uii/feeds';
import type { UploadedObject } from './s3-event';
import { uploadPath } from './s3-event';
import { SnapshotSpool } from './spool';

/** Settings (environment, with defaults): limits of one feed and the inline-attachment size. */
export function feedSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    maxBytes: Number(env.FEED_MAX_BYTES ?? 4 * 1024 ** 3),
    maxRecords: Number(env.FEED_MAX_RECORDS ?? 2_000_000),
    inlineAttachmentBytes: Number(env.FEED_INLINE_ATTACHMENT_BYTES ?? 256 * 1024),
  };
}

export type IngestOutcome =
  | { status: 'stray'; size: number; operatorNotified: boolean }
  | { status: 'refused'; serviceId: string; reason: string }
  | {
      status: 'repeated' | 'accepted' | 'already-accepted';
      serviceId: string;
      month: string;
      accepted: number;
      rejected: number;
      duplicates: number;
      regions: string[];
    };

/** A feed on a prefix no registered service owns, with no operator address to tell: retry, then DLQ. */
export class UnregisteredFeedError extends Error {
  override readonly name = 'UnregisteredFeedError';
}

/** What the intake sends after the commit; a test swaps it to fail at a chosen step. */
export interface IngestIo {
  send: (queueUrl: string, body: unknown) => Promise<unknown>;
}
const defaultIo: IngestIo = { send: sendJson };

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * One uploaded feed, in a single pass over the upload: validate and normalise every record
 * while spooling the valid ones per region to local disk (gzip), then — unless the month
 * already holds this content — stream each region's winners to its snapshot (lib-storage),
 * commit the summary with a conditional put, and only then send the match requests and the
 * receipt. Every step after the commit is safe to repeat: a retry that finds its own upload
 * committed but not marked as notified sends them again under the same ids.
 */
export async function ingestFeed(
  object: UploadedObject,
  logger: Logger,
  io: IngestIo = defaultIo,
): Promise<IngestOutcome> {
  const path = uploadPath(object.key);
  const store = new FeedStore();
  const service = path ? await store.getService(path.serviceId) : undefined;
  if (!path || !service) return stray(object, path?.serviceId, logger, io);

  const head = await headObject(object.bucket, object.key);
  const uploader = head.Metadata?.uploader;
  const to = isMailAddress(uploader) ? [uploader] : service.contacts;
  const month = today(new Date(object.eventTime)).slice(0, 7);
  const settings = feedSettings();
  const alerts = env('ALERT_OUTBOX_QUEUE_URL');

  const spool = new SnapshotSpool();
  try {
    let report: FeedReport;
    let tally: Awaited<ReturnType<typeof checkFeed>>['tally'];
    try {
      ({ report, tally } = await checkFeed(await getObjectStream(object.bucket, object.key), {
        ...settings,
        hash: true,
        onVacancy: (v, seq) => spool.add(v, seq),
      }));
    } catch (error) {
      if (!(error instanceof FeedUnreadableError)) throw error;
      if (to.length) {
        await io.send(
          alerts,
          feedRefusalJob({
            serviceId: service.id,
            serviceName: service.name,
            fileName: path.fileName,
            reason: error.message,
            uploadId: object.eTag || object.key,
            to,
          }),
        );
      }
      logger.info('feed refused', { serviceId: service.id, size: object.size, reason: error.name });
      return { status: 'refused', serviceId: service.id, reason: error.message };
    }
    const hash = report.hash!;
    const counts = { accepted: report.accepted, rejected: report.rejected, duplicates: report.duplicates };
    const regions = Object.keys(report.regions).sort();
    const outcomeOf = (
      summary: Pick<FeedSummary, 'replacedReceivedAt'>,
      repeated?: boolean,
    ): FeedOutcome => ({
      serviceId: service.id,
      serviceName: service.name,
      fileName: path.fileName,
      month,
      receivedAt: object.eventTime,
      ...feedCounts(report),
      errors: report.errors,
      errorsOmitted: report.errorsOmitted,
      truncated: report.truncated,
      headerOnly: report.headerOnly,
      ignoredColumns: report.ignoredColumns,
      hash,
      repeated,
      replacedReceivedAt: summary.replacedReceivedAt,
      declaredTotal: report.declaredTotal,
    });
    const sameUpload = (s: FeedSummary) => s.key === object.key && s.eTag === object.eTag;
    const result = (status: 'repeated' | 'accepted' | 'already-accepted') =>
      ({ status, serviceId: service.id, month, ...counts, regions }) as const;

    const previous = await store.getSummary(service.id, month);
    if (previous?.hash === hash) {
      if (!sameUpload(previous)) {
        // The same bytes under another upload: nothing changes; same receipt id, so mailed once.
        if (to.length) await io.send(alerts, await receipt(outcomeOf(previous, true), to, object.bucket));
        return result('repeated');
      }
      if (previous.notifiedAt) return result('already-accepted');
      // Our own commit, but the steps after it did not all go out (a crash, a timeout): redo them.
      await afterCommit(previous, outcomeOf(previous), to, object, io, store);
      logger.info('feed follow-up resent', { serviceId: service.id, month, ...counts });
      return result('accepted');
    }

    const snapshotKeys: string[] = [];
    for (const region of await spool.finish()) {
      const key = snapshotKey(region, month, service.id);
      await uploadSnapshot(object.bucket, key, spool.winners(region, tally));
      snapshotKeys.push(key);
    }
    snapshotKeys.sort();
    const summary: FeedSummary = {
      serviceId: service.id,
      month,
      hash,
      bucket: object.bucket,
      key: object.key,
      eTag: object.eTag,
      uploader,
      receivedAt: object.eventTime,
      ...feedCounts(report),
      truncated: report.truncated,
      regions: report.regions,
      snapshotKeys,
      versions: (previous?.versions ?? 0) + 1,
      replacedReceivedAt: previous?.receivedAt,
    };
    if (!(await store.putSummary(summary))) {
      // Another delivery of this object committed first (two notifications in one batch):
      // it sends the follow-up; this one is accepted once, silently.
      return result('already-accepted');
    }
    const dropped = (previous?.snapshotKeys ?? []).filter((k) => !snapshotKeys.includes(k));
    if (dropped.length) await deleteSnapshots(object.bucket, dropped);
    await afterCommit(summary, outcomeOf(summary), to, object, io, store);
    logger.info('feed accepted', { serviceId: service.id, month, ...counts, regions: regions.length });
    return result('accepted');
  } finally {
    spool.close();
  }
}

/** Match requests per region and the receipt, then the mark that they went out. */
async function afterCommit(
  summary: FeedSummary,
  outcome: FeedOutcome,
  to: string[],
  object: UploadedObject,
  io: IngestIo,
  store: FeedStore,
): Promise<void> {
  const matches = env('MATCH_REQUESTS_QUEUE_URL');
  const asOf = today(new Date(object.eventTime));
  for (const region of Object.keys(summary.regions).sort()) {
    await io.send(matches, {
      reason: 'feed_received',
      region,
      asOf,
      requestId: `feed:${summary.serviceId}:${summary.month}:${summary.hash.slice(0, 16)}:${region}`,
    });
  }
  if (to.length) await io.send(env('ALERT_OUTBOX_QUEUE_URL'), await receipt(outcome, to, object.bucket));
  await store.markNotified(summary.serviceId, summary.month, summary.hash, new Date().toISOString());
}

/**
 * An object under `uploads/` that no registered service owns. Never dropped: the operator is
 * told (FEED_OPERATOR_EMAIL); without that address the record fails, is retried and ends in
 * the DLQ with its reason, from where `uii dlq redrive` files it once the service is registered.
 * Logs the prefix id, size and ETag only — the file name may hold a person's name.
 */
async function stray(
  object: UploadedObject,
  serviceId: string | undefined,
  logger: Logger,
  io: IngestIo,
): Promise<IngestOutcome> {
  const operator = process.env.FEED_OPERATOR_EMAIL;
  logger.error('feed on an unregistered prefix', {
    serviceId: serviceId ?? null,
    size: object.size,
    eTag: object.eTag,
    operatorNotified: Boolean(operator),
  });
  if (!isMailAddress(operator)) {
    throw new UnregisteredFeedError(
      `upload ${object.eTag || '(no ETag)'} of ${object.size} bytes is under a prefix no registered service owns`,
    );
  }
  await io.send(
    env('ALERT_OUTBOX_QUEUE_URL'),
    feedStrayJob({
      prefixId: serviceId,
      bucket: object.bucket,
      key: object.key,
      size: object.size,
      eTag: object.eTag,
      receivedAt: object.eventTime,
      to: [operator],
    }),
  );
  return { status: 'stray', size: object.size, operatorNotified: true };
}

/** The receipt job; the errors CSV travels inline when small, else by key in the uploads bucket. */
async function receipt(outcome: FeedOutcome, to: string[], bucket: string): Promise<AlertJob> {
  if (outcome.errors.length === 0) return feedReceiptJob(outcome, to, undefined);
  const csv = Buffer.from(errorsCsv(outcome.errors), 'utf8');
  if (csv.length <= feedSettings().inlineAttachmentBytes) {
    return feedReceiptJob(outcome, to, { contentBase64: csv.toString('base64') });
  }
  const key = `receipts/${outcome.serviceId}/${outcome.month}/${outcome.hash.slice(0, 16)}-errors.csv`;
  await putObject(bucket, key, csv, { contentType: 'text/csv; charset=utf-8' });
  return feedReceiptJob(outcome, to, { s3Key: key });
}
