import { describe, expect, it } from 'vitest';
import type { Case } from '../cases/case';
import { assertNotFuture, CaseEvent, FutureEventError, futureDateReason } from '../cases/events';
import { OUTCOMES, outcomeByCode } from '../outcomes/outcomes';
import { alertJobFor, daysLeftRu } from './alert-text';
import { effectsOfEvent } from './effects';
import { computeClocks } from './engine';
import { parseScenario, ScenarioError } from './scenario';
import { resolveSettings } from './settings';

const ir: Case = { id: 'C-1', sentence: 'corrective_labor', officerId: 'OFF-1' };
const order = { type: 'court_order_received', date: '2026-03-02' } as const;

describe('alert plan', () => {
  it('plans the first alert, reminders at 5/2/1 days left, the due day, overdue and escalation', () => {
    const { alertPlan, nextActionDate } = computeClocks(ir, [order], '2026-03-05');
    expect(alertPlan.map((a) => `${a.kind}:${a.date}:${a.audience}:${a.daysLeft}`)).toEqual([
      'first:2026-03-02:officer:15',
      'reminder:2026-03-12:officer:5',
      'reminder:2026-03-15:officer:2',
      'reminder:2026-03-16:officer:1',
      'reminder:2026-03-17:officer:0',
      'escalation:2026-03-18:supervisor:-1',
      'overdue:2026-03-18:officer:-1',
    ]);
    expect(alertPlan[0]!.id).toBe('C-1:CL-REFER:first:2026-03-02');
    expect(nextActionDate).toBe('2026-03-12');
  });

  it('follows settings: other reminder days, no escalation', () => {
    const s = resolveSettings({
      reminderDaysLeft: [3],
      escalateInspectionSide: false,
      dueDayAlert: false,
      overdueRepeatWorkingDays: 0,
    });
    const { alertPlan } = computeClocks(ir, [order], '2026-03-05', s);
    expect(alertPlan.map((a) => a.kind)).toEqual(['first', 'reminder', 'overdue']);
  });

  it('plans nothing more once the clock is met', () => {
    const clocks = computeClocks(ir, [order, { type: 'referral_issued', date: '2026-03-04' }], '2026-03-05');
    expect(clocks.alertPlan).toEqual([]);
    expect(clocks.nextActionDate).toBeNull();
  });

  it('ignores events dated after asOf', () => {
    const clocks = computeClocks(ir, [order, { type: 'referral_issued', date: '2026-03-10' }], '2026-03-05');
    expect(clocks.deadlines[0]).toMatchObject({ status: 'open', daysLeft: 12 });
  });
});

describe('effects of an event', () => {
  it('sends the first alert of a clock that opens and asks for matching', () => {
    const before = computeClocks(ir, [], '2026-03-02');
    const after = computeClocks(ir, [order], '2026-03-02');
    const fx = effectsOfEvent(before, after, '2026-03-02');
    expect(fx.alerts.map((a) => a.id)).toEqual(['C-1:CL-REFER:first:2026-03-02']);
    expect(fx.matchFor).toEqual(['CL-REFER']);
  });

  it('for an order entered late, sends only the most advanced stage: overdue and escalation', () => {
    const before = computeClocks(ir, [], '2026-03-25');
    const after = computeClocks(ir, [order], '2026-03-25');
    const alerts = effectsOfEvent(before, after, '2026-03-25').alerts;
    expect(alerts.map((a) => `${a.kind}:${a.date}:${a.daysLeft}`).sort()).toEqual([
      'escalation:2026-03-25:-8',
      'overdue:2026-03-25:-8',
    ]);
  });

  it('for an order entered within its term, sends the current stage counted from today', () => {
    const before = computeClocks(ir, [], '2026-03-13');
    const after = computeClocks(ir, [order], '2026-03-13');
    const [alert, ...rest] = effectsOfEvent(before, after, '2026-03-13').alerts;
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'reminder', date: '2026-03-13', daysLeft: 4 });
    const job = alertJobFor('C-1', alert!, after.deadlines[0]!, { officer: ['o@uii.example'] })!;
    expect(job.subject).toContain('осталось 4 дня');
    expect(job.text).not.toContain('осталось 5');
  });

  it('keeps reminding the officer every 3 working days while the inspection’s clock is overdue', () => {
    const late = computeClocks(ir, [order], '2026-03-25');
    const overdue = late.alertPlan.filter((a) => a.kind === 'overdue').map((a) => a.date);
    // 18.03 (Wed), then every 3 working days: 23.03, 26.03 — the next one after asOf included.
    expect(overdue).toEqual(['2026-03-18', '2026-03-23', '2026-03-26']);
    expect(late.alertPlan.filter((a) => a.kind === 'escalation')).toHaveLength(1);
    expect(late.nextActionDate).toBe('2026-03-26');
    // Learned only on 25.03 (recorded that day): the cadence starts then, not on 18.03.
    const learned = computeClocks(ir, [order], '2026-03-25', undefined, ['2026-03-25']);
    expect(learned.alertPlan.filter((a) => a.kind === 'overdue').map((a) => a.date)).toEqual([
      '2026-03-18',
      '2026-03-25',
      '2026-03-30',
    ]);
    const met = computeClocks(ir, [order, { type: 'referral_issued', date: '2026-03-24' }], '2026-03-25');
    expect(met.deadlines[0]).toMatchObject({ status: 'overdue', metOn: '2026-03-24', lateDays: 7 });
    expect(met.alertPlan.filter((a) => a.date >= '2026-03-24')).toEqual([]);
    expect(met.nextActionDate).toBeNull();
  });
});

