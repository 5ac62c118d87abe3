import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type MessageAttributeValue,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { queueUrlOf, sqsClient } from '@uii/aws';
import type { SQSRecord } from 'aws-lambda';
import type { FailureReason } from './failures';

/**
 * A record that can never succeed (its body fails the consumer's parse or schema) goes to its
 * queue's DLQ at once instead of after maxReceiveCount receives: the consumer sends a copy there,
 * with why it failed as message attributes, then acknowledges the original
 * (docs/adr/0032-permanent-failures-to-the-dlq.md). The DLQ is the one the queue's redrive
 * policy names (sqs:GetQueueAttributes on the source queue, which the event source mapping
 * grants; sqs:SendMessage on that DLQ alone).
 */
export const FAILURE_ATTRIBUTES = {
  errorName: 'uii.failure.errorName',
  reason: 'uii.failure.reason',
  service: 'uii.failure.service',
  /** The message id the consumer received (its log line and failure record carry it). */
  sourceMessageId: 'uii.failure.sourceMessageId',
} as const;

/** SQS allows ten message attributes: the originals keep what is left beside ours. */
const MAX_ATTRIBUTES = 10;

const dlqUrls = new Map<string, Promise<string>>();

/** The URL of the DLQ of the queue with this ARN (from its redrive policy; once per process). */
function deadLetterQueueUrlOf(queueArn: string): Promise<string> {
  let url = dlqUrls.get(queueArn);
  if (!url) {
    url = (async () => {
      const source = await queueUrlOf(queueArn);
      if (!source) throw new Error(`no URL for queue ${queueArn}`);
      const out = await sqsClient().send(
        new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ['RedrivePolicy'] }),
      );
      const policy = out.Attributes?.RedrivePolicy;
      if (!policy) throw new Error(`queue ${queueArn} has no redrive policy`);
      const dlqArn = (JSON.parse(policy) as { deadLetterTargetArn: string }).deadLetterTargetArn;
      const dlq = await queueUrlOf(dlqArn);
      if (!dlq) throw new Error(`no URL for queue ${dlqArn}`);
      return dlq;
    })();
    url.catch(() => dlqUrls.delete(queueArn));
    dlqUrls.set(queueArn, url);
  }
  return url;
}

/** Sends the record, as received, to its queue's DLQ with the failure as attributes; returns the new message id. */
export async function sendToDeadLetterQueue(
  record: SQSRecord,
  failure: FailureReason & { service: string },
): Promise<string | undefined> {
  if (!record.eventSourceARN) throw new Error('record without its queue ARN');
  const ours: Record<string, MessageAttributeValue> = {
    [FAILURE_ATTRIBUTES.errorName]: { DataType: 'String', StringValue: failure.errorName },
    [FAILURE_ATTRIBUTES.reason]: { DataType: 'String', StringValue: failure.reason },
    [FAILURE_ATTRIBUTES.service]: { DataType: 'String', StringValue: failure.service },
    [FAILURE_ATTRIBUTES.sourceMessageId]: { DataType: 'String', StringValue: record.messageId },
  };
  const kept = Object.entries(record.messageAttributes ?? {})
    .filter(([name, a]) => !name.startsWith('uii.failure.') && (a.stringValue !== undefined || a.binaryValue))
    .slice(0, MAX_ATTRIBUTES - Object.keys(ours).length)
    .map(([name, a]): [string, MessageAttributeValue] => [
      name,
      a.stringValue !== undefined
        ? { DataType: a.dataType, StringValue: a.stringValue }
        : { DataType: a.dataType, BinaryValue: Buffer.from(a.binaryValue!, 'base64') },
    ]);
  const out = await sqsClient().send(
    new SendMessageCommand({
      QueueUrl: await deadLetterQueueUrlOf(record.eventSourceARN),
      MessageBody: record.body,
      MessageAttributes: { ...Object.fromEntries(kept), ...ours },
    }),
  );
  return out.MessageId;
}

/** Deletes a received record from its queue (the deadline guard, once its DLQ copy is sent). */
export async function acknowledge(record: SQSRecord): Promise<void> {
  const queueUrl = record.eventSourceARN ? await queueUrlOf(record.eventSourceARN) : undefined;
  if (!queueUrl) throw new Error('record without its queue');
  await sqsClient().send(
    new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: record.receiptHandle }),
  );
}
