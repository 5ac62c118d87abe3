import { daysBetween, ruDate } from '../calendar/dates';
import type { Sentence } from '../cases/case';
import { EVENT_NAMES_RU } from '../cases/event-text';
import type { CaseEvent, EventType } from '../cases/events';
import type { ClockStatus, Clocks, Deadline } from '../deadlines/engine';
import { type Actor, ruleFor } from '../deadlines/rules';
import { outcomeByCode } from '../outcomes/outcomes';
import { plural } from '../text/plural';

/** Russian words for what the officer's web shows: events, sentences, clock states, countdowns. */

export const SENTENCE_RU: Record<Sentence, string> = {
  corrective_labor: 'Исправительные работы',
  compulsory_labor: 'Обязательные работы',
};

/** Event names as the web shows them: the officer's words of `EVENT_NAMES_RU`, capitalised. */
export const EVENT_RU = Object.fromEntries(
  Object.entries(EVENT_NAMES_RU).map(([type, name]) => [type, name.charAt(0).toUpperCase() + name.slice(1)]),
) as Record<EventType, string>;

export const SOURCE_RU: Record<string, string> = {
  mail: 'письмо с объекта',
  cli: 'командная строка',
  feed: 'лента вакансий',
  officer: 'инспектор',
  web: 'инспектор (веб)',
};

export const STATUS_RU: Record<ClockStatus, string> = {
  open: 'идёт',
  met: 'выполнен',
  overdue: 'просрочен',
};

export const ACTOR_RU: Record<Actor, string> = {
  inspection: 'инспекция',
  convict: 'осуждённый',
  employment_service: 'центр занятости',
  worksite: 'объект (работодатель)',
};

export const daysRu = (n: number) => `${Math.abs(n)} ${plural(n, ['день', 'дня', 'дней'])}`;

/** «осталось 5 дней», «последний день — сегодня», «просрочен на 2 дня», «выполнен 03.03.2026». */
export function countdownRu(d: Pick<Deadline, 'status' | 'daysLeft' | 'metOn'>): string {
  if (d.status === 'met') return d.metOn ? `выполнен ${ruDate(d.metOn)}` : 'выполнен';
  const n = d.daysLeft ?? 0;
  if (n < 0) return `просрочен на ${daysRu(n)}`;
  if (n === 0) return 'последний день — сегодня';
  return `${plural(n, ['остался', 'осталось', 'осталось'])} ${daysRu(n)}`;
}

/** Urgency for colour: overdue, today, this week (≤ 7 days), later, done. */
export type Urgency = 'overdue' | 'today' | 'week' | 'later' | 'met';
export function urgencyOf(d: Pick<Deadline, 'status' | 'daysLeft'>): Urgency {
  if (d.status === 'met') return 'met';
  const n = d.daysLeft ?? 0;
  if (n < 0 || d.status === 'overdue') return 'overdue';
  if (n === 0) return 'today';
  return n <= 7 ? 'week' : 'later';
}

/** Title, article and what to do for a clock, from the rule in force on its trigger date. */
export function clockExplanation(d: Pick<Deadline, 'rule' | 'trigger'>) {
  const rule = ruleFor(d.rule, d.trigger);
  return {
    title: rule?.title_ru ?? d.rule,
    article: rule?.source.article ?? '',
    requirement: rule?.source.text_ru ?? '',
    consequence: rule?.consequence_ru ?? '',
    actor: rule ? ACTOR_RU[rule.actor] : '',
    /** The events that meet it, in Russian («Выдано предписание»). */
    metBy: (rule?.satisfiedBy ?? []).map((t) => EVENT_RU[typeof t === 'string' ? t : t.type]),
    metByTypes: (rule?.satisfiedBy ?? []).map((t) => (typeof t === 'string' ? t : t.type)),
  };
}

/** One event in a timeline line: «Сведения о невыходе: неуважительная причина (вакансия V-1)». */
export function eventSummaryRu(e: CaseEvent): string {
  const parts: string[] = [];
  if ('vacancyId' in e && e.vacancyId) parts.push(`вакансия ${e.vacancyId}`);
  if (e.type === 'employment_reported') parts.push(e.status === 'employed' ? 'работает' : 'не работает');
  if (e.type === 'hours_reported') parts.push(`${String(e.hours).replace('.', ',')} ч`);
  if (e.type === 'absence_reported') {
    parts.push(outcomeByCode(e.outcome).name_ru.toLowerCase());
    if (e.reasonText) parts.push(`«${e.reasonText}»`);
  }
  if ('reportedOn' in e) parts.push(`инспекция узнала ${ruDate(e.reportedOn)}`);
  return parts.length ? `${EVENT_RU[e.type]}: ${parts.join(', ')}` : EVENT_RU[e.type];
}

export interface ClockChange {
  rule: string;
  title: string;
  due: string;
  /** undefined: the clock is new. */
  before?: ClockStatus;
  /** undefined: the clock is gone (closed by the event). */
  after?: ClockStatus;
  /** In Russian: «CL-REFER — выполнен», «CL-START — начался, срок 15.03.2026». */
  text: string;
}

/** Which clocks an event changed: new, met, overdue, moved or gone. */
export function clockChanges(before: Clocks, after: Clocks): ClockChange[] {
  const key = (d: Deadline) => `${d.rule}#${d.trigger}`;
  const was = new Map(before.deadlines.map((d) => [key(d), d]));
  const now = new Map(after.deadlines.map((d) => [key(d), d]));
  const changes: ClockChange[] = [];
  for (const [k, d] of now) {
    const b = was.get(k);
    const title = clockExplanation(d).title;
    if (!b) {
      changes.push({
        rule: d.rule,
        title,
        due: d.due,
        after: d.status,
        text: `${d.rule} — ${d.status === 'met' ? 'сразу выполнен' : `начался, срок ${ruDate(d.due)}`}`,
      });
    } else if (b.status !== d.status || b.due !== d.due) {
      const moved = b.due !== d.due ? `, срок ${ruDate(b.due)} → ${ruDate(d.due)}` : '';
      changes.push({
        rule: d.rule,
        title,
        due: d.due,
        before: b.status,
        after: d.status,
        text: `${d.rule} — ${STATUS_RU[d.status]}${moved}`,
      });
    }
  }
  for (const [k, b] of was)
    if (!now.has(k))
      changes.push({
        rule: b.rule,
        title: clockExplanation(b).title,
        due: b.due,
        before: b.status,
        text: `${b.rule} — больше не действует`,
      });
  return changes;
}

/** Days from `today` to `date` as the caseload sorts them (null sorts last). */
export function daysUntil(today: string, date: string | null | undefined): number | null {
  return date ? daysBetween(today, date) : null;
}
