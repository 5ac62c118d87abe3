import { getObjectBytes, sendJson, sendJsonBatch } from '@uii/aws';
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
import {
  type AlertJob,
  acknowledgment,
  authenticationNotice,
  caseEventOf,
  type NoticeCaseEvent,
} from '@uii/domain';
import {
  decideTrust,
  judge,
  mailSettingsFromEnv,
  parseNotice,
  SesReceiptNotification,
  verdictsFromReceipt,
} from '@uii/mail';
import type { SQSRecord } from 'aws-lambda';

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

function senderOf(n: SesReceiptNotification): string | null {
  const from = n.mail.commonHeaders?.from?.[0] ?? n.mail.source ?? '';
  return from.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/)?.[0]?.toLowerCase() ?? null;
}

export interface IntakeOutcome {
  status: 'accepted' | 'quarantined' | 'duplicate';
  recorded: number;
  triage: number;
  replied: boolean;
}

/** Fetch → parse → trust → record events / triage / quarantine → acknowledge. */
export async function intake(n: SesReceiptNotification): Promise<IntakeOutcome> {
  const table = env('TABLE_NAME');
  const bucket = n.receipt.action.bucketName ?? env('INBOUND_MAIL_BUCKET');
  const objectKey = n.receipt.action.objectKey;
  if (!objectKey) throw new MailIntakeError(`mail ${n.mail.messageId}: receipt action has no objectKey`);
  const sesMessageId = n.mail.messageId;

  const sender = senderOf(n);
  const registry = sender ? await worksitesOfAdmin(table, sender) : [];
  const raw = await getObjectBytes(bucket, objectKey);
  const parsed = await parseNotice(raw, {
    registry,
    authentication: judge(verdictsFromReceipt(n.receipt)),
    settings: mailSettingsFromEnv(),
  });
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

  const trust = decideTrust(parsed);
  const replyTo = parsed.from;
  if (!trust.accept) {
    await putQuarantine(table, {
      sesMessageId,
      receivedAt,
      from: parsed.from,
      subject: parsed.subject,
      reason: trust.reason,
      why: trust.why,
      bucket,
      objectKey,
      itemsParsed: parsed.items.length,
      senderNotified: trust.notifySender && replyTo !== null && !parsed.autoReply,
      ...(parsed.worksite ? { worksiteId: parsed.worksite.id } : {}),
    });
    let replied = false;
    if (trust.notifySender && replyTo && !parsed.autoReply) {
      const notice = authenticationNotice(parsed.subject);
      await sendJson(
        env('ALERT_OUTBOX_QUEUE_URL'),
        job(`mail.auth-failed:${mailKey}`, 'mail.auth_failed', replyTo, notice, parsed.messageId),
      );
      replied = true;
    }
    await finishMail(table, { ...record, status: 'quarantined', itemsRecorded: 0, triageCount: 0 });
    return { status: 'quarantined', recorded: 0, triage: 0, replied };
  }

  const worksiteId = parsed.worksite!.id;
  const events = parsed.items
    .map((item, i) => caseEventOf(item, { eventId: `mail:${mailKey}:${i + 1}`, worksiteId }))
    .filter((e): e is NoticeCaseEvent => e !== undefined);
  if (events.length) await sendJsonBatch(env('CASE_EVENTS_QUEUE_URL'), events);
  for (const [i, t] of parsed.triage.entries()) {
    await putTriage(table, {
      itemId: triageItemId(mailKey, i),
      sesMessageId,
      worksiteId,
      receivedAt,
      text: t.text,
      why: t.why,
      ...(t.guess ? { guess: t.guess } : {}),
      status: 'open',
    });
  }
  let replied = false;
  if (replyTo && !parsed.autoReply) {
    const ack = acknowledgment({
      worksiteName: parsed.worksite!.name,
      subject: parsed.subject,
      recorded: parsed.items,
      triage: parsed.triage,
      attachmentProblems: parsed.attachmentProblems,
    });
    await sendJson(
      env('ALERT_OUTBOX_QUEUE_URL'),
      job(`mail.ack:${mailKey}`, 'mail.ack', replyTo, ack, parsed.messageId),
    );
    replied = true;
  }
  await finishMail(table, {
    ...record,
    status: 'accepted',
    itemsRecorded: events.length,
    triageCount: parsed.triage.length,
  });
  return { status: 'accepted', recorded: events.length, triage: parsed.triage.length, replied };
}

function job(
  id: string,
  kind: string,
  to: string,
  content: { subject: string; text: string },
  inReplyTo: string | null,
): AlertJob {
  return {
    id,
    kind,
    audience: 'worksite',
    to: [to],
    subject: content.subject,
    text: content.text,
    ...(inReplyTo ? { inReplyTo } : {}),
  };
}
