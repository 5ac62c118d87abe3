import { addDays, daysBetween, maxDate } from '../calendar/dates';
import { addWorkingDays, nextWorkingDay } from '../calendar/production-calendar';
import type { CaseEvent } from '../cases/events';
import { type Outcome, type OutcomeCode, outcomeByCode } from '../outcomes/outcomes';
import {
  type EventMatch,
  eventMatches,
  type Opener,
  RULES,
  type Rule,
  ruleFor,
  triggerMatches,
} from './rules';
import { type ClockStatus, type Ctx, type Deadline, datesOf, defined, of } from './types';

const matching = (events: readonly CaseEvent[], matches: readonly EventMatch[]) =>
  events.filter((e) => matches.some((m) => eventMatches(e as never, m)));

/** One clock: due by the rule's day kind, status from the first meeting event within the term. */
export function clock(
  ctx: Ctx,
  id: string,
  trigger: string,
  meetingDates: readonly string[],
): Deadline | undefined {
  const rule = ruleFor(id, trigger);
  if (!rule?.duration) return undefined; // no wording of this rule was in force on the trigger date
  const { calendar } = ctx.s;
  const region = ctx.c.region;
  let due =
    rule.duration.dayKind === 'working'
      ? addWorkingDays(trigger, rule.duration.days, calendar, region)
      : addDays(trigger, rule.duration.days);
  if (ctx.s.shiftDueToWorkingDay && rule.duration.dayKind === 'calendar') {
    due = nextWorkingDay(due, calendar, region);
  }
  const inTime = meetingDates.filter((d) => d >= trigger && d <= due).sort()[0];
  const late = inTime ? undefined : meetingDates.filter((d) => d > due && d <= ctx.asOf).sort()[0];
  const status: ClockStatus = inTime ? 'met' : ctx.asOf > due ? 'overdue' : 'open';
  // A sentence completed closes whatever was still running on that day.
  const done = ctx.completedOn;
  if (done && done >= trigger && done <= due && !(inTime && inTime <= done)) return undefined;
  const metOn = inTime ?? late;
  return {
    rule: rule.id,
    due,
    status,
    source: rule.source.article,
    trigger,
    daysLeft: metOn ? null : daysBetween(ctx.asOf, due),
    actor: rule.actor,
    ...(metOn ? { metOn } : {}),
    ...(late ? { lateDays: daysBetween(due, late) } : {}),
  };
}

/** Default opener: a clock per distinct trigger date (the same order twice opens one clock). */
function perTrigger(ctx: Ctx, rule: Rule): Deadline[] {
  const meeting = matching(ctx.events, rule.satisfiedBy).map((e) => e.date);
  const triggers = [...new Set(matching(ctx.events, triggerMatches(rule)).map((e) => e.date))];
  return triggers.map((d) => clock(ctx, rule.id, d, meeting)).filter(defined);
}

/**
 * CL-JOBSEARCH: a clock per spell without work. It starts on the later of registration and
 * the loss of work (or registration, for a convict reported unemployed when registered) and
 * ends with any of the rule's meeting events.
 */
function spellWithoutWork(ctx: Ctx, rule: Rule): Deadline[] {
  const registeredOn = datesOf(ctx.events, 'registered')[0];
  const meets = (e: CaseEvent) => rule.satisfiedBy.some((m) => eventMatches(e as never, m));
  const lostWork = (e: CaseEvent) => triggerMatches(rule).some((m) => eventMatches(e as never, m));
  const meeting = ctx.events.filter(meets).map((e) => e.date);
  const triggers: string[] = [];
  let spellOpen = false;
  let everEmployed = false;
  for (const e of ctx.events) {
    if (meets(e)) {
      spellOpen = false;
      if (e.type !== 'employment_service_registered') everEmployed = true;
      continue;
    }
    if (!lostWork(e) || spellOpen) continue;
    // Reported unemployed without having worked since: the spell runs from registration.
    const from = e.type === 'employment_reported' && !everEmployed ? (registeredOn ?? e.date) : e.date;
    triggers.push(registeredOn ? maxDate(registeredOn, from) : from);
    spellOpen = true;
  }
  return [...new Set(triggers)].map((t) => clock(ctx, rule.id, t, meeting)).filter(defined);
}

/** Told in advance (reportedOn before the change) is in time: it counts from the change day. */
function perChange(ctx: Ctx, rule: Rule): Deadline[] {
  return matching(ctx.events, triggerMatches(rule))
    .map((e) => {
      const reportedOn = (e as { reportedOn?: string }).reportedOn ?? e.date;
      const told = maxDate(reportedOn, e.date);
      return clock(ctx, rule.id, e.date, told <= ctx.asOf ? [told] : []);
    })
    .filter(defined);
}

/** The resolved outcome per absence day: a later report for the same day replaces an earlier one. */
export function resolvedAbsences(ctx: Ctx): Map<string, Outcome> {
  const byDay = new Map<string, Outcome>();
  for (const e of of(ctx.events, 'absence_reported'))
    byDay.set(e.date, outcomeByCode(e.outcome as OutcomeCode));
  return byDay;
}

/** ОР evasion counters: days of unexcused absence and days of discipline breaches. */
export function counters(ctx: Ctx): { absence: string[]; discipline: string[] } {
  const absence: string[] = [];
  const discipline = new Set(datesOf(ctx.events, 'discipline_breach'));
  for (const [day, outcome] of resolvedAbsences(ctx)) {
    if (!outcome.counts_toward_evasion) continue; // excused, attended, or not yet resolved
    if (outcome.counter === 'absence') absence.push(day);
    if (outcome.counter === 'discipline') discipline.add(day);
  }
  return { absence: absence.sort(), discipline: [...discipline].sort() };
}

/** CW-WARN: one clock per day with a counted breach (two breaches on one day are one). */
function perCountedBreach(ctx: Ctx, rule: Rule): Deadline[] {
  const { absence, discipline } = counters(ctx);
  const meeting = matching(ctx.events, rule.satisfiedBy).map((e) => e.date);
  return [...new Set([...absence, ...discipline])]
    .sort()
    .map((d) => clock(ctx, rule.id, d, meeting))
    .filter(defined);
}

const OPENERS: Record<Opener, (ctx: Ctx, rule: Rule) => Deadline[]> = {
  per_trigger: perTrigger,
  spell_without_work: spellWithoutWork,
  per_change: perChange,
  per_counted_breach: perCountedBreach,
};

/** Deadline rule ids in table order, one entry per rule (wordings share an id). */
const DEADLINE_RULES = [
  ...new Map(RULES.filter((r) => r.kind === 'deadline').map((r) => [r.id, r] as const)).values(),
];

/**
 * Every term clock of the case's sentence, driven by the rule records: the record names the
 * trigger, the meeting events and the opener; `clock` picks the wording in force per trigger.
 */
export function termClocks(ctx: Ctx): Deadline[] {
  return DEADLINE_RULES.filter((r) => r.sentence === ctx.c.sentence || r.sentence === 'any').flatMap((rule) =>
    OPENERS[rule.opens ?? 'per_trigger'](ctx, rule),
  );
}
