import { addDays, ageOn, enMonth, isoWeekday, monthOf, ruDate, ruMonth, weekStart } from '../calendar/dates';
import { isWorkingDay } from '../calendar/production-calendar';
import { counters } from './clocks';
import { finding } from './findings';
import { type Ctx, datesOf, type Finding, fromMinutes, of, ruNumber, toMinutes } from './types';

/** Findings of compulsory labour (ОР): evasion counters, hour caps, hours served, weekly pace. */
/** Russian wording per counter; «невыход» is masculine, «нарушение» neuter (2-й / 2-е). */
const COUNTER_RU = {
  absence: { noun: 'невыход на работу без уважительной причины', ending: 'й', one: 'ещё один' },
  discipline: { noun: 'нарушение трудовой дисциплины', ending: 'е', one: 'ещё одно' },
} as const;
const COUNTER_EN = {
  absence: { noun: 'absence from work without a valid reason', one: 'one more' },
  discipline: { noun: 'breach of work discipline', one: 'one more' },
} as const;

export function cwEvasion(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  const all = counters(ctx);
  for (const counter of ['absence', 'discipline'] as const) {
    const perMonth = new Map<string, string[]>();
    for (const d of all[counter]) perMonth.set(monthOf(d), [...(perMonth.get(monthOf(d)) ?? []), d]);
    for (const [month, days] of perMonth) {
      const { noun, ending, one } = COUNTER_RU[counter];
      const label = `${noun} за ${ruMonth(month)}`;
      const en = COUNTER_EN[counter];
      const labelEn = `${en.noun} in ${enMonth(month)}`;
      const details = { counter, month, dates: days };
      if (days[1]) {
        out.push(
          finding(
            'CW-EVASION-RISK',
            days[1],
            {
              ru: `2-${ending} ${label}: ${one} — злостное уклонение`,
              en: `2nd ${labelEn}: ${en.one} makes it persistent evasion`,
            },
            { ...details, count: 2 },
          ),
        );
      }
      if (days[2]) {
        out.push(
          finding(
            'CW-EVASION',
            days[2],
            {
              ru: `3-${ending} ${label}: злостное уклонение, основание для представления в суд о замене наказания`,
              en: `3rd ${labelEn}: persistent evasion, grounds for a submission to the court to replace the sentence`,
            },
            { ...details, count: 3 },
          ),
        );
      }
    }
  }
  return out;
}

/** Main-job status on a day: the latest employment report or dismissal before it. */
function employedOn(ctx: Ctx, day: string): boolean {
  let employed = false;
  for (const e of ctx.events) {
    if (e.date > day) break;
    if (e.type === 'employment_reported') employed = e.status === 'employed';
    if (e.type === 'dismissed') employed = false;
  }
  return employed;
}

const ADULT_CAP_ARTICLE = 'УК РФ ст. 49 ч. 2, УИК РФ ст. 27';
const MINOR_CAP_ARTICLE = 'УК РФ ст. 88 ч. 3';

/** The day's cap in minutes, why, and the article that sets it (minors: УК 88 ч. 3 only). */
function hoursCap(ctx: Ctx, day: string, consent: boolean) {
  const caps = ctx.s.hourCaps;
  let cap = caps.standard;
  let reason = 'не более 4 часов в день';
  let reasonEn = 'at most 4 hours a day';
  let article = ADULT_CAP_ARTICLE;
  if (employedOn(ctx, day) && isWorkingDay(day, ctx.s.calendar, ctx.c.region)) {
    cap = consent ? caps.employedWorkingDayWithConsent : caps.employedWorkingDay;
    reason = consent
      ? 'рабочий день при основной работе, с согласия осуждённого'
      : 'рабочий день при основной работе, без согласия на 4 часа';
    reasonEn = consent
      ? "a working day beside a main job, with the convict's consent"
      : 'a working day beside a main job, without consent to 4 hours';
  }
  if (ctx.c.birthDate) {
    const age = ageOn(ctx.c.birthDate, day);
    if (age < 15 && caps.under15 < cap) {
      [cap, reason, reasonEn, article] = [
        caps.under15,
        'несовершеннолетний до 15 лет',
        'a minor under 15',
        MINOR_CAP_ARTICLE,
      ];
    } else if (age === 15 && caps.age15 < cap) {
      [cap, reason, reasonEn, article] = [
        caps.age15,
        'несовершеннолетний 15 лет',
        'a minor aged 15',
        MINOR_CAP_ARTICLE,
      ];
    }
  }
  return { capMinutes: toMinutes(cap), reason, reasonEn, article };
}

