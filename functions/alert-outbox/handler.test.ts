import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { AlertJobError, parseAlertJob } from './handler';

const record = (body: string) => ({ messageId: 'm-1', body }) as SQSRecord;

describe('parseAlertJob', () => {
  it('accepts a valid job', () => {
    const job = {
      id: 'j1',
      kind: 'deadline.reminder',
      audience: 'officer',
      to: ['a@b.example'],
      subject: 'S',
      text: 'T',
    };
    expect(parseAlertJob(record(JSON.stringify(job)))).toEqual(job);
  });

  it('names the message and the invalid field, without echoing the content', () => {
    const bad = {
      id: 'j1',
      kind: 'x',
      audience: 'officer',
      to: ['ivanov-not-an-address'],
      subject: 'S',
      text: 'T',
    };
    const error = (() => {
      try {
        parseAlertJob(record(JSON.stringify(bad)));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(AlertJobError);
    expect(error?.message).toMatch(/message m-1: invalid AlertJob at to\.0/);
    expect(error?.message).not.toContain('ivanov');
  });

  it('rejects a body that is not JSON', () => {
    expect(() => parseAlertJob(record('{oops'))).toThrow(/m-1: body is not JSON/);
  });
});
