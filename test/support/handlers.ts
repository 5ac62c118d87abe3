import type { LambdaHandler } from '@uii/local/testing';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/**
 * A stand-in SQS consumer for integration tests: acknowledges every record, except the
 * ones `fails` picks, which it reports as batch item failures (as a real handler would).
 */
export function sqsTestHandler(options: { fails?: (body: string) => boolean } = {}): LambdaHandler {
  return async (event) => {
    const { Records } = event as SQSEvent;
    const response: SQSBatchResponse = {
      batchItemFailures: Records.filter((r) => options.fails?.(r.body)).map((r) => ({
        itemIdentifier: r.messageId,
      })),
    };
    return response;
  };
}

/** The SQS records a function received, across all its invocations, in order. */
export function recordsOf(invocations: { event: unknown }[]) {
  return invocations.flatMap((i) => (i.event as SQSEvent).Records ?? []);
}

/** Polls until `check` returns a truthy value or the time runs out. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
