import { createHash, randomUUID } from 'node:crypto';
import { ownAuthenticationResults } from '@uii/domain';
import { type AddressObject, simpleParser } from 'mailparser';
import type { MailVerdicts } from './demo/context';
import { ACCOUNT_ID, REGION } from './env';
import type { ReceiptRuleSpec } from './template';

export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';

export class InboundMailError extends Error {
  override readonly name = 'InboundMailError';
}

/**
 * What SES would report, emulated from the sample's own-server header: the topmost
 * `Authentication-Results` with SES's authserv-id (`amazonses.com`), as the domain reads it
 * (ADR 0015) — a header a sender added below it is never read. Without one SES would have had
 * nothing to judge from here: GRAY, which the trust rules never accept on its own.
 */
export function verdictsFromHeaders(raw: string): Required<Pick<MailVerdicts, 'spf' | 'dkim' | 'dmarc'>> {
  const headerBlock = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = headerBlock.replace(/\r?\n[ \t]+/g, ' ');
  const values = unfolded
    .split(/\r?\n/)
    .filter((line) => /^authentication-results:/i.test(line))
    .map((line) => line.replace(/^[^:]+:\s*/, ''));
  const own = ownAuthenticationResults(values);
  const status = (method: string): VerdictStatus => {
    if (!own) return 'GRAY';
    const results = own.results.filter((r) => r.method === method);
    const value = (results.find((r) => r.result === 'pass') ?? results[0])?.result;
    if (!value) return 'GRAY';
    if (value === 'pass') return 'PASS';
    if (value === 'fail' || value === 'softfail' || value === 'hardfail') return 'FAIL';
    if (value === 'temperror' || value === 'permerror') return 'PROCESSING_FAILED';
    return 'GRAY';
  };
  return { spf: status('spf'), dkim: status('dkim'), dmarc: status('dmarc') };
}

const addressList = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) =>
    a.value.map((v) => (v.name ? `${v.name} <${v.address}>` : String(v.address))),
  );
const bareAddresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) =>
    a.value.flatMap((v) => (v.address ? [v.address] : [])),
  );

/** An SES message id looks like 20 lowercase base32 characters, derived here from the content and time. */
function sesMessageId(raw: Buffer): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const digest = createHash('sha256').update(raw).update(randomUUID()).digest();
  let id = '';
  for (let i = 0; i < 20; i++) id += alphabet[digest[i]! % 32];
  return id;
}

export interface ReceivedMail {
  messageId: string;
  objectKey: string;
  /** The JSON SES publishes to SNS. */
  notification: Record<string, unknown>;
  /** The SQS body each subscribed queue receives (the SNS envelope, or the bare notification if raw delivery). */
  snsEnvelope: Record<string, unknown>;
}

/**
 * Builds the SES receipt notification for one raw message and one receipt rule's S3 action,
 * shaped as SES sends it (docs: "Contents of notifications for Amazon SES email receiving").
 */
export async function buildReceipt(
  raw: Buffer,
  rule: ReceiptRuleSpec,
  options: { verdicts?: MailVerdicts; now?: Date; recipients?: string[] } = {},
): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  const messageId = sesMessageId(raw);
  const objectKey = `${rule.objectKeyPrefix}${messageId}`;
  const now = options.now ?? new Date();
  const derived = verdictsFromHeaders(raw.toString('latin1'));
  const verdict = (status: VerdictStatus) => ({ status });
  const to = bareAddresses(parsed.to);
  const cc = bareAddresses(parsed.cc);
  const recipients = options.recipients ?? [...to, ...cc];
  if (recipients.length === 0)
    throw new InboundMailError('the message has no To/Cc recipient; pass recipients explicitly');
  const from = addressList(parsed.from);
  const source = bareAddresses(parsed.from)[0] ?? 'unknown@invalid';
  const returnPath = parsed.headers.get('return-path');
  const headers = parsed.headerLines.map((h) => ({
    name: h.line.slice(0, h.line.indexOf(':')),
    value: h.line.slice(h.line.indexOf(':') + 1).trim(),
  }));
  const dmarc = options.verdicts?.dmarc ?? derived.dmarc;
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${rule.topicName}`;
  const notification = {
    notificationType: 'Received',
    mail: {
      timestamp: now.toISOString(),
      source,
      messageId,
      destination: recipients,
      headersTruncated: false,
      headers,
      commonHeaders: {
        returnPath:
          typeof returnPath === 'object' ? bareAddresses(returnPath as AddressObject)[0] : returnPath,
        from,
        date: parsed.date ? parsed.date.toUTCString() : now.toUTCString(),
        to: addressList(parsed.to),
        ...(parsed.cc ? { cc: addressList(parsed.cc) } : {}),
        messageId: parsed.messageId ?? `<${messageId}@local>`,
        subject: parsed.subject ?? '',
      },
    },
    receipt: {
      timestamp: now.toISOString(),
      processingTimeMillis: 412,
      recipients,
      spamVerdict: verdict(options.verdicts?.spam ?? 'PASS'),
      virusVerdict: verdict(options.verdicts?.virus ?? 'PASS'),
      spfVerdict: verdict(options.verdicts?.spf ?? derived.spf),
      dkimVerdict: verdict(options.verdicts?.dkim ?? derived.dkim),
      dmarcVerdict: verdict(dmarc),
      ...(dmarc === 'FAIL' ? { dmarcPolicy: 'none' } : {}),
      action: {
        type: 'S3',
        topicArn,
        bucketName: rule.bucket,
        objectKeyPrefix: rule.objectKeyPrefix,
        objectKey,
      },
    },
  };
  const snsEnvelope = {
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Subject: 'Amazon SES Email Receipt Notification',
    Message: JSON.stringify(notification),
    Timestamp: now.toISOString(),
    SignatureVersion: '1',
    Signature: createHash('sha256').update(messageId).digest('base64'),
    SigningCertURL: `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-local.pem`,
    UnsubscribeURL: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:local`,
  };
  return { messageId, objectKey, notification, snsEnvelope };
}
