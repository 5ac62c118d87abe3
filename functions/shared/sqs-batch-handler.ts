import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import { SnsSqsNotificationSchema } from '@aws-lambda-powertools/parser/schemas/sns';
import middy from '@middy/core';
import { deferMessage, dynamoClient } from '@uii/aws';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { acknowledge, sendToDeadLetterQueue } from './dead-letter';
import { setting, settingsOf } from './env';
import { failureReason, putFailureRecord, redact } from './failures';

/**
 * How a queue's body wraps the payload the consumer's schema describes:
 * - `json`: the body is the payload as JSON (our own producers: sendJson / sendJsonBatch);
 * - `sns`: the body is an SNS notification (raw delivery off) whose `Message` is the payload
 *   as JSON — Powertools' SnsSqsEnvelope shape.
 */
export type Envelope = 'json' | 'sns';

interface ConsumerBase<T> {
  service: string;
  /** The idempotency key of one parsed record. */
  key?: (item: T, record: SQSRecord) => string;
  /** The work. Its JSON-serialisable result is remembered for repeated deliveries. */
  handle: (item: T, tools: { logger: Logger; record: SQSRecord }) => Promise<unknown>;
  /**
   * Errors of `handle` that no retry can cure (an event the domain refuses): sent to the DLQ
   * at once, like a record that fails `parse` or `schema`. Default: none.
   */
  permanent?: (error: unknown) => boolean;
}

/**
 * The one shape every queue consumer has (see docs/adr/0004-handlers.md):
 *   parse the record → call the domain → persist/emit, per record, with partial batch
 *   responses (only failed records come back) and idempotency keyed per record.
 *
 * Parsing is either a zod `schema` of the payload (preferred: Powertools' parser integration,
 * a record that does not match fails alone with the failing path as its reason) or, for
 * consumers not yet moved, a hand-written `parse`. Every failed record is logged with its
 * message id, error name and message (never the body) and gets a failure record that
 * `uii dlq list` shows beside the dead letter (docs/adr/0025-failure-reasons.md).
 *
 * `key` names what makes two deliveries "the same": by default the SQS message id, but
 * handlers whose producers may send the same fact twice key on the fact (event id, S3 ETag…).
 * Keys are prefixed with the service name, so two functions never share a record.
 */
export type SqsConsumer<T> = ConsumerBase<T> &
  (
    | {
        /** Turns the raw record into the handler's input; throw to fail this record. */
        parse: (record: SQSRecord) => T;
        schema?: never;
        envelope?: never;
      }
    | {
        /** The payload's schema (zod). */
        schema: z.ZodType<T>;
        /** Default `json`. */
        envelope?: Envelope;
        parse?: never;
      }
  );

/** An S3 event notification as S3 sends it to a queue, or the `s3:TestEvent` sent on set-up. */
export const S3NotificationSchema = z.union([
  S3Schema,
  z.object({ Event: z.literal('s3:TestEvent'), Service: z.string(), Bucket: z.string() }).loose(),
]);
export type S3Notification = z.infer<typeof S3NotificationSchema>;

/** The schema Powertools' batch parser applies to the body (before the SQS record schema). */
export function bodySchema<T>(schema: z.ZodType<T>, envelope: Envelope = 'json'): z.ZodType<T> {
  if (envelope === 'sns')
    return JSONStringified(SnsSqsNotificationSchema.extend({ Message: JSONStringified(schema) })).transform(
      (n) => n.Message as T,
    ) as unknown as z.ZodType<T>;
  return JSONStringified(schema) as unknown as z.ZodType<T>;
}

