import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { type LocalStack, repoRoot } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackWithShortHolds } from './support';

/**
 * Proof 2 (issue 14): DynamoDB Local paused (SIGSTOP) for UII_OUTAGE_SECONDS (default 30) in
 * the middle of a run, and SES failing for as long, from two thirds into the pause to two
 * thirds of that time after DynamoDB is back. While DynamoDB is paused nothing reaches SES (the claim
 * comes first), so the SES outage must outlast the pause to be felt at all; its tail, with
 * every queue's real maxReceiveCount (5), drives alerts past their receives into the DLQ; so
 * do attempts stuck on the paused DynamoDB until their function's deadline. Then, as an operator would: `uii dlq list` shows each dead
 * letter's id, size and reason (no body), `uii dlq redrive` moves them back, and every
 * expected effect happened exactly once — each case recorded once, each alert job and each
 * case alert mailed once. Short timeouts and claims (support.ts): an attempt stuck on the paused
 * DynamoDB is ended after 3 s, as Lambda would end it.
 */
const OUTAGE_SECONDS = Number(process.env.UII_OUTAGE_SECONDS ?? 30);
const N = 10;

let stack: LocalStack;
beforeAll(async () => {
  // As on AWS, a message stays invisible longer than its consumer may run (4 s > 3 s): the
  // consumer still holds a valid receipt when it gives up on an attempt stuck on DynamoDB.
  stack = await startStackWithShortHolds({ now: '2026-03-02', visibilityTimeoutSeconds: 4 }, 3);
});
afterAll(async () => {
  if (stack?.javaPid) process.kill(stack.javaPid, 'SIGCONT');
  await stack?.stop();
});

const uii = async (...args: string[]) => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(repoRoot, 'packages/cli/bin/uii.js'), ...args],
    { cwd: repoRoot, encoding: 'utf8', env: process.env },
  );
  return stdout;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Listed {
  messages: {
    messageId: string;
    bytes: number;
    receiveCount: number;
    errorName: string | null;
    reason: string | null;
    body?: string;
  }[];
}

