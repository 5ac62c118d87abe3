import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { AuditStore, alertKey } from '@uii/aws/audit-store';
import { documentClient } from '@uii/aws/clients';
import { DirectoryStore } from '@uii/aws/directory-store';
import { type AlertJob, now } from '@uii/domain';
import { type LambdaHandler, type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxHooks } from '../functions/alert-outbox/handler';
import { uiiInProcess as uii } from './support/uii';

// alert-outbox and ses-events run their real code; the hooks inject a crash right after SES
// accepted a mail, which is what used to give two emails for one job (issue 14, defect 2).
let stack: LocalStack;
const crashAfterAccepted = new Set<string>();
const hooks: OutboxHooks = {
  afterAccepted: (job) => {
    if (crashAfterAccepted.delete(job.id)) throw new Error('injected crash after SES accepted the mail');
  },
};
let real: LambdaHandler | undefined;
const outbox: LambdaHandler = async (event, context) => {
  real ??= (await import('../functions/alert-outbox/handler')).createHandler(hooks) as LambdaHandler;
  return real(event, context);
};

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['alert-outbox', 'ses-events', 'digest'],
    visibilityTimeoutSeconds: 1,
    now: '2026-03-02',
    handlers: { 'alert-outbox': outbox },
    cli: true,
  });
});
afterAll(async () => {
  await stack?.stop();
});

let n = 0;
const jobOf = (over: Partial<AlertJob> = {}): AlertJob => {
  n++;
  return {
    id: `delivery-test-${n}-${Date.now()}`,
    kind: 'deadline.reminder',
    audience: 'officer',
    to: [`officer${n}@uii70.example`],
    subject: `Тема ${n}-${Date.now()}`,
    text: 'Текст',
    caseId: `CASE-${n}`,
    rule: 'CL-JOBSEARCH',
    ...over,
  };
};
const mailsOf = async (job: AlertJob) => (await stack.outbox()).filter((m) => m.subject === job.subject);
const record = (job: AlertJob) => new AuditStore(stack.env.TABLE_NAME).get(alertKey(job.id));
const drain = () => stack.drain(['alert-outbox', 'ses-events'], { timeoutMs: 40_000 });

