import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { REGION } from './env';
import type { EventSourceMappingSpec } from './template';

export interface PollerOptions {
  sqs: SQSClient;
  mapping: EventSourceMappingSpec;
  queueUrl: string;
  queueArn: string;
  invoke: (event: SQSEvent) => Promise<unknown>;
  /** Caps the template's batching window (tests want batches at once). */
  maxBatchingWindowSeconds?: number;
  /** Reports handler errors; the poller itself keeps going, as Lambda does. */
  onError?: (error: unknown) => void;
  /** Idle pause between empty short polls. */
  idleMs?: number;
}

export interface Poller {
  stop(): Promise<void>;
  /** Resolves when no invocation is running (used by drain()). */
  idle(): Promise<void>;
  busy(): boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Turns an SQS message into the record Lambda hands a function. */
export function toSqsRecord(message: Message, queueArn: string): SQSRecord {
  const a = message.Attributes ?? {};
  const attributes: SQSRecord['attributes'] = {
    ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
    SentTimestamp: a.SentTimestamp ?? String(Date.now()),
    SenderId: a.SenderId ?? 'AIDAIENQZJOLO23YVJ4VO',
    ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp || String(Date.now()),
  };
  if (a.MessageGroupId) attributes.MessageGroupId = a.MessageGroupId;
  if (a.MessageDeduplicationId) attributes.MessageDeduplicationId = a.MessageDeduplicationId;
  if (a.SequenceNumber) attributes.SequenceNumber = a.SequenceNumber;
  if (a.AWSTraceHeader) attributes.AWSTraceHeader = a.AWSTraceHeader;
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    // Lambda spells these in camelCase, unlike the SQS API.
    messageAttributes[name] = {
      dataType: value.DataType ?? 'String',
      stringValue: value.StringValue,
      binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined,
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes,
    messageAttributes,
    md5OfBody: message.MD5OfBody!,
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: REGION,
  };
}

/** The message ids a function reported as failed; everything else in the batch succeeded. */
export function failedIds(result: unknown, mapping: EventSourceMappingSpec, batch: SQSRecord[]): Set<string> {
  if (!mapping.reportBatchItemFailures) return new Set();
  const failures = (result as SQSBatchResponse | undefined)?.batchItemFailures;
  if (!Array.isArray(failures)) return new Set();
  const ids = new Set(failures.map((f) => f.itemIdentifier));
  // Lambda treats a failure naming an unknown id (or an empty id) as a failure of the whole batch.
  if ([...ids].some((id) => !id || !batch.some((r) => r.messageId === id)))
    return new Set(batch.map((r) => r.messageId));
  return ids;
}

/**
 * One poller per event-source mapping, with Lambda's semantics: collect up to BatchSize
 * messages within the batching window, invoke once, delete only what succeeded. Failed
 * messages stay in flight until their visibility timeout ends; the emulator's redrive
 * policy moves them to the DLQ after maxReceiveCount receives.
 *
 * Short polls (WaitTimeSeconds 0) on purpose: local-aws-sqs hands a message out twice when a
 * long poll outlives the visibility timeout.
 */
export function startPoller(options: PollerOptions): Poller {
  const { sqs, mapping, queueUrl, queueArn } = options;
  const windowMs =
    Math.min(
      mapping.maximumBatchingWindowInSeconds,
      options.maxBatchingWindowSeconds ?? Number.POSITIVE_INFINITY,
    ) * 1000;
  const idleMs = options.idleMs ?? 100;
  let running = true;
  let invoking = false;
  let idleWaiters: (() => void)[] = [];
  let emptyPolls = 0;

  const receive = async (max: number): Promise<Message[]> => {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, max),
        WaitTimeSeconds: 0,
        // Both spellings: local-aws-sqs only reads the older AttributeNames.
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    return out.Messages ?? [];
  };

  const collect = async (): Promise<Message[]> => {
    const batch = await receive(mapping.batchSize);
    if (batch.length === 0) return batch;
    const windowEnds = Date.now() + windowMs;
    while (running && batch.length < mapping.batchSize) {
      const more = await receive(mapping.batchSize - batch.length);
      batch.push(...more);
      if (Date.now() >= windowEnds) break;
      if (more.length === 0) await sleep(Math.min(idleMs, Math.max(0, windowEnds - Date.now())));
    }
    return batch;
  };

  const loop = async () => {
    while (running) {
      let messages: Message[];
      try {
        messages = await collect();
      } catch (error) {
        if (running) options.onError?.(error);
        await sleep(500);
        continue;
      }
      if (messages.length === 0) {
        for (const w of idleWaiters) w();
        idleWaiters = [];
        // Back off while the queue stays empty (up to 2.5× idleMs): five pollers idling must not load the machine.
        emptyPolls += 1;
        await sleep(Math.min(idleMs * 2.5, idleMs * (0.5 + emptyPolls / 4)));
        continue;
      }
      emptyPolls = 0;
      invoking = true;
      const records = messages.map((m) => toSqsRecord(m, queueArn));
      let failed: Set<string>;
      try {
        const result = await options.invoke({ Records: records });
        failed = failedIds(result, mapping, records);
      } catch (error) {
        // A thrown error fails the whole batch: every message comes back after its visibility timeout.
        failed = new Set(records.map((r) => r.messageId));
        options.onError?.(error);
      }
      const done = records.filter((r) => !failed.has(r.messageId));
      try {
        for (let i = 0; i < done.length; i += 10) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: done
                .slice(i, i + 10)
                .map((r, j) => ({ Id: String(j), ReceiptHandle: r.receiptHandle })),
            }),
          );
        }
      } catch (error) {
        if (running) options.onError?.(error);
      }
      invoking = false;
    }
    for (const w of idleWaiters) w();
  };
  const finished = loop();

  return {
    busy: () => invoking,
    idle: () => (invoking ? new Promise<void>((r) => idleWaiters.push(r)) : Promise.resolve()),
    stop: async () => {
      running = false;
      await finished;
    },
  };
}
