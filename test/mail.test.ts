import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestSources, waitingFor } from '@uii/aws/alert-roster';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import {
  addAdministrator,
  listQuarantine,
  listTriage,
  putQuarantine,
  putWorksite,
  removeAdministrator,
  worksitesOfAdmin,
} from '@uii/aws/mail-store';
import { runDigest, WorksiteRegistry } from '@uii/domain';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTriage } from '../packages/cli/src/commands/notice-resolve';

/**
 * Worksite mail through the local pipeline: SES inbound → S3 → SNS → SQS → mail-intake →
 * case-events / alert-outbox, against the real emulators.
 */
let stack: LocalStack;
let cases: CaseStore;
const mail = (name: string) => join(repoRoot, 'events/mail', `${name}.eml`);

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['mail-intake', 'case-events', 'alert-outbox'],
    now: '2026-11-23T10:00:00+03:00',
  });
  const table = stack.env.TABLE_NAME!;
  cases = new CaseStore(table);
  const directory = new DirectoryStore(table);
  await directory.putOfficer({ id: 'OFF-7', email: 'officer@uii.example', inspectionId: 'uii-70' });
  await directory.putInspection({
    id: 'uii-70',
    headEmail: 'head@uii.example',
    region: '70',
    inboundAddresses: ['uii-70@inbound.uii.example'],
  });
  // An inspection at the other end of the country: none of this worksite's mail is its business.
  await directory.putInspection({ id: 'uii-25', region: '25', timeZone: 'Asia/Vladivostok' });
  await directory.putOfficer({ id: 'OFF-VL', email: 'vl-officer@uii.example', inspectionId: 'uii-25' });
  const registry = WorksiteRegistry.parse(
    JSON.parse(readFileSync(join(repoRoot, 'events/mail/worksites.json'), 'utf8')),
  );
  for (const w of registry) await putWorksite(table, w);
  for (const id of ['DEMO-OR-1', '70-0001', '70-0002']) {
    await cases.putCase({
      id,
      sentence: 'compulsory_labor',
      hoursOrdered: 240,
      inspectionId: 'uii-70',
      officerId: 'OFF-7',
    });
  }
});

afterAll(async () => {
  await stack?.stop();
});

async function events(caseId: string) {
  return (await cases.listEvents(caseId)).map((e) => ({ ...e.event, source: e.source }));
}

