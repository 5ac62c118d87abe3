import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { documentClient } from '@uii/aws';
import { CaseStore, eventIdOf } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import type { AlertJob } from '@uii/domain';
import { type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionOf } from '../functions/case-events/case-service';
import { runScan } from '../functions/deadline-scan/scan';

/**
 * The deadline pipeline against the emulators: case-events records an event once, opens
 * the CL-REFER clock (first alert, match request, byDue entry); the daily scan sends the
 * reminder when the simulated clock reaches it, and a re-run sends nothing twice.
 */
let stack: LocalStack;
let sqs: SQSClient;
let cases: CaseStore;

async function drainQueue(name: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (;;) {
    const got = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.queueUrls[name],
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
      }),
    );
    if (!got.Messages?.length) return out;
    for (const m of got.Messages) {
      out.push(JSON.parse(m.Body!));
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: stack.queueUrls[name], ReceiptHandle: m.ReceiptHandle }),
      );
    }
  }
}

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['case-events', 'deadline-scan'],
    now: '2026-03-02T10:00:00+03:00',
  });
  sqs = new SQSClient({ endpoint: stack.endpoints.sqs });
  cases = new CaseStore(stack.env.TABLE_NAME);
  const directory = new DirectoryStore(stack.env.TABLE_NAME);
  await directory.putOfficer({ id: 'OFF-1', email: 'officer@uii.example', inspectionId: 'INSP-1' });
  await directory.putInspection({ id: 'INSP-1', headEmail: 'head@uii.example', region: '70' });
  await cases.putCase({
    id: 'IT-1',
    sentence: 'corrective_labor',
    termMonths: 6,
    deductionPercent: 10,
    inspectionId: 'INSP-1',
    officerId: 'OFF-1',
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('deadline pipeline', () => {
  it('records a redelivered event once and opens the clock', async () => {
    const message = {
      caseId: 'IT-1',
      event: { type: 'court_order_received', date: '2026-03-02' },
      source: 'officer',
    };
    await stack.sendToQueue('case-events', message);
    await stack.sendToQueue('case-events', message);
    await stack.drain('case-events');

    expect(await cases.listEvents('IT-1')).toHaveLength(1);
    const stored = await cases.getCase('IT-1');
    expect(stored?.projection?.openClocks).toEqual([
      { rule: 'CL-REFER', due: '2026-03-17', trigger: '2026-03-02', status: 'open' },
    ]);
    expect(stored?.projection?.nextActionDate).toBe('2026-03-12');
    expect(await cases.dueOn('2026-03-12')).toEqual(['IT-1']);

    const alerts = (await drainQueue('alert-outbox')) as AlertJob[];
    expect(alerts.map((a) => a.id)).toEqual(['IT-1:CL-REFER:first:2026-03-02']);
    expect(alerts[0]!.to).toEqual(['officer@uii.example']);
    expect(alerts[0]!.text).toContain('УИК РФ ст. 39 ч. 2');
    const matches = await drainQueue('match-requests');
    expect(matches).toEqual([
      {
        reason: 'clock_opened',
        caseIds: ['IT-1'],
        asOf: '2026-03-02',
        requestId: expect.stringMatching(/^clock_opened:IT-1:[0-9a-f]{32}$/),
      },
    ]);
  });

  it('rejects an invalid event without recording it', async () => {
    await stack.sendToQueue('case-events', {
      caseId: 'IT-1',
      event: { type: 'registered', date: '2026-02-30' },
      source: 'officer',
    });
    await stack.drain('case-events');
    expect(await cases.listEvents('IT-1')).toHaveLength(1);
  });

  it('refuses an event dated after the stack’s today without recording it', async () => {
    const before = stack.invocationsOf('case-events').length;
    const dlqDepth = async () =>
      (await stack.queueDepths()).find((d) => d.name === 'case-events')?.dlq?.depth ?? 0;
    const deadBefore = await dlqDepth();
    await stack.sendToQueue('case-events', {
      caseId: 'IT-1',
      event: { type: 'referral_issued', date: '2026-03-05' },
      source: 'officer',
    });
    await stack.drain('case-events');
    expect(await cases.listEvents('IT-1')).toHaveLength(1);
    // Refused at once: no retry can make it valid, so it goes straight to the DLQ, never recorded.
    expect(stack.invocationsOf('case-events').slice(before)).toHaveLength(1);
    expect(await dlqDepth()).toBe(deadBefore + 1);
  });

  it('sends the reminder when the clock reaches it, and never twice', async () => {
    await stack.advanceClock('10d'); // 12.03.2026: 5 days left
    await stack.drain();
    const reminders = (await drainQueue('alert-outbox')) as AlertJob[];
    expect(reminders.map((a) => a.id)).toEqual(['IT-1:CL-REFER:reminder:2026-03-12']);
    expect(reminders[0]!.text).toContain('осталось 5 дней');
    expect((await cases.getCase('IT-1'))?.projection?.nextActionDate).toBe('2026-03-15');

    const again = await runScan('2026-03-12', {
      cases,
      directory: new DirectoryStore(stack.env.TABLE_NAME),
      emit: async () => {
        throw new Error('a re-run must not send');
      },
    });
    expect(again.alerts).toBe(0);
  });

  it('escalates to the head of the inspection once the inspection’s deadline is missed', async () => {
    await stack.advanceClock('6d'); // 18.03.2026: overdue
    await stack.drain();
    const sent = (await drainQueue('alert-outbox')) as AlertJob[];
    // The scan runs each day the clock crosses: reminders 15.03, 16.03, the due day 17.03, then overdue.
    expect(sent.map((a) => `${a.id}>${a.to.join(',')}`).sort()).toEqual([
      'IT-1:CL-REFER:escalation:2026-03-18>head@uii.example',
      'IT-1:CL-REFER:overdue:2026-03-18>officer@uii.example',
      'IT-1:CL-REFER:reminder:2026-03-15>officer@uii.example',
      'IT-1:CL-REFER:reminder:2026-03-16>officer@uii.example',
      'IT-1:CL-REFER:reminder:2026-03-17>officer@uii.example',
    ]);
  });

  it('after a partial failure a retry still sends the alerts (steps after the commit re-run)', async () => {
    await cases.putCase({
      id: 'IT-2',
      sentence: 'corrective_labor',
      officerId: 'OFF-1',
      inspectionId: 'INSP-1',
    });
    const event = { type: 'court_order_received' as const, date: '2026-03-18' };
    // The first attempt committed the event and then failed before sending anything.
    await cases.appendEvent(
      'IT-2',
      { eventId: eventIdOf('IT-2', event), event, source: 'officer' },
      (c, events) => projectionOf(c, events, '2026-03-18'),
    );
    await stack.sendToQueue('case-events', { caseId: 'IT-2', event, source: 'officer' });
    await stack.drain('case-events');
    const sent = (await drainQueue('alert-outbox')) as AlertJob[];
    expect(sent.map((a) => a.id)).toEqual(['IT-2:CL-REFER:first:2026-03-18']);
    expect(await cases.listEvents('IT-2')).toHaveLength(1);
    expect((await drainQueue('match-requests')).length).toBe(1);
  });

  it('retries unprocessed directory keys instead of dropping recipients', async () => {
    const real = documentClient();
    let throttled = 0;
    let calls = 0;
    const flaky = {
      send: async (command: { input: { RequestItems?: Record<string, { Keys: unknown[] }> } }) => {
        calls++;
        const out = (await real.send(command as never)) as Record<string, unknown>;
        const items = command.input.RequestItems?.[stack.env.TABLE_NAME!];
        if (items && items.Keys.length > 1 && throttled++ === 0) {
          // DynamoDB under throttling answers part of a BatchGet and returns the rest unprocessed.
          const [first, ...rest] = items.Keys;
          const responses = (out.Responses as Record<string, Record<string, unknown>[]>)[
            stack.env.TABLE_NAME!
          ]!;
          const kept = responses.filter((r) => r.pk === (first as { pk: string }).pk);
          return {
            Responses: { [stack.env.TABLE_NAME!]: kept },
            UnprocessedKeys: { [stack.env.TABLE_NAME!]: { Keys: rest } },
          };
        }
        return out;
      },
    };
    const directory = new DirectoryStore(stack.env.TABLE_NAME, flaky as never);
    expect(await directory.recipientsFor('OFF-1', 'INSP-1')).toEqual({
      officer: ['officer@uii.example'],
      supervisor: ['head@uii.example'],
      langs: { officer: 'ru', supervisor: 'ru' },
    });
    expect([throttled, calls]).toEqual([1, 2]);
  });
});
