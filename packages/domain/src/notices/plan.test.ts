import { describe, expect, it } from 'vitest';
import { type MailFacts, planMail } from './plan';
import type { NoticeItem } from './types';

const item = (caseId: string, date: string): NoticeItem => ({
  kind: 'absence',
  person: { name: 'Образцов Пётр', caseId },
  date,
  hours: null,
  outcome: 'absent_unexcused',
  reasonText: null,
  confidence: 0.95,
  source: `Образцов Пётр ${date} не вышел`,
});

const facts = (over: Partial<MailFacts> = {}): MailFacts => ({
  messageId: '<m@a.ru>',
  from: 'master@a.ru',
  subject: 'Неявка',
  date: '2026-03-10',
  authenticated: true,
  authentication: {
    authenticated: true,
    from: 'master@a.ru',
    verdicts: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    alignedBy: 'dmarc',
    reason: '',
  },
  worksite: { id: 'ws-1', name: 'ООО «А»', inspectionId: 'i', administrators: ['master@a.ru'], cases: [] },
  attachmentProblems: [],
  autoReply: false,
  items: [],
  triage: [],
  ...over,
});
const settings = { mailKey: 'mabc', today: '2026-03-10' };
const known = (...ids: string[]) => ({ caseExists: (id: string) => ids.includes(id) });

describe('planMail', () => {
  it('records known cases, passes unknown cases and future days to the officer, and says so', () => {
    const plan = planMail(
      facts({ items: [item('C-1', '2026-03-09'), item('C-404', '2026-03-09'), item('C-1', '2026-03-11')] }),
      known('C-1'),
      settings,
    );
    expect(plan.events.map((e) => [e.caseId, e.eventId])).toEqual([['C-1', 'mail:mabc:1']]);
    expect(plan.triage.map((t) => t.why)).toEqual(['дело не найдено', 'дата в будущем']);
    expect(plan.reply?.text).toContain('Не записано, передано инспектору:');
    expect(plan.reply?.text).toContain(
      'Образцов П. — 09.03.2026: не вышел без уважительной причины (дело не найдено)',
    );
    expect(plan.reply?.text.split('Не записано')[0]).not.toContain('11.03.2026');
  });

  it('never records a report dated before the case reached the inspection: it goes to the officer', () => {
    const registry = {
      ...known('C-1'),
      caseStartedOn: (id: string) => (id === 'C-1' ? '2026-03-05' : undefined),
    };
    const plan = planMail(
      facts({ items: [item('C-1', '2026-03-02'), item('C-1', '2026-03-06')] }),
      registry,
      settings,
    );
    expect(plan.events.map((e) => e.event.date)).toEqual(['2026-03-06']);
    expect(plan.triage.map((t) => t.why)).toEqual([
      'дата 02.03.2026 раньше, чем приговор поступил в инспекцию (05.03.2026)',
    ]);
    expect(plan.reply?.text.split('Не записано')[0]).not.toContain('02.03.2026');
  });

  it('quarantines an unauthenticated registered sender and tells only them', () => {
    const plan = planMail(
      facts({ authenticated: false, items: [item('C-1', '2026-03-09')] }),
      known('C-1'),
      settings,
    );
    expect(plan).toMatchObject({
      status: 'quarantined',
      events: [],
      reply: { kind: 'mail.auth_failed', to: 'master@a.ru' },
    });
    expect(planMail(facts({ worksite: null }), known(), settings).reply).toBeNull();
  });

  it('says «передано инспектору» to the sender only when an officer is told (ADR 0034)', () => {
    const spoofed = facts({ authenticated: false, items: [item('C-1', '2026-03-09')] });
    expect(planMail(spoofed, known('C-1'), settings).reply?.text).toContain('Письмо передано инспектору.');
    const untold = planMail(spoofed, known('C-1'), { ...settings, inspectorTold: false }).reply?.text;
    expect(untold).not.toContain('передано инспектору');
    expect(untold).toContain('Письмо сохранено в инспекции для проверки.');
    const expired = facts({ worksite: { ...facts().worksite!, validTo: '2026-03-01' } });
    const late = { ...settings, receivedAt: '2026-03-10T09:00:00Z', inspectorTold: false };
    expect(planMail(expired, known(), late).reply?.text).not.toContain('передано инспектору');
  });
});