/** Forwards to the logger with every message redacted (see failures.ts). */
function redactingLogger(logger: Logger) {
  // Extra arguments (errors, objects) are dropped: they may carry the body.
  const wrap = (level: 'debug' | 'info' | 'warn' | 'error') => (message: unknown) =>
    logger[level](redact(String(message)));
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

/**
 * The consumer's settings, validated at cold start. `MAX_RECEIVE_COUNT` is its queue's
 * redrive maxReceiveCount (infra passes infra/lib/queues.ts MAX_RECEIVE_COUNT; SQS allows
 * 1–1000): receives before the DLQ. Absent only outside a deployment (unit tests): 5.
 */
const BatchSettings = z.object({ MAX_RECEIVE_COUNT: setting.int(1, 1000).default(5) });

const queueOf = (record: SQSRecord) =>
  record.eventSourceARN?.slice(record.eventSourceARN.lastIndexOf(':') + 1);

/** Errors of a record's body (its parse or schema failed): the same body can never succeed. */
const invalidBodies = new WeakSet<object>();
const invalidBody = (error: unknown): Error => {
  const e = error instanceof Error ? error : new Error(String(error));
  invalidBodies.add(e);
  return e;
};

interface Failure {
  record: SQSRecord;
  error: unknown;
  /** Sent to the DLQ at once (a permanent failure), as this message id there. */
  deadLetter?: { messageId?: string } | { error: unknown };
}
type BatchRecord = Parameters<BatchProcessor['failureHandler']>[0];

/**
 * Remembers each failed record with its error (the parser's and the handler's alike). A record
 * that is to go to the DLQ now (a permanent failure) is sent there and
 * then counts as handled (acknowledged); if that send fails, it fails as any record does and
 * the queue's redrive policy takes over.
 */
class RecordingProcessor extends BatchProcessor {
  failures: Failure[] = [];
  /** Records that finished this batch (either way). */
  done = new Set<string>();
  /** Records the deadline guard dead-lettered: whatever their attempt does later is moot. */
  settled = new Set<string>();
  #toDeadLetter = new Map<string, Failure>();
  constructor(
    options: ConstructorParameters<typeof BatchProcessor>[1],
    readonly deadLetterNow: (record: SQSRecord, error: unknown) => boolean,
    readonly deadLetter: (failure: Failure) => Promise<string | undefined>,
  ) {
    super(EventType.SQS, options);
  }
  reset() {
    this.failures = [];
    this.done = new Set();
    this.settled = new Set();
  }
  override failureHandler(record: BatchRecord, error: Error) {
    const failure: Failure = { record: record as SQSRecord, error };
    if (this.settled.has(failure.record.messageId)) return super.failureHandler(record, error);
    this.failures.push(failure);
    if (!this.deadLetterNow(failure.record, error)) return super.failureHandler(record, error);
    this.#toDeadLetter.set(failure.record.messageId, failure);
    return ['fail', error.message, record] as ReturnType<BatchProcessor['failureHandler']>;
  }
  override async processRecord(record: BatchRecord) {
    const outcome = await super.processRecord(record);
    const id = (record as SQSRecord).messageId;
    this.done.add(id);
    const failure = this.#toDeadLetter.get(id);
    if (!failure) return outcome;
    this.#toDeadLetter.delete(id);
    try {
      const messageId = await this.deadLetter(failure);
      failure.deadLetter = { messageId };
      return this.successHandler(record, { deadLetter: messageId });
    } catch (error) {
      failure.deadLetter = { error };
      return super.failureHandler(record, failure.error as Error);
    }
  }
}

/** A record still running when its function is about to be ended (Lambda's timeout). */
export class DeadlineNearError extends Error {
  override readonly name = 'DeadlineNearError';
}

/** How long before the deadline the guard acts: a tenth of the time, 0.5–3 s. */
const deadlineMarginMs = (remainingMs: number) => Math.max(500, Math.min(3000, remainingMs / 10));

export function sqsBatchHandler<T>(consumer: SqsConsumer<T>) {
  const { MAX_RECEIVE_COUNT: maxReceiveCount } = settingsOf(BatchSettings);
  const logger = new Logger({ serviceName: consumer.service });
  // Permanent: the body fails the parse or schema, or the consumer says so of its error.
  const isPermanent = (error: unknown) =>
    (error instanceof Error && (invalidBodies.has(error) || error.name === 'ParsingError')) ||
    Boolean(consumer.permanent?.(error));
  // The last receive before SQS's redrive policy would move it (the deadline guard below).
  const lastReceive = (record: SQSRecord) =>
    Number(record.attributes?.ApproximateReceiveCount ?? 1) >= maxReceiveCount;
  const deadLetterNow = (_record: SQSRecord, error: unknown) => isPermanent(error);
  const deadLetter = (failure: Failure) =>
    sendToDeadLetterQueue(failure.record, { ...failureReason(failure.error), service: consumer.service });
  const processor = new RecordingProcessor(
    consumer.schema
      ? ({
          parser,
          // The SQS record schema of Powertools, with our body schema in place of `body`.
          innerSchema: bodySchema(consumer.schema, consumer.envelope),
          // Powertools logs parse issues at DEBUG; a JSON.parse message quotes the body: redact it.
          logger: redactingLogger(logger),
        } as never)
      : undefined,
    deadLetterNow,
    deadLetter,
  );
  const idempotencyTable = process.env.IDEMPOTENCY_TABLE_NAME;

  // `item` rides along with the payload so each record is parsed once; only `key` is hashed.
  const work = async (input: { key: string; record: SQSRecord; item: T }) =>
    storable(await consumer.handle(input.item, { logger, record: input.record }));

  const config = idempotencyTable
    ? new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: 7 * 24 * 3600 })
    : undefined;
  const persistenceStore = idempotencyTable
    ? new DynamoDBPersistenceLayer({ tableName: idempotencyTable, awsSdkV3Client: dynamoClient() })
    : undefined;
  const processOnce =
    persistenceStore && config
      ? makeIdempotent(work, {
          persistenceStore,
          config,
          // As on Lambda (function name + handler), but the same locally, where every function
          // shares one process and AWS_LAMBDA_FUNCTION_NAME cannot tell them apart.
          keyPrefix: `${consumer.service}.work`,
        })
      : work;

  let originals = new Map<string, SQSRecord>();
  const recordHandler = async (received: SQSRecord) => {
    const record = originals.get(received.messageId) ?? received;
    let item: T;
    try {
      item = consumer.schema ? (received.body as unknown as T) : consumer.parse(record);
    } catch (error) {
      throw invalidBody(error);
    }
    const key = consumer.key ? consumer.key(item, record) : record.messageId;
    const input = { key, record, item };
    try {
      return await processOnce(input);
    } catch (error) {
      await deferWhileHeld(error, input);
      throw error;
    }
  };

  /**
   * A record another attempt holds (Powertools' in-progress record, an alert claim) fails,
   * and comes back when that hold ends rather than after the queue's visibility timeout: a
   * hold left by an attempt that died (its end, or the answer to its write, lost) lasts until
   * that attempt's deadline, and retries inside it would only spend the queue's receives and
   * send the message to the DLQ, or fail again when an operator redrives it
   * (docs/adr/0011-case-events-after-commit.md, issue 14 proof 1).
   */
  const deferWhileHeld = async (error: unknown, input: { key: string; record: SQSRecord; item: T }) => {
    // The first receives retry after the visibility timeout as usual: a copy racing a live
    // attempt finds it finished by then. From the third on (a hold that outlived two receives
    // was most likely left by an attempt that died), wait for the hold to end, with receives
    // to spare before the DLQ.
    const receives = Number(input.record.attributes?.ApproximateReceiveCount ?? 1);
    if (receives < Math.min(3, maxReceiveCount - 2)) return;
    const heldMs = await heldForMs(error, input);
    if (heldMs === undefined || !input.record.eventSourceARN || !input.record.receiptHandle) return;
    try {
      await deferMessage(input.record.eventSourceARN, input.record.receiptHandle, heldMs / 1000 + 1);
    } catch (deferError) {
      // The record then comes back after the visibility timeout, as any failed record.
      logger.warn('failed record not deferred', {
        messageId: input.record.messageId,
        ...failureReason(deferError),
      });
    }
  };

  const heldForMs = async (error: unknown, input: unknown): Promise<number | undefined> => {
    const retryAfterMs = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    if (typeof retryAfterMs === 'number') return Math.max(0, retryAfterMs);
    if ((error as Error | undefined)?.name !== 'IdempotencyAlreadyInProgressError' || !persistenceStore)
      return undefined;
    try {
      const held = await persistenceStore.getRecord(input as never);
      return held.inProgressExpiryTimestamp
        ? Math.max(0, held.inProgressExpiryTimestamp - Date.now())
        : undefined;
    } catch {
      return undefined; // gone (completed or deleted) meanwhile: the next receive goes through
    }
  };

  const reportFailures = async () => {
    const failures = processor.failures;
    processor.failures = [];
    await Promise.all(
      failures.map(async ({ record, error, deadLetter }) => {
        const why = failureReason(error);
        const entry = {
          messageId: record.messageId,
          service: consumer.service,
          queue: queueOf(record) ?? consumer.service,
          receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 0),
          bytes: Buffer.byteLength(record.body ?? ''),
          ...why,
        };
        // Another delivery of the same record is being processed right now: SQS retries this
        // one after the visibility timeout, nothing is wrong yet (it is logged, not alarming).
        // `service` is the logger's own key (it already carries the consumer's name).
        const { service: _service, ...logged } = entry;
        if (deadLetter)
          Object.assign(
            logged,
            'error' in deadLetter
              ? { deadLettered: false, deadLetterFailure: failureReason(deadLetter.error).errorName }
              : { deadLettered: true, deadLetterMessageId: deadLetter.messageId },
          );
        if (why.errorName === 'IdempotencyAlreadyInProgressError')
          logger.warn('record failed: another delivery is in progress, retried later', logged);
        else logger.error('record failed', logged);
        if (!idempotencyTable) return;
        try {
          await putFailureRecord(idempotencyTable, { ...entry, failedAt: new Date().toISOString() });
        } catch (writeError) {
          logger.warn('failure record not written', {
            messageId: record.messageId,
            ...failureReason(writeError),
          });
        }
      }),
    );
  };

  /**
   * Shortly before the function's deadline, records still running on their last receive go to
   * the DLQ with the reason «timed out» and are deleted from their queue: Lambda will end the
   * invocation, and the redrive policy would move them with no reason at all (every attempt
   * stuck on a call that never answered). Their attempt's later outcome is ignored; if it
   * did finish, the DLQ copy is harmless (consumers are idempotent).
   */
  const guardDeadline = (event: SQSEvent, context: Context) => {
    const remaining = context.getRemainingTimeInMillis?.();
    if (!remaining || !Number.isFinite(remaining)) return () => {};
    const margin = deadlineMarginMs(remaining);
    const timer = setTimeout(() => {
      const stuck = event.Records.filter((r) => lastReceive(r) && !processor.done.has(r.messageId));
      if (stuck.length === 0) return;
      void (async () => {
        await Promise.all(
          stuck.map(async (record) => {
            processor.settled.add(record.messageId);
            const failure: Failure = {
              record,
              error: new DeadlineNearError(
                `still running ${(margin / 1000).toFixed(1)} s before the function's deadline: a call it waits on did not answer`,
              ),
            };
            processor.failures.push(failure);
            try {
              const messageId = await deadLetter(failure);
              await acknowledge(record);
              failure.deadLetter = { messageId };
            } catch (error) {
              failure.deadLetter = { error };
            }
          }),
        );
        await reportFailures();
      })();
    }, remaining - margin);
    timer.unref?.();
    return () => clearTimeout(timer);
  };

  const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    config?.registerLambdaContext(context);
    originals = new Map(event.Records.map((r) => [r.messageId, r]));
    processor.reset();
    const stopGuard = guardDeadline(event, context);
    try {
      return await processPartialResponse(event, recordHandler as never, processor, { context });
    } finally {
      stopGuard();
      // Also when every record failed (Powertools then throws, which Lambda counts as an error).
      await reportFailures();
    }
  };

  return middy(handler).use(injectLambdaContext(logger, { resetKeys: true }));
}

/**
 * The result as the idempotency record can store it. Powertools marshals it without
 * `removeUndefinedValues`, so one `undefined` field (`{ sesMessageId: undefined }`) made saving
 * the record fail on every delivery, and the record went to the DLQ after its work was done.
 */
function storable<R>(result: R): R {
  return result === undefined ? result : (JSON.parse(JSON.stringify(result)) as R);
}
