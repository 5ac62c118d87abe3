import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Proof 2 (issue 14): DynamoDB Local paused (SIGSTOP) and SES failing, both for
 * UII_OUTAGE_SECONDS (default 30) in the middle of a run. Nothing is lost or duplicated; what
 * exhausted its retries is in a DLQ with its reason, and `uii dlq redrive` completes it.
 */
const OUTAGE_SECONDS = Number(process.env.UII_OUTAGE_SECONDS ?? 30);
const N = 10;

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ now: '2026-03-02', visibilityTimeoutSeconds: 2, faultInjection: true });
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

describe('outage', () => {
  it(`survives DynamoDB paused and SES failing for ${OUTAGE_SECONDS} s: nothing lost or duplicated`, async () => {
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
    // SES refuses every request (an outage: nothing is sent, nothing half-sent).
    stack.runtime.setFaultRate(1, ['ses'], { lostAnswers: false });
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
    await new Promise((r) => setTimeout(r, 1000));
    process.kill(stack.javaPid!, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, OUTAGE_SECONDS * 1000));
    process.kill(stack.javaPid!, 'SIGCONT');
    stack.runtime.setFaultRate(0);
    await stack.drain(undefined, { timeoutMs: 300_000 });

    // What exhausted its retries: in the DLQ, with its reason; then redriven by the CLI.
    let inDlq = 0;
    for (const d of await stack.queueDepths()) {
      if (!d.dlq?.depth) continue;
      const listed = JSON.parse(await uii('dlq', 'list', d.name, '--json')) as {
        messages: { messageId: string; reason: string | null }[];
      };
      for (const m of listed.messages) expect(m.reason, `${d.name} ${m.messageId}`).toBeTruthy();
      inDlq += listed.messages.length;
      await uii('dlq', 'redrive', d.name, '--json');
    }
    await stack.drain(undefined, { timeoutMs: 300_000 });

    let lost = 0;
    let duplicated = 0;
    for (const id of ids) {
      const c = await cases.getCase(id);
      const events = await cases.listEvents(id);
      if (!c?.projection || events.length === 0) lost += 1;
      if (events.length > 1) duplicated += events.length - 1;
    }
    const mail = await stack.outbox();
    for (let i = 0; i < N; i++) {
      const n = mail.filter((m) => m.subject === `outage-job-${i}`).length;
      if (n === 0) lost += 1;
      if (n > 1) duplicated += n - 1;
    }
    console.info(
      `[proof 2: outage] DynamoDB paused ${OUTAGE_SECONDS} s, SES failing ${OUTAGE_SECONDS} s; events=${N * 2} ` +
        `faults=${JSON.stringify(stack.runtime.faultCounts())} dead-lettered with reason=${inDlq} (redriven) ` +
        `lost=${lost} duplicated=${duplicated} time=${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 600_000);
});
