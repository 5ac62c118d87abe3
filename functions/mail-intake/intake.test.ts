import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { checkLocation, MailIntakeError, parseReceipt, trustSettingsFromEnv } from './intake';

const record = (body: string) => ({ messageId: 'm-1', body }) as SQSRecord;
const notification = {
  notificationType: 'Received',
  mail: { messageId: 'abcdefghij0123456789', source: 'master@stroy-primer.example' },
  receipt: {
    spfVerdict: { status: 'PASS' },
    dkimVerdict: { status: 'FAIL' },
    dmarcVerdict: { status: 'PASS' },
    action: { type: 'S3', bucketName: 'inbound-mail', objectKey: 'inbound-mail/abcdefghij0123456789' },
  },
};

describe('mail-intake record parsing', () => {
  it('unwraps the SNS envelope around the SES receipt notification', () => {
    const n = parseReceipt(
      record(JSON.stringify({ Type: 'Notification', Message: JSON.stringify(notification) })),
    );
    expect(n.mail.messageId).toBe('abcdefghij0123456789');
    expect(n.receipt.action.objectKey).toBe('inbound-mail/abcdefghij0123456789');
  });

  it('accepts raw message delivery (no envelope) too', () => {
    expect(parseReceipt(record(JSON.stringify(notification))).receipt.dkimVerdict?.status).toBe('FAIL');
  });

  it('names the SQS message and the missing field, never the content', () => {
    const broken = { ...notification, receipt: { ...notification.receipt, action: undefined } };
    expect(() => parseReceipt(record(JSON.stringify({ Message: JSON.stringify(broken) })))).toThrow(
      /message m-1: not an SES receipt at receipt\.action/,
    );
    expect(() => parseReceipt(record('not json'))).toThrow(MailIntakeError);
  });
});

describe('mail-intake reads only the configured inbound bucket and prefix (14.6)', () => {
  const n = (bucketName: string, objectKey: string) =>
    parseReceipt(
      record(
        JSON.stringify({
          ...notification,
          receipt: { ...notification.receipt, action: { type: 'S3', bucketName, objectKey } },
        }),
      ),
    );
  const env = { INBOUND_MAIL_BUCKET: 'inbound-mail', INBOUND_MAIL_PREFIX: 'inbound-mail/' };

  it('accepts the configured location and refuses any other bucket, prefix or path trick', () => {
    Object.assign(process.env, env);
    expect(checkLocation(n('inbound-mail', 'inbound-mail/abc'))).toEqual({
      bucket: 'inbound-mail',
      objectKey: 'inbound-mail/abc',
    });
    expect(() => checkLocation(n('uploads', 'inbound-mail/abc'))).toThrow(/another bucket/);
    expect(() => checkLocation(n('inbound-mail', 'uploads/feed.csv'))).toThrow(
      /outside the inbound-mail\/ prefix/,
    );
    expect(() => checkLocation(n('inbound-mail', 'inbound-mail/../uploads/x'))).toThrow(/outside/);
  });

  it('reads the own server ids from MAIL_AUTHSERV_IDS, SES by default', () => {
    expect(trustSettingsFromEnv({})).toEqual({ authservIds: ['amazonses.com'] });
    expect(trustSettingsFromEnv({ MAIL_AUTHSERV_IDS: 'MX.UII.example, amazonses.com' })).toEqual({
      authservIds: ['mx.uii.example', 'amazonses.com'],
    });
  });
});
