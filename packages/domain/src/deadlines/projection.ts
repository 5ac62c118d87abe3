import { monthOf } from '../calendar/dates';
import type { Case } from '../cases/case';
import type { CaseEvent } from '../cases/events';
import { outcomeByCode } from '../outcomes/outcomes';
import type { Clocks } from './engine';
import { fromMinutes, toMinutes } from './types';

/**
 * What the case's META item keeps between events, so listings and the daily scan need not
 * replay events. It is always re-derived from the events, never edited.
 */
export interface CaseProjection {
  asOf: string;
  openClocks: Array<{ rule: string; due: string; trigger: string; status: 'open' | 'overdue' }>;
  hoursServed: number;
  /** Counters of the calendar month of `asOf` (compulsory labour evasion). */
  thisMonth: { month: string; unexcusedAbsences: number; disciplineBreaches: number };
  nextActionDate: string | null;
  findings: number;
}

export function project(
  _c: Case,
  events: readonly CaseEvent[],
  asOf: string,
  clocks: Clocks,
): CaseProjection {
  const month = monthOf(asOf);
  const known = events.filter((e) => e.date <= asOf);
  const lastOutcome = new Map<string, string>();
  for (const e of known) if (e.type === 'absence_reported') lastOutcome.set(e.date, e.outcome);
  let unexcusedAbsences = 0;
  const disciplineDays = new Set(
    known.filter((e) => e.type === 'discipline_breach' && monthOf(e.date) === month).map((e) => e.date),
  );
  for (const [day, code] of lastOutcome) {
    if (monthOf(day) !== month) continue;
    const o = outcomeByCode(code);
    if (o.counter === 'absence') unexcusedAbsences++;
    if (o.counter === 'discipline') disciplineDays.add(day);
  }
  return {
    asOf,
    openClocks: clocks.deadlines
      .filter((d) => d.status !== 'met' && !d.metOn)
      .map((d) => ({ rule: d.rule, due: d.due, trigger: d.trigger, status: d.status as 'open' | 'overdue' })),
    hoursServed: fromMinutes(
      known.reduce((sum, e) => sum + (e.type === 'hours_reported' ? toMinutes(e.hours) : 0), 0),
    ),
    thisMonth: { month, unexcusedAbsences, disciplineBreaches: disciplineDays.size },
    nextActionDate: clocks.nextActionDate,
    findings: clocks.findings.length,
  };
}
