import { createReadStream, statSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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

  async putSummary(summary: FeedSummary): Promise<void> {
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
      }),
    );
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

/** Uploads a snapshot file written to local disk (gzip JSON Lines). */
export async function putSnapshotFile(bucket: string, key: string, path: string): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: createReadStream(path),
      ContentLength: statSync(path).size,
      ContentType: 'application/x-ndjson',
      ContentEncoding: 'gzip',
    }),
  );
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
