import { z } from 'zod';
import { CaseEvent } from './events';

/** A `case-events` message (docs/architecture.md). */
export const CaseEventMessage = z.object({
  caseId: z.string().min(1).max(100, { error: 'номер дела (caseId) не длиннее 100 знаков' }),
  event: CaseEvent,
  eventId: z.string().min(1).max(200, { error: 'eventId не длиннее 200 знаков' }).optional(),
  source: z.enum(['mail', 'cli', 'feed', 'officer']),
});
export type CaseEventMessage = z.infer<typeof CaseEventMessage>;

export class InvalidCaseEventError extends Error {
  override readonly name = 'InvalidCaseEventError';
}

export function parseCaseEventMessage(body: string): CaseEventMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new InvalidCaseEventError('body is not JSON', { cause: error });
  }
  const parsed = CaseEventMessage.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidCaseEventError(`${issue.path.join('.') || '(root)'}: ${issue.message}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
