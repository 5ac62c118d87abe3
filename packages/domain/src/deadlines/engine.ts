import {
  addDays,
  ageOn,
  daysBetween,
  isoWeekday,
  lastOfMonth,
  maxDate,
  monthOf,
  nextMonth,
  ruDate,
  ruMonth,
  weekStart,
} from '../calendar/dates';
import {
  addWorkingDays,
  covers,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
  workingDaysInMonth,
} from '../calendar/production-calendar';
import type { Case } from '../cases/case';
import type { CaseEvent, EventOf, EventType } from '../cases/events';
import { type Outcome, type OutcomeCode, outcomeByCode } from '../outcomes/outcomes';
import { type Actor, type Rule, ruleFor } from './rules';
import { type DeadlineSettings, resolveSettings } from './settings';

export type ClockStatus = 'open' | 'met' | 'overdue';

export interface Deadline {
  rule: string;
  due: string;
  status: ClockStatus;
  /** The legal source of the wording in force on the trigger date. */
  source: string;
  trigger: string;
  /** Days from `asOf` to the due day (0 on the due day, negative once overdue); null when met. */
  daysLeft: number | null;
  actor: Actor;
  metOn?: string;
}

export interface Finding {
  rule: string;
  date: string;
  /** Russian, for the officer. */
  message: string;
  details: Record<string, unknown>;
}

export type AlertKind = 'first' | 'reminder' | 'overdue' | 'escalation';

export interface PlannedAlert {
  /** Deterministic id `<caseId>:<rule>:<kind>:<date>`: re-planning never sends twice. */
  id: string;
  rule: string;
  date: string;
  kind: AlertKind;
  audience: 'officer' | 'supervisor';
  due?: string;
}

export interface Clocks {
  deadlines: Deadline[];
  findings: Finding[];
  alertPlan: PlannedAlert[];
  /** The first day after `asOf` on which an alert is planned (the byDue index key), or null. */
  nextActionDate: string | null;
}

interface Ctx {
  c: Case;
  asOf: string;
  s: DeadlineSettings;
  events: CaseEvent[];
  completedOn: string | undefined;
}

const of = <T extends EventType>(events: readonly CaseEvent[], type: T) =>
  events.filter((e): e is EventOf<T> => e.type === type);

const datesOf = (events: readonly CaseEvent[], ...types: EventType[]) =>
  events.filter((e) => types.includes(e.type)).map((e) => e.date);

/** The same trigger recorded twice (a re-sent order) opens one clock, not two identical ones. */
const uniqueDatesOf = (events: readonly CaseEvent[], type: EventType) => [...new Set(datesOf(events, type))];

/**
 * Derives every clock, finding and planned alert of a case from its events, as of a day.
 * Pure: events dated after `asOf` are not yet known and are ignored.
 */
export function computeClocks(
  c: Case,
  events: readonly CaseEvent[],
  asOf: string,
  settings: DeadlineSettings = resolveSettings(),
): Clocks {
  const known = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.date <= asOf)
    .sort((a, b) => (a.e.date === b.e.date ? a.i - b.i : a.e.date < b.e.date ? -1 : 1))
    .map(({ e }) => e);
  const ctx: Ctx = {
    c,
    asOf,
    s: settings,
    events: known,
    completedOn: of(known, 'sentence_completed')[0]?.date,
  };

  const deadlines: Deadline[] = [];
  const findings: Finding[] = [];
  if (c.sentence === 'corrective_labor') {
    deadlines.push(...clReferAndStart(ctx), ...clJobSearch(ctx), ...clReportChange(ctx));
    findings.push(...clRepeat(ctx, deadlines), ...clMonth(ctx));
  } else {
    deadlines.push(...cwStart(ctx), ...cwWarn(ctx));
    findings.push(...cwEvasion(ctx), ...cwHours(ctx));
  }
  findings.push(...wanted(ctx));

  deadlines.sort((a, b) => (a.due === b.due ? a.rule.localeCompare(b.rule) : a.due < b.due ? -1 : 1));
  findings.sort((a, b) => (a.date === b.date ? a.rule.localeCompare(b.rule) : a.date < b.date ? -1 : 1));
  const alertPlan = planAlerts(c.id, deadlines, findings, settings);
  const nextActionDate =
    alertPlan
      .map((a) => a.date)
      .filter((d) => d > asOf)
      .sort()[0] ?? null;
  return { deadlines, findings, alertPlan, nextActionDate };
}

