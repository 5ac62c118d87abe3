import { getObjectBytes, sendJson, sendJsonBatch } from '@uii/aws';
import { CaseStore } from '@uii/aws/case-store';
import {
  claimMail,
  finishMail,
  type MailRecord,
  mailKeyOf,
  putQuarantine,
  putTriage,
  triageItemId,
  worksitesOfAdmin,
} from '@uii/aws/mail-store';
import { quarantineAudienceOf } from '@uii/aws/quarantine-audience';
import {
  type AlertJob,
  DEFAULT_TRUST_SETTINGS,
  listExpired,
  type MailReply,
  now,
  planMail,
  quarantineAlert,
  type TrustSettings,
  today,
} from '@uii/domain';
import { mailSettingsFromEnv, parseNotice, SesReceiptNotification, verdictsFromReceipt } from '@uii/mail';
import type { SQSRecord } from 'aws-lambda';
import { placesMailHook } from '../places/mail-hook';

export class MailIntakeError extends Error {
  override readonly name = 'MailIntakeError';
}

/** The SQS body is an SNS envelope whose Message is SES's receipt notification (S3 action). */
export function parseReceipt(record: SQSRecord): SesReceiptNotification {
  let message: unknown;
  try {
    const body = JSON.parse(record.body) as { Message?: unknown };
    message = typeof body.Message === 'string' ? JSON.parse(body.Message) : body;
  } catch (error) {
    throw new MailIntakeError(`message ${record.messageId}: body is not an SNS/SES JSON notification`, {
      cause: error,
    });
  }
  const parsed = SesReceiptNotification.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MailIntakeError(
      `message ${record.messageId}: not an SES receipt at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new MailIntakeError(`${name} is not set`);
  return value;
}

export interface IntakeOutcome {
  status: 'accepted' | 'quarantined' | 'duplicate';
  recorded: number;
  triage: number;
  replied: boolean;
  /** Officers (or inspection inboxes) mailed at once about a quarantined mail (ADR 0034). */
  officersTold?: number;
}

/** authserv-ids of the own receiving server: `MAIL_AUTHSERV_IDS` (comma-separated), default SES's. */
export function trustSettingsFromEnv(e: Record<string, string | undefined> = process.env): TrustSettings {
  const ids = (e.MAIL_AUTHSERV_IDS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return ids.length > 0 ? { authservIds: ids } : DEFAULT_TRUST_SETTINGS;
}

/**
 * The object a notification names must be in the configured inbound bucket, under the
 * configured prefix (14.6): a forged or misrouted notification never makes us read elsewhere.
 */
export function checkLocation(n: SesReceiptNotification): { bucket: string; objectKey: string } {
  const bucket = env('INBOUND_MAIL_BUCKET');
  const prefix = process.env.INBOUND_MAIL_PREFIX ?? 'inbound-mail/';
  const named = n.receipt.action.bucketName ?? bucket;
  const objectKey = n.receipt.action.objectKey;
  if (!objectKey) throw new MailIntakeError(`mail ${n.mail.messageId}: receipt action has no objectKey`);
  if (named !== bucket)
    throw new MailIntakeError(
      `mail ${n.mail.messageId}: notification names another bucket than the inbound one`,
    );
  if (!objectKey.startsWith(prefix) || objectKey.split('/').some((p) => p === '..' || p === '.'))
    throw new MailIntakeError(`mail ${n.mail.messageId}: object key outside the ${prefix} prefix`);
  return { bucket, objectKey };
}

/** Fetch → parse → planMail (the domain decides) → execute the plan; every step is safe to re-run. */
export async function intake(n: SesReceiptNotification): Promise<IntakeOutcome> {
  const table = env('TABLE_NAME');
  const { bucket, objectKey } = checkLocation(n);
  const sesMessageId = n.mail.messageId;

  const raw = await getObjectBytes(bucket, objectKey);
  const parsed = await parseNotice(raw, {
    // An address may administer several places: one whose agreed list is still valid comes first.
    lookup: async (address) => {
      const at = new Date(receivedAtOf(n));
      const expired = (w: { validTo?: string; timeZone?: string }) =>
        listExpired(w.validTo, at, w.timeZone) ? 1 : 0;
      return [...(await worksitesOfAdmin(table, address))].sort((a, b) => expired(a) - expired(b));
    },
    ses: verdictsFromReceipt(n.receipt),
    trust: trustSettingsFromEnv(),
    settings: mailSettingsFromEnv(),
  });
  // A registered municipality's mail is a proposal of places (docs/places.md), not a worksite report.
  if (!parsed.worksite) {
    const places = await placesMailHook({
      sesMessageId,
      from: parsed.from,
      authenticated: parsed.authenticated,
      raw,
      receivedAt: receivedAtOf(n),
    });
    if (places.handled) return { status: 'accepted', recorded: 0, triage: 0, replied: true };
  }
  const mailKey = mailKeyOf(parsed.messageId ?? n.mail.commonHeaders?.messageId, sesMessageId);
  const receivedAt = new Date().toISOString();
  const record: MailRecord = {
    sesMessageId,
    mailKey,
    receivedAt,
    status: 'processing',
    bucket,
    objectKey,
    ...(parsed.worksite ? { worksiteId: parsed.worksite.id } : {}),
  };
  if ((await claimMail(table, record)) === 'done')
    return { status: 'duplicate', recorded: 0, triage: 0, replied: false };

  // Which of the named cases exist: checked before anything is acknowledged (8.9).
  const cases = new CaseStore(table);
  const named = [...new Set(parsed.items.flatMap((i) => (i.person.caseId ? [i.person.caseId] : [])))];
  const known = new Set<string>();
  // The day each named case's court order reached the inspection: nothing is reported before it.
  const startedOn = new Map<string, string>();
  if (parsed.authenticated && parsed.worksite) {
    for (const id of named) {
      if (!(await cases.getCase(id))) continue;
      known.add(id);
      const orders = (await cases.listEvents(id))
        .filter((e) => e.event.type === 'court_order_received')
        .map((e) => e.event.date)
        .sort();
      if (orders[0]) startedOn.set(id, orders[0]);
    }
  }
  const registry = {
    caseExists: (id: string) => known.has(id),
    caseStartedOn: (id: string) => startedOn.get(id),
  };
  const settings = { mailKey, today: today(), receivedAt: receivedAtOf(n) };
  let plan = planMail(parsed, registry, settings);

  let told = 0;
  if (plan.quarantine) {
    // Urgent (issue 11): the officers in charge hear of it at once, not only in the digest.
    const audience = await quarantineAudienceOf(table, parsed.worksite, receivedByOf(n), {
      junk: isJunk(n),
    });
    const { recipients } = audience;
    // The sender's notice says «передано инспектору» only when someone is told.
    if (!recipients.length) plan = planMail(parsed, registry, { ...settings, inspectorTold: false });
    const quarantine = plan.quarantine!;
    await putQuarantine(table, {
      sesMessageId,
      receivedAt,
      from: parsed.from,
      subject: parsed.subject,
      bucket,
      objectKey,
      ...quarantine,
      ...(plan.worksiteId ? { worksiteId: plan.worksiteId } : {}),
      ...(audience.inspectionIds.length ? { inspectionIds: audience.inspectionIds } : {}),
    });
    const facts = {
      sesMessageId,
      receivedAt: receivedAtOf(n),
      from: parsed.from,
      subject: parsed.subject,
      ...quarantine,
      ...(parsed.worksite
        ? {
            worksite: {
              id: parsed.worksite.id,
              name: parsed.worksite.name,
              ...(parsed.worksite.validTo ? { validTo: parsed.worksite.validTo } : {}),
            },
          }
        : {}),
      ...(audience.inspectionIds[0] ? { inspectionId: audience.inspectionIds[0] } : {}),
    };
    const alerts = recipients.map((r) => quarantineAlert(facts, r, { timeZone: audience.timeZone }));
    if (alerts.length) await sendJsonBatch(env('ALERT_OUTBOX_QUEUE_URL'), alerts);
    told = alerts.length;
  } else {
    if (plan.events.length) await sendJsonBatch(env('CASE_EVENTS_QUEUE_URL'), plan.events);
    for (const [i, t] of plan.triage.entries()) {
      await putTriage(table, {
        itemId: triageItemId(mailKey, i),
        sesMessageId,
        ...(plan.worksiteId ? { worksiteId: plan.worksiteId } : {}),
        ...(parsed.worksite ? { inspectionId: parsed.worksite.inspectionId } : {}),
        receivedAt,
        text: t.text,
        why: t.why,
        ...(t.guess ? { guess: t.guess } : {}),
        ...(t.attachment ? { attachment: t.attachment, bucket, objectKey } : {}),
        status: 'open',
      });
    }
  }
  if (plan.reply) await sendJson(env('ALERT_OUTBOX_QUEUE_URL'), job(plan.reply));
  await finishMail(table, {
    ...record,
    status: plan.status,
    itemsRecorded: plan.events.length,
    triageCount: plan.triage.length,
  });
  return {
    status: plan.status,
    recorded: plan.events.length,
    triage: plan.triage.length,
    replied: plan.reply !== null,
    ...(plan.quarantine ? { officersTold: told } : {}),
  };
}

/** The addresses that received the mail: the receipt rule's recipients, else the envelope's. */
function receivedByOf(n: SesReceiptNotification): string[] {
  return n.receipt.recipients ?? n.mail.destination ?? [];
}

/** SES's own spam or virus verdict failed. */
function isJunk(n: SesReceiptNotification): boolean {
  return n.receipt.spamVerdict?.status === 'FAIL' || n.receipt.virusVerdict?.status === 'FAIL';
}

/** When SES received the mail (its timestamp), else now: a valid ISO instant either way. */
function receivedAtOf(n: SesReceiptNotification): string {
  const at = n.mail.timestamp ? Date.parse(n.mail.timestamp) : Number.NaN;
  return Number.isNaN(at) ? now().toISOString() : new Date(at).toISOString();
}

function job(reply: MailReply): AlertJob {
  return {
    id: reply.id,
    kind: reply.kind,
    audience: 'worksite',
    to: [reply.to],
    subject: reply.subject,
    text: reply.text,
    ...(reply.inReplyTo ? { inReplyTo: reply.inReplyTo } : {}),
  };
}
