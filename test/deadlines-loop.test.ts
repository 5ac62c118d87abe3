import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DirectoryStore } from '@uii/aws/directory-store';
import type { AlertJob } from '@uii/domain';
import { type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uiiAsync } from './support/uii';

/**
 * The officer's loop over a simulated month (issue 8): cases imported with `uii case import`
 * (one of them already overdue) alert on the right days with the right days left, an
 * officer's `uii case record` meets a clock and its alerts stop. Alert jobs are read from
 * the alert-outbox queue (how they look and when they are delivered is alert-outbox's part).
 */
let stack: LocalStack;
let sqs: SQSClient;
let dir: string;

const uii = (...args: string[]) => uiiAsync(args, process.env);

async function takeAlerts(): Promise<AlertJob[]> {
  const out: AlertJob[] = [];
  for (;;) {
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.queueUrls['alert-outbox'], MaxNumberOfMessages: 10 }),
    );
    if (!got.Messages?.length) return out;
    for (const m of got.Messages) {
      out.push(JSON.parse(m.Body!) as AlertJob);
      await sqs.send(
        new DeleteMessageCommand({
          QueueUrl: stack.queueUrls['alert-outbox'],
          ReceiptHandle: m.ReceiptHandle,
        }),
      );
    }
  }
}

/** `IMP-1 CL-REFER reminder>officer` per alert, grouped by the day it was sent. */
const byDay = new Map<string, string[]>();
const line = (a: AlertJob) => `${a.caseId} ${a.rule} ${a.kind.replace('deadline.', '')}>${a.audience}`;
let day = '2026-03-01';
const mails: AlertJob[] = [];

async function collect(): Promise<void> {
  await stack.drain(['case-events']);
  const got = await takeAlerts();
  mails.push(...got);
  if (got.length) byDay.set(day, [...(byDay.get(day) ?? []), ...got.map(line)].sort());
}