describe('alert delivery: exactly once (ADR 0019)', () => {
  it('sends a job delivered three times once, tagged, and SES events mark it delivered', async () => {
    const job = jobOf();
    await Promise.all([1, 2, 3].map(() => stack.sendToQueue('alert-outbox', job)));
    await drain();

    expect(await mailsOf(job)).toHaveLength(1);
    const item = await record(job);
    expect(item).toMatchObject({ status: 'delivered', attempts: 1, jobId: job.id, rule: 'CL-JOBSEARCH' });
    expect(item?.sesMessageId).toBe((await mailsOf(job))[0]!.messageId);
    const events = stack.ses.published.filter((e) => e.sesMessageId === item?.sesMessageId);
    expect(events.map((e) => e.eventType).sort()).toEqual(['delivery', 'send']);
  });

  it('a crash after SES accepted the mail (the audit write never happens) still gives one email', async () => {
    const job = jobOf();
    crashAfterAccepted.add(job.id);
    await stack.sendToQueue('alert-outbox', job);
    await drain();

    expect(crashAfterAccepted.has(job.id)).toBe(false); // the crash did happen
    expect(await mailsOf(job)).toHaveLength(1);
    const item = await record(job);
    // The retry found the mark the SES Send event left and sent nothing.
    expect(item?.status).toBe('delivered');
    expect(item?.attempts).toBe(1);
    expect(
      stack
        .invocationsOf('alert-outbox')
        .some((i) => JSON.stringify(i.result ?? '').includes('batchItemFailures":[{')),
    ).toBe(true);
  });

  it('a crash after SES accepted an urgent mail still lets the head hear if nothing is done', async () => {
    const job = jobOf({ inspectionId: `INSP-CRASH-${Date.now()}` });
    crashAfterAccepted.add(job.id);
    await stack.sendToQueue('alert-outbox', job);
    await drain();

    expect(await mailsOf(job)).toHaveLength(1);
    // The retry found the SES mark and sent nothing, and wrote the head's follow-up record
    // the crashed attempt never reached, dated when SES accepted the mail.
    const sent = await new AuditStore(stack.env.TABLE_NAME).urgentSentSince(job.inspectionId!, '2000-01-01');
    expect(sent).toEqual([
      { jobId: job.id, caseId: job.caseId, rules: ['CL-JOBSEARCH'], sentAt: (await record(job))?.sentAt },
    ]);
  });

  it('never sends an alert twice, alone and then inside a combined mail (the head included)', async () => {
    const stamp = Date.now();
    const head = `head-${stamp}@uii70.example`;
    const escalation = (rule: string, trigger: string, due: string) => ({
      id: `GRP-${stamp}:${rule}:escalation:2026-03-02`,
      kind: 'deadline.escalation',
      rule,
      subject: rule,
      text: '',
      deadline: { rule, kind: 'escalation' as const, trigger, due, asOf: '2026-03-02' },
    });
    const start = escalation('CW-START', '2026-02-10', '2026-02-24');
    const warn = escalation('CW-WARN', '2026-02-20', '2026-02-25');
    const base = { audience: 'supervisor' as const, to: [head], caseId: `GRP-${stamp}` };
    // The morning scan told the head of CW-START alone.
    await stack.sendToQueue('alert-outbox', { ...base, ...start });
    await drain();
    // A later event finds CW-START still due and CW-WARN new: one combined job with both.
    await stack.sendToQueue('alert-outbox', {
      ...base,
      id: `GRP-${stamp}:group:x`,
      kind: 'deadline.group',
      subject: 'x',
      text: '',
      parts: [start, warn],
    });
    await drain();
    const mails = (await stack.outbox()).filter((m) => m.to.includes(head));
    expect(mails.map((m) => m.subject.replace(/^Начальнику УИИ: /, '').split(':')[0])).toEqual([
      'CW-START',
      'CW-WARN',
    ]);
    expect(mails[1]!.subject).not.toMatch(/и ещё/);
  });

  it('re-sends a stale claim only when SES left no mark on it', async () => {
    // Stale after 3 s: longer than the local Send event takes, shorter than the DLQ's patience.
    process.env.ALERT_CLAIM_STALE_SECONDS = '3';
    try {
      // Accepted, then the sender died: the claim goes stale, but the Send event marked it.
      const accepted = jobOf();
      crashAfterAccepted.add(accepted.id);
      await stack.sendToQueue('alert-outbox', accepted);
      // Died before SES answered: a claim with no mark (as a killed attempt leaves it).
      const lost = jobOf();
      const store = new AuditStore(stack.env.TABLE_NAME);
      const claim = await store.claim(
        { jobId: lost.id, kind: lost.kind, audience: lost.audience, recipients: lost.to },
        new Date(now().getTime() - 60_000),
        120_000,
      );
      expect(claim.decision.action).toBe('send');
      await stack.sendToQueue('alert-outbox', lost);
      await drain();

      expect(await mailsOf(accepted)).toHaveLength(1);
      expect(await mailsOf(lost)).toHaveLength(1);
      expect((await record(lost))?.attempts).toBe(2);
    } finally {
      delete process.env.ALERT_CLAIM_STALE_SECONDS;
    }
  });

  it('waits for a claim that outlasts all its receives instead of dead-lettering the job', async () => {
    // A fresh claim with no SES mark, held 8 s: longer than five receives 1 s apart.
    process.env.ALERT_CLAIM_STALE_SECONDS = '8';
    try {
      const held = jobOf();
      const store = new AuditStore(stack.env.TABLE_NAME);
      await store.claim(
        { jobId: held.id, kind: held.kind, audience: held.audience, recipients: held.to },
        now(),
        8_000,
      );
      const dead = async () =>
        (await stack.queueDepths()).find((d) => d.name === 'alert-outbox')?.dlq?.depth ?? 0;
      const deadBefore = await dead();
      await stack.sendToQueue('alert-outbox', held);
      await drain();

      expect(await mailsOf(held)).toHaveLength(1);
      expect(await dead()).toBe(deadBefore);
      expect((await record(held))?.attempts).toBe(2);
    } finally {
      delete process.env.ALERT_CLAIM_STALE_SECONDS;
    }
  });

  it('retries SES throttling with backoff and sends once', async () => {
    const job = jobOf();
    stack.ses.failNextSends(2); // 429 TooManyRequestsException twice
    await stack.sendToQueue('alert-outbox', job);
    await drain();
    expect(await mailsOf(job)).toHaveLength(1);
    expect((await record(job))?.status).toBe('delivered');
  });

  it('marks a permanent bounce and tells the head whose mail bounced and what term it carried', async () => {
    await new DirectoryStore(stack.env.TABLE_NAME).putInspection({
      id: 'INSP-BOUNCE',
      headEmail: 'head@uii70.example',
    });
    // An overdue deadline alert (rendered by alert-outbox from its facts, sent at once).
    const job = jobOf({
      kind: 'deadline.overdue',
      to: ['bounce@simulator.amazonses.com'],
      inspectionId: 'INSP-BOUNCE',
      caseId: 'CASE-77',
      officerId: 'officer-77',
      deadline: {
        rule: 'CL-JOBSEARCH',
        kind: 'overdue',
        trigger: '2026-02-10',
        due: '2026-02-25',
        asOf: '2026-03-02',
      },
    });
    await stack.sendToQueue('alert-outbox', job);
    await drain();

    const sent = (await stack.outbox()).filter((m) => m.to.includes('bounce@simulator.amazonses.com'));
    expect(sent).toHaveLength(1);
    expect((await record(job))?.status).toBe('bounced');
    expect((await record(job))?.due).toBe('2026-02-25');
    const store = new AuditStore(stack.env.TABLE_NAME);
    expect(await store.isBounced('bounce@simulator.amazonses.com')).toMatchObject({
      domain: 'simulator.amazonses.com',
    });
    const notices = (await stack.outbox()).filter((m) => m.to.includes('head@uii70.example'));
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    // Whose mail, which term, which day: the head can pass the term on by phone.
    expect(notice.subject).toBe(
      'Не доставлено письмо на bounce@simulator.amazonses.com: CL-JOBSEARCH, последний день 25.02.2026 — дело CASE-77',
    );
    expect(notice.text).toContain('Не доставлено на: bounce@simulator.amazonses.com');
    expect(notice.text).toContain('Получатель: инспектор officer-77');
    expect(notice.text).toContain(
      'Правило: CL-JOBSEARCH — Трудоустроиться или встать на учёт в центре занятости',
    );
    expect(notice.text).toContain('Срок: последний день 25.02.2026');
    expect(notice.text).toContain('Что это было: просрочка');
    expect(notice.text).toContain('сообщите инспектору officer-77 о сроке (последний день 25.02.2026)');
    // No raw kind, no hash in the body: the key is only on the administrator's line.
    expect(notice.text).not.toContain('deadline.overdue');
    const key = alertKey(job.id);
    expect((notice.text ?? '').split('\n').filter((l) => l.includes(key))).toEqual([
      `Для администратора: ключ уведомления ${key}`,
    ]);

    // The marked address is not tried again.
    const again = jobOf({ to: ['bounce@simulator.amazonses.com'], caseId: 'CASE-78' });
    await stack.sendToQueue('alert-outbox', again);
    await drain();
    expect(await mailsOf(again)).toHaveLength(0);
    expect((await record(again))?.status).toBe('suppressed');
  });
});