describe('worksite mail intake', () => {
  it('records a demo absence mail as an event on the right case and acknowledges it in Russian', async () => {
    const { notification } = await stack.receiveMail(mail('demo-absence'));
    await stack.drain();

    expect(await events('DEMO-OR-1')).toEqual([
      expect.objectContaining({
        type: 'absence_reported',
        date: '2026-11-17',
        outcome: 'absent_unexcused',
        source: 'mail',
      }),
    ]);
    expect(await events('70-0001')).toEqual([]);
    const ack = (await stack.outbox()).filter((m) => m.to.includes('master@stroy-primer.example'));
    expect(ack).toHaveLength(1);
    expect(ack[0]!.subject).toBe('Re: Неявка на работу');
    expect(ack[0]!.text).toContain('Образцов П. — 17.11.2026: не вышел без уважительной причины');
    // Initials only: the full name never travels back by mail.
    expect(ack[0]!.text).not.toContain('Пётр');
    expect((notification.mail as { messageId: string }).messageId).toMatch(/^[a-z2-7]{20}$/);
  });

  it('records nothing twice when the same message arrives again', async () => {
    await stack.receiveMail(mail('demo-absence'));
    await stack.drain();
    expect(await events('DEMO-OR-1')).toHaveLength(1);
    expect((await stack.outbox()).filter((m) => m.to.includes('master@stroy-primer.example'))).toHaveLength(
      1,
    );
  });

  it('a second unexcused absence in the month warns the officer of evasion risk', async () => {
    const risk = /Риск злостного уклонения|ещё одно — злостное уклонение/;
    const officerMail = async () =>
      (await stack.outbox()).filter((m) => m.to.includes('officer@uii.example'));
    expect((await officerMail()).filter((m) => risk.test(`${m.subject}\n${m.text}`))).toEqual([]);

    await stack.receiveMail(mail('demo-absence-2'));
    await stack.drain();
    expect((await events('DEMO-OR-1')).map((e) => e.date)).toEqual(['2026-11-17', '2026-11-20']);
    expect((await officerMail()).filter((m) => risk.test(`${m.subject}\n${m.text}`))).toHaveLength(1);
  });

  it('quarantines a spoofed mail: stored, listed, never applied; the real administrator is told', async () => {
    const before = (await stack.outbox()).length;
    await stack.receiveMail(mail('spoofed'));
    await stack.drain();
    const q = await listQuarantine(stack.env.TABLE_NAME!);
    expect(q).toEqual([
      expect.objectContaining({
        from: 'master@stroy-primer.example',
        reason: 'not_authenticated',
        itemsParsed: 1,
      }),
    ]);
    expect((await events('70-0001')).filter((e) => e.type === 'hours_reported')).toEqual([]);
    const sent = (await stack.outbox()).slice(before);
    // Quarantine is urgent (issue 11): the officer in charge of the worksite's cases hears at once.
    expect(sent.map((m) => [m.to, m.subject]).sort()).toEqual([
      [['master@stroy-primer.example'], 'Не принято: Неявка'],
      [
        ['officer@uii.example'],
        'Карантин: письмо от master@stroy-primer.example не прошло проверку — 23.11.2026',
      ],
    ]);
    const alert = sent.find((m) => m.to.includes('officer@uii.example'))!;
    expect(alert.text).toContain('ООО «Пример», строительный участок');
    expect(alert.text).toContain('подлинность отправителя не подтверждена');
    expect(alert.text).toContain('раздел «Карантин» веб-приложения, проверьте отправителя и решите');
    expect(alert.text).toContain('Тема письма: «Неявка»');
    // Nothing of the untrusted body, no raw codes.
    expect(`${alert.text}${alert.html}`).not.toMatch(/Иванов|отработал|not_authenticated|spf=fail/);
    // …so what the administrator was told is true.
    const notice = sent.find((m) => m.to.includes('master@stroy-primer.example'))!;
    expect(notice.text).toContain('Письмо передано инспектору.');

    // The same mail delivered again tells nobody twice.
    await stack.receiveMail(mail('spoofed'));
    await stack.drain();
    expect((await stack.outbox()).length).toBe(before + 2);
  });

  it('quarantines a stranger without any reply; the inspection whose inbox received it is told', async () => {
    const before = (await stack.outbox()).length;
    await stack.receiveMail(mail('unregistered-sender'));
    await stack.drain();
    const q = await listQuarantine(stack.env.TABLE_NAME!);
    expect(q.map((r) => r.reason).sort()).toEqual(['not_authenticated', 'unregistered_sender']);
    expect(await events('70-0002')).toEqual([]);
    const sent = (await stack.outbox()).slice(before);
    // No backscatter to the stranger; uii-70 has no inbox address of its own, so its officer hears.
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      [['officer@uii.example'], 'Карантин: письмо от someone@mail.example не прошло проверку — 23.11.2026'],
    ]);
    expect(sent[0]!.text).toContain('не зарегистрирован как адрес администратора');
    expect(sent[0]!.text).toContain('ответ не отправлялся');

    // A stranger's mail SES judged spam pages nobody: the digest counts it.
    const spam = readFileSync(mail('unregistered-sender'), 'utf8').replace(
      '<stranger@mail.example>',
      '<spam-run-1@mail.example>',
    );
    const after = (await stack.outbox()).length;
    await stack.receiveMail(Buffer.from(spam), { spam: 'FAIL' });
    await stack.drain();
    expect(await listQuarantine(stack.env.TABLE_NAME!)).toHaveLength(3);
    expect((await stack.outbox()).length).toBe(after);
  });

  it('puts what it cannot place into triage, and an officer can resolve it onto a case', async () => {
    await stack.receiveMail(mail('no-date'));
    await stack.drain();
    const open = await listTriage(stack.env.TABLE_NAME!, { open: true });
    expect(open.map((t) => [t.why, t.text])).toEqual([
      ['не указана дата', 'Петрова Мария Сергеевна опять не вышла на работу, причину не сообщила.'],
    ]);
    const ack = (await stack.outbox()).find((m) => m.subject === 'Re: Петрова');
    expect(ack?.text).toContain('Передано инспектору для ручной проверки: 1');

    await resolveTriage({
      table: stack.env.TABLE_NAME!,
      queueUrl: stack.queueUrls['case-events'],
      itemId: open[0]!.itemId,
      case: '70-0002',
      date: '2026-11-13',
    });
    await stack.drain();
    expect(await events('70-0002')).toEqual([
      expect.objectContaining({
        type: 'absence_reported',
        date: '2026-11-13',
        outcome: 'absent_unknown',
        source: 'officer',
      }),
    ]);
    expect(await listTriage(stack.env.TABLE_NAME!, { open: true })).toEqual([]);
  });

  it('never answers an out-of-office reply (no mail loop) and records nothing from it', async () => {
    const before = (await stack.outbox()).length;
    await stack.receiveMail(mail('out-of-office'));
    await stack.drain();
    expect((await stack.outbox()).length).toBe(before);
    expect(await events('70-0001')).toEqual([]);
    const open = await listTriage(stack.env.TABLE_NAME!, { open: true });
    expect(open.map((t) => t.why)).toEqual(['автоматический ответ — не разбирается']);
  });

  it('passes a report about an unknown case to the inspector («дело не найдено»), says so, and refuses to resolve onto an unknown case', async () => {
    const raw = Buffer.from(
      [
        'Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=stroy-primer.example; dkim=pass header.i=@stroy-primer.example; dmarc=pass header.from=stroy-primer.example',
        'From: master@stroy-primer.example',
        'To: uii-70@inbound.uii.example',
        'Subject: =?UTF-8?B?0KHQuNC00L7RgNC10L3QutC+?=',
        'Date: Thu, 26 Nov 2026 09:00:00 +0300', // a sender's clock ahead of the stack's today (23.11)
        'Message-ID: <unknown-case-1@stroy-primer.example>',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Сидоренко Алексей Петрович 19.11.2026 не вышел на работу без уважительной причины.',
        'Образцов Пётр 25.11.2026 не вышел на работу.',
        '',
      ].join('\r\n'),
    );
    const before = (await stack.outbox()).length;
    await stack.receiveMail(raw);
    await stack.drain();
    const open = await listTriage(stack.env.TABLE_NAME!, { open: true });
    const unknown = open.find((t) => t.why === 'дело не найдено');
    expect(unknown?.guess?.person.caseId).toBe('70-0003');
    expect(open.map((t) => t.why)).toContain('дата в будущем');
    expect(await events('70-0003')).toEqual([]);
    expect((await events('DEMO-OR-1')).map((e) => e.date)).not.toContain('2026-11-25');
    const ack = (await stack.outbox())
      .slice(before)
      .find((m) => m.to.includes('master@stroy-primer.example'));
    expect(ack?.text).not.toContain('Записано:');
    expect(ack?.text).toContain('Не записано, передано инспектору:');
    expect(ack?.text).toContain(
      'Сидоренко А. П. — 19.11.2026: не вышел без уважительной причины (дело не найдено)',
    );
    expect((await stack.queueDepths()).filter((q) => (q.dlq?.depth ?? 0) > 0)).toEqual([]);

    await expect(
      resolveTriage({
        table: stack.env.TABLE_NAME!,
        queueUrl: stack.queueUrls['case-events'],
        itemId: unknown!.itemId,
        case: 'NO-SUCH-CASE',
      }),
    ).rejects.toThrow('дело не найдено: NO-SUCH-CASE');
  });

  it("counts waiting mail in the digest of the inspection it concerns only, never in another's", async () => {
    const table = stack.env.TABLE_NAME!;
    // So far: the spoofed mail (the worksite's inspection uii-70), two strangers' (to uii-70's
    // inbox), triage from the worksite's mail — nothing for uii-25 in Vladivostok.
    const near = await waitingFor(table, 'uii-70');
    expect(near.quarantine).toBe(3);
    expect(near.triage).toBeGreaterThan(0);
    expect(await waitingFor(table, 'uii-25')).toEqual({ triage: 0, quarantine: 0 });

    const at = new Date('2026-11-23T07:00:00Z');
    const run = await runDigest(at, digestSources(table), { officerId: 'OFF-VL', date: '2026-11-23' });
    expect(run.jobs[0]!.text).not.toMatch(/карантин|разбор/i);
    const own = await runDigest(at, digestSources(table), { officerId: 'OFF-7', date: '2026-11-23' });
    expect(own.jobs[0]!.text).toContain('3 письма в карантине');

    // A record from before inspections were stored counts for its worksite's inspection; one
    // that no inspection can be told of counts for every inspection (someone must see it).
    const stored = { receivedAt: '2026-11-20T09:00:00.000Z', from: 'x@y.example', subject: null };
    const rest = { bucket: 'b', objectKey: 'k', itemsParsed: 0, senderNotified: false };
    await putQuarantine(table, {
      ...stored,
      ...rest,
      sesMessageId: 'legacy-worksite',
      reason: 'not_authenticated',
      why: '—',
      worksiteId: 'ws-stroy-primer',
    });
    await putQuarantine(table, {
      ...stored,
      ...rest,
      sesMessageId: 'legacy-nobody',
      reason: 'unregistered_sender',
      why: '—',
    });
    expect((await waitingFor(table, 'uii-70')).quarantine).toBe(5);
    expect((await waitingFor(table, 'uii-25')).quarantine).toBe(1);
  });

  it('registers worksites and administrators through one small API (for other slices)', async () => {
    const table = stack.env.TABLE_NAME!;
    const w = {
      id: 'ws-reg',
      name: 'Место «Согласие»',
      inspectionId: 'uii-70',
      administrators: ['Boss@Place.example'],
      cases: [],
    };
    await putWorksite(table, w);
    expect((await worksitesOfAdmin(table, 'boss@place.example')).map((x) => x.id)).toEqual(['ws-reg']);
    expect(await addAdministrator(table, 'ws-reg', 'deputy@place.example')).toBe(true);
    expect((await worksitesOfAdmin(table, 'DEPUTY@place.example')).map((x) => x.id)).toEqual(['ws-reg']);
    await removeAdministrator(table, 'ws-reg', 'boss@place.example');
    expect(await worksitesOfAdmin(table, 'boss@place.example')).toEqual([]);
    await expect(removeAdministrator(table, 'ws-reg', 'deputy@place.example')).rejects.toThrow(
      /last administrator/,
    );
    await expect(putWorksite(table, { ...w, administrators: ['not an address'] })).rejects.toThrow(
      /ws-reg: administrators\.0/,
    );
    expect(await addAdministrator(table, 'ws-none', 'x@place.example')).toBe(false);
  });
});
