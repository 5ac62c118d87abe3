import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MailIntakeError, parseReceipt } from './intake';

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
