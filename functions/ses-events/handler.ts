import type { Logger } from '@aws-lambda-powertools/logger';
import { ALERT_TAG, type AuditItem, AuditStore } from '@uii/aws/audit-store';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { sendJsonBatch } from '@uii/aws/sqs';
import { type AlertJob, bounceNotice, now, type SesEventType } from '@uii/domain';
import type { SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { requiredEnv } from '../shared/env';
import { sqsBatchHandler } from '../shared/sqs-batch-handler';

export class SesEventError extends Error {
  override readonly name = 'SesEventError';
}

/** The part of an SES event-publishing record we use (configuration set → SNS → SQS). */
const SesEvent = z.object({
  eventType: z.enum(['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject', 'DeliveryDelay']).optional(),
  notificationType: z.enum(['Delivery', 'Bounce', 'Complaint']).optional(),
  mail: z.object({
    messageId: z.string().min(1),
    timestamp: z.string().optional(),
    tags: z.record(z.string(), z.array(z.string())).optional(),
  }),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      timestamp: z.string().optional(),
      bouncedRecipients: z.array(z.object({ emailAddress: z.string() })).default([]),
    })
    .optional(),
  delivery: z.object({ timestamp: z.string().optional() }).optional(),
  complaint: z.object({ timestamp: z.string().optional() }).optional(),
});
export type SesEvent = z.infer<typeof SesEvent>;

/** Unwraps the SNS envelope (or a raw delivery) and checks the SES event inside. */
export function parseSesEvent(record: SQSRecord): SesEvent & { type: SesEventType } {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
    const envelope = json as { Type?: string; Message?: unknown };
    if (envelope.Type === 'Notification' && typeof envelope.Message === 'string')
      json = JSON.parse(envelope.Message);
  } catch (error) {
    throw new SesEventError(`message ${record.messageId}: body is not JSON`, { cause: error });
  }
  const parsed = SesEvent.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SesEventError(
      `message ${record.messageId}: not an SES event at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const type = parsed.data.eventType ?? parsed.data.notificationType;
  if (!type) throw new SesEventError(`message ${record.messageId}: SES event without eventType`);
  return { ...parsed.data, type };
}

let stores: { audit: AuditStore; cases: CaseStore; directory: DirectoryStore } | undefined;
const store = () => {
  stores ??= { audit: new AuditStore(), cases: new CaseStore(), directory: new DirectoryStore() };
  return stores;
};

/**
 * The head of the inspection (or the inspection's own mailbox), minus the addresses that
 * bounced, and the head's language (directory `headLang`, Russian when unset).
 */
async function headOf(item: AuditItem, bounced: Set<string>): Promise<{ to: string[]; lang: 'ru' | 'en' }> {
  let inspectionId = item.inspectionId;
  if (!inspectionId && item.caseId)
    inspectionId = (await store().cases.getCase(item.caseId))?.case.inspectionId;
  if (!inspectionId) return { to: [], lang: 'ru' };
  const r = await store().directory.recipientsFor(undefined, inspectionId);
  return {
    to: [...new Set([...r.supervisor, ...r.officer])].filter((a) => !bounced.has(a.toLowerCase())),
    lang: r.langs?.supervisor ?? 'ru',
  };
}

export async function applySesEvent(
  event: SesEvent & { type: SesEventType },
  logger: Pick<Logger, 'info' | 'warn' | 'error'>,
): Promise<{ status?: string; notified?: number }> {
  const key = event.mail.tags?.[ALERT_TAG]?.[0];
  if (!key) {
    logger.info('SES event for an untagged mail: ignored', {
      sesMessageId: event.mail.messageId,
      type: event.type,
    });
    return {};
  }
  const at =
    event.bounce?.timestamp ??
    event.delivery?.timestamp ??
    event.complaint?.timestamp ??
    event.mail.timestamp ??
    now().toISOString();
  const out = await store().audit.applyEvent(key, {
    type: event.type,
    at,
    bounceType: event.bounce?.bounceType,
    sesMessageId: event.mail.messageId,
  });
  if (!out) {
    logger.warn('SES event for an unknown alert', { alertKey: key, type: event.type });
    return {};
  }
  logger.info('delivery status', {
    alertKey: key,
    jobId: out.item.jobId,
    type: event.type,
    status: out.item.status,
  });
  if (!(event.type === 'Bounce' && event.bounce?.bounceType === 'Permanent'))
    return { status: out.item.status };

  const addresses = event.bounce.bouncedRecipients.map((r) => r.emailAddress.toLowerCase());
  for (const a of addresses) await store().audit.markBounced(a, key, at, event.bounce.bounceSubType);
  // Telling the head is itself mail: a bounced bounce notice goes to the logs (an alarm), not round again.
  if (out.item.kind === 'delivery.bounced') {
    logger.error('a bounce notice bounced: nobody else to tell', { alertKey: key });
    return { status: out.item.status };
  }
  const { to, lang } = await headOf(out.item, new Set(addresses));
  if (!to.length) {
    logger.error('permanent bounce, and no other address to tell', { alertKey: key, jobId: out.item.jobId });
    return { status: out.item.status, notified: 0 };
  }
  const notice: AlertJob = bounceNotice(out.item, to, addresses, lang);
  // Re-emitted on every redelivery: its id is deterministic, so alert-outbox sends it once.
  await sendJsonBatch(requiredEnv('ALERT_OUTBOX_QUEUE_URL'), [notice]);
  return { status: out.item.status, notified: to.length };
}

/** SES SEND/DELIVERY/BOUNCE/COMPLAINT events → the alert's delivery status (ADR 0019). */
export const handler = sqsBatchHandler({
  service: 'ses-events',
  parse: parseSesEvent,
  key: (e) => `${e.mail.messageId}:${e.type}`,
  handle: async (event, { logger }) => applySesEvent(event, logger),
});
