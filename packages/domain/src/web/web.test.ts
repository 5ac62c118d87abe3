import { describe, expect, it } from 'vitest';
import type { Case } from '../cases/case';
import { computeClocks } from '../deadlines/engine';
import { eventFromForm } from './actions';
import { triageCandidates } from './candidates';
import { clockChanges, countdownRu, daysRu, eventSummaryRu, urgencyOf } from './labels';

describe('Russian words of the officers web', () => {
  it('agrees days with numbers: 1 день, 2 дня, 5 дней, 11 дней, 21 день, 104 дня', () => {
    expect([1, 2, 5, 11, 12, 21, 104, 0].map(daysRu)).toEqual([
      '1 день',
      '2 дня',
      '5 дней',
      '11 дней',
      '12 дней',
      '21 день',
      '104 дня',
      '0 дней',
    ]);
  });

  it('counts down: остался 1 день, осталось 3 дня, последний день — сегодня, просрочен на 2 дня, выполнен', () => {
    expect(countdownRu({ status: 'open', daysLeft: 1 })).toBe('остался 1 день');
    expect(countdownRu({ status: 'open', daysLeft: 3 })).toBe('осталось 3 дня');
    expect(countdownRu({ status: 'open', daysLeft: 0 })).toBe('последний день — сегодня');
    expect(countdownRu({ status: 'overdue', daysLeft: -2 })).toBe('просрочен на 2 дня');
    expect(countdownRu({ status: 'met', daysLeft: null, metOn: '2026-03-05' })).toBe('выполнен 05.03.2026');
    expect(urgencyOf({ status: 'open', daysLeft: 7 })).toBe('week');
    expect(urgencyOf({ status: 'open', daysLeft: 8 })).toBe('later');
  });

  it('says an event in words with its details and a decimal comma', () => {
    expect(eventSummaryRu({ type: 'hours_reported', date: '2026-03-02', hours: 2.5 })).toBe(
      'Объект сообщил об отработанных часах: 2,5 ч',
    );
    expect(eventSummaryRu({ type: 'referral_issued', date: '2026-03-02', vacancyId: 'V-7' })).toBe(
      'Выдано предписание (направление на работу): вакансия V-7',
    );
  });

  it('names the clocks an event changed: CL-REFER met by a referral', () => {
    const c: Case = { id: 'C-1', sentence: 'corrective_labor' };
    const order = { type: 'court_order_received', date: '2026-03-02' } as const;
    const before = computeClocks(c, [order], '2026-03-05');
    const after = computeClocks(c, [order, { type: 'referral_issued', date: '2026-03-05' }], '2026-03-05');
    const changes = clockChanges(before, after);
    expect(changes.find((ch) => ch.rule === 'CL-REFER')).toMatchObject({
      before: 'open',
      after: 'met',
      text: 'CL-REFER — выполнен',
    });
    expect(clockChanges(after, after)).toEqual([]);
  });
});

describe('the action form', () => {
  const today = '2026-03-10';
  it('reads ДД.ММ.ГГГГ dates and decimal commas into an event', () => {
    expect(eventFromForm('hours_reported', { date: '09.03.2026', hours: '2,5' }, today)).toEqual({
      ok: true,
      event: { type: 'hours_reported', date: '2026-03-09', hours: 2.5 },
    });
  });

  it('says in Russian which field is wrong, never a field path', () => {
    const r = eventFromForm('hours_reported', { date: '31.02.2026', hours: '30' }, today);
    expect(r).toEqual({
      ok: false,
      errors: {
        date: 'Дата: нет такой даты, введите ДД.ММ.ГГГГ, например 10.03.2026',
        hours: 'Часов: от 0,5 до 24',
      },
    });
    expect(eventFromForm('absence_reported', { date: '2026-03-11', outcome: 'x' }, today)).toEqual({
      ok: false,
      errors: { date: 'Дата: дата в будущем (сегодня 10.03.2026)', outcome: 'Итог: выберите из списка' },
    });
    expect(eventFromForm('job_changed', { date: '2026-03-05', reportedOn: '2026-03-01' }, today)).toEqual({
      ok: false,
      errors: { reportedOn: 'Когда инспекция узнала: не раньше даты события' },
    });
    expect(eventFromForm('nonsense', {}, today)).toEqual({
      ok: false,
      errors: { type: 'Выберите действие из списка' },
    });
  });

  it('ignores fields that do not belong to the chosen action', () => {
    expect(eventFromForm('dismissed', { date: '2026-03-09', hours: 'abc', vacancyId: 'V-1' }, today)).toEqual(
      {
        ok: true,
        event: { type: 'dismissed', date: '2026-03-09' },
      },
    );
  });
});

describe('triage candidates', () => {
  const people = [
    { caseId: '70-0001', name: 'Иванов Иван Иванович' },
    { caseId: '70-0005', name: 'Иванова Ольга Николаевна' },
    { caseId: '70-0002', name: 'Петрова Мария Сергеевна' },
  ];
  it('names everyone whose surname the passage uses, in any case form', () => {
    expect(triageCandidates('Иванова 20.11.2026 не вышла на работу', people).map((p) => p.caseId)).toEqual([
      '70-0001',
      '70-0005',
    ]);
    expect(triageCandidates('У Петровой больничный', people).map((p) => p.caseId)).toEqual(['70-0002']);
    expect(triageCandidates('Сидоренко не вышел', people)).toEqual([]);
  });
});
