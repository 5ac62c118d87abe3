import { daysBetween } from '../calendar/dates';
import { type Clocks, clockKey, type Deadline, type Finding, type PlannedAlert } from './types';

/**
 * Clocks whose opening should trigger a matching run (a convict who needs work): vacancies for
 * corrective labour, agreed places for compulsory labour (CW-START, docs/places.md).
 */
const MATCHING_RULES = new Set(['CL-JOBSEARCH', 'CL-REFER', 'CL-START', 'CW-START']);

export interface EventEffects {
  /** Alerts to send now: the most advanced stage of each clock that is due or newly learned. */
  alerts: PlannedAlert[];
  /** Rules of clocks opened by this event that ask for vacancies to be matched. */
  matchFor: string[];
}

/**
 * Of the alerts due by `today`, only what is still true on the day: per clock the most
 * advanced stage (the latest), plus its escalation; per finding rule the latest finding,
 * with the earlier ones folded in (`alsoDates`). An alert planned for an earlier day is sent
 * as of today — same id, `date` and `daysLeft` counted from today — so it never states
 * stale figures.
 */
export function currentStages(alerts: readonly PlannedAlert[], today: string): PlannedAlert[] {
  const latest = new Map<string, PlannedAlert>();
  const folded = new Map<string, string[]>();
  const escalations: PlannedAlert[] = [];
  for (const a of alerts) {
    if (a.date > today) continue;
    if (a.kind === 'escalation') {
      escalations.push(a);
      continue;
    }
    const key = a.due ? `${a.rule}@${a.due}` : `${a.rule}#finding`;
    const held = latest.get(key);
    if (!held || a.date > held.date || (a.date === held.date && a.kind === 'overdue')) {
      if (held && !a.due) folded.set(key, [...(folded.get(key) ?? []), held.date]);
      latest.set(key, a);
    } else if (!a.due) folded.set(key, [...(folded.get(key) ?? []), a.date]);
  }
  const asOfToday = (a: PlannedAlert): PlannedAlert =>
    a.date === today || !a.due ? a : { ...a, date: today, daysLeft: daysBetween(today, a.due) };
  const out = [...latest.entries()].map(([key, a]) => {
    const also = folded.get(key);
    return also?.length ? { ...a, alsoDates: [...also].sort() } : asOfToday(a);
  });
  out.push(...escalations.map(asOfToday));
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * The plan half of recording an event: compares the clocks before and after it, as of
 * today. Alerts planned for today go out; a clock or finding that appears late (an event
 * entered after the fact) gets only its most advanced stage that is still true today.
 */
export function effectsOfEvent(before: Clocks, after: Clocks, today: string): EventEffects {
  const beforeIds = new Set(before.alertPlan.map((a) => a.id));
  const alerts = currentStages(
    after.alertPlan.filter((a) => a.date === today || (a.date < today && !beforeIds.has(a.id))),
    today,
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

/**
 * Alerts planned in (after, upTo], reduced to the stages still true on `upTo`: what the
 * daily scan sends for the days since its last run.
 */
export function alertsBetween(clocks: Clocks, after: string | undefined, upTo: string): PlannedAlert[] {
  return currentStages(
    clocks.alertPlan.filter(
      (a) => a.date <= upTo && (after === undefined ? a.date === upTo : a.date > after),
    ),
    upTo,
  );
}

/** The deadline or finding a planned alert is about (by its planned date for findings). */
export function subjectOf(clocks: Clocks, alert: PlannedAlert): Deadline | Finding | undefined {
  if (alert.due) return clocks.deadlines.find((d) => d.rule === alert.rule && d.due === alert.due);
  return clocks.findings.find((f) => f.rule === alert.rule && f.date === alert.date);
}

/** The earlier findings folded into an alert (`alsoDates`), for its text. */
export function foldedFindings(clocks: Clocks, alert: PlannedAlert): Finding[] {
  const dates = new Set(alert.alsoDates ?? []);
  return clocks.findings.filter((f) => f.rule === alert.rule && dates.has(f.date));
}
