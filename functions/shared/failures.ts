import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoClient } from '@uii/aws';

/**
 * Why a record failed, in a form safe to log and to keep next to the dead letter
 * (docs/adr/0025-failure-reasons.md): the error's name and message, never the body and never
 * the error's `cause` (a JSON.parse or zod cause quotes the input). Messages written by other
 * code may still quote data (`Unexpected token 'И', "Иванов"…`), so quoted spans, e-mail
 * addresses, phone-like digit runs and dotted dates are blanked and the text is capped.
 */
export interface FailureReason {
  errorName: string;
  reason: string;
}

const MAX_REASON = 300;

export function redact(text: string): string {
  return text
    .replace(
      /"(?:[^"\\\n]|\\.){0,2000}"|'(?:[^'\\\n]|\\.){0,2000}'|«[^»\n]{0,2000}»|`[^`\n]{0,2000}`/g,
      '"…"',
    )
    .replace(/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+/g, '<email>')
    .replace(/\b\d{1,2}\.\d{1,2}\.\d{2,4}\b/g, '<date>')
    .replace(/\+?\d[\d ()-]{7,}\d/g, '<digits>');
}

export function failureReason(error: unknown): FailureReason {
  const name = error instanceof Error ? error.name || 'Error' : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  const safe = redact(message.replace(/\s+/g, ' ').trim());
  return {
    errorName: redact(name).slice(0, 80),
    reason: safe.length > MAX_REASON ? `${safe.slice(0, MAX_REASON - 1)}…` : safe || '(no message)',
  };
}

/** The failure record's key in the idempotency table: one per SQS message id (kept on DLQ moves). */
export const failureKey = (messageId: string) => `failure#${messageId}`;

export interface FailureRecord extends FailureReason {
  messageId: string;
  service: string;
  queue: string;
  receiveCount: number;
  bytes: number;
  failedAt: string;
}

/** A failure record lives as long as a dead letter can (SQS keeps a message at most 14 days). */
const KEEP_SECONDS = 15 * 24 * 3600;

/**
 * Writes (or overwrites, on each failed attempt) the record `uii dlq list` shows beside the
 * dead letter. Best effort: a failure to write is logged by the caller, never fails the batch.
 */
export async function putFailureRecord(tableName: string, record: FailureRecord): Promise<void> {
  await dynamoClient().send(
    new PutItemCommand({
      TableName: tableName,
      Item: {
        id: { S: failureKey(record.messageId) },
        kind: { S: 'delivery-failure' },
        messageId: { S: record.messageId },
        service: { S: record.service },
        queue: { S: record.queue },
        errorName: { S: record.errorName },
        reason: { S: record.reason },
        receiveCount: { N: String(record.receiveCount) },
        bytes: { N: String(record.bytes) },
        failedAt: { S: record.failedAt },
        expiration: { N: String(Math.floor(Date.now() / 1000) + KEEP_SECONDS) },
      },
    }),
  );
}
