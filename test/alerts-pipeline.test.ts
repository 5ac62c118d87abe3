import { AuditStore } from '@uii/aws/audit-store';
import { CaseStore, eventIdOf } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { MatchStore } from '@uii/aws/match-store';
import { PlacesStore } from '@uii/aws/places-store';
import type { CaseEvent } from '@uii/domain';
import { type LocalStack, startLocalStack } from '@uii/local/testing';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionOf } from '../functions/case-events/case-service';

/**
 * case-events → alert-outbox → SES → ses-events, all real code on the emulators (issue 11):
 * urgent alerts of one event arrive as one mail, and a clock met by an event withdraws the
 * calendar event its urgent mail carried (METHOD:CANCEL, same UID, SEQUENCE raised), each
 * exactly once however often the event is delivered.
 */
let stack: LocalStack;
const DAY = '2026-03-10';
const OFFICER = 'pipeline.officer@uii70.example';
const HEAD = 'pipeline.head@uii70.example';

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['case-events', 'alert-outbox', 'ses-events', 'digest'],
    visibilityTimeoutSeconds: 2,
    now: `${DAY}T10:00:00+03:00`,
  });
  const directory = new DirectoryStore(stack.env.TABLE_NAME);
  await directory.putInspection({ id: 'INSP-PIPE', headEmail: HEAD });
  await directory.putOfficer({ id: 'OFF-PIPE', email: OFFICER, inspectionId: 'INSP-PIPE' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const drain = () => stack.drain(['case-events', 'alert-outbox', 'ses-events'], { timeoutMs: 40_000 });
const mailsAbout = async (caseId: string) =>
  (await stack.outbox()).filter((m) => m.subject.includes(`дело ${caseId}`));
/** The audit trail of one case (first claims are stamped with the simulated clock: March 2026). */
const auditOf = async (caseId: string) =>
  (await new AuditStore(stack.env.TABLE_NAME).month(DAY.slice(0, 7))).filter((r) => r.caseId === caseId);
const send = (caseId: string, event: CaseEvent) =>
  stack.sendToQueue('case-events', { caseId, event, source: 'officer' });

/** The calendar part of a mail, read by ical.js: method and each event's UID, date and SEQUENCE. */
function calendarOf(mail: { attachments: { contentType: string; contentBase64?: string }[] }) {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part?.contentBase64) return undefined;
  const comp = new ICAL.Component(ICAL.parse(Buffer.from(part.contentBase64, 'base64').toString('utf8')));
  return {
    method: comp.getFirstPropertyValue('method'),
    events: comp.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return { uid: e.uid, date: e.startDate.toString(), sequence: e.sequence };
    }),
  };
}