describe('uii alerts list and uii outbox', () => {
  it('sends at most one immediate mail per case and rule a day; the second waits for the digest', async () => {
    const a = jobOf({ caseId: 'ONCE-1', kind: 'deadline.overdue' });
    const b = jobOf({ caseId: 'ONCE-1', kind: 'deadline.overdue' });
    await stack.sendToQueue('alert-outbox', a);
    await drain();
    await stack.sendToQueue('alert-outbox', b);
    await stack.sendToQueue('alert-outbox', a); // the first one again: still one mail, not held
    await drain();
    expect(await mailsOf(a)).toHaveLength(1);
    expect(await mailsOf(b)).toHaveLength(0);
    expect((await record(b))?.status).toBe('digest');
  });

  it('a job already settled without a mail (held, suppressed) and delivered again after its idempotency record is gone is acknowledged, not dead-lettered', async () => {
    const first = jobOf({ caseId: 'SETTLED-1', kind: 'deadline.overdue' });
    const held = jobOf({ caseId: 'SETTLED-1', kind: 'deadline.overdue' });
    await stack.sendToQueue('alert-outbox', first);
    await drain();
    await stack.sendToQueue('alert-outbox', held);
    await drain();
    expect((await record(held))?.status).toBe('digest');
    // The idempotency record is lost (its save failed in an outage, or it expired) while the
    // audit says the job is settled: the next delivery must still succeed.
    const db = documentClient();
    const table = stack.env.IDEMPOTENCY_TABLE_NAME;
    const items = (await db.send(new ScanCommand({ TableName: table }))).Items ?? [];
    for (const item of items) await db.send(new DeleteCommand({ TableName: table, Key: { id: item.id } }));
    const failuresBefore =
      (await stack.queueDepths()).find((d) => d.name === 'alert-outbox')?.dlq?.depth ?? 0;
    await stack.sendToQueue('alert-outbox', held);
    await stack.drain(['alert-outbox', 'ses-events'], { timeoutMs: 40_000 });
    const outboxQueue = (await stack.queueDepths()).find((d) => d.name === 'alert-outbox');
    expect(outboxQueue?.dlq?.depth ?? 0).toBe(failuresBefore);
    expect(await mailsOf(held)).toHaveLength(0);
    expect((await record(held))?.status).toBe('digest');
  });

  it('lists the audit trail with status and SES id, filters by case and bounce, never an address', async () => {
    const all = await uii('alerts', 'list', '--since', '01.03.2026', '--json');
    expect(all.status).toBe(0);
    const rows = JSON.parse(all.stdout).alerts as {
      caseId?: string;
      status: string;
      sesMessageId?: string;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const sent = rows.filter((r) => r.status !== 'digest' && r.status !== 'suppressed');
    expect(sent.every((r) => r.status !== 'claimed' && r.sesMessageId)).toBe(true);
    expect(all.stdout).not.toMatch(/officer\d+@|bounce@|head@/);

    const bounced = JSON.parse((await uii('alerts', 'list', '--bounced', '--json')).stdout).alerts;
    expect(bounced.map((r: { caseId: string }) => r.caseId)).toEqual(['CASE-77']);
    const one = JSON.parse((await uii('alerts', 'list', '--case', 'CASE-77', '--json')).stdout).alerts;
    expect(one.map((r: { kind: string }) => r.kind).sort()).toEqual(['deadline.overdue', 'delivery.bounced']);

    const human = await uii('alerts', 'list', '--case', 'CASE-77');
    expect(human.stdout).toContain('не доставлено (возврат)');
    expect(human.stdout).toContain('сообщение о недоставке'); // the head's notice, on the same case
    const bad = await uii('alerts', 'list', '--since', '31.02.2026');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('не дата');
  });

  it('outbox --json carries the text body and attachment names; --since is validated', async () => {
    const job = jobOf({
      text: 'Текст письма для проверки',
      attachments: [
        {
          filename: 'errors.csv',
          contentType: 'text/csv',
          contentBase64: Buffer.from('a').toString('base64'),
        },
      ],
    });
    await stack.sendToQueue('alert-outbox', job);
    await drain();
    const run = await uii('outbox', '--since', '10m', '--json');
    expect(run.status).toBe(0);
    const mail = (JSON.parse(run.stdout) as { subject: string; text: string; attachments: string[] }[]).find(
      (m) => m.subject === job.subject,
    );
    expect(mail?.text).toContain('Текст письма для проверки');
    expect(mail?.attachments).toEqual(['errors.csv']);
    for (const bad of ['abc', '0']) expect((await uii('outbox', '--since', bad)).status, bad).toBe(2);
  });
});

describe('deadline alerts rendered by alert-outbox', () => {
  it('sends the templated message with the surname and initials, and an ICS an independent parser reads back', async () => {
    const { CaseStore } = await import('@uii/aws/case-store');
    const ICAL = (await import('ical.js')).default;
    await new CaseStore(stack.env.TABLE_NAME).putCase(
      { id: 'ICS-1', sentence: 'corrective_labor', inspectionId: 'INSP-BOUNCE' },
      { caseId: 'ICS-1', lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' },
    );
    const deadlineJob = (due: string, kind: 'reminder' | 'met', id: string, asOf: string) =>
      jobOf({
        id,
        caseId: 'ICS-1',
        subject: 'producer subject',
        text: 'producer text',
        deadline: { rule: 'CL-JOBSEARCH', kind, trigger: '2026-02-25', due, asOf },
      });
    // Day 1 (02.03): 1 day left → urgent, sent at once.
    const first = deadlineJob('2026-03-03', 'reminder', `ics-a-${Date.now()}`, '2026-03-02');
    await stack.sendToQueue('alert-outbox', first);
    await drain();
    // Next day the due day moved (an extension): same clock, new date.
    await stack.advanceClock('1d');
    const moved = deadlineJob('2026-03-04', 'reminder', `ics-b-${Date.now()}`, '2026-03-03');
    await stack.sendToQueue('alert-outbox', moved);
    await drain();
    // Met the same day: the calendar event is withdrawn.
    const met = deadlineJob('2026-03-04', 'met', `ics-c-${Date.now()}`, '2026-03-03');
    await stack.sendToQueue('alert-outbox', met);
    // Not urgent (5 days left): no mail of its own, it waits for the digest.
    const later = deadlineJob('2026-03-08', 'reminder', `ics-d-${Date.now()}`, '2026-03-03');
    await stack.sendToQueue('alert-outbox', {
      ...later,
      rule: 'CL-START',
      deadline: { ...later.deadline!, rule: 'CL-START' },
    });
    await drain();

    const mails = (await stack.outbox()).filter((m) => m.subject.includes('дело ICS-1'));
    expect(mails.map((m) => m.subject)).toEqual([
      'CL-JOBSEARCH: 1 день до 03.03.2026 — дело ICS-1 (Иванов И. И.)',
      'CL-JOBSEARCH: 1 день до 04.03.2026 — дело ICS-1 (Иванов И. И.)',
      'CL-JOBSEARCH: выполнено, срок 04.03.2026 снят — дело ICS-1 (Иванов И. И.)',
    ]);
    expect((await record(later))?.status).toBe('digest');

    // A recipient whose directory language is English gets the English template.
    const directory = new DirectoryStore(stack.env.TABLE_NAME);
    await directory.putOfficer({ id: 'OFF-EN', email: 'en.officer@uii70.example', lang: 'en' } as Parameters<
      typeof directory.putOfficer
    >[0]);
    await new CaseStore(stack.env.TABLE_NAME).putCase({
      id: 'EN-1',
      sentence: 'corrective_labor',
      officerId: 'OFF-EN',
    });
    const en = jobOf({
      caseId: 'EN-1',
      deadline: {
        rule: 'CL-JOBSEARCH',
        kind: 'overdue',
        trigger: '2026-02-10',
        due: '2026-02-25',
        asOf: '2026-03-03',
      },
    });
    await stack.sendToQueue('alert-outbox', en);
    await drain();
    expect((await stack.outbox()).map((m) => m.subject)).toContain(
      'CL-JOBSEARCH: overdue by 6 days (25.02.2026) — case EN-1',
    );
    expect(mails[0]!.html).toContain('<table role="presentation"');
    expect(mails[0]!.text).toContain('Осталось: 1 день');
    const events = mails.map((m) => {
      const ics = m.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      expect(ics?.contentBase64, m.subject).toBeTruthy();
      const comp = new ICAL.Component(
        ICAL.parse(Buffer.from(ics!.contentBase64!, 'base64').toString('utf8')),
      );
      const event = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
      return {
        method: comp.getFirstPropertyValue('method'),
        date: event.startDate.toString(),
        allDay: event.startDate.isDate,
        uid: event.uid,
        sequence: event.sequence,
      };
    });
    const uid = 'ICS-1.CL-JOBSEARCH.2026-02-25@uii-connect';
    expect(events).toEqual([
      { method: 'PUBLISH', date: '2026-03-03', allDay: true, uid, sequence: 0 },
      { method: 'PUBLISH', date: '2026-03-04', allDay: true, uid, sequence: 1 },
      { method: 'CANCEL', date: '2026-03-04', allDay: true, uid, sequence: 2 },
    ]);
  });
});

describe('a missed term as the officer and the head read it (issue 11, tester)', () => {
  it('the overdue mail asks for action now; the head’s escalation is addressed to the head, in Russian and English', async () => {
    const { CaseStore } = await import('@uii/aws/case-store');
    await new CaseStore(stack.env.TABLE_NAME).putCase(
      { id: 'MISS-1', sentence: 'corrective_labor', inspectionId: 'INSP-BOUNCE' },
      { caseId: 'MISS-1', lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' },
    );
    const facts = { rule: 'CL-REFER', trigger: '2026-02-10', due: '2026-02-25', asOf: '2026-03-02' };
    const officer = jobOf({
      kind: 'deadline.overdue',
      caseId: 'MISS-1',
      rule: 'CL-REFER',
      to: ['miss.officer@uii70.example'],
      deadline: { ...facts, kind: 'overdue' },
    });
    const head = (lang: 'ru' | 'en') =>
      jobOf({
        kind: 'deadline.escalation',
        audience: 'supervisor',
        caseId: 'MISS-1',
        rule: 'CL-REFER',
        lang,
        to: [`miss.head.${lang}@uii70.example`],
        deadline: { ...facts, kind: 'escalation' },
      });
    for (const job of [officer, head('ru'), head('en')]) await stack.sendToQueue('alert-outbox', job);
    await drain();
    const mailTo = async (a: string) => {
      const found = (await stack.outbox()).filter((m) => m.to.includes(a));
      expect(found, a).toHaveLength(1);
      return found[0]!;
    };
    const o = await mailTo('miss.officer@uii70.example');
    const ru = await mailTo('miss.head.ru@uii70.example');
    const en = await mailTo('miss.head.en@uii70.example');
    // A day gone is never «the deadline to meet», for anyone.
    for (const m of [o, ru, en]) {
      expect(m.text).not.toMatch(/(не позднее|до|by|term) 25\.02\.2026\)?[.;]/);
      expect(m.text).not.toMatch(/напоминанием накануне|reminder on the working day before/);
    }
    expect(o.text).toContain('Что сделать: срок истёк 25.02.2026: выполнить немедленно');
    expect(o.text).toContain('доклад начальнику инспекции');
    // The head's copy: own subject, the head's task, no «report to the head», the head's footer.
    expect(ru.subject).toBe(`Начальнику УИИ: ${o.subject}`);
    expect(ru.text).toContain('Что сделать: срок истёк 25.02.2026: поручите инспектору немедленно');
    expect(ru.text).not.toContain('доклад начальнику');
    expect(ru.text).toContain('для начальника УИИ');
    expect(ru.text).not.toContain('для сотрудников УИИ');
    expect(en.subject).toBe(
      'For the head of the inspection: CL-REFER: overdue by 5 days (25.02.2026) — case MISS-1 (Петрова А. С.)',
    );
    expect(en.text).toContain('the term expired on 25.02.2026: have the officer');
    expect(en.text).not.toMatch(/report to the head|for inspection staff/);
  });

  it('uii alert preview shows an English job under «Subject:», the head’s escalation as the head’s', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'uii-preview-')), 'en-esc.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: '123:CL-REFER:escalation:2026-03-06',
        kind: 'deadline.escalation',
        audience: 'supervisor',
        to: ['head@uii70.example'],
        subject: 'CL-REFER',
        text: '',
        caseId: '123',
        rule: 'CL-REFER',
        lang: 'en',
        deadline: {
          rule: 'CL-REFER',
          kind: 'escalation',
          trigger: '2026-02-20',
          due: '2026-03-06',
          asOf: '2026-03-10',
        },
      }),
    );
    const out = await uii('alert', 'preview', file);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(
      /^Subject: For the head of the inspection: CL-REFER: overdue by 4 days \(06\.03\.2026\)/,
    );
  });

  it('mails a WANTED finding (whereabouts unknown) at once, not in the digest', async () => {
    const job = jobOf({
      kind: 'deadline.first',
      caseId: 'WANTED-1',
      rule: 'WANTED',
      to: ['wanted.officer@uii70.example'],
      subject: '[WANTED] Местонахождение осуждённого неизвестно — дело WANTED-1',
      text: 'Дело WANTED-1: место нахождения неизвестно с 02.03.2026.',
    });
    await stack.sendToQueue('alert-outbox', job);
    await drain();
    expect((await stack.outbox()).filter((m) => m.to.includes('wanted.officer@uii70.example'))).toHaveLength(
      1,
    );
    expect((await record(job))?.status).not.toBe('digest');
  });
});

