import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/handlers';
import { captureOutput } from './support';

/**
 * Proof 3 (issue 14): malformed messages on every queue reach the DLQ with the reason logged
 * and recorded, and never block the good messages received in the same batch.
 */
let stack: LocalStack;
const output = captureOutput();

beforeAll(async () => {
  stack = await startLocalStack({ now: '2026-03-02', visibilityTimeoutSeconds: 1 });
});
afterAll(async () => {
  output.restore();
  await stack?.stop();
});

// Personal data inside the poison: none of it may appear in a log line or in `uii dlq list`.
const secrets = ['Иванов Иван Иванович', '01.02.1985', '+7 912 345-67-89', 'ivanov.private@mail.example'];
const poisons = [
  `not json: ${secrets[0]} ${secrets[1]}`,
  JSON.stringify({ name: secrets[0], phone: secrets[2], email: secrets[3] }),
  '[]',
  '"just a string"',
  `{"truncated": "${secrets[0]}`,
];

/**
 * Well-formed, but refused by the domain on every attempt: an event dated after today
 * (2026-03-02 here). case-events declares that refusal permanent, so it is dead-lettered at once too.
 */
const refusedByDomain: Record<string, string[]> = {
  'case-events': [
    JSON.stringify({
      caseId: 'POISON-1',
      eventId: 'poison-future',
      event: { type: 'court_order_received', date: '2027-01-15' },
      source: 'officer',
    }),
  ],
};
const poisonOf = (queue: string) => [...poisons, ...(refusedByDomain[queue] ?? [])];

const goodJob = (id: string) =>
  JSON.stringify({
    id,
    kind: 'test.batchmate',
    audience: 'officer',
    to: ['officer@uii.example'],
    subject: 'Проверка',
    text: 'Сообщение, полученное вместе с испорченными',
  });

const uii = async (...args: string[]) => {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'packages/cli/bin/uii.js'), ...args],
      { cwd: repoRoot, encoding: 'utf8', env: process.env },
    );
    return { status: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { status: e.code ?? 1, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
};

describe('poison messages', () => {
  it('every queue sends them to its DLQ with the reason, and their batch-mates succeed', async () => {
    const sqs = new SQSClient({
      endpoint: stack.endpoints.sqs,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const workQueues = (await stack.queueDepths()).filter((q) => q.dlq).map((q) => q.name);
    expect(workQueues.length).toBeGreaterThanOrEqual(5);

    const sent = new Map<string, string[]>();
    const started = Date.now();
    for (const queue of workQueues) {
      const bodies = [
        ...poisonOf(queue),
        ...(queue === 'alert-outbox' ? [goodJob('batchmate-1'), goodJob('batchmate-2')] : []),
      ];
      const out = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: stack.queueUrls[queue]!,
          Entries: bodies.map((MessageBody, i) => ({ Id: String(i), MessageBody })),
        }),
      );
      sent.set(
        queue,
        (out.Successful ?? []).filter((s) => Number(s.Id) < poisonOf(queue).length).map((s) => s.MessageId!),
      );
    }
    await stack.drain(workQueues, { timeoutMs: 60_000 });
    const depths = (await eventually(async () => {
      const d = await stack.queueDepths();
      return workQueues.every((q) => d.find((x) => x.name === q)?.dlq?.depth === poisonOf(q).length)
        ? d
        : undefined;
    }, 20_000))!;
    const seconds = (Date.now() - started) / 1000;

    // Each poison reached its queue's DLQ; the good messages went out once each.
    for (const queue of workQueues)
      expect(depths.find((d) => d.name === queue)?.dlq?.depth).toBe(poisonOf(queue).length);
    const mail = await stack.outbox();
    expect(mail.filter((m) => m.subject === 'Проверка')).toHaveLength(2);

    // Each failure was logged with its message id, the error's name and a reason.
    const failures = output.json().filter((l) => l.message === 'record failed');
    const logged = new Set(failures.map((l) => String(l.messageId)));
    const allIds = [...sent.values()].flat();
    for (const id of allIds) expect(logged.has(id), `no reason logged for ${id}`).toBe(true);
    for (const l of failures) {
      expect(l.errorName).toBeTruthy();
      expect(String(l.reason).length).toBeGreaterThan(3);
    }
    // A body that can never succeed goes to the DLQ on its first receive, not after five.
    const firstReceive = failures.filter((l) => allIds.includes(String(l.messageId)));
    expect(firstReceive).toHaveLength(allIds.length);
    for (const l of firstReceive)
      expect({ receiveCount: l.receiveCount, deadLettered: l.deadLettered }).toEqual({
        receiveCount: 1,
        deadLettered: true,
      });

    // `uii dlq list` shows ids, sizes and the reasons; the body only on request.
    let shown = 0;
    for (const queue of workQueues) {
      const run = await uii('dlq', 'list', queue, '--json');
      expect(run.status, run.stdout).toBe(0);
      const listed = JSON.parse(run.stdout) as {
        messages: {
          messageId: string;
          sourceMessageId?: string;
          bytes: number;
          reason: string | null;
          body?: string;
        }[];
      };
      expect(listed.messages.map((m) => m.sourceMessageId ?? m.messageId).sort()).toEqual(
        [...sent.get(queue)!].sort(),
      );
      for (const m of listed.messages) {
        expect(m.reason, `${queue} ${m.messageId}`).toBeTruthy();
        expect(m.bytes).toBeGreaterThan(0);
        expect(m.body).toBeUndefined();
        shown += 1;
      }
      for (const s of secrets) expect(run.stdout).not.toContain(s);
    }
    const withBody = await uii('dlq', 'list', workQueues[0]!, '--json', '--show-body');
    expect(withBody.stdout).toContain(secrets[0]);

    // No personal data from the poison in any log line.
    for (const s of secrets) expect(output.text()).not.toContain(s);

    console.info(
      `[proof 3: poison] queues=${workQueues.length} poison=${allIds.length} in DLQ=${allIds.length} ` +
        `dead-lettered on the first receive=${firstReceive.length} reasons logged=${logged.size} ` +
        `reasons shown by uii dlq list=${shown} batch-mates sent=2/2 ` +
        `leaked secrets=0 time=${seconds.toFixed(1)} s`,
    );
  }, 120_000);
});
