import { describe, expect, it } from 'vitest';
import type { Case } from '../cases/case';
import type { CaseEvent } from '../cases/events';
import { effectsOfEvent } from '../deadlines/effects';
import { computeClocks } from '../deadlines/engine';
import { combinedJob, planCaseAlerts } from './case-plan';
import { routeOf } from './routing';

const recipients = { officer: ['officer@uii.example'], supervisor: ['head@uii.example'] };
const cw = { id: 'CW-1', sentence: 'compulsory_labor', hoursOrdered: 120 } as Case;
const absence = (date: string): CaseEvent =>
  ({ type: 'absence_reported', date, outcome: 'absent_unexcused' }) as CaseEvent;
const prior: CaseEvent[] = [
  { type: 'court_order_received', date: '2026-03-02' } as CaseEvent,
  absence('2026-03-03'),
  absence('2026-03-04'),
];

/** The plan of recording `event` on `asOf` after `history`. */
function planOf(c: Case, history: CaseEvent[], event: CaseEvent, asOf: string) {
  const before = computeClocks(c, history, asOf);
  const after = computeClocks(c, [...history, event], asOf);
  const planned = effectsOfEvent(before, after, asOf).alerts;
  return {
    planned,
    plan: planCaseAlerts({ caseId: c.id, clocks: after, planned, recipients, before, asOf }),
  };
}

describe('planCaseAlerts: several urgent alerts found together are one mail', () => {
  it('folds an evasion finding and the urgent warning clock into one job, the evasion first', () => {
    const { planned, plan } = planOf(cw, prior, absence('2026-03-05'), '2026-03-10');
    const urgentPlanned = planned.filter((a) => a.audience === 'officer');
    expect(urgentPlanned.length).toBeGreaterThanOrEqual(2);
    expect(plan.jobs).toHaveLength(1);
    const [job] = plan.jobs;
    expect(job!.kind).toBe('deadline.group');
    expect(job!.parts!.map((p) => p.rule)[0]).toBe('CW-EVASION');
    expect(new Set(job!.parts!.map((p) => p.id))).toEqual(new Set(urgentPlanned.map((a) => a.id)));
    expect(job!.subject).toMatch(/^\[CW-EVASION\] .* \(и ещё \d+ срочн/);
    for (const p of job!.parts!) expect(job!.text).toContain(p.subject);
    expect(routeOf(job!)).toEqual({ route: 'now', urgent: true });
  });

  it('derives the combined id from the set of alerts: same set, same id, whatever the order', () => {
    const { plan } = planOf(cw, prior, absence('2026-03-05'), '2026-03-10');
    const parts = plan.jobs[0]!.parts!.map((p) => ({
      ...p,
      audience: 'officer' as const,
      to: recipients.officer,
      caseId: 'CW-1',
    }));
    const again = combinedJob('CW-1', [...parts].reverse());
    expect(again.id).toBe(plan.jobs[0]!.id);
    expect(combinedJob('CW-1', parts.slice(1)).id).not.toBe(plan.jobs[0]!.id);
    // Re-planning the same event (a redelivery) gives the same job.
    expect(planOf(cw, prior, absence('2026-03-05'), '2026-03-10').plan.jobs[0]!.id).toBe(plan.jobs[0]!.id);
  });

  it('keeps a single urgent alert and the head’s escalation as they were, one mail each', () => {
    const cl = { id: 'CL-1', sentence: 'corrective_labor', termMonths: 6, deductionPercent: 10 } as Case;
    const { plan } = planOf(
      cl,
      [],
      { type: 'court_order_received', date: '2026-02-02' } as CaseEvent,
      '2026-03-10',
    );
    expect(plan.jobs.map((j) => `${j.kind}>${j.to.join()}`).sort()).toEqual([
      'deadline.escalation>head@uii.example',
      'deadline.overdue>officer@uii.example',
    ]);
    expect(plan.jobs.every((j) => !j.parts)).toBe(true);
  });

  it('leaves non-urgent alerts single (they are read in the digest)', () => {
    const cl = { id: 'CL-2', sentence: 'corrective_labor', termMonths: 6, deductionPercent: 10 } as Case;
    const { plan } = planOf(
      cl,
      [],
      { type: 'court_order_received', date: '2026-03-10' } as CaseEvent,
      '2026-03-10',
    );
    expect(plan.jobs.length).toBeGreaterThan(0);
    expect(plan.jobs.every((j) => !j.parts && routeOf(j).route === 'digest')).toBe(true);
  });
});

describe('planCaseAlerts: a met clock withdraws its calendar event', () => {
  const cl = { id: 'CL-3', sentence: 'corrective_labor', termMonths: 6, deductionPercent: 10 } as Case;
  const order = { type: 'court_order_received', date: '2026-03-02' } as CaseEvent;

  it('adds one deadline.met job with the clock’s facts when an event meets it', () => {
    const { plan } = planOf(
      cl,
      [order],
      { type: 'referral_issued', date: '2026-03-10' } as CaseEvent,
      '2026-03-10',
    );
    const met = plan.jobs.filter((j) => j.kind === 'deadline.met');
    // One for the officer, one for the head (sent only if an escalation reached the head's calendar).
    expect(met.map((j) => `${j.audience}>${j.to.join()}`)).toEqual([
      'officer>officer@uii.example',
      'supervisor>head@uii.example',
    ]);
    expect(met[1]!.id).toBe(`${met[0]!.id}:head`);
    expect(met[0]).toMatchObject({
      id: expect.stringMatching(/^CL-3:CL-REFER:met:2026-03-\d\d$/),
      audience: 'officer',
      rule: 'CL-REFER',
      deadline: { rule: 'CL-REFER', kind: 'met', trigger: '2026-03-02', asOf: '2026-03-10' },
    });
    expect(routeOf(met[0]!)).toEqual({ route: 'now', urgent: false });
  });

  it('also for a clock met late, and never for a clock met before or an event that meets nothing', () => {
    const late = planOf(
      cl,
      [order],
      { type: 'referral_issued', date: '2026-03-25' } as CaseEvent,
      '2026-03-26',
    );
    expect(
      late.plan.jobs.filter((j) => j.kind === 'deadline.met' && j.audience === 'officer').map((j) => j.rule),
    ).toEqual(['CL-REFER']);
    const referral = { type: 'referral_issued', date: '2026-03-10' } as CaseEvent;
    const twice = planOf(
      cl,
      [order, referral],
      { type: 'referral_issued', date: '2026-03-11' } as CaseEvent,
      '2026-03-11',
    );
    expect(twice.plan.jobs.filter((j) => j.kind === 'deadline.met')).toEqual([]);
  });
});