describe('alert text', () => {
  it('is Russian, names the due day and quotes the legal source', () => {
    const clocks = computeClocks(ir, [order], '2026-03-12');
    const alert = clocks.alertPlan.find((a) => a.kind === 'reminder')!;
    const job = alertJobFor('C-1', alert, clocks.deadlines[0]!, { officer: ['officer@uii.example'] })!;
    expect(job.subject).toContain('17.03.2026');
    expect(job.subject).toContain('осталось 5 дней');
    expect(job.text).toContain('осталось 5 дней');
    expect(job.text).toContain('не позднее 15 дней со дня поступления распоряжения суда');
    expect(job.id).toBe(alert.id);
  });
});

describe('days left in Russian', () => {
  it('agrees the plural and names the last day', () => {
    expect([1, 2, 5, 11, 21, 22, 0, -3].map(daysLeftRu)).toEqual([
      'остался 1 день',
      'осталось 2 дня',
      'осталось 5 дней',
      'осталось 11 дней',
      'остался 21 день',
      'осталось 22 дня',
      'последний день — сегодня',
      'просрочен на 3 дня',
    ]);
  });

  it('gives each stage of a clock its own subject', () => {
    const clocks = computeClocks(ir, [order], '2026-03-25');
    const subjects = clocks.alertPlan.map(
      (a) => alertJobFor('C-1', a, clocks.deadlines[0]!, { officer: ['o@uii.example'] })!.subject,
    );
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects.find((s) => s.includes('Последний день — сегодня'))).toBeDefined();
  });
});

describe('events dated in the future', () => {
  it('are refused with a Russian reason naming both dates', () => {
    expect(futureDateReason(order, '2026-03-01')).toBe(
      'дата в будущем: 02.03.2026 позже сегодняшнего 01.03.2026',
    );
    expect(futureDateReason(order, '2026-03-02')).toBeUndefined();
    const told = { type: 'job_changed', date: '2026-03-01', reportedOn: '2026-03-05' } as const;
    expect(futureDateReason(told, '2026-03-02')).toContain('дата сообщения в будущем');
    expect(() => assertNotFuture(order, '2026-02-28')).toThrow(FutureEventError);
  });

  it('caps free text with a clear message', () => {
    const long = CaseEvent.safeParse({
      type: 'absence_reported',
      date: '2026-03-02',
      outcome: 'absent_unexcused',
      reasonText: 'x'.repeat(250_000),
    });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe(
      'причина (reasonText): не длиннее 2000 знаков, получено 250000',
    );
  });
});

describe('outcomes', () => {
  it('reads flags, not code lists: only unexcused absence and discipline breaches count', () => {
    expect(OUTCOMES.filter((o) => o.counts_toward_evasion).map((o) => [o.code, o.counter])).toEqual([
      ['attended_breach', 'discipline'],
      ['absent_unexcused', 'absence'],
    ]);
    expect(outcomeByCode('absent_sick_note').needs_document).toBe(true);
    expect(() => outcomeByCode('absent_maybe')).toThrow(RangeError);
  });
});

describe('scenario input', () => {
  it('names the bad field of an invalid event', () => {
    const bad = {
      case: { id: 'X', sentence: 'compulsory_labor' },
      events: [order, order, { type: 'work_started', date: '2026-02-30' }],
      asOf: '2026-03-05',
    };
    expect(() => parseScenario(bad)).toThrow(ScenarioError);
    expect(() => parseScenario(bad)).toThrow(/^events\[2\]\.date: /);
  });
});