/** Minutes and consent per day, summed across worksites. */
export function minutesPerDay(ctx: Ctx): Map<string, { minutes: number; consent: boolean }> {
  const perDay = new Map<string, { minutes: number; consent: boolean }>();
  for (const r of of(ctx.events, 'hours_reported')) {
    const d = perDay.get(r.date) ?? { minutes: 0, consent: false };
    perDay.set(r.date, {
      minutes: d.minutes + toMinutes(r.hours),
      consent: d.consent || r.consentToFour === true,
    });
  }
  return perDay;
}

export function cwHours(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  const perDay = minutesPerDay(ctx);
  let total = 0;
  let doneOn: string | undefined;
  const ordered = ctx.c.hoursOrdered ? toMinutes(ctx.c.hoursOrdered) : undefined;
  for (const [day, { minutes, consent }] of [...perDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { capMinutes, reason, reasonEn, article } = hoursCap(ctx, day, consent);
    if (minutes > capMinutes) {
      const hours = fromMinutes(minutes);
      const cap = fromMinutes(capMinutes);
      out.push(
        finding(
          'CW-HOURS-CAP',
          day,
          {
            ru: `За ${ruDate(day)} учтено ${ruNumber(hours)} ч при пределе ${ruNumber(cap)} ч (${reason})`,
            en: `${ruDate(day)}: ${hours} h recorded against a limit of ${cap} h (${reasonEn})`,
          },
          { hours, cap, reason },
          article,
        ),
      );
    }
    total += minutes;
    if (!doneOn && ordered && total >= ordered) {
      doneOn = day;
      out.push(
        finding(
          'CW-DONE',
          day,
          {
            ru: `Отработано ${ruNumber(fromMinutes(total))} ч из ${ctx.c.hoursOrdered} назначенных: наказание отбыто, снять с учёта`,
            en: `${fromMinutes(total)} h worked of the ${ctx.c.hoursOrdered} ordered: the sentence is served, remove from the register`,
          },
          { total: fromMinutes(total), hoursOrdered: ctx.c.hoursOrdered },
        ),
      );
    }
  }
  out.push(...cwPace(ctx, perDay, doneOn));
  return out;
}

/** The day work started: the first `work_started`, else the first day with hours. */
export function workStartOf(ctx: Ctx): string | undefined {
  return datesOf(ctx.events, 'work_started')[0] ?? [...minutesPerDay(ctx).keys()].sort()[0];
}

/**
 * CW-PACE: every calendar week (Monday–Sunday) that began once work had started, judged
 * after its Sunday, until the hours are served. A week with no hours report is «нет
 * данных» (the worksite's REPORT-HOURS duty), not a pace finding; weeks with approved leave
 * are skipped.
 */
function cwPace(ctx: Ctx, perDay: Map<string, { minutes: number }>, doneOn: string | undefined): Finding[] {
  const started = workStartOf(ctx);
  if (!started) return [];
  const leave = datesOf(ctx.events, 'leave_approved');
  const out: Finding[] = [];
  let monday = isoWeekday(started) === 1 ? started : addDays(weekStart(started), 7);
  for (; addDays(monday, 6) <= ctx.asOf; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const stop = doneOn ?? ctx.completedOn;
    if (stop && stop <= sunday) break;
    if (leave.some((d) => d >= monday && d <= sunday)) continue;
    let minutes = 0;
    let reported = false;
    for (let d = monday; d <= sunday; d = addDays(d, 1)) {
      const day = perDay.get(d);
      if (day) [minutes, reported] = [minutes + day.minutes, true];
    }
    if (!reported) continue; // нет данных
    const allowance = ctx.s.paceAllowances.find((a) => a.from <= sunday && a.to >= monday);
    const min = allowance ? allowance.minHours : ctx.s.weeklyMinHours;
    if (minutes < toMinutes(min)) {
      const hours = fromMinutes(minutes);
      out.push(
        finding(
          'CW-PACE',
          sunday,
          {
            ru: `За неделю ${ruDate(monday)}–${ruDate(sunday)} отработано ${ruNumber(hours)} ч при минимуме ${ruNumber(min)} ч`,
            en: `Week ${ruDate(monday)}–${ruDate(sunday)}: ${hours} h worked against a minimum of ${min} h`,
          },
          { weekStart: monday, hours, minHours: min },
        ),
      );
    }
  }
  return out;
}
