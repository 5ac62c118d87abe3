import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { backoffMs } from '@uii/domain';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { sesClient } from './clients';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
}

/** A calendar event shown by mail clients as an invitation (nodemailer's `icalEvent`). */
export interface MailCalendarEvent {
  filename: string;
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  content: string;
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
  icalEvent?: MailCalendarEvent;
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
    icalEvent: mail.icalEvent,
    attachments: mail.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  });
  return composer.compile().build();
}

/**
 * How an SES call failed, which decides what the caller may do next:
 * - `transient`: SES answered and refused for now (throttling, quota, 5xx): it took nothing, retry;
 * - `permanent`: SES answered and will never take this mail (bad address, unverified identity);
 * - `unknown`: no answer (network, timeout): SES may have accepted it — never retry blindly.
 */
export type SendFailureKind = 'transient' | 'permanent' | 'unknown';

export class SendFailure extends Error {
  override readonly name = 'SendFailure';
  constructor(
    readonly kind: SendFailureKind,
    readonly errorName: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`SES send failed (${kind}: ${errorName}) after ${attempts} attempt(s)`, options);
  }
}

const TRANSIENT = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'SendingPausedException',
  'InternalFailure',
  'ServiceUnavailable',
]);
const PERMANENT = new Set([
  'MessageRejected',
  'BadRequestException',
  'MailFromDomainNotVerifiedException',
  'NotFoundException',
  'AccountSuspendedException',
]);

export function classifySesError(error: unknown): SendFailureKind {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = e.$metadata?.httpStatusCode;
  if (e.name && TRANSIENT.has(e.name)) return 'transient';
  if (e.name && PERMANENT.has(e.name)) return 'permanent';
  if (status === 429 || (status !== undefined && status >= 500)) return 'transient';
  if (status !== undefined && status >= 400) return 'permanent';
  return 'unknown';
}

export interface SendOptions {
  /** SES message tags (`EmailTags`): the configuration set's events carry them back. */
  tags?: Record<string, string>;
  /** Attempts for transient refusals, with exponential backoff and jitter. Default 4. */
  maxAttempts?: number;
  /** Tests: no real waiting. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function sendMail(mail: OutgoingMail, options: SendOptions = {}): Promise<string | undefined> {
  const raw = await renderMime(mail);
  const maxAttempts = options.maxAttempts ?? 4;
  const sleep = options.sleep ?? defaultSleep;
  const tags = Object.entries(options.tags ?? {}).map(([Name, Value]) => ({ Name, Value }));
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await sesClient().send(
        new SendEmailCommand({
          FromEmailAddress: mail.from,
          Destination: { ToAddresses: mail.to, CcAddresses: mail.cc },
          Content: { Raw: { Data: raw } },
          ConfigurationSetName: process.env.SES_CONFIGURATION_SET || undefined,
          EmailTags: tags.length ? tags : undefined,
        }),
      );
      return out.MessageId;
    } catch (error) {
      const kind = classifySesError(error);
      const name = (error as Error).name || 'Error';
      if (kind !== 'transient' || attempt >= maxAttempts)
        throw new SendFailure(kind, name, attempt, { cause: error });
      await sleep(backoffMs(attempt, Math.random));
    }
  }
}