// ---------------------------------------------------------------- clocks

/** One clock: due by the rule's day kind, status from the first meeting event within the term. */
function clock(ctx: Ctx, id: string, trigger: string, meetingDates: readonly string[]): Deadline | undefined {
  const rule = ruleFor(id, trigger);
  if (!rule?.duration) return undefined; // no wording of this rule was in force on the trigger date
  const { calendar } = ctx.s;
  let due =
    rule.duration.dayKind === 'working'
      ? addWorkingDays(trigger, rule.duration.days, calendar, ctx.c.region)
      : addDays(trigger, rule.duration.days);
  if (ctx.s.shiftDueToWorkingDay && rule.duration.dayKind === 'calendar') {
    due = nextWorkingDay(due, calendar, ctx.c.region);
  }
  const metOn = meetingDates.filter((d) => d >= trigger && d <= due).sort()[0];
  const status: ClockStatus = metOn ? 'met' : ctx.asOf > due ? 'overdue' : 'open';
  // A sentence completed closes whatever was still running on that day.
  const done = ctx.completedOn;
  if (done && done >= trigger && done <= due && !(metOn && metOn <= done)) return undefined;
  return {
    rule: rule.id,
    due,
    status,
    source: rule.source.article,
    trigger,
    daysLeft: metOn ? null : daysBetween(ctx.asOf, due),
    actor: rule.actor,
    ...(metOn ? { metOn } : {}),
  };
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

function clReferAndStart(ctx: Ctx): Deadline[] {
  const referrals = datesOf(ctx.events, 'referral_issued');
  const started = datesOf(ctx.events, 'work_started');
  return [
    ...uniqueDatesOf(ctx.events, 'court_order_received').map((d) => clock(ctx, 'CL-REFER', d, referrals)),
    ...uniqueDatesOf(ctx.events, 'referral_received').map((d) => clock(ctx, 'CL-START', d, started)),
  ].filter(defined);
}

function cwStart(ctx: Ctx): Deadline[] {
  const started = datesOf(ctx.events, 'work_started');
  return uniqueDatesOf(ctx.events, 'court_order_received')
    .map((d) => clock(ctx, 'CW-START', d, started))
    .filter(defined);
}

/**
 * CL-JOBSEARCH: a clock per spell without work. It starts on the later of registration
 * and dismissal (or registration, for a convict reported unemployed when registered) and
 * ends with work, employment-service registration, or a report of employment.
 */
function clJobSearch(ctx: Ctx): Deadline[] {
  const registeredOn = datesOf(ctx.events, 'registered')[0];
  const meeting = ctx.events
    .filter(
      (e) =>
        e.type === 'work_started' ||
        e.type === 'employment_service_registered' ||
        (e.type === 'employment_reported' && e.status === 'employed'),
    )
    .map((e) => e.date);
  const triggers: string[] = [];
  let spellOpen = false;
  let everEmployed = false;
  for (const e of ctx.events) {
    const isMeeting =
      e.type === 'work_started' ||
      e.type === 'employment_service_registered' ||
      (e.type === 'employment_reported' && e.status === 'employed');
    if (isMeeting) {
      spellOpen = false;
      if (e.type !== 'employment_service_registered') everEmployed = true;
      continue;
    }
    const lostWork =
      e.type === 'dismissed' || (e.type === 'employment_reported' && e.status === 'unemployed');
    if (!lostWork || spellOpen) continue;
    // Reported unemployed without having worked since: the spell runs from registration.
    const from = e.type === 'employment_reported' && !everEmployed ? (registeredOn ?? e.date) : e.date;
    triggers.push(registeredOn ? maxDate(registeredOn, from) : from);
    spellOpen = true;
  }
  return [...new Set(triggers)].map((t) => clock(ctx, 'CL-JOBSEARCH', t, meeting)).filter(defined);
}

/** Told in advance (reportedOn before the change) is in time: it counts from the change day. */
function clReportChange(ctx: Ctx): Deadline[] {
  return ctx.events
    .filter((e) => e.type === 'residence_changed' || e.type === 'job_changed')
    .map((e) => {
      const told = maxDate(e.reportedOn, e.date);
      return clock(ctx, 'CL-REPORT-CHANGE', e.date, told <= ctx.asOf ? [told] : []);
    })
    .filter(defined);
}

/** The resolved outcome per absence day: a later report for the same day replaces an earlier one. */
function resolvedAbsences(ctx: Ctx): Map<string, Outcome> {
  const byDay = new Map<string, Outcome>();
  for (const e of of(ctx.events, 'absence_reported'))
    byDay.set(e.date, outcomeByCode(e.outcome as OutcomeCode));
  return byDay;
}

/** ОР evasion counters: days of unexcused absence and days of discipline breaches. */
function counters(ctx: Ctx): { absence: string[]; discipline: string[] } {
  const absence: string[] = [];
  const discipline = new Set(datesOf(ctx.events, 'discipline_breach'));
  for (const [day, outcome] of resolvedAbsences(ctx)) {
    if (!outcome.counts_toward_evasion) continue; // excused, attended, or not yet resolved
    if (outcome.counter === 'absence') absence.push(day);
    if (outcome.counter === 'discipline') discipline.add(day);
  }
  return { absence: absence.sort(), discipline: [...discipline].sort() };
}

function cwWarn(ctx: Ctx): Deadline[] {
  const { absence, discipline } = counters(ctx);
  const warnings = datesOf(ctx.events, 'warning_issued');
  return [...new Set([...absence, ...discipline])]
    .sort()
    .map((d) => clock(ctx, 'CW-WARN', d, warnings))
    .filter(defined);
}

// ---------------------------------------------------------------- findings

function finding(id: string, date: string, text: string, details: Record<string, unknown>): Finding {
  const rule = ruleFor(id, date) as Rule;
  return { rule: id, date, message: `${text} (${rule.source.article})`, details };
}

/** Russian wording per counter; «невыход» is masculine, «нарушение» neuter (2-й / 2-е). */
const COUNTER_RU = {
  absence: { noun: 'невыход на работу без уважительной причины', ending: 'й', one: 'ещё один' },
  discipline: { noun: 'нарушение трудовой дисциплины', ending: 'е', one: 'ещё одно' },
} as const;

function cwEvasion(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  const all = counters(ctx);
  for (const counter of ['absence', 'discipline'] as const) {
    const perMonth = new Map<string, string[]>();
    for (const d of all[counter]) perMonth.set(monthOf(d), [...(perMonth.get(monthOf(d)) ?? []), d]);
    for (const [month, days] of perMonth) {
      const { noun, ending, one } = COUNTER_RU[counter];
      const label = `${noun} за ${ruMonth(month)}`;
      const details = { counter, month, dates: days };
      if (days[1]) {
        out.push(
          finding('CW-EVASION-RISK', days[1], `2-${ending} ${label}: ${one} — злостное уклонение`, {
            ...details,
            count: 2,
          }),
        );
      }
      if (days[2]) {
        out.push(
          finding(
            'CW-EVASION',
            days[2],
            `3-${ending} ${label}: злостное уклонение, основание для представления в суд о замене наказания`,
            { ...details, count: 3 },
          ),
        );
      }
    }
  }
  return out;
}

/** Main-job status on a day: the latest employment report, dismissal or start of work before it. */
function employedOn(ctx: Ctx, day: string): boolean {
  let employed = false;
  for (const e of ctx.events) {
    if (e.date > day) break;
    if (e.type === 'employment_reported') employed = e.status === 'employed';
    if (e.type === 'dismissed') employed = false;
  }
  return employed;
}

function hoursCap(ctx: Ctx, day: string, consent: boolean): { cap: number; reason: string } {
  const caps = ctx.s.hourCaps;
  let cap = caps.standard;
  let reason = 'не более 4 часов в день';
  if (employedOn(ctx, day) && isWorkingDay(day, ctx.s.calendar, ctx.c.region)) {
    cap = consent ? caps.employedWorkingDayWithConsent : caps.employedWorkingDay;
    reason = consent
      ? 'рабочий день при основной работе, с согласия осуждённого'
      : 'рабочий день при основной работе, без согласия на 4 часа';
  }
  if (ctx.c.birthDate) {
    const age = ageOn(ctx.c.birthDate, day);
    if (age < 15 && caps.under15 < cap) [cap, reason] = [caps.under15, 'несовершеннолетний до 15 лет'];
    else if (age === 15 && caps.age15 < cap) [cap, reason] = [caps.age15, 'несовершеннолетний 15 лет'];
  }
  return { cap, reason };
}

function cwHours(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  const reports = of(ctx.events, 'hours_reported');
  const perDay = new Map<string, { hours: number; consent: boolean }>();
  for (const r of reports) {
    const d = perDay.get(r.date) ?? { hours: 0, consent: false };
    perDay.set(r.date, { hours: d.hours + r.hours, consent: d.consent || r.consentToFour === true });
  }
  let total = 0;
  let doneOn: string | undefined;
  for (const [day, { hours, consent }] of [...perDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { cap, reason } = hoursCap(ctx, day, consent);
    if (hours > cap) {
      out.push(
        finding('CW-HOURS-CAP', day, `За ${ruDate(day)} учтено ${hours} ч при пределе ${cap} ч (${reason})`, {
          hours,
          cap,
          reason,
        }),
      );
    }
    total += hours;
    if (!doneOn && ctx.c.hoursOrdered && total >= ctx.c.hoursOrdered) {
      doneOn = day;
      out.push(
        finding(
          'CW-DONE',
          day,
          `Отработано ${total} ч из ${ctx.c.hoursOrdered} назначенных: наказание отбыто, снять с учёта`,
          { total, hoursOrdered: ctx.c.hoursOrdered },
        ),
      );
    }
  }
  out.push(...cwPace(ctx, perDay, doneOn));
  return out;
}

/**
 * CW-PACE: every full calendar week from the first whole week of work, until the hours
 * are served. The week work starts in is partial, so it is not judged.
 */
function cwPace(ctx: Ctx, perDay: Map<string, { hours: number }>, doneOn: string | undefined): Finding[] {
  const started = datesOf(ctx.events, 'work_started')[0] ?? [...perDay.keys()].sort()[0];
  if (!started) return [];
  const leave = datesOf(ctx.events, 'leave_approved');
  const out: Finding[] = [];
  let monday = isoWeekday(started) === 1 ? started : addDays(weekStart(started), 7);
  for (; addDays(monday, 6) <= ctx.asOf; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const stop = doneOn ?? ctx.completedOn;
    if (stop && stop <= sunday) break;
    if (leave.some((d) => d >= monday && d <= sunday)) continue;
    const allowance = ctx.s.paceAllowances.find((a) => a.from <= sunday && a.to >= monday);
    const min = allowance ? allowance.minHours : ctx.s.weeklyMinHours;
    let hours = 0;
    for (let d = monday; d <= sunday; d = addDays(d, 1)) hours += perDay.get(d)?.hours ?? 0;
    if (hours < min) {
      out.push(
        finding(
          'CW-PACE',
          sunday,
          `За неделю ${ruDate(monday)}–${ruDate(sunday)} отработано ${hours} ч при минимуме ${min} ч`,
          { weekStart: monday, hours, minHours: min },
        ),
      );
    }
  }
  return out;
}

/**
 * CL-REPEAT: an ИР breach dated after a written warning. Breaches: unexcused absence or
 * discipline, refusing offered work (no right to refuse from 20.01.2026), and the convict's
 * own missed clocks (the day after their due day).
 */
function clRepeat(ctx: Ctx, deadlines: readonly Deadline[]): Finding[] {
  const firstWarning = datesOf(ctx.events, 'warning_issued').sort()[0];
  if (!firstWarning) return [];
  const breaches: Array<{ date: string; what: string }> = [];
  for (const [day, outcome] of resolvedAbsences(ctx)) {
    if (outcome.counts_toward_evasion) breaches.push({ date: day, what: outcome.name_ru });
  }
  for (const d of datesOf(ctx.events, 'discipline_breach'))
    breaches.push({ date: d, what: 'нарушение дисциплины' });
  for (const d of datesOf(ctx.events, 'job_refused')) {
    if (d >= '2026-01-20') breaches.push({ date: d, what: 'отказ от предложенной работы' });
  }
  for (const dl of deadlines) {
    const missed = addDays(dl.due, 1);
    if (dl.actor === 'convict' && dl.status === 'overdue' && missed <= ctx.asOf) {
      breaches.push({ date: missed, what: `пропуск срока ${dl.rule}` });
    }
  }
  return breaches
    .filter((b) => b.date > firstWarning)
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((b) =>
      finding(
        'CL-REPEAT',
        b.date,
        `Повторное нарушение (${b.what}) после письменного предупреждения от ${ruDate(firstWarning)}: злостное уклонение, представление в суд`,
        { warningOn: firstWarning, breach: b.what },
      ),
    );
}

/**
 * CL-MONTH: each finished month since work started, days worked against the month's
 * working days. Days worked are derived as the production calendar's working days while
 * employed, less reported absences; without calendar data for the year it says so.
 */
function clMonth(ctx: Ctx): Finding[] {
  const started = datesOf(ctx.events, 'work_started')[0];
  if (!started) return [];
  const { calendar } = ctx.s;
  const absences = resolvedAbsences(ctx);
  const out: Finding[] = [];
  for (let month = monthOf(started); lastOfMonth(month) <= ctx.asOf; month = nextMonth(month)) {
    const end = lastOfMonth(month);
    if (ctx.completedOn && ctx.completedOn < `${month}-01`) break;
    if (!covers(calendar, end)) {
      out.push(
        finding(
          'CL-MONTH',
          end,
          `Нет производственного календаря на ${month.slice(0, 4)} год: отработанные дни за ${ruMonth(month)} не проверены`,
          { month, calendarMissing: true },
        ),
      );
      continue;
    }
    // The month work started in counts from that day: the term starts when work does (УИК 42).
    const from = maxDate(`${month}-01`, started);
    const workingDays =
      from === `${month}-01`
        ? workingDaysInMonth(month, calendar, ctx.c.region)
        : workingDaysBetween(from, end, calendar, ctx.c.region);
    let worked = 0;
    for (let d = from; d <= end; d = addDays(d, 1)) {
      if (!isWorkingDay(d, calendar, ctx.c.region)) continue;
      if (!workingOn(ctx, d)) continue;
      const outcome = absences.get(d);
      if (outcome && !outcome.attended) continue;
      worked++;
    }
    if (worked < workingDays) {
      out.push(
        finding(
          'CL-MONTH',
          end,
          `За ${ruMonth(month)} отработано ${worked} из ${workingDays} рабочих дн.: срок продлевается на ${workingDays - worked} дн.`,
          {
            month,
            workingDays,
            daysWorked: worked,
            shortfall: workingDays - worked,
            basis: 'calendar-less-absences',
          },
        ),
      );
    }
  }
  return out;
}

/** Whether an ИР convict is in work on a day (started or reported employed, not since dismissed). */
function workingOn(ctx: Ctx, day: string): boolean {
  let working = false;
  for (const e of ctx.events) {
    if (e.date > day) break;
    if (e.type === 'work_started' || (e.type === 'employment_reported' && e.status === 'employed'))
      working = true;
    if (e.type === 'dismissed' || (e.type === 'employment_reported' && e.status === 'unemployed'))
      working = false;
  }
  return working;
}

function wanted(ctx: Ctx): Finding[] {
  return datesOf(ctx.events, 'whereabouts_unknown').map((d) =>
    finding(
      'WANTED',
      d,
      `Место нахождения неизвестно с ${ruDate(d)}: розыск; задержание до 48 часов, суд может продлить до 30 суток`,
      { detentionEndsBy: addDays(d, 2), courtExtensionMaxDays: 30 },
    ),
  );
}

// ---------------------------------------------------------------- alert plan

function planAlerts(
  caseId: string,
  deadlines: readonly Deadline[],
  findings: readonly Finding[],
  s: DeadlineSettings,
): PlannedAlert[] {
  const plan = new Map<string, PlannedAlert>();
  const add = (a: Omit<PlannedAlert, 'id'>) => {
    const id = `${caseId}:${a.rule}:${a.kind}:${a.date}`;
    if (!plan.has(id)) plan.set(id, { id, ...a });
  };
  for (const d of deadlines) {
    if (d.status === 'met') continue;
    add({ rule: d.rule, date: d.trigger, kind: 'first', audience: 'officer', due: d.due });
    for (const left of s.reminderDaysLeft) {
      const date = addDays(d.due, -left);
      if (date > d.trigger) add({ rule: d.rule, date, kind: 'reminder', audience: 'officer', due: d.due });
    }
    const late = addDays(d.due, s.overdueAfterDays);
    add({ rule: d.rule, date: late, kind: 'overdue', audience: 'officer', due: d.due });
    if (s.escalateInspectionSide && d.actor === 'inspection') {
      add({ rule: d.rule, date: late, kind: 'escalation', audience: 'supervisor', due: d.due });
    }
  }
  for (const f of findings) add({ rule: f.rule, date: f.date, kind: 'first', audience: 'officer' });
  return [...plan.values()].sort((a, b) =>
    a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? -1 : 1,
  );
}
