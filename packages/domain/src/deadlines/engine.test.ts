import { describe, expect, it } from 'vitest';
import type { Case } from '../cases/case';
import { OUTCOMES, outcomeByCode } from '../outcomes/outcomes';
import { alertJobFor } from './alert-text';
import { effectsOfEvent } from './effects';
import { computeClocks } from './engine';
import { parseScenario, ScenarioError } from './scenario';
import { resolveSettings } from './settings';

const ir: Case = { id: 'C-1', sentence: 'corrective_labor', officerId: 'OFF-1' };
const order = { type: 'court_order_received', date: '2026-03-02' } as const;

describe('alert plan', () => {
  it('plans the first alert, reminders at 5/2/1 days left, overdue and escalation', () => {
    const { alertPlan, nextActionDate } = computeClocks(ir, [order], '2026-03-05');
    expect(alertPlan.map((a) => `${a.kind}:${a.date}:${a.audience}`)).toEqual([
      'first:2026-03-02:officer',
      'reminder:2026-03-12:officer',
      'reminder:2026-03-15:officer',
      'reminder:2026-03-16:officer',
      'escalation:2026-03-18:supervisor',
      'overdue:2026-03-18:officer',
    ]);
    expect(alertPlan[0]!.id).toBe('C-1:CL-REFER:first:2026-03-02');
    expect(nextActionDate).toBe('2026-03-12');
  });

  it('follows settings: other reminder days, no escalation', () => {
    const s = resolveSettings({ reminderDaysLeft: [3], escalateInspectionSide: false });
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

  it('for an order entered late, sends first and overdue alerts but not past reminders', () => {
    const before = computeClocks(ir, [], '2026-03-25');
    const after = computeClocks(ir, [order], '2026-03-25');
    const kinds = effectsOfEvent(before, after, '2026-03-25').alerts.map((a) => a.kind);
    expect(kinds.sort()).toEqual(['escalation', 'first', 'overdue']);
  });
});

describe('alert text', () => {
  it('is Russian, names the due day and quotes the legal source', () => {
    const clocks = computeClocks(ir, [order], '2026-03-12');
    const alert = clocks.alertPlan.find((a) => a.kind === 'reminder')!;
    const job = alertJobFor('C-1', alert, clocks.deadlines[0]!, { officer: ['officer@uii.example'] })!;
    expect(job.subject).toContain('17.03.2026');
    expect(job.text).toContain('осталось 5 дней');
    expect(job.text).toContain('не позднее 15 дней со дня поступления распоряжения суда');
    expect(job.id).toBe(alert.id);
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
