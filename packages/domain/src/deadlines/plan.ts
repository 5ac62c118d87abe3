import { addDays, daysBetween, isoWeekday, lastOfMonth, monthOf, nextMonth } from '../calendar/dates';
import { addWorkingDays } from '../calendar/production-calendar';
import type { Ctx, Deadline, Finding, PlannedAlert } from './types';

/**
 * The alert plan of a case: per unmet clock its stages (start, reminders at N days left, the
 * due day, overdue the day after, repeated every N working days while an inspection-side
 * clock stays unmet, one escalation to the head), and one alert per finding. Nothing is
 * planned after the day a late clock was met or the sentence completed.
 */
export function planAlerts(
  ctx: Ctx,
  deadlines: readonly Deadline[],
  findings: readonly Finding[],
): PlannedAlert[] {
  const { s, c, asOf } = ctx;
  const plan = new Map<string, PlannedAlert>();
  const add = (a: Omit<PlannedAlert, 'id'>, stop?: string) => {
    if (stop && a.date >= stop) return;
    const id = `${c.id}:${a.rule}:${a.kind}:${a.date}`;
    if (!plan.has(id)) plan.set(id, { id, ...a });
  };
  for (const d of deadlines) {
    if (d.status === 'met') continue;
    const stop = [d.metOn, ctx.completedOn].filter((x): x is string => !!x).sort()[0];
    const at = (date: string) => ({ rule: d.rule, date, due: d.due, daysLeft: daysBetween(date, d.due) });
    add({ ...at(d.trigger), kind: 'first', audience: 'officer', stage: 'start' }, stop);
    for (const left of s.reminderDaysLeft) {
      const date = addDays(d.due, -left);
      if (date > d.trigger)
        add({ ...at(date), kind: 'reminder', audience: 'officer', stage: 'reminder' }, stop);
    }
    if (s.dueDayAlert && d.due > d.trigger)
      add({ ...at(d.due), kind: 'reminder', audience: 'officer', stage: 'due_day' }, stop);
    const late = addDays(d.due, s.overdueAfterDays);
    add({ ...at(late), kind: 'overdue', audience: 'officer', stage: 'overdue' }, stop);
    if (d.actor !== 'inspection') continue;
    if (s.escalateInspectionSide)
      add({ ...at(late), kind: 'escalation', audience: 'supervisor', stage: 'escalation' }, stop);
    // While the inspection's own clock stays unmet, remind every N working days: the past
    // repeats and the next one after asOf (so the case stays in the due-date index). A clock
    // learned after it was overdue starts the cadence on the day it was learned.
    const every = s.overdueRepeatWorkingDays;
    if (every > 0) {
      const learned = ctx.learnedOn.get(d.trigger);
      let date = learned && learned > late ? learned : late;
      if (date > late) add({ ...at(date), kind: 'overdue', audience: 'officer', stage: 'overdue' }, stop);
      for (let i = 0; i < 1000 && date <= asOf; i++) {
        date = addWorkingDays(date, every, s.calendar, c.region);
        add({ ...at(date), kind: 'overdue', audience: 'officer', stage: 'overdue' }, stop);
      }
    }
  }
  for (const f of findings)
    add({ rule: f.rule, date: f.date, kind: 'first', audience: 'officer', stage: 'finding' });
  return [...plan.values()].sort((a, b) =>
    a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? -1 : 1,
  );
}

/**
 * The first day after `asOf` on which anything about the case changes: a planned alert, the
 * due day of an open clock or the day after it, and — while work is under way — the next
 * Sunday (CW-PACE) or month end (CL-MONTH) to judge. Null when nothing can change by itself.
 */
export function nextChangeDate(
  ctx: Ctx,
  deadlines: readonly Deadline[],
  plan: readonly PlannedAlert[],
  workStart: string | undefined,
  workDone: boolean,
): string | null {
  const { asOf } = ctx;
  const candidates = plan.map((a) => a.date);
  for (const d of deadlines) if (d.status === 'open' && !d.metOn) candidates.push(d.due, addDays(d.due, 1));
  if (workStart && !workDone && !ctx.completedOn) {
    const tomorrow = addDays(asOf, 1);
    if (ctx.c.sentence === 'compulsory_labor')
      candidates.push(addDays(tomorrow, (7 - isoWeekday(tomorrow)) % 7));
    else {
      const end = lastOfMonth(monthOf(asOf));
      candidates.push(end > asOf ? end : lastOfMonth(nextMonth(monthOf(asOf))));
    }
  }
  return candidates.filter((d) => d > asOf).sort()[0] ?? null;
}
