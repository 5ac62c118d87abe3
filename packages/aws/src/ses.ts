import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { sesClient } from './clients';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
}

export interface OutgoingMail {
  from: string;
  to: string[];
  cc?: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. In-Reply-To for acknowledgments. */
  headers?: Record<string, string>;
}

/**
 * Builds the MIME message ourselves (nodemailer's composer) and sends it raw through SES v2:
 * one code path for plain mail and mail with attachments (receipts carry an errors CSV).
 */
export async function renderMime(mail: OutgoingMail): Promise<Buffer> {
  // Header values on one line, whatever the caller built them from (no header injection).
  const oneLine = (v: string) => v.replace(/[\r\n]+/g, ' ');
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    replyTo: mail.replyTo,
    subject: oneLine(mail.subject),
    text: mail.text,
    html: mail.html,
    headers: mail.headers
      ? Object.fromEntries(Object.entries(mail.headers).map(([k, v]) => [k, oneLine(v)]))
      : undefined,
    attachments: mail.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  });
  return composer.compile().build();
}

export async function sendMail(mail: OutgoingMail): Promise<string | undefined> {
  const raw = await renderMime(mail);
  const out = await sesClient().send(
    new SendEmailCommand({
      FromEmailAddress: mail.from,
      Destination: { ToAddresses: mail.to, CcAddresses: mail.cc },
      Content: { Raw: { Data: raw } },
      ConfigurationSetName: process.env.SES_CONFIGURATION_SET || undefined,
    }),
  );
  return out.MessageId;
}
