import type { AlertJob } from '@uii/domain';
import type { LocalStack } from '@uii/local/testing';

/**
 * The alert jobs alert-outbox received so far (as queued, before routing): what a producer
 * asked to send, also when alert-outbox held it for the digest instead of mailing it.
 */
export function queuedJobs(stack: LocalStack): AlertJob[] {
  return stack
    .invocationsOf('alert-outbox')
    .flatMap((i) =>
      ((i.event as { Records?: { body: string }[] }).Records ?? []).map(
        (r) => JSON.parse(r.body) as AlertJob,
      ),
    );
}
