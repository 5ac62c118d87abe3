import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { dynamoClient } from '@uii/aws';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * The one shape every queue consumer has (see docs/adr/0004-handlers.md):
 *   parse the record → call the domain → persist/emit, per record, with partial batch
 *   responses (only failed records come back) and idempotency keyed per record.
 *
 * `key` names what makes two deliveries "the same": by default the SQS message id, but
 * handlers whose producers may send the same fact twice key on the fact (event id, S3 ETag…).
 */
export interface SqsConsumer<T> {
  service: string;
  /** Turns the raw record into the handler's input; throw to fail this record. */
  parse: (record: SQSRecord) => T;
  /** The idempotency key of one parsed record. */
  key?: (item: T, record: SQSRecord) => string;
  /** The work. Its JSON-serialisable result is remembered for repeated deliveries. */
  handle: (item: T, tools: { logger: Logger; record: SQSRecord }) => Promise<unknown>;
}

export function sqsBatchHandler<T>(consumer: SqsConsumer<T>) {
  const logger = new Logger({ serviceName: consumer.service });
  const processor = new BatchProcessor(EventType.SQS);
  const idempotencyTable = process.env.IDEMPOTENCY_TABLE_NAME;

  // `item` rides along with the payload so each record is parsed once; only `key` is hashed.
  const work = async (input: { key: string; record: SQSRecord; item: T }) =>
    consumer.handle(input.item, { logger, record: input.record });

  const config = idempotencyTable
    ? new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: 7 * 24 * 3600 })
    : undefined;
  const processOnce =
    idempotencyTable && config
      ? makeIdempotent(work, {
          persistenceStore: new DynamoDBPersistenceLayer({
            tableName: idempotencyTable,
            awsSdkV3Client: dynamoClient(),
          }),
          config,
        })
      : work;

  const recordHandler = async (record: SQSRecord) => {
    const item = consumer.parse(record);
    const key = consumer.key ? consumer.key(item, record) : record.messageId;
    return processOnce({ key, record, item });
  };

  const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    config?.registerLambdaContext(context);
    return processPartialResponse(event, recordHandler, processor, { context });
  };

  return middy(handler).use(injectLambdaContext(logger, { resetKeys: true }));
}
