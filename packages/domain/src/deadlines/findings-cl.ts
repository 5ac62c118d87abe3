import {
  addDays,
  enMonth,
  lastOfMonth,
  maxDate,
  monthOf,
  nextMonth,
  ruDate,
  ruMonth,
} from '../calendar/dates';
import {
  covers,
  isWorkingDay,
  workingDaysBetween,
  workingDaysInMonth,
} from '../calendar/production-calendar';
import { countRu, DAYS, enCount, OF_WORKING_DAYS } from '../text/plural';
import { resolvedAbsences } from './clocks';
import { finding } from './findings';
import { type Ctx, type Deadline, datesOf, type Finding } from './types';

/** Findings of corrective labour (ИР): repeated breach after a warning, months worked short. */
/**
 * CL-REPEAT: an ИР breach dated after a written warning. Breaches: unexcused absence or
 * discipline, refusing offered work (no right to refuse from 20.01.2026), and the convict's
 * own missed clocks (the day after their due day).
 */
export function clRepeat(ctx: Ctx, deadlines: readonly Deadline[]): Finding[] {
  const firstWarning = datesOf(ctx.events, 'warning_issued').sort()[0];
  if (!firstWarning) return [];
  const breaches: Array<{ date: string; what: string; whatEn: string }> = [];
  for (const [day, outcome] of resolvedAbsences(ctx)) {
    if (outcome.counts_toward_evasion)
      breaches.push({ date: day, what: outcome.name_ru, whatEn: outcome.name_en.toLowerCase() });
  }
  for (const d of datesOf(ctx.events, 'discipline_breach'))
    breaches.push({ date: d, what: 'нарушение дисциплины', whatEn: 'breach of discipline' });
  for (const d of datesOf(ctx.events, 'job_refused')) {
    if (d >= '2026-01-20')
      breaches.push({ date: d, what: 'отказ от предложенной работы', whatEn: 'refused the work offered' });
  }
  for (const dl of deadlines) {
    const missed = addDays(dl.due, 1);
    if (dl.actor === 'convict' && dl.status === 'overdue' && missed <= ctx.asOf) {
      breaches.push({ date: missed, what: `пропуск срока ${dl.rule}`, whatEn: `missed the ${dl.rule} term` });
    }
  }
  return breaches
    .filter((b) => b.date > firstWarning)
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((b) =>
      finding(
        'CL-REPEAT',
        b.date,
        {
          ru: `Повторное нарушение (${b.what}) после письменного предупреждения от ${ruDate(firstWarning)}: злостное уклонение, представление в суд`,
          en: `Repeated breach (${b.whatEn}) after the written warning of ${ruDate(firstWarning)}: persistent evasion, a submission to the court`,
        },
        { warningOn: firstWarning, breach: b.what },
      ),
    );
}

/**
 * CL-MONTH: each finished month since work started, days worked against the month's
 * working days. Days worked are derived as the production calendar's working days while
 * employed, less reported absences; without calendar data for the year it says so.
 */
export function clMonth(ctx: Ctx): Finding[] {
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
          {
            ru: `Нет производственного календаря на ${month.slice(0, 4)} год: отработанные дни за ${ruMonth(month)} не проверены`,
            en: `No production calendar for ${month.slice(0, 4)}: the days worked in ${enMonth(month)} were not checked`,
          },
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
          {
            ru: `За ${ruMonth(month)} отработано ${worked} из ${countRu(workingDays, OF_WORKING_DAYS)}: срок продлевается на ${countRu(workingDays - worked, DAYS)}`,
            en: `${enMonth(month)}: ${worked} of ${enCount(workingDays, 'working day')} worked; the sentence is extended by ${enCount(workingDays - worked, 'day')}`,
          },
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
