import type { Readable } from 'node:stream';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Upload } from '@aws-sdk/lib-storage';
import type { EmploymentService, FeedCounts } from '@uii/domain';
import { documentClient, s3Client } from './clients';
import { queryAll } from './query';

/**
 * Employment services and their monthly feeds (docs/adr/0007-feed-snapshots.md):
 *   - `SERVICE#<id>` / `PROFILE`: the registry entry; listed through the overloaded GSI
 *     (`gsi1pk = SERVICES`, `gsi1sk = SERVICE#<id>`) so neither the CLI nor FEED-MONTHLY scans.
 *   - `FEED#<service>#<YYYY-MM>` / `SUMMARY`: the accepted feed of that month (counts, hash,
 *     uploader, snapshot keys); listed per service with `gsi1pk = FEEDS#<service>`, `gsi1sk = <YYYY-MM>`
 *     (FEED-MONTHLY reads the summary of each registered service directly).
 *   - snapshots: `snapshots/<region>/<YYYY-MM>/<service>.jsonl.gz` in the uploads bucket.
 */
export interface FeedSummary extends FeedCounts {
  serviceId: string;
  month: string;
  hash: string;
  /** The upload the summary describes. */
  bucket: string;
  key: string;
  eTag: string;
  uploader?: string;
  receivedAt: string;
  truncated: boolean;
  /** Accepted vacancies per two-digit region. */
  regions: Record<string, number>;
  snapshotKeys: string[];
  /** How many different files were accepted for this month (a re-upload replaces the snapshot). */
  versions: number;
  /** When the feed this one replaced (same month, other content) had arrived. */
  replacedReceivedAt?: string;
  /**
   * Set once the steps after the commit (match requests, receipt) have all been sent. A retry
   * that finds the summary of its own upload without it sends them again (their ids make the
   * repeat harmless); with it, a second notification of the same object does nothing.
   */
  notifiedAt?: string;
}

export function snapshotKey(region: string, month: string, serviceId: string): string {
  return `snapshots/${region}/${month}/${serviceId}.jsonl.gz`;
}

export class FeedStore {
  constructor(
    readonly tableName: string = process.env.TABLE_NAME ?? '',
    private readonly db = documentClient(),
  ) {}

  async putService(service: EmploymentService): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `SERVICE#${service.id}`,
          sk: 'PROFILE',
          type: 'employment_service',
          gsi1pk: 'SERVICES',
          gsi1sk: `SERVICE#${service.id}`,
          ...service,
        },
      }),
    );
  }

  async getService(id: string): Promise<EmploymentService | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `SERVICE#${id}`, sk: 'PROFILE' } }),
    );
    return out.Item ? toService(out.Item) : undefined;
  }

  async listServices(): Promise<EmploymentService[]> {
    const items = await this.queryIndex('SERVICES');
    return items.map(toService);
  }

  async getSummary(serviceId: string, month: string): Promise<FeedSummary | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `FEED#${serviceId}#${month}`, sk: 'SUMMARY' } }),
    );
    return out.Item ? stripKeys<FeedSummary>(out.Item) : undefined;
  }

  /**
   * The commit of a feed: writes the month's summary unless it already describes this content.
   * Returns false when it does (another delivery of the same object, or the same bytes again):
   * the caller then reads the summary to learn which.
   */
  async putSummary(summary: FeedSummary): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `FEED#${summary.serviceId}#${summary.month}`,
            sk: 'SUMMARY',
            type: 'feed_summary',
            gsi1pk: `FEEDS#${summary.serviceId}`,
            gsi1sk: summary.month,
            ...summary,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #hash <> :hash',
          ExpressionAttributeNames: { '#hash': 'hash' },
          ExpressionAttributeValues: { ':hash': summary.hash },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Marks the summary's follow-up steps as sent (only while it still describes that content). */
  async markNotified(serviceId: string, month: string, hash: string, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `FEED#${serviceId}#${month}`, sk: 'SUMMARY' },
          UpdateExpression: 'SET notifiedAt = :at',
          ConditionExpression: '#hash = :hash',
          ExpressionAttributeNames: { '#hash': 'hash' },
          ExpressionAttributeValues: { ':hash': hash, ':at': at },
        }),
      );
    } catch (error) {
      // A newer feed replaced it meanwhile: that one carries its own mark.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Every accepted month of one service, oldest first. */
  async listSummaries(serviceId: string): Promise<FeedSummary[]> {
    const items = await this.queryIndex(`FEEDS#${serviceId}`);
    return items.map((i) => stripKeys<FeedSummary>(i));
  }

  private queryIndex(partition: string): Promise<Record<string, unknown>[]> {
    return queryAll(
      {
        TableName: this.tableName,
        IndexName: 'byDue',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': partition },
      },
      { client: this.db },
    );
  }
}

/**
 * Streams one snapshot (gzip JSON Lines) to S3 with lib-storage: multipart for large regions,
 * parts of 8 MB, two in flight, so memory stays bounded whatever the region's size.
 */
export async function uploadSnapshot(bucket: string, key: string, body: Readable): Promise<void> {
  await new Upload({
    client: s3Client(),
    params: {
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: 'application/x-ndjson',
      ContentEncoding: 'gzip',
    },
    partSize: 8 * 1024 * 1024,
    queueSize: 2,
  }).done();
}

/** Removes snapshots a replacing feed no longer covers (regions it dropped). */
export async function deleteSnapshots(bucket: string, keys: readonly string[]): Promise<void> {
  // One request per key: at most a few dozen regions, and no Content-MD5 dance (DeleteObjects).
  for (const Key of keys) await s3Client().send(new DeleteObjectCommand({ Bucket: bucket, Key }));
}

function toService(item: Record<string, unknown>): EmploymentService {
  return {
    id: String(item.id),
    name: String(item.name ?? item.id),
    regions: (item.regions as string[] | undefined) ?? [],
    contacts: (item.contacts as string[] | undefined) ?? [],
    officers: (item.officers as string[] | undefined) ?? [],
  };
}

function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as T;
}
