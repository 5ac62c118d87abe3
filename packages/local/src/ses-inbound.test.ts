import { describe, expect, it } from 'vitest';
import { buildReceipt, verdictsFromHeaders } from './ses-inbound';

const rule = {
  name: 'inbound',
  recipients: [],
  bucket: 'inbound-mail',
  objectKeyPrefix: 'inbound-mail/',
  topic: 'Topic',
  topicName: 'inbound-mail',
  queues: [{ name: 'mail-intake', rawMessageDelivery: false }],
  scanEnabled: true,
};

const mail = (extraHeaders: string) =>
  Buffer.from(
    `${extraHeaders}From: =?UTF-8?B?0JzQsNGB0YLQtdGA?= <master@site.example>\r\nTo: uii@inbound.example\r\nSubject: =?UTF-8?B?0KLQsNCx0LXQu9GM?=\r\nMessage-ID: <m1@site.example>\r\nDate: Mon, 02 Mar 2026 09:00:00 +0300\r\n\r\nТекст\r\n`,
  );

describe('verdictsFromHeaders', () => {
  it('reads spf/dkim/dmarc from Authentication-Results, folded or not', () => {
    const raw =
      'Authentication-Results: amazonses.com;\r\n spf=fail smtp.mailfrom=x;\r\n dkim=pass; dmarc=fail\r\n\r\nbody';
    expect(verdictsFromHeaders(raw)).toEqual({ spf: 'FAIL', dkim: 'PASS', dmarc: 'FAIL' });
  });

  it("has no verdict (GRAY) without the own server's header, and never reads a lower forged one", () => {
    expect(verdictsFromHeaders('Subject: x\r\n\r\nbody dkim=fail')).toEqual({
      spf: 'GRAY',
      dkim: 'GRAY',
      dmarc: 'GRAY',
    });
    const forged =
      'Authentication-Results: amazonses.com; spf=fail smtp.mailfrom=x.example; dkim=none; dmarc=fail header.from=y.example\r\n' +
      'Authentication-Results: amazonses.com; spf=pass; dkim=pass; dmarc=pass\r\n\r\nbody';
    expect(verdictsFromHeaders(forged)).toEqual({ spf: 'FAIL', dkim: 'GRAY', dmarc: 'FAIL' });
  });
});

describe('buildReceipt', () => {
  it('shapes the SES S3-action notification inside an SNS envelope', async () => {
    const received = await buildReceipt(
      mail('Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=site.example\r\n'),
      rule,
      { now: new Date('2026-03-02T06:00:01Z') },
    );
    expect(received.objectKey).toBe(`inbound-mail/${received.messageId}`);
    expect(received.snsEnvelope).toMatchObject({
      Type: 'Notification',
      Subject: 'Amazon SES Email Receipt Notification',
      TopicArn: 'arn:aws:sns:eu-central-1:000000000000:inbound-mail',
    });
    expect(JSON.parse(received.snsEnvelope.Message as string)).toEqual(received.notification);
    expect(received.notification).toMatchObject({
      notificationType: 'Received',
      mail: {
        timestamp: '2026-03-02T06:00:01.000Z',
        source: 'master@site.example',
        destination: ['uii@inbound.example'],
        commonHeaders: {
          from: ['Мастер <master@site.example>'],
          subject: 'Табель',
          messageId: '<m1@site.example>',
        },
      },
      receipt: {
        action: {
          type: 'S3',
          bucketName: 'inbound-mail',
          objectKeyPrefix: 'inbound-mail/',
          objectKey: received.objectKey,
        },
        spfVerdict: { status: 'PASS' },
      },
    });
  });

  it('lets explicit verdicts win over the headers and adds dmarcPolicy on a DMARC failure', async () => {
    const received = await buildReceipt(mail('Authentication-Results: x; spf=pass; dmarc=pass\r\n'), rule, {
      verdicts: { spf: 'FAIL', dmarc: 'FAIL' },
    });
    expect(received.notification).toMatchObject({
      receipt: { spfVerdict: { status: 'FAIL' }, dmarcVerdict: { status: 'FAIL' }, dmarcPolicy: 'none' },
    });
  });
});
