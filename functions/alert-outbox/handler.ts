import type { Logger } from '@aws-lambda-powertools/logger';
import { recipientLang } from '@uii/aws/alert-roster';
import { ALERT_TAG, type AuditEntry, AuditStore, alertKey } from '@uii/aws/audit-store';
import { CaseStore } from '@uii/aws/case-store';
import { getObjectBytes } from '@uii/aws/s3';
import { type MailAttachment, SendFailure, sendMail } from '@uii/aws/ses';
import { AlertJob, clockUid, now, type RenderedJob, renderJob, routeOf, today } from '@uii/domain';
import type { SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { setting, settingsOf } from '../shared/env';
import { sqsBatchHandler } from '../shared/sqs-batch-handler';

export class AlertJobError extends Error {
  override readonly name = 'AlertJobError';
}

/** Another attempt holds a fresh claim on this alert: retry later, never send beside it. */
export class ClaimInProgressError extends Error {
  override readonly name = 'ClaimInProgressError';
  /** When the claim goes stale: the batch handler defers the message until then. */
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
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

/** The bucket and key prefix alert attachments may come from (issue 14, defect 6). */
export const ATTACHMENT_PREFIX = 'receipts/';

/**
 * Attachments inline, or from the uploads bucket under `receipts/` only: a job naming any
 * other key (another service's feed, an inbound mail, a path trick) is refused, never read.
 */
export async function attachmentsOf(
  job: AlertJob,
  read: (bucket: string, key: string) => Promise<Buffer> = getObjectBytes,
): Promise<MailAttachment[]> {
  const bucket = process.env.UPLOADS_BUCKET;
  return Promise.all(
    (job.attachments ?? []).map(async (a, i) => {
      if ('contentBase64' in a)
        return {
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        };
      if (!bucket) throw new AlertJobError(`job ${job.id}: attachment ${i + 1} needs UPLOADS_BUCKET`);
      const key = a.s3Key;
      const segments = key.split('/');
      if (
        !key.startsWith(ATTACHMENT_PREFIX) ||
        segments.some((s) => s === '..' || s === '.' || s === '') ||
        key.includes('\\')
      )
        throw new AlertJobError(
          `job ${job.id}: attachment ${i + 1} is not under ${ATTACHMENT_PREFIX} of the uploads bucket`,
        );
      return { filename: a.filename, contentType: a.contentType, content: await read(bucket, key) };
    }),
  );
}

let auditStore: AuditStore | undefined;
let caseStore: CaseStore | undefined;
/** Created on first use (TABLE_NAME is read then) and reused across records and invocations. */
const audit = () => {
  auditStore ??= new AuditStore();
  return auditStore;
};
const cases = () => {
  caseStore ??= new CaseStore();
  return caseStore;
};

/**
 * How long a claim protects an alert: longer than the function timeout plus the seconds SES
 * takes to publish the Send event, so an accepted send is always marked before a claim is stale.
 */
/**
 * A claim older than this is stale and may be retaken (ADR 0019). Validated at cold start (a typo
 * fails loudly instead of becoming NaN) and parsed again only when the value changes (tests
 * shorten it at run time), not once per job.
 */
const ClaimSettings = z.object({ ALERT_CLAIM_STALE_SECONDS: setting.int(1, 86_400).default(120) });
let claimStale: { raw: string | undefined; ms: number } | undefined;
export function claimStaleMs(): number {
  const raw = process.env.ALERT_CLAIM_STALE_SECONDS;
  if (!claimStale || claimStale.raw !== raw)
    claimStale = { raw, ms: settingsOf(ClaimSettings).ALERT_CLAIM_STALE_SECONDS * 1000 };
  return claimStale.ms;
}
claimStaleMs();

export interface OutboxHooks {
  /** Fault injection for tests: runs right after SES accepted the mail. */
  afterAccepted?: (job: AlertJob, sesMessageId: string | undefined) => Promise<void> | void;
  /** The clock of claims and audit times (default: the domain clock, simulated locally). */
  clock?: () => Date;
}

const entryOf = (job: AlertJob): AuditEntry => ({
  jobId: job.id,
  kind: job.kind,
  audience: job.audience,
  recipients: [...job.to, ...(job.cc ?? [])],
  caseId: job.caseId,
  rule: job.rule,
  reason: job.reason,
  inspectionId: job.inspectionId,
  // The term's last day (a combined mail: its first part's), so a bounce notice can name it.
  due: job.deadline?.due ?? job.parts?.find((p) => p.deadline)?.deadline?.due,
  officerId: job.officerId,
});

/**
 * Whether a claimed job goes out now, and as what: a non-urgent officer alert waits for the
 * digest; an urgent one needs its case and rule's slot of the day (a combined job needs one
 * per part: parts whose slot another mail took today wait for the digest, the rest go); a
 * calendar cancellation goes only when a calendar event of that clock was sent. Every answer
 * is the same on a retry: slots remember the job that took them.
 */
async function holdFor(
  queued: AlertJob,
  at: Date,
): Promise<{ job: AlertJob; why?: string; status?: 'digest' | 'not_needed'; urgent?: boolean }> {
  let job = queued;
  const route = routeOf(job);
  if (route.route === 'digest') return { job, why: route.why };
  // An alert already sent in another mail (alone, or inside a combined one) never goes again;
  // a combined mail keeps only the parts nobody has read yet (the head's included).
  if (job.parts?.length) {
    const fresh = [];
    for (const p of job.parts) if (!(await audit().sentElsewhere(p.id, job.id))) fresh.push(p);
    if (!fresh.length) return { job, why: 'every alert of it was sent before', status: 'not_needed' };
    if (fresh.length < job.parts.length) job = { ...job, parts: fresh };
  } else if (await audit().sentElsewhere(job.id, job.id))
    return { job, why: 'sent before inside a combined mail', status: 'not_needed' };
  const d = job.deadline;
  if (d?.kind === 'met' && job.caseId) {
    // The head's calendar holds the event only if an escalation carried it there.
    const uid = clockUid(job.caseId, d.rule, d.trigger);
    const sent =
      job.audience === 'supervisor'
        ? await audit().calendarSentTo(uid, 'supervisor')
        : await audit().calendarState(uid);
    return sent ? { job } : { job, why: 'no calendar event of this clock was sent', status: 'not_needed' };
  }
  if (!route.urgent || !job.caseId) return { job };
  const day = today(at);
  if (job.parts?.length) {
    const parts = [];
    for (const p of job.parts)
      if (!p.rule || (await audit().takeUrgentSlot(job.caseId, p.rule, day, job.id))) parts.push(p);
    if (!parts.length) return { job, why: 'second immediate mail today for this case and rule' };
    return { job: parts.length === job.parts.length ? job : { ...job, parts }, urgent: true };
  }
  if (job.rule && !(await audit().takeUrgentSlot(job.caseId, job.rule, day, job.id)))
    return { job, why: 'second immediate mail today for this case and rule' };
  return { job, urgent: true };
}

/**
 * Remembers the clocks whose calendar event an escalation put in the head's calendar, so the
 * clock's cancellation reaches the head too. Never throws: the mail is out.
 */
async function headCalendarSent(job: AlertJob, logger: Pick<Logger, 'warn'>): Promise<void> {
  const facts = [job.deadline, ...(job.parts ?? []).map((p) => p.deadline)];
  try {
    for (const d of facts)
      if (d && d.kind !== 'met')
        await audit().markCalendarSentTo(clockUid(job.caseId!, d.rule, d.trigger), 'supervisor');
  } catch (error) {
    logger.warn("head's calendar event not recorded; its cancellation will not follow", {
      jobId: job.id,
      error: (error as Error).name,
    });
  }
}

/** An urgent mail to an officer about a case: the head hears of it if nothing is done. */
const isUrgentOfficerMail = (job: AlertJob) => {
  const route = routeOf(job);
  return job.audience === 'officer' && Boolean(job.caseId) && route.route === 'now' && route.urgent;
};

/**
 * Records an urgent officer mail SES accepted, so the head hears of it when nothing is
 * recorded on the case within the grace (the digest function reads it). Never throws: the
 * mail is out; a lost record only means the head is not told of this one.
 */
async function followUp(
  job: AlertJob,
  key: string,
  at: Date,
  logger: Pick<Logger, 'warn'>,
  options: { ifAbsent?: boolean } = {},
): Promise<void> {
  try {
    const inspectionId = job.inspectionId ?? (await cases().getCase(job.caseId!))?.case.inspectionId;
    if (!inspectionId) return;
    const rules = job.parts?.length
      ? [...new Set(job.parts.flatMap((p) => (p.rule ? [p.rule] : [])))]
      : job.rule
        ? [job.rule]
        : [];
    await audit().recordUrgentSent(
      inspectionId,
      {
        alertKey: key,
        jobId: job.id,
        caseId: job.caseId!,
        rules,
        sentAt: at.toISOString(),
      },
      options,
    );
  } catch (error) {
    logger.warn('urgent mail sent, but its follow-up record was not written', {
      jobId: job.id,
      alertKey: key,
      error: (error as Error).name,
    });
  }
}

/**
 * Sends one AlertJob exactly once (docs/adr/0019-alert-delivery-exactly-once.md):
 * claim → SES (tagged with the alert key) → mark sent. A crash or a failed write after SES
 * accepted leaves the claim, which the SES Send event marks `sent` within seconds; the retry
 * then finds the mark and sends nothing.
 */
export async function deliver(
  queued: AlertJob,
  logger: Pick<Logger, 'info' | 'warn'>,
  hooks: OutboxHooks = {},
): Promise<{ status: string; sesMessageId?: string }> {
  const from = process.env.SES_FROM_ADDRESS;
  if (!from) throw new AlertJobError('SES_FROM_ADDRESS is not set');
  const clock = hooks.clock ?? now;
  let job = queued;
  const key = alertKey(job.id);
  const { decision, item } = await audit().claim(entryOf(job), clock(), claimStaleMs());
  if (decision.action === 'done') {
    logger.info('alert already sent', { jobId: job.id, alertKey: key, status: decision.status });
    // An attempt that died after SES accepted an urgent mail never wrote the head's follow-up:
    // write it now (once), dated when SES took the mail.
    if (item.sesMessageId && item.sentAt && isUrgentOfficerMail(job))
      await followUp(job, key, new Date(item.sentAt), logger, { ifAbsent: true });
    return { status: decision.status, sesMessageId: item.sesMessageId };
  }
  if (decision.action === 'wait')
    throw new ClaimInProgressError(
      `alert ${key}: another attempt claimed it ${Math.round(decision.retryAfterMs / 1000)} s before it goes stale`,
      decision.retryAfterMs,
    );
  // Urgent items at once, the rest of the officer's deadline alerts in the daily digest;
  // at most one immediate mail per case and rule a day (issue 11, "Who gets what").
  const held = await holdFor(job, clock());
  if (held.why) {
    await audit().markUnsent(key, held.status ?? 'digest', held.why, clock());
    logger.info(held.status === 'not_needed' ? 'alert not needed' : 'alert held for the digest', {
      jobId: job.id,
      alertKey: key,
    });
    return { status: held.status ?? 'digest' };
  }
  job = held.job;
  // Addresses that bounced permanently are not tried again (the head was told when they bounced).
  const bounced = new Set<string>();
  for (const a of [...job.to, ...(job.cc ?? [])]) if (await audit().isBounced(a)) bounced.add(a);
  const to = job.to.filter((a) => !bounced.has(a));
  const cc = job.cc?.filter((a) => !bounced.has(a));
  if (!to.length) {
    await audit().markUnsent(key, 'suppressed', 'every recipient bounced before', clock());
    logger.warn('alert not sent: every address bounced before', { jobId: job.id, alertKey: key });
    return { status: 'suppressed' };
  }
  if (decision.action === 'resend-stale')
    logger.warn('stale claim without an SES mark: sending again', {
      jobId: job.id,
      alertKey: key,
      attempts: item.attempts,
    });

  let message: RenderedJob;
  let attachments: MailAttachment[];
  try {
    const lang =
      job.lang ??
      ((job.deadline || job.parts || job.finding) && job.caseId
        ? await recipientLang(
            audit().tableName,
            job.caseId,
            job.audience === 'supervisor' ? 'supervisor' : 'officer',
          )
        : undefined);
    message = await renderJob({ ...job, lang }, { audit: audit(), cases: cases() });
    attachments = await attachmentsOf(job);
  } catch (error) {
    await audit().release(key, item.claimedAt, (error as Error).name); // SES was never called
    throw error;
  }
  let sesMessageId: string | undefined;
  try {
    sesMessageId = await sendMail(
      {
        from,
        to,
        cc: cc?.length ? cc : undefined,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments,
        icalEvent: message.ics
          ? { filename: 'deadline.ics', method: message.ics.method, content: message.ics.content }
          : undefined,
        headers: job.inReplyTo ? { 'In-Reply-To': job.inReplyTo, References: job.inReplyTo } : undefined,
      },
      { tags: { [ALERT_TAG]: key, kind: job.kind.replace(/[^A-Za-z0-9_-]/g, '_') } },
    );
  } catch (error) {
    if (error instanceof SendFailure && error.kind === 'transient') {
      await audit().release(key, item.claimedAt, error.errorName); // SES took nothing: retry at once
      throw error;
    }
    if (error instanceof SendFailure && error.kind === 'permanent') {
      await audit().markUnsent(key, 'rejected', error.errorName, clock());
      logger.warn('alert refused by SES', { jobId: job.id, alertKey: key, error: error.errorName });
      return { status: 'rejected' };
    }
    throw error; // no answer from SES: keep the claim; the stale path checks the SES mark first
  }
  await hooks.afterAccepted?.(job, sesMessageId);
  try {
    await audit().markSent(key, sesMessageId, clock());
  } catch (error) {
    // SES has the mail: never throw (a retry could only wait for the mark). The Send event
    // marks the record `sent` with the same message id.
    logger.warn('sent, but the delivery record was not updated; the SES event will', {
      jobId: job.id,
      alertKey: key,
      error: (error as Error).name,
    });
  }
  if (job.audience === 'supervisor' && message.ics && job.caseId) await headCalendarSent(job, logger);
  if (job.parts?.length)
    await audit()
      .markSentInGroup(
        job.parts.map((p) => p.id),
        job.id,
      )
      .catch((error: Error) =>
        logger.warn('combined mail sent, but its parts were not marked', {
          jobId: job.id,
          error: error.name,
        }),
      );
  if (held.urgent && isUrgentOfficerMail(job)) await followUp(job, key, clock(), logger);
  logger.info('alert sent', {
    jobId: job.id,
    alertKey: key,
    kind: job.kind,
    recipients: job.to.length + (job.cc?.length ?? 0),
  });
  return { status: 'sent', sesMessageId };
}

export function createHandler(hooks: OutboxHooks = {}) {
  return sqsBatchHandler({
    service: 'alert-outbox',
    parse: parseAlertJob,
    key: (job) => job.id,
    handle: async (job, { logger }) => deliver(job, logger, hooks),
  });
}

/**
 * Sends each queued AlertJob through SES and records who was told what and when.
 * Keyed on the job id: a job enqueued twice is sent once.
 */
export const handler = createHandler();
