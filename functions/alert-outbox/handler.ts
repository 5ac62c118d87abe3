import { AuditStore } from '@uii/aws/audit-store';
import { getObjectBytes } from '@uii/aws/s3';
import { type MailAttachment, sendMail } from '@uii/aws/ses';
import { AlertJob, now } from '@uii/domain';
import type { SQSRecord } from 'aws-lambda';
import { sqsBatchHandler } from '../shared/sqs-batch-handler';

export class AlertJobError extends Error {
  override readonly name = 'AlertJobError';
}

/** Parses one queued AlertJob; a bad job names the field that is wrong (never the content). */
export function parseAlertJob(record: SQSRecord): AlertJob {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch (error) {
    throw new AlertJobError(`message ${record.messageId}: body is not JSON`, { cause: error });
  }
  const parsed = AlertJob.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AlertJobError(
      `message ${record.messageId}: invalid AlertJob at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

async function attachmentsOf(job: AlertJob): Promise<MailAttachment[]> {
  const bucket = process.env.UPLOADS_BUCKET;
  return Promise.all(
    (job.attachments ?? []).map(async (a) => {
      if ('contentBase64' in a)
        return {
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        };
      if (!bucket) throw new AlertJobError(`job ${job.id}: attachment ${a.s3Key} needs UPLOADS_BUCKET`);
      return {
        filename: a.filename,
        contentType: a.contentType,
        content: await getObjectBytes(bucket, a.s3Key),
      };
    }),
  );
}

let auditStore: AuditStore | undefined;
/** Created on first use (TABLE_NAME is read then) and reused across records and invocations. */
const audit = () => {
  auditStore ??= new AuditStore();
  return auditStore;
};

/**
 * Sends each queued AlertJob through SES and records who was told what and when.
 * Keyed on the job id: a job enqueued twice is sent once.
 */
export const handler = sqsBatchHandler({
  service: 'alert-outbox',
  parse: parseAlertJob,
  key: (job) => job.id,
  handle: async (job, { logger }) => {
    const from = process.env.SES_FROM_ADDRESS;
    if (!from) throw new AlertJobError('SES_FROM_ADDRESS is not set');
    const sesMessageId = await sendMail({
      from,
      to: job.to,
      cc: job.cc,
      subject: job.subject,
      text: job.text,
      html: job.html,
      attachments: await attachmentsOf(job),
      headers: job.inReplyTo ? { 'In-Reply-To': job.inReplyTo, References: job.inReplyTo } : undefined,
    });
    await audit().record({
      jobId: job.id,
      kind: job.kind,
      audience: job.audience,
      recipients: [...job.to, ...(job.cc ?? [])],
      caseId: job.caseId,
      rule: job.rule,
      sesMessageId,
      sentAt: now(),
    });
    logger.info('alert sent', {
      jobId: job.id,
      kind: job.kind,
      recipients: job.to.length + (job.cc?.length ?? 0),
    });
    return { sesMessageId };
  },
});