async function newCase(id: string, c: Record<string, unknown>, history: CaseEvent[] = []) {
  const cases = new CaseStore(stack.env.TABLE_NAME);
  await cases.putCase(
    { id, officerId: 'OFF-PIPE', inspectionId: 'INSP-PIPE', ...c } as Parameters<typeof cases.putCase>[0],
    { caseId: id, lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович' },
  );
  // History recorded earlier (its alerts are not part of this test).
  for (const event of history)
    await cases.appendEvent(
      id,
      { eventId: eventIdOf(id, event), event, source: 'officer', recordedAt: `${event.date}T12:00:00.000Z` },
      (kase, events) => projectionOf(kase, events, DAY),
    );
}

const unexcused = (date: string) =>
  ({ type: 'absence_reported', date, outcome: 'absent_unexcused' }) as CaseEvent;

describe('alerts in the pipeline: one mail per case event', () => {
  it('sends the evasion finding and the urgent warning clock found by one event as one mail, once', async () => {
    await newCase('PIPE-CW', { sentence: 'compulsory_labor', hoursOrdered: 120 }, [
      { type: 'court_order_received', date: '2026-03-02' } as CaseEvent,
      unexcused('2026-03-03'),
      unexcused('2026-03-04'),
    ]);
    const third = unexcused('2026-03-05');
    // The same event delivered three times.
    await Promise.all([1, 2, 3].map(() => send('PIPE-CW', third)));
    await drain();

    const mails = (await mailsAbout('PIPE-CW')).filter((m) => m.to.includes(OFFICER));
    expect(mails.map((m) => m.subject)).toHaveLength(1);
    const [mail] = mails;
    // The most urgent names the mail; the body lists every alert found.
    expect(mail!.subject).toMatch(/^CW-EVASION: .* — дело PIPE-CW \(Петров П. П.\) \(и ещё [1-9]\d* срочн/);
    expect(mail!.text).toContain('CW-EVASION');
    expect(mail!.text).toContain('CW-WARN: ');
    expect(mail!.text).toContain('Петров П. П.');
    expect(mail!.html).toContain('<table role="presentation"');
    const cal = calendarOf(mail!);
    expect(cal?.method).toBe('PUBLISH');
    expect(cal!.events.length).toBeGreaterThanOrEqual(1);
    expect(cal!.events.every((e) => e.uid.startsWith('PIPE-CW.CW-WARN.') && e.sequence === 0)).toBe(true);

    // The combined job is on the audit trail once, delivered; no single part went on its own.
    const records = (await auditOf('PIPE-CW')).filter((r) => r.audience === 'officer');
    expect(records.map((r) => r.kind)).toEqual(['deadline.group']);
    const record = records[0];
    expect(record).toMatchObject({ status: 'delivered', attempts: 1, kind: 'deadline.group' });
  });
});

describe('alerts in the pipeline: one immediate mail per case and rule a day', () => {
  it('drops from a combined mail the part whose rule already had its mail today; the rest goes once', async () => {
    await newCase('PIPE-SLOT', { sentence: 'compulsory_labor', hoursOrdered: 120 });
    const warn = {
      id: 'PIPE-SLOT:CW-WARN:reminder:2026-03-10',
      kind: 'deadline.reminder',
      rule: 'CW-WARN',
      subject: 'CW-WARN',
      text: '',
      deadline: {
        rule: 'CW-WARN',
        kind: 'reminder' as const,
        trigger: '2026-03-05',
        due: '2026-03-11',
        asOf: DAY,
      },
    };
    const evasion = {
      id: 'PIPE-SLOT:CW-EVASION:first:2026-03-10',
      kind: 'deadline.first',
      rule: 'CW-EVASION',
      subject: '[CW-EVASION] Злостное уклонение от обязательных работ — дело PIPE-SLOT',
      text: 'Дело PIPE-SLOT: злостное уклонение.',
    };
    const base = { audience: 'officer' as const, to: [OFFICER], caseId: 'PIPE-SLOT', text: '' };
    // CW-WARN had its immediate mail today already.
    await stack.sendToQueue('alert-outbox', { ...base, ...warn, id: 'PIPE-SLOT:CW-WARN:first:2026-03-10' });
    await drain();
    const group = {
      ...base,
      id: 'PIPE-SLOT:group:test',
      kind: 'deadline.group',
      subject: 'x',
      parts: [evasion, warn],
    };
    await stack.sendToQueue('alert-outbox', group);
    await stack.sendToQueue('alert-outbox', group);
    await drain();
    const mails = (await stack.outbox()).filter((m) => m.subject.includes('PIPE-SLOT'));
    expect(mails.map((m) => m.subject)).toEqual([
      'CW-WARN: 1 день до 11.03.2026 — дело PIPE-SLOT (Петров П. П.)',
      '[CW-EVASION] Злостное уклонение от обязательных работ — дело PIPE-SLOT',
    ]);
  });
});

describe('alerts in the pipeline: a met clock cancels its calendar event', () => {
  it('sends METHOD:CANCEL with the same UID and a higher SEQUENCE once, after the urgent mail carried the event', async () => {
    await newCase('PIPE-CL', { sentence: 'corrective_labor', termMonths: 6, deductionPercent: 10 });
    // Learned late: CL-REFER is overdue at once (urgent mail with the calendar event).
    await send('PIPE-CL', { type: 'court_order_received', date: '2026-02-02' } as CaseEvent);
    await drain();
    const first = (await mailsAbout('PIPE-CL')).filter((m) => m.to.includes(OFFICER));
    expect(first.map((m) => m.subject)).toEqual([
      'CL-REFER: просрочено на 21 день (17.02.2026) — дело PIPE-CL (Петров П. П.)',
    ]);
    const published = calendarOf(first[0]!)!;
    expect(published.method).toBe('PUBLISH');

    // The referral meets the clock (late); the event is delivered twice.
    const referral = { type: 'referral_issued', date: DAY } as CaseEvent;
    await send('PIPE-CL', referral);
    await send('PIPE-CL', referral);
    await drain();
    const cancels = (await mailsAbout('PIPE-CL')).filter(
      (m) => m.to.includes(OFFICER) && calendarOf(m)?.method === 'CANCEL',
    );
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!.subject).toBe(
      'CL-REFER: выполнено с опозданием на 21 день (срок 17.02.2026), событие снято — дело PIPE-CL (Петров П. П.)',
    );
    const cancelled = calendarOf(cancels[0]!)!;
    expect(cancelled.events).toEqual([
      {
        uid: published.events[0]!.uid,
        date: published.events[0]!.date,
        sequence: published.events[0]!.sequence + 1,
      },
    ]);
    expect(published.events[0]!.uid).toBe('PIPE-CL.CL-REFER.2026-02-02@uii-connect');
    // The head's escalation carried the same event: the head's calendar is cleared too, once.
    const headCancels = (await mailsAbout('PIPE-CL')).filter(
      (m) => m.to.includes(HEAD) && calendarOf(m)?.method === 'CANCEL',
    );
    expect(headCancels).toHaveLength(1);
    expect(calendarOf(headCancels[0]!)!.events[0]!.uid).toBe(published.events[0]!.uid);
  });

  it('sends no cancellation for a clock whose alerts waited for the digest (no calendar event went out)', async () => {
    await newCase('PIPE-QUIET', { sentence: 'corrective_labor', termMonths: 6, deductionPercent: 10 });
    await send('PIPE-QUIET', { type: 'court_order_received', date: '2026-03-06' } as CaseEvent);
    await drain();
    await send('PIPE-QUIET', { type: 'referral_issued', date: DAY } as CaseEvent);
    await drain();
    expect(await mailsAbout('PIPE-QUIET')).toEqual([]);
    const met = (await auditOf('PIPE-QUIET')).filter((r) => r.kind === 'deadline.met');
    expect(met.map((r) => r.status)).toEqual(['not_needed', 'not_needed']); // officer's and head's
  });
});

describe('alerts in the pipeline: the head hears of urgent mail not acted on', () => {
  it('tells the head once, a working day later, of the case nobody acted on, not of the one acted on', async () => {
    // Tuesday 10.03: PIPE-CW had an urgent mail and nothing after it; PIPE-CL had an urgent mail
    // and then the referral. Thursday 08:00 is the first digest after a whole working day.
    // Also waiting for the officer: a shortlist made today (not urgent: mailed only in the
    // digest) and two proposed places of a municipality the officer is in charge of.
    await new MatchStore(stack.env.TABLE_NAME).putProposals({
      caseId: 'PIPE-QUIET',
      asOf: DAY,
      region: '70',
      daysLeft: 9,
      rule: 'CL-REFER',
      proposals: [{ vacancyId: 'V-1', reasons: ['та же профессия'] }] as never,
    });
    const places = new PlacesStore(stack.env.TABLE_NAME);
    await places.putPartner({
      id: 'MUN-PIPE',
      kind: 'municipality',
      name: 'Администрация Пайплайнского района',
      region: '70',
      contacts: ['mun@pipe.example'],
      timeZone: 'Europe/Moscow',
      inspectionId: 'INSP-PIPE',
      officerId: 'OFF-PIPE',
    });
    const clock = { rule: 'PLACE-DECIDE', trigger: DAY, due: '2026-03-24', actor: 'inspection' };
    await stack.putItems(
      ['P-1', 'P-2'].map((id) => ({
        pk: 'PLACES',
        sk: `PLACE#${id}`,
        id,
        municipalityId: 'MUN-PIPE',
        status: 'pending',
        clock,
      })),
    );
    await stack.setClock('2026-03-12T09:00:00+03:00');
    await drain();
    const head = (await stack.outbox()).filter(
      (m) => m.to.includes(HEAD) && m.subject.includes('не отработан'),
    );
    // One mail: PIPE-CW's combined mail and PIPE-SLOT's two mails, nothing of PIPE-CL.
    expect(head.map((m) => m.subject)).toEqual([
      'Начальнику УИИ: 3 срочных уведомления не отработаны — 12.03.2026',
    ]);
    expect(head[0]!.text).toContain('Дело PIPE-CW (Петров П. П.) · инспектор OFF-PIPE');
    expect(head[0]!.text).not.toContain('PIPE-CL');
    expect((head[0]!.text ?? '').split('Дело PIPE-SLOT')).toHaveLength(3); // listed twice
    // The officer's digests went out on Wednesday and Thursday at 08:00.
    const digests = (await stack.outbox()).filter(
      (m) => m.to.includes(OFFICER) && m.subject.startsWith('Сводка'),
    );
    expect(digests.map((m) => m.subject.slice(10, 20))).toEqual(
      expect.arrayContaining(['11.03.2026', '12.03.2026']),
    );
  });
});