async function advanceTo(target: string): Promise<void> {
  while (day < target) {
    await stack.advanceClock('1d');
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await collect();
  }
}

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['case-events', 'deadline-scan'],
    now: '2026-03-01T10:00:00+03:00',
    cli: true,
  });
  sqs = new SQSClient({ endpoint: stack.endpoints.sqs });
  const directory = new DirectoryStore(stack.env.TABLE_NAME);
  await directory.putOfficer({ id: 'OFF-DEMO', email: 'officer@uii.example', inspectionId: 'INSP-DEMO' });
  await directory.putInspection({ id: 'INSP-DEMO', headEmail: 'head@uii.example' });
  dir = mkdtempSync(join(tmpdir(), 'uii-loop-'));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the officer’s month', () => {
  it('imports cases; a clock already overdue alerts (and escalates) at once', async () => {
    const run = await uii('case', 'import', 'events/cases/cases-import-cp1251.csv', '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 5, imported: 3, failed: 2 });
    const old = join(dir, 'old.json');
    writeFileSync(
      old,
      JSON.stringify([
        // Ordered in January, learned on 01.03: CL-REFER was due 10.02.
        {
          id: 'OLD-1',
          sentence: 'ИР',
          officer_id: 'OFF-DEMO',
          inspection_id: 'INSP-DEMO',
          court_order_received: '26.01.2026',
        },
        // Dated tomorrow: refused with its row, never recorded.
        { id: 'FUT-1', sentence: 'ИР', officer_id: 'OFF-DEMO', court_order_received: '02.03.2026' },
      ]),
    );
    const second = await uii('case', 'import', old, '--json');
    expect(second.status).toBe(2);
    const report = JSON.parse(second.stdout);
    expect(report).toMatchObject({ imported: 1, failed: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, field: 'court_order_received' });
    expect(report.errors[0].message).toContain('дата в будущем');

    await collect();
    expect(byDay.get('2026-03-01')).toEqual([
      'IMP-1 CL-REFER first>officer', // ordered 27.02, learned today: the start stage, counted from today
      'IMP-5 CW-START first>officer',
      'OLD-1 CL-REFER escalation>supervisor',
      'OLD-1 CL-REFER overdue>officer',
    ]);
    const imp1 = mails.find((m) => m.caseId === 'IMP-1')!;
    expect(imp1.subject).toContain('осталось 13 дней'); // due 14.03, counted from 01.03
    expect(mails.find((m) => m.caseId === 'OLD-1' && m.kind === 'deadline.escalation')!.to).toEqual([
      'head@uii.example',
    ]);
  });

  it('refuses a future-dated event and an unknown type with exit 2', async () => {
    const future = await uii('case', 'record', 'IMP-5', 'work_started', '--date', '05.03.2026');
    expect(future.status).toBe(2);
    expect(future.stderr).toContain('дата в будущем');
    const missing = await uii('case', 'record', 'IMP-1', 'residence_changed');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('reportedOn');
    const long = await uii(
      'case',
      'record',
      'IMP-5',
      'absence_reported',
      '--field',
      'outcome=absent_unexcused',
      '--field',
      `reasonText=${'а'.repeat(2500)}`,
    );
    expect(long.status).toBe(2);
    expect(long.stderr).toContain('не длиннее 2000 знаков, получено 2500');
  });

  it('alerts on the right days; the officer records the action and the alerts stop', async () => {
    await advanceTo('2026-03-12');
    // IMP-5's worksite start is recorded on 12.03 (in time): CW-START met, nothing more for it.
    const rec = await uii('case', 'record', 'IMP-5', 'work_started', '--date', '12.03.2026', '--json');
    expect(rec.status, rec.stderr).toBe(0);
    const recorded = JSON.parse(rec.stdout);
    expect(Object.keys(recorded)).toEqual(['caseId', 'eventId', 'duplicate', 'clocks']);
    expect(recorded).toMatchObject({
      caseId: 'IMP-5',
      duplicate: false,
      clocks: [{ rule: 'CW-START', due: '2026-03-16', status: 'met', metOn: '2026-03-12' }],
    });
    const again = await uii('case', 'record', 'IMP-5', 'work_started', '--date', '2026-03-12');
    expect(again.stdout).toContain('уже записано');
    await collect();

    await advanceTo('2026-03-20');
    // IMP-1's referral is issued late, on 20.03: the clock stays missed, its reminders stop.
    const late = await uii('case', 'record', 'IMP-1', 'referral_issued');
    expect(late.status, late.stderr).toBe(0);
    expect(late.stdout).toContain('CL-REFER: выполнено 20.03.2026, с опозданием на 6 дней');
    await collect();
    await advanceTo('2026-03-26');

    const days = Object.fromEntries(byDay);
    // The officer's month, for the record: alerts per day.
    console.log(
      Object.entries(days)
        .map(([d, l]) => `${d}  ${l.join(' · ')}`)
        .join('\n'),
    );
    const of = (caseId: string) =>
      Object.entries(days)
        .map(
          ([d, l]) =>
            [d, l.filter((x) => x.startsWith(`${caseId} `)).map((x) => x.slice(caseId.length + 1))] as const,
        )
        .filter(([, l]) => l.length);
    // CL-REFER due 14.03 (Saturday): 5-2-1 days left, the due day, overdue + escalation on
    // the 15th, then every 3 working days until the referral (18.03), and nothing after 20.03.
    expect(of('IMP-1')).toEqual([
      ['2026-03-01', ['CL-REFER first>officer']],
      ['2026-03-09', ['CL-REFER reminder>officer']],
      ['2026-03-12', ['CL-REFER reminder>officer']],
      ['2026-03-13', ['CL-REFER reminder>officer']],
      ['2026-03-14', ['CL-REFER reminder>officer']],
      ['2026-03-15', ['CL-REFER escalation>supervisor', 'CL-REFER overdue>officer']],
      ['2026-03-18', ['CL-REFER overdue>officer']],
      // The referral meets the clock: its calendar event is withdrawn (alert-outbox, ADR 0027),
      // and a cancellation is queued for the head too, whose escalation of 15.03 carried it (ADR 0033).
      ['2026-03-20', ['CL-REFER met>officer', 'CL-REFER met>supervisor']],
    ]);
    // CW-START due 16.03, met on 12.03: only the reminder of 11.03 went before it, then the
    // calendar cancellation (sent only if a calendar event went out).
    expect(of('IMP-5')).toEqual([
      ['2026-03-01', ['CW-START first>officer']],
      ['2026-03-11', ['CW-START reminder>officer']],
      // (queued for the officer and the head; each goes out only if that calendar got the event)
      ['2026-03-12', ['CW-START met>officer', 'CW-START met>supervisor']],
    ]);
    // OLD-1 stays overdue and unmet: told at once on 01.03, then every 3 working days from
    // the day it was learned (09.03 is a holiday), never a second escalation.
    expect(of('OLD-1').map(([d]) => d)).toEqual([
      '2026-03-01',
      '2026-03-04',
      '2026-03-10',
      '2026-03-13',
      '2026-03-18',
      '2026-03-23',
      '2026-03-26',
    ]);
    expect(mails.filter((m) => m.kind === 'deadline.escalation' && m.caseId === 'OLD-1')).toHaveLength(1);

    // Days left in each mail are counted from the day it was sent.
    const imp1 = mails.filter((m) => m.caseId === 'IMP-1').map((m) => m.subject);
    expect(imp1.some((s) => s.includes('осталось 5 дней'))).toBe(true);
    expect(imp1.some((s) => s.includes('остался 1 день'))).toBe(true);
    expect(imp1.some((s) => s.includes('Последний день — сегодня'))).toBe(true);
    expect(new Set(imp1).size).toBe(imp1.length);
    expect(new Set(mails.map((m) => m.id)).size).toBe(mails.length);
  }, 180_000);

  it('lists the caseload by days left, with names for the officer', async () => {
    const run = await uii('case', 'list', '--officer', 'OFF-DEMO', '--json');
    expect(run.status, run.stderr).toBe(0);
    const list = JSON.parse(run.stdout) as {
      cases: { caseId: string; name: string | null; overdue: boolean }[];
    };
    expect(list.cases.map((c) => c.caseId)).toEqual(['OLD-1', 'IMP-1', 'IMP-2', 'IMP-5']);
    expect(list.cases[1]!.name).toBe('Примеров Иван Петрович');
    const overdue = await uii('case', 'list', '--officer', 'OFF-DEMO', '--overdue', '--json');
    expect(JSON.parse(overdue.stdout).cases.map((c: { caseId: string }) => c.caseId)).toEqual(['OLD-1']);
    const show = await uii('case', 'show', 'IMP-1');
    expect(show.stdout).toContain('Примеров Иван Петрович — исправительные работы');
    expect(show.stdout).toContain('поступило распоряжение суда');
    expect(show.stdout).toContain('выполнено 20.03.2026, с опозданием на 6 дней');
  });
});
