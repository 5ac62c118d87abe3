import { describe, expect, it } from 'vitest';
import { bounceNotice, kindWords } from './bounce';

const KEY = '55882e66a1b2c3d4e5f60718293a4b5c6d7e8f90';
const deadline = {
  jobId: '123:CW-WARN:overdue:2026-12-03',
  alertKey: KEY,
  kind: 'deadline.reminder',
  audience: 'officer',
  caseId: '123',
  rule: 'CW-WARN',
  due: '2026-12-03',
  officerId: 'officer-7',
};

describe('the head’s bounce notice', () => {
  it('names the address, whose mail it was, the rule with its title and the last day (ru)', () => {
    const n = bounceNotice(deadline, ['head@uii.example'], ['Petrov@UII.example'], 'ru');
    expect(n.subject).toBe(
      'Не доставлено письмо на petrov@uii.example: CW-WARN, последний день 03.12.2026 — дело 123',
    );
    expect(n.text).toContain('Получатель: инспектор officer-7');
    expect(n.text).toContain('Правило: CW-WARN — Вынести письменное предупреждение');
    expect(n.text).toContain('Срок: последний день 03.12.2026');
    expect(n.text).toContain('Что это было: напоминание о сроке');
    expect(n.text).toContain('сообщите инспектору officer-7 о сроке (последний день 03.12.2026)');
    expect(n.text).not.toMatch(/deadline\.|Вид уведомления|Идентификатор|on case/);
    expect(n.text.split('\n').filter((l) => l.includes(KEY))).toEqual([
      `Для администратора: ключ уведомления ${KEY}`,
    ]);
    expect(n.html).toContain('petrov@uii.example');
  });

  it('in English for an English-speaking head', () => {
    const n = bounceNotice(deadline, ['head@uii.example'], ['petrov@uii.example'], 'en');
    expect(n.subject).toBe(
      'Mail to petrov@uii.example not delivered: CW-WARN, last day 03.12.2026 — case 123',
    );
    expect(n.text).toContain('Rule: CW-WARN — Issue a written warning');
    expect(n.text).toContain('tell the officer officer-7 of the term (last day 03.12.2026)');
    expect(n.text).not.toMatch(/[а-яё]/i);
  });

  it('a mail that carried no term says what it was, in words', () => {
    const n = bounceNotice(
      { jobId: 'feed:1', alertKey: KEY, kind: 'feed.receipt', audience: 'employment_service' },
      ['head@uii.example'],
      ['czn@tomsk.example', 'czn2@tomsk.example'],
    );
    expect(n.subject).toBe('Не доставлено письмо на czn2@tomsk.example и ещё 1: квитанция о ленте вакансий');
    expect(n.text).toContain('Получатель: центр занятости');
    expect(n.text).not.toContain('feed.receipt');
    expect(kindWords('place.decision.consent', 'ru')).toBe('решение по месту: согласовано');
    expect(kindWords('place.decision.consent', 'en')).toBe('a decision on proposed places');
    expect(kindWords('something.new', 'en')).toBe('a uii-connect message');
  });
});