describe('outage', () => {
  it(`survives DynamoDB paused and SES failing for ${OUTAGE_SECONDS} s: dead letters redriven, nothing lost or duplicated`, async () => {
    const table = stack.env.TABLE_NAME!;
    const directory = new DirectoryStore(table);
    await directory.putInspection({ id: 'INSP-O', email: 'uii@uii.example', headEmail: 'head@uii.example' });
    await directory.putOfficer({ id: 'OFF-O', email: 'inspector@uii.example', inspectionId: 'INSP-O' });
    const cases = new CaseStore(table);
    const ids = Array.from({ length: N }, (_, i) => `OUTAGE-${i}`);
    for (const id of ids)
      await cases.putCase({
        id,
        sentence: 'compulsory_labor',
        hoursOrdered: 120,
        inspectionId: 'INSP-O',
        officerId: 'OFF-O',
      });

    const started = Date.now();
    // The outage starts with the work in flight.
    for (const id of ids)
      await stack.sendToQueue('case-events', {
        caseId: id,
        eventId: `outage-${id}`,
        event: { type: 'court_order_received', date: '2026-03-02' },
        source: 'officer',
      });
    for (let i = 0; i < N; i++)
      await stack.sendToQueue('alert-outbox', {
        id: `outage-job-${i}`,
        kind: 'test.outage',
        audience: 'officer',
        to: ['inspector@uii.example'],
        subject: `outage-job-${i}`,
        text: 'Проверка',
      });
    await sleep(1000);
    // DynamoDB paused for OUTAGE; SES down for as long, from two thirds into the pause.
    const third = (OUTAGE_SECONDS * 1000) / 3;
    process.kill(stack.javaPid!, 'SIGSTOP');
    await sleep(2 * third);
    // SES refuses every request from now on (an outage: nothing sent, nothing half-sent).
    stack.runtime.setFaultRate(1, ['ses'], { lostAnswers: false });
    await sleep(third);
    process.kill(stack.javaPid!, 'SIGCONT');
    await sleep(2 * third);
    stack.runtime.setFaultRate(0);
    const sesRefused = stack.runtime.faultCounts().before;
    await stack.drain(undefined, { timeoutMs: 300_000 });
    const recovered = Date.now();

    // What exhausted its retries: in the DLQ, each with its reason and no body; then redriven by the CLI.
    const deadLetters: Record<string, number> = {};
    const reasons: Record<string, number> = {};
    let redriven = 0;
    const withDeadLetters = (await stack.queueDepths()).filter((d) => d.dlq?.depth);
    // Queue by queue as an operator would, the queues side by side (each CLI run costs a Node start).
    await Promise.all(
      withDeadLetters.map(async (d) => {
        const listed = JSON.parse(await uii('dlq', 'list', d.name, '--json')) as Listed;
        for (const m of listed.messages) {
          expect(m.messageId).toBeTruthy();
          expect(m.bytes, `${d.name} ${m.messageId}`).toBeGreaterThan(0);
          expect(m.receiveCount, `${d.name} ${m.messageId}`).toBeGreaterThan(0);
          expect(m.errorName, `${d.name} ${m.messageId}`).toBeTruthy();
          expect(m.reason, `${d.name} ${m.messageId}`).toBeTruthy();
          expect(m).not.toHaveProperty('body');
          reasons[m.errorName!] = (reasons[m.errorName!] ?? 0) + 1;
        }
        expect(listed.messages).toHaveLength(d.dlq!.depth);
        deadLetters[d.name] = listed.messages.length;
        const moved = JSON.parse(await uii('dlq', 'redrive', d.name, '--json')) as { moved: number };
        expect(moved.moved).toBe(listed.messages.length);
        redriven += moved.moved;
      }),
    );
    const inDlq = Object.values(deadLetters).reduce((a, b) => a + b, 0);
    // Attempts stuck on DynamoDB for 30 s, and SES's tail, outlast five receives: something
    // must have exhausted them.
    expect(inDlq).toBeGreaterThan(0);
    const redrivenAt = Date.now();
    await stack.drain(undefined, { timeoutMs: 300_000 });
    for (const d of await stack.queueDepths())
      expect(d.dlq?.depth ?? 0, `${d.name} DLQ after redrive`).toBe(0);

    // Every expected effect exactly once: each case's event and projection, each job's mail,
    // and each case's alert (court_order_received on compulsory labour opens CW-START).
    let lost = 0;
    let duplicated = 0;
    for (const id of ids) {
      const c = await cases.getCase(id);
      const events = await cases.listEvents(id);
      if (!c?.projection || events.length === 0) lost += 1;
      if (events.length > 1) duplicated += events.length - 1;
    }
    const mail = await stack.outbox();
    const count = (match: (subject: string) => boolean) => mail.filter((m) => match(m.subject)).length;
    for (let i = 0; i < N; i++) {
      const n = count((s) => s === `outage-job-${i}`);
      if (n === 0) lost += 1;
      if (n > 1) duplicated += n - 1;
    }
    let caseAlerts = 0;
    for (const id of ids) {
      const n = count((s) => new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(s));
      caseAlerts += n;
      if (n === 0) lost += 1;
      if (n > 1) duplicated += n - 1;
    }
    console.info(
      `[proof 2: outage] DynamoDB paused ${OUTAGE_SECONDS} s, SES failing ${OUTAGE_SECONDS} s (from ${Math.round((2 * OUTAGE_SECONDS) / 3)} s ` +
        `into the pause); events=${N * 2} SES requests refused=${sesRefused} ` +
        `dead-lettered with reason=${inDlq} ${JSON.stringify(deadLetters)} reasons=${JSON.stringify(reasons)} redriven by uii dlq redrive=${redriven} ` +
        `mails: jobs=${N} case alerts=${caseAlerts} lost=${lost} duplicated=${duplicated} ` +
        `time=${((Date.now() - started) / 1000).toFixed(1)} s (drained ${((recovered - started) / 1000).toFixed(1)} s, ` +
        `redriven ${((redrivenAt - started) / 1000).toFixed(1)} s)`,
    );
    expect(sesRefused).toBeGreaterThan(0);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 600_000);
});
