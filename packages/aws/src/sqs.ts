import {
  ChangeMessageVisibilityCommand,
  GetQueueUrlCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { sqsClient } from './clients';

export class QueueSendError extends Error {
  override readonly name = 'QueueSendError';
}

/** Sends one JSON message. */
export async function sendJson(queueUrl: string, body: unknown, options: { delaySeconds?: number } = {}) {
  const out = await sqsClient().send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(body),
      DelaySeconds: options.delaySeconds,
    }),
  );
  return out.MessageId;
}

/** Sends many JSON messages, ten per request (the SQS limit); throws if any entry failed. */
export async function sendJsonBatch(queueUrl: string, bodies: readonly unknown[]): Promise<void> {
  for (let start = 0; start < bodies.length; start += 10) {
    const chunk = bodies.slice(start, start + 10);
    const out = await sqsClient().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((body, i) => ({ Id: String(i), MessageBody: JSON.stringify(body) })),
      }),
    );
    if (out.Failed?.length) {
      const first = out.Failed[0]!;
      throw new QueueSendError(
        `${out.Failed.length} message(s) not sent to ${queueUrl}: ${first.Code} ${first.Message}`,
      );
    }
  }
}

const queueUrls = new Map<string, Promise<string | undefined>>();

/** The URL of a queue named by its ARN (looked up once per queue and process). */
export function queueUrlOf(queueArn: string): Promise<string | undefined> {
  let url = queueUrls.get(queueArn);
  if (!url) {
    const [, , , , account, name] = queueArn.split(':');
    url = sqsClient()
      .send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }))
      .then((out) => out.QueueUrl);
    url.catch(() => queueUrls.delete(queueArn));
    queueUrls.set(queueArn, url);
  }
  return url;
}

/** SQS's longest visibility timeout. */
export const MAX_VISIBILITY_SECONDS = 12 * 3600;

/**
 * Makes a received message invisible for `seconds` from now: a record that failed because
 * another attempt holds it comes back when that hold ends, not before (each early receive
 * would spend one of the queue's maxReceiveCount for nothing).
 */
export async function deferMessage(queueArn: string, receiptHandle: string, seconds: number): Promise<void> {
  const queueUrl = await queueUrlOf(queueArn);
  if (!queueUrl) return;
  await sqsClient().send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, Math.ceil(seconds))),
    }),
  );
}
