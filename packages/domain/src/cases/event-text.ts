import { ruDate } from '../calendar/dates';
import { outcomeByCode } from '../outcomes/outcomes';
import type { CaseEvent, EventType } from './events';

/** Each event type in the officer's words. */
export const EVENT_NAMES_RU: Record<EventType, string> = {
  court_order_received: 'поступило распоряжение суда с копией приговора',
  registered: 'поставлен на учёт в инспекции',
  employment_reported: 'сообщил о работе',
  dismissed: 'уволен с основного места работы',
  employment_service_registered: 'встал на учёт в центре занятости',
  job_offered: 'предложена работа',
  job_accepted: 'согласился на предложенную работу',
  job_refused: 'отказался от предложенной работы',
  referral_issued: 'выдано предписание (направление на работу)',
  referral_received: 'осуждённый получил предписание',
  work_started: 'приступил к работе',
  hours_reported: 'объект сообщил об отработанных часах',
  absence_reported: 'объект сообщил о невыходе',
  discipline_breach: 'нарушение трудовой дисциплины',
  warning_issued: 'вынесено письменное предупреждение',
  residence_changed: 'сменил место жительства',
  job_changed: 'сменил место работы',
  leave_approved: 'инспекция разрешила перерыв (уважительная причина)',
  whereabouts_unknown: 'место нахождения неизвестно',
  court_application: 'направлено представление в суд',
  court_decision: 'решение суда',
  sentence_completed: 'наказание отбыто, снят с учёта',
};

const hoursRu = (h: number) => String(Math.round(h * 100) / 100).replace('.', ',');

/** One line for an event: its date, what happened and its details in words, never raw codes. */
export function eventLineRu(e: CaseEvent): string {
  const parts = [`${ruDate(e.date)}  ${EVENT_NAMES_RU[e.type]}`];
  if (e.type === 'employment_reported') parts.push(e.status === 'employed' ? '— работает' : '— не работает');
  if (e.type === 'hours_reported') {
    parts.push(`— ${hoursRu(e.hours)} ч`);
    if (e.consentToFour) parts.push('(согласие на 4 часа)');
  }
  if (e.type === 'absence_reported') {
    parts.push(`— ${outcomeByCode(e.outcome).name_ru.toLowerCase()}`);
    if (e.reasonText)
      parts.push(`(«${e.reasonText.length > 80 ? `${e.reasonText.slice(0, 80)}…` : e.reasonText}»)`);
  }
  if ((e.type === 'residence_changed' || e.type === 'job_changed') && e.reportedOn !== e.date)
    parts.push(`(сообщил ${ruDate(e.reportedOn)})`);
  return parts.join(' ');
}
