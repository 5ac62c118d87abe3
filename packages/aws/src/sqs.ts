import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
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
