import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import type { AlertJob } from '@uii/domain';
import { type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(matches).toEqual([{ reason: 'clock_opened', caseIds: ['IT-1'], asOf: '2026-03-02' }]);
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
    expect(sent.map((a) => `${a.id}>${a.to.join(',')}`).sort()).toEqual([
      'IT-1:CL-REFER:escalation:2026-03-18>head@uii.example',
      'IT-1:CL-REFER:overdue:2026-03-18>officer@uii.example',
      'IT-1:CL-REFER:reminder:2026-03-15>officer@uii.example',
      'IT-1:CL-REFER:reminder:2026-03-16>officer@uii.example',
    ]);
  });
});
