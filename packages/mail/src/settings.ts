/** Limits on inbound worksite mail. Settings, not code: the deployment may change them. */
export interface MailSettings {
  /** Whole message; larger mail is stored and sent to triage unread. */
  maxMessageBytes: number;
  /** One attachment; larger ones are reported and skipped. */
  maxAttachmentBytes: number;
  /** How many table attachments are read from one message. */
  maxAttachments: number;
  /** Rows read from one table (body, CSV, XLSX); the rest are reported to triage. */
  maxTableRows: number;
  /** Items under this confidence go to triage. */
  confidenceThreshold: number;
  /** «с 1 по 20 марта»: a period longer than this many days goes to triage, not one item a day. */
  maxPeriodDays: number;
}

export const DEFAULT_MAIL_SETTINGS: MailSettings = {
  maxMessageBytes: 30 * 1024 * 1024,
  maxAttachmentBytes: 10 * 1024 * 1024,
  maxAttachments: 10,
  maxTableRows: 2000,
  confidenceThreshold: 0.7,
  maxPeriodDays: 7,
};

/** Reads overrides from MAIL_MAX_MESSAGE_BYTES, MAIL_MAX_ATTACHMENT_BYTES, MAIL_MAX_ATTACHMENTS, MAIL_MAX_TABLE_ROWS, MAIL_CONFIDENCE_THRESHOLD, MAIL_MAX_PERIOD_DAYS. */
export function mailSettingsFromEnv(env: Record<string, string | undefined> = process.env): MailSettings {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
  return {
    maxMessageBytes: num(env.MAIL_MAX_MESSAGE_BYTES, DEFAULT_MAIL_SETTINGS.maxMessageBytes),
    maxAttachmentBytes: num(env.MAIL_MAX_ATTACHMENT_BYTES, DEFAULT_MAIL_SETTINGS.maxAttachmentBytes),
    maxAttachments: num(env.MAIL_MAX_ATTACHMENTS, DEFAULT_MAIL_SETTINGS.maxAttachments),
    maxTableRows: num(env.MAIL_MAX_TABLE_ROWS, DEFAULT_MAIL_SETTINGS.maxTableRows),
    confidenceThreshold: num(env.MAIL_CONFIDENCE_THRESHOLD, DEFAULT_MAIL_SETTINGS.confidenceThreshold),
    maxPeriodDays: num(env.MAIL_MAX_PERIOD_DAYS, DEFAULT_MAIL_SETTINGS.maxPeriodDays),
  };
}
