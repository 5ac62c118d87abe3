import type { Clocks, Deadline, Finding, PlannedAlert } from './engine';

/** Clocks whose opening should trigger a matching run (a convict who needs work). */
const MATCHING_RULES = new Set(['CL-JOBSEARCH', 'CL-REFER', 'CL-START']);

export interface EventEffects {
  /** Alerts to send now: new clocks' first and late alerts, and anything planned for today. */
  alerts: PlannedAlert[];
  /** Rules of clocks opened by this event that ask for vacancies to be matched. */
  matchFor: string[];
}

const clockKey = (d: Pick<Deadline, 'rule' | 'trigger'>) => `${d.rule}@${d.trigger}`;

/**
 * The plan half of recording an event: compares the clocks before and after it, as of
 * today. A clock that opens late (an event entered after the fact) gets its first alert and,
 * if already late, its overdue alerts; past reminders are not replayed.
 */
export function effectsOfEvent(before: Clocks, after: Clocks, today: string): EventEffects {
  const beforeIds = new Set(before.alertPlan.map((a) => a.id));
  const alerts = after.alertPlan.filter(
    (a) => a.date === today || (a.date < today && !beforeIds.has(a.id) && a.kind !== 'reminder'),
  );
  const opened = new Set(before.deadlines.map(clockKey));
  const matchFor = [
    ...new Set(
      after.deadlines
        .filter((d) => d.status === 'open' && !opened.has(clockKey(d)) && MATCHING_RULES.has(d.rule))
        .map((d) => d.rule),
    ),
  ];
  return { alerts, matchFor };
}

/** Alerts planned in (after, upTo]: what the daily scan sends for the days since its last run. */
export function alertsBetween(clocks: Clocks, after: string | undefined, upTo: string): PlannedAlert[] {
  return clocks.alertPlan.filter(
    (a) => a.date <= upTo && (after === undefined ? a.date === upTo : a.date > after),
  );
}

/** The deadline or finding a planned alert is about. */
export function subjectOf(clocks: Clocks, alert: PlannedAlert): Deadline | Finding | undefined {
  if (alert.due) return clocks.deadlines.find((d) => d.rule === alert.rule && d.due === alert.due);
  return clocks.findings.find((f) => f.rule === alert.rule && f.date === alert.date);
}
