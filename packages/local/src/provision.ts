import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ResourceIndex } from './env';
import type { QueueSpec, StackModel, TableSpec } from './template';

export interface Clients {
  dynamo: DynamoDBClient;
  sqs: SQSClient;
  s3: S3Client;
}

export interface ProvisionOptions {
  /** Tests shorten visibility timeouts so a poison message reaches its DLQ in seconds. */
  visibilityTimeoutSeconds?: number;
}

/** Queues in an order where every DLQ exists before the queue that points at it. */
function dlqFirst(queues: QueueSpec[]): QueueSpec[] {
  const dlqs = new Set(queues.flatMap((q) => (q.redrive ? [q.redrive.deadLetterQueue] : [])));
  return [...queues.filter((q) => dlqs.has(q.name)), ...queues.filter((q) => !dlqs.has(q.name))];
}

export function effectiveVisibility(queue: QueueSpec, options: ProvisionOptions): number {
  return options.visibilityTimeoutSeconds ?? queue.visibilityTimeout;
}

async function createTable(dynamo: DynamoDBClient, table: TableSpec): Promise<void> {
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: table.name,
        KeySchema: table.keySchema,
        AttributeDefinitions: table.attributeDefinitions,
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: table.globalSecondaryIndexes.length
          ? table.globalSecondaryIndexes.map((g) => ({
              IndexName: g.IndexName,
              KeySchema: g.KeySchema,
              Projection: {
                ProjectionType: (g.Projection.ProjectionType ?? 'ALL') as 'ALL' | 'KEYS_ONLY' | 'INCLUDE',
                NonKeyAttributes: g.Projection.NonKeyAttributes,
              },
            }))
          : undefined,
      }),
    );
  } catch (error) {
    // Kept data from an earlier run (.local/dynamodb): the table is already there.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  if (table.ttlAttribute) {
    try {
      await dynamo.send(
        new UpdateTimeToLiveCommand({
          TableName: table.name,
          TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
        }),
      );
    } catch (error) {
      // "TimeToLive is already enabled" on a kept table.
      if (!/already enabled/i.test((error as Error).message)) throw error;
    }
  }
}

/** Creates in the emulators the queues, tables and buckets the template declares. */
export async function provision(
  model: StackModel,
  clients: Clients,
  index: ResourceIndex,
  options: ProvisionOptions = {},
): Promise<void> {
  for (const queue of dlqFirst(model.queues)) {
    const attributes: Record<string, string> = {
      VisibilityTimeout: String(effectiveVisibility(queue, options)),
    };
    if (queue.messageRetentionPeriod)
      attributes.MessageRetentionPeriod = String(queue.messageRetentionPeriod);
    if (queue.delaySeconds) attributes.DelaySeconds = String(queue.delaySeconds);
    if (queue.redrive)
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: index.queueArn(queue.redrive.deadLetterQueue),
        maxReceiveCount: queue.redrive.maxReceiveCount,
      });
    await clients.sqs.send(new CreateQueueCommand({ QueueName: queue.name, Attributes: attributes }));
  }
  await Promise.all(model.tables.map((t) => createTable(clients.dynamo, t)));
  for (const bucket of model.buckets) {
    try {
      await clients.s3.send(new CreateBucketCommand({ Bucket: bucket.name }));
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
    }
  }
}
