import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import type { Logger } from '@aws-lambda-powertools/logger';
import { getObjectStream, headObject, putObject, sendJson } from '@uii/aws';
import { FeedStore, type FeedSummary, putSnapshotFile, snapshotKey } from '@uii/aws/feed-store';
import {
  type AlertJob,
  errorsCsv,
  type FeedOutcome,
  feedCounts,
  feedReceiptJob,
  feedRefusalJob,
  today,
  type Vacancy,
} from '@uii/domain';
import { checkFeed, type FeedReport, FeedUnreadableError } from '@uii/feeds';
import type { UploadedObject } from './s3-event';
import { uploadPath } from './s3-event';

/** Settings (environment, with defaults): limits of one feed and the inline-attachment size. */
export function feedSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    maxBytes: Number(env.FEED_MAX_BYTES ?? 4 * 1024 ** 3),
    maxRecords: Number(env.FEED_MAX_RECORDS ?? 2_000_000),
    inlineAttachmentBytes: Number(env.FEED_INLINE_ATTACHMENT_BYTES ?? 256 * 1024),
  };
}

export type IngestOutcome =
  | { status: 'ignored'; reason: string }
  | { status: 'refused'; serviceId: string; reason: string }
  | {
      status: 'repeated' | 'accepted';
      serviceId: string;
      month: string;
      accepted: number;
      rejected: number;
      duplicates: number;
      regions: string[];
    };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * One uploaded feed: validate (pass 1: counts, errors, duplicates, content hash), skip if the
 * same content was already accepted for the month, else write the month snapshot of the
 * winning records (pass 2 over the same bytes, same sequence numbers), record the summary,
 * ask for matching in each region and queue the receipt.
 */
export async function ingestFeed(object: UploadedObject, logger: Logger): Promise<IngestOutcome> {
  const path = uploadPath(object.key);
  if (!path) return { status: 'ignored', reason: 'not under uploads/<service>/' };
  const store = new FeedStore();
  const service = await store.getService(path.serviceId);
  if (!service) {
    logger.warn('feed from an unregistered service', { serviceId: path.serviceId, bytes: object.size });
    return { status: 'ignored', reason: 'unregistered service' };
  }
  const head = await headObject(object.bucket, object.key);
  const uploader = head.Metadata?.uploader;
  const to = uploader && EMAIL.test(uploader) ? [uploader] : service.contacts;
  const month = today(new Date(object.eventTime)).slice(0, 7);
  const settings = feedSettings();
  const alerts = env('ALERT_OUTBOX_QUEUE_URL');

  let report: FeedReport;
  let tally: Awaited<ReturnType<typeof checkFeed>>['tally'];
  try {
    ({ report, tally } = await checkFeed(await getObjectStream(object.bucket, object.key), {
      ...settings,
      hash: true,
    }));
  } catch (error) {
    if (!(error instanceof FeedUnreadableError)) throw error;
    if (to.length) {
      await sendJson(
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
    logger.info('feed refused', { serviceId: service.id, reason: error.name });
    return { status: 'refused', serviceId: service.id, reason: error.message };
  }

  const outcome: FeedOutcome = {
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
    hash: report.hash!,
  };
  const counts = { accepted: report.accepted, rejected: report.rejected, duplicates: report.duplicates };
  const regions = Object.keys(report.regions).sort();

  const previous = await store.getSummary(service.id, month);
  if (previous?.hash === report.hash) {
    // Same bytes as the accepted feed: same receipt id, so alert-outbox sends it once.
    if (to.length) await sendJson(alerts, await receipt({ ...outcome, repeated: true }, to, object.bucket));
    return { status: 'repeated', serviceId: service.id, month, ...counts, regions };
  }

  const snapshotKeys = await writeSnapshots(object, service.id, month, tally);
  const summary: FeedSummary = {
    serviceId: service.id,
    month,
    hash: report.hash!,
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
  };
  await store.putSummary(summary);

  const matches = env('MATCH_REQUESTS_QUEUE_URL');
  const asOf = today(new Date(object.eventTime));
  for (const region of regions) await sendJson(matches, { reason: 'feed_received', region, asOf });
  if (to.length) await sendJson(alerts, await receipt(outcome, to, object.bucket));
  logger.info('feed accepted', { serviceId: service.id, month, ...counts, regions: regions.length });
  return { status: 'accepted', serviceId: service.id, month, ...counts, regions };
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

/** Pass 2: the winners of pass 1, one gzip JSON Lines file per region, uploaded to S3. */
async function writeSnapshots(
  object: UploadedObject,
  serviceId: string,
  month: string,
  tally: Awaited<ReturnType<typeof checkFeed>>['tally'],
): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'feed-'));
  const writers = new Map<string, { gzip: Gzip; file: WriteStream; path: string }>();
  try {
    const writerFor = (region: string) => {
      let w = writers.get(region);
      if (!w) {
        const path = join(dir, `${region}.jsonl.gz`);
        const gzip = createGzip();
        const file = createWriteStream(path);
        gzip.pipe(file);
        w = { gzip, file, path };
        writers.set(region, w);
      }
      return w;
    };
    const settings = feedSettings();
    await checkFeed(await getObjectStream(object.bucket, object.key), {
      ...settings,
      onVacancy: async (v: Vacancy, seq: number) => {
        if (!tally.isWinner(v.id, seq)) return;
        const { gzip } = writerFor(v.region);
        if (!gzip.write(`${JSON.stringify(v)}\n`)) await once(gzip, 'drain');
      },
    });
    const keys: string[] = [];
    for (const [region, w] of writers) {
      w.gzip.end();
      await once(w.file, 'close');
      const key = snapshotKey(region, month, serviceId);
      await putSnapshotFile(object.bucket, key, w.path);
      keys.push(key);
    }
    return keys.sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
