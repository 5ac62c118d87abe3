import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sesEventsFor } from '../../packages/local/src/ses-events';
import { parseSesEvent, SesEventError } from './handler';

const record = (body: string) => ({ messageId: 'm-1', body }) as SQSRecord;
const envelope = (message: unknown) =>
  JSON.stringify({ Type: 'Notification', MessageId: 'sns-1', Message: JSON.stringify(message) });

describe('parseSesEvent', () => {
  it('unwraps the SNS envelope and reads the alert tag and bounce', () => {
    const [, bounce] = sesEventsFor(
      {
        ConfigurationSetName: 'set',
        Destination: { ToAddresses: ['bounce@simulator.amazonses.com'] },
        EmailTags: [{ Name: 'uii-alert', Value: 'abc' }],
      },
      'ses-1',
      new Date('2026-03-02T06:00:00Z'),
    );
    const event = parseSesEvent(record(envelope(bounce!.record)));
    expect(event.type).toBe('Bounce');
    expect(event.mail.tags?.['uii-alert']).toEqual(['abc']);
    expect(event.bounce).toMatchObject({
      bounceType: 'Permanent',
      bouncedRecipients: [{ emailAddress: 'bounce@simulator.amazonses.com' }],
    });
  });

  it('reads a raw (unwrapped) event too', () => {
    expect(parseSesEvent(record(JSON.stringify({ eventType: 'Send', mail: { messageId: 'x' } }))).type).toBe(
      'Send',
    );
  });

  it('rejects what is not an SES event, naming the message', () => {
    expect(() => parseSesEvent(record('{oops'))).toThrow(/m-1: body is not JSON/);
    expect(() => parseSesEvent(record(envelope({ hello: 1 })))).toThrow(SesEventError);
  });
});
