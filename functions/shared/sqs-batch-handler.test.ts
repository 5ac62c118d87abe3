import type { Context, SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { failureReason, redact } from './failures';
import { sqsBatchHandler } from './sqs-batch-handler';

const context = {
  functionName: 'test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

let n = 0;
const record = (body: string): SQSRecord => ({
  messageId: `m-${++n}`,
  receiptHandle: 'rh',
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1700000000000',
    SenderId: 'AIDA',
    ApproximateFirstReceiveTimestamp: '1700000000000',
  },
  messageAttributes: {},
  md5OfBody: 'x',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-central-1:000000000000:case-events',
  awsRegion: 'eu-central-1',
});

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture as never);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture as never);
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const failedLogs = () =>
  lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.includes('record failed'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const Payload = z.object({ caseId: z.string().min(1), hours: z.number().int() });

describe('sqsBatchHandler with a schema', () => {
  it('handles the good record, fails only the bad ones and logs each reason without the body', async () => {
    const handled: unknown[] = [];
    const handler = sqsBatchHandler({
      service: 'case-events',
      schema: Payload,
      handle: async (item) => void handled.push(item),
    });
    const good = record(JSON.stringify({ caseId: 'c-1', hours: 4 }));
    const notJson = record('{"name": "Иванов Иван Иванович", 01.02.1985');
    const wrong = record(JSON.stringify({ caseId: 'Петров Пётр', hours: 'много' }));
    const out = await handler({ Records: [good, notJson, wrong] }, context);

    expect(handled).toEqual([{ caseId: 'c-1', hours: 4 }]);
    expect(out.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [notJson.messageId, wrong.messageId].sort(),
    );
    const logs = failedLogs();
    expect(logs.map((l) => l.messageId).sort()).toEqual([notJson.messageId, wrong.messageId].sort());
    for (const l of logs) {
      expect(l.errorName).toBeTruthy();
      expect(String(l.reason).length).toBeGreaterThan(5);
      expect(l.queue).toBe('case-events');
    }
    expect(logs.find((l) => l.messageId === wrong.messageId)?.reason).toMatch(/hours/);
    const all = lines.join('\n');
    for (const secret of ['Иванов', '01.02.1985', 'Петров', 'много']) expect(all).not.toContain(secret);
  });

  it('reads an SNS notification whose Message is the JSON payload', async () => {
    const handled: unknown[] = [];
    const handler = sqsBatchHandler({
      service: 'mail-intake',
      schema: Payload,
      envelope: 'sns',
      handle: async (item) => void handled.push(item),
    });
    const sns = (message: string) =>
      JSON.stringify({
        Type: 'Notification',
        MessageId: 'sns-1',
        TopicArn: 'arn:aws:sns:eu-central-1:000000000000:t',
        Message: message,
        Timestamp: new Date(0).toISOString(),
      });
    const out = await handler(
      {
        Records: [
          record(sns(JSON.stringify({ caseId: 'c-2', hours: 1 }))),
          record(sns('not json')),
          record(JSON.stringify({ caseId: 'c-3', hours: 1 })),
        ],
      },
      context,
    );
    expect(handled).toEqual([{ caseId: 'c-2', hours: 1 }]);
    expect(out.batchItemFailures).toHaveLength(2);
    expect(failedLogs()).toHaveLength(2);
  });

  it('logs every reason when the whole batch fails (Powertools throws then)', async () => {
    const handler = sqsBatchHandler({
      service: 'alert-outbox',
      parse: (r) => JSON.parse(r.body) as unknown,
      handle: async () => {
        throw new TypeError('SES is down for kozlov.av@gmail.com');
      },
    });
    const batch = [record('{}'), record('{}'), record('{"a":1}')];
    await expect(handler({ Records: batch }, context)).rejects.toThrow(/All records failed/);
    const logs = failedLogs();
    expect(logs).toHaveLength(3);
    expect(logs.every((l) => l.errorName === 'TypeError' && l.reason === 'SES is down for <email>')).toBe(
      true,
    );
  });
});

describe('a record that can never succeed', () => {
  it('fails as any record (the redrive policy takes over) when it cannot be sent to the DLQ', async () => {
    const handler = sqsBatchHandler({
      service: 'case-events',
      schema: Payload,
      handle: async () => {},
    });
    const invalid = { ...record('{"caseId": ""}'), eventSourceARN: '' };
    const out = await handler(
      { Records: [invalid, record(JSON.stringify({ caseId: 'c-9', hours: 1 }))] },
      context,
    );
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: invalid.messageId }]);
    expect(failedLogs()).toMatchObject([{ messageId: invalid.messageId, deadLettered: false }]);
  });
});

describe('the last receive', () => {
  const last = (body: string) => {
    const r = record(body);
    return { ...r, eventSourceARN: '', attributes: { ...r.attributes, ApproximateReceiveCount: '5' } };
  };

  it('says, shortly before the deadline, which records are still running', async () => {
    const handler = sqsBatchHandler({
      service: 'case-events',
      parse: (r) => r.body,
      handle: () => new Promise((resolve) => setTimeout(resolve, 400)),
    });
    const stuck = last('slow');
    const soon = { ...context, getRemainingTimeInMillis: () => 600 } as Context;
    await handler({ Records: [stuck, record('slow too, but not its last receive')] }, soon);
    expect(failedLogs()).toMatchObject([{ messageId: stuck.messageId, errorName: 'DeadlineNearError' }]);
  });
});

describe('failure reasons', () => {
  it('blanks what a message may quote', () => {
    expect(redact(`Unexpected token 'И', "Иванов Ив"... is not valid JSON`)).not.toMatch(/Иванов|И'/);
    expect(redact('call +7 (912) 345-67-89 born 01.02.1985')).toBe('call <digits> born <date>');
    expect(failureReason(new Error('x'.repeat(5000))).reason.length).toBeLessThanOrEqual(300);
    expect(failureReason('plain').errorName).toBe('string');
  });
});

describe('MAX_RECEIVE_COUNT (its queue redrive count, from infra)', () => {
  const consumer = { service: 'case-events', parse: (r: SQSRecord) => r.body, handle: async () => {} };
  afterEach(() => {
    delete process.env.MAX_RECEIVE_COUNT;
  });

  it('fails at cold start when it is not a whole number of receives SQS allows', () => {
    for (const wrong of ['5d', '0', '1001', '']) {
      process.env.MAX_RECEIVE_COUNT = wrong;
      expect(() => sqsBatchHandler(consumer), wrong).toThrow(/MAX_RECEIVE_COUNT/);
    }
  });

  it('accepts the value infra passes', () => {
    process.env.MAX_RECEIVE_COUNT = '5';
    expect(() => sqsBatchHandler(consumer)).not.toThrow();
  });
});