describe('daily digest in the local pipeline', () => {
  it('gives the officer one digest per working day at 08:00 local time, and previews it', async () => {
    const { CaseStore } = await import('@uii/aws/case-store');
    const directory = new DirectoryStore(stack.env.TABLE_NAME);
    await directory.putInspection({ id: 'INSP-DIGEST' });
    await directory.putOfficer({
      id: 'OFF-DIGEST',
      email: 'digest.officer@uii70.example',
      inspectionId: 'INSP-DIGEST',
    });
    await new CaseStore(stack.env.TABLE_NAME).putCase(
      { id: 'DIG-1', sentence: 'corrective_labor', officerId: 'OFF-DIGEST', inspectionId: 'INSP-DIGEST' },
      { caseId: 'DIG-1', lastName: 'Смирнов', firstName: 'Олег' },
    );
    const start = stack.invocationsOf('digest').length;
    // From Tuesday 03.03 (just after midnight) to Saturday 07.03 noon, Moscow time.
    await stack.setClock('2026-03-07T12:00:00+03:00');
    await drain();

    // (Run alone, the file's clock starts on Monday 02.03, which then has its digest too.)
    const days = (await stack.outbox())
      .filter((m) => m.to.includes('digest.officer@uii70.example'))
      .map((m) => m.subject.slice(10, 20))
      .filter((d) => d !== '02.03.2026')
      .sort(); // SQS does not keep order under load
    expect(days).toEqual(['03.03.2026', '04.03.2026', '05.03.2026', '06.03.2026']); // not Saturday 07.03
    const sentAt = stack
      .invocationsOf('digest')
      .slice(start)
      .map((i) => i.result as { at: string; jobs: string[] } | undefined)
      .filter((r) => r?.jobs.some((j) => j.startsWith('digest:OFF-DIGEST:')))
      .map((r) => r!.at.slice(11));
    expect(new Set(sentAt)).toEqual(new Set(['05:00:00.000Z'])); // 08:00 Moscow, the inspection's zone

    const preview = await uii(
      'digest',
      'preview',
      '--officer',
      'OFF-DIGEST',
      '--date',
      '2026-03-05',
      '--json',
    );
    expect(preview.status).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ id: 'digest:OFF-DIGEST:2026-03-05' });
    expect((await uii('digest', 'preview', '--officer', 'NOBODY')).status).toBe(2);
  });
});

