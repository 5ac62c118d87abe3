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
}

export const DEFAULT_MAIL_SETTINGS: MailSettings = {
  maxMessageBytes: 30 * 1024 * 1024,
  maxAttachmentBytes: 10 * 1024 * 1024,
  maxAttachments: 10,
  maxTableRows: 2000,
  confidenceThreshold: 0.7,
};

/** Reads overrides from MAIL_MAX_MESSAGE_BYTES, MAIL_MAX_ATTACHMENT_BYTES, MAIL_MAX_ATTACHMENTS. */
export function mailSettingsFromEnv(env: Record<string, string | undefined> = process.env): MailSettings {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
  return {
    maxMessageBytes: num(env.MAIL_MAX_MESSAGE_BYTES, DEFAULT_MAIL_SETTINGS.maxMessageBytes),
    maxAttachmentBytes: num(env.MAIL_MAX_ATTACHMENT_BYTES, DEFAULT_MAIL_SETTINGS.maxAttachmentBytes),
    maxAttachments: num(env.MAIL_MAX_ATTACHMENTS, DEFAULT_MAIL_SETTINGS.maxAttachments),
    maxTableRows: num(env.MAIL_MAX_TABLE_ROWS, DEFAULT_MAIL_SETTINGS.maxTableRows),
    confidenceThreshold: num(env.MAIL_CONFIDENCE_THRESHOLD, DEFAULT_MAIL_SETTINGS.confidenceThreshold),
  };
}
