import { z } from 'zod';

/** An attachment travels inline (small) or as an S3 key in the uploads bucket (large). */
export const AlertAttachment = z.union([
  z.object({ filename: z.string().min(1), contentType: z.string().min(1), contentBase64: z.string() }),
  z.object({ filename: z.string().min(1), contentType: z.string().min(1), s3Key: z.string().min(1) }),
]);

/** A deadline alert as facts (rendered by alert-outbox: templates, ICS). */
export const DeadlineFacts = z.object({
  rule: z.string().min(1),
  kind: z.enum(['first', 'reminder', 'overdue', 'escalation', 'met']),
  trigger: z.iso.date(),
  due: z.iso.date(),
  /** The day the alert is about. */
  asOf: z.iso.date(),
  daysLeft: z.number().int().optional(),
});
export type DeadlineFacts = z.infer<typeof DeadlineFacts>;

/** A finding's words, Russian and (when the engine has them) English: rendered per recipient. */
const FindingLine = z.object({
  date: z.iso.date(),
  message: z.string().min(1),
  messageEn: z.string().min(1).optional(),
});
export const FindingFacts = FindingLine.extend({ also: z.array(FindingLine).max(50).optional() });
export type FindingFacts = z.infer<typeof FindingFacts>;

/**
 * One alert folded into a combined mail (`AlertJob.parts`): what it would have been on its own,
 * so alert-outbox renders each part as it renders a single alert and keeps the one-a-day rule
 * per case and rule.
 */
export const AlertPart = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  rule: z.string().optional(),
  subject: z.string().min(1),
  text: z.string(),
  deadline: DeadlineFacts.optional(),
  finding: FindingFacts.optional(),
});
export type AlertPart = z.infer<typeof AlertPart>;

/**
 * One email to send, as queued on `alert-outbox`. Producers resolve recipients; the
 * alert-outbox function only sends and audits. `id` is the idempotency key.
 */
/** One address check for everything that ends up in an alert's `to`/`cc`. */
const MailAddress = z.email();
/** Whether an alert can be sent to `s`: check addresses with it before they reach a job. */
export const isMailAddress = (s: string | undefined): s is string => !!s && MailAddress.safeParse(s).success;

export const AlertJob = z.object({
  id: z.string().min(1),
  kind: z.string().min(1), // e.g. deadline.reminder, feed.receipt, mail.ack, feed.missing
  audience: z.enum(['officer', 'supervisor', 'partner', 'worksite', 'employment_service']),
  to: z.array(MailAddress).min(1),
  cc: z.array(MailAddress).optional(),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string().optional(),
  attachments: z.array(AlertAttachment).optional(),
  caseId: z.string().optional(),
  rule: z.string().optional(),
  inReplyTo: z.string().optional(),
  /** Why it is sent, for the audit trail: no personal data (e.g. «напоминание: 2 дня до 12.03.2026»). */
  reason: z.string().max(500).optional(),
  /** The inspection whose head hears of a bounce; looked up from the case when absent. */
  inspectionId: z.string().optional(),
  officerId: z.string().optional(),
  /** A calendar event (RFC 5545 text), attached the way mail clients show it (text/calendar part). */
  /**
   * A deadline alert as facts: alert-outbox then renders subject, text, HTML and the calendar
   * event itself (templates in ./templates, the person's surname and initials from the case).
   */
  deadline: DeadlineFacts.optional(),
  /** A finding (no term): its words in both languages, so an English recipient reads English. */
  finding: FindingFacts.optional(),
  /** The recipient's language (directory setting); Russian when absent. */
  lang: z.enum(['ru', 'en']).optional(),
  ics: z
    .object({ method: z.enum(['PUBLISH', 'REQUEST', 'CANCEL']), content: z.string().min(1).max(100_000) })
    .optional(),
  /**
   * Several alerts of one case found together, sent as one mail (kind `deadline.group`): the
   * subject names the most urgent (the first part), the body lists them all. Optional: a job
   * without parts is one alert, as before (ADR 0027).
   */
  parts: z.array(AlertPart).min(2).max(50).optional(),
});
export type AlertJob = z.infer<typeof AlertJob>;