describe('uii person export (152-FZ art. 14)', () => {
  it('writes everything held on one person as JSON and a readable page, and records the export', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'uii-export-'));
    try {
      const run = await uii('person', 'export', 'ICS-1', '--out', join(dir, 'ics-1.json'), '--json');
      expect(run.status, run.stderr).toBe(0);
      const data = JSON.parse(readFileSync(join(dir, 'ics-1.json'), 'utf8'));
      expect(data.person).toMatchObject({ lastName: 'Иванов', firstName: 'Иван' });
      expect(data.caseItems.some((i: { sk: string }) => i.sk === 'META')).toBe(true);
      expect(data.alerts.map((a: { kind: string }) => a.kind)).toEqual(
        expect.arrayContaining(['deadline.reminder', 'deadline.reminder', 'deadline.reminder']),
      );
      const html = readFileSync(join(dir, 'ics-1.html'), 'utf8');
      expect(html).toContain('Иванов');
      expect(html).toContain('Отправленные уведомления');
      expect(html).not.toMatch(/<script|https?:\/\//);
      const exports = await new AuditStore(stack.env.TABLE_NAME).exportsOf('ICS-1');
      expect(exports).toHaveLength(1);
      expect((await uii('person', 'export', 'NO-SUCH-CASE', '--out', join(dir, 'x.json'))).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
