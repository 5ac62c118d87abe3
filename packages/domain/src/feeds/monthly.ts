import type { AlertJob } from '../alerts/alert-job';
import { ruDate, ruMonth } from '../calendar/dates';
import { plural } from '../text/plural';

/** A name in «ёлочках», unless it already has its own («ОГКУ «ЦЗН Томского района»»). */
const quoted = (name: string) => (/[«»"]/.test(name) ? name : `«${name}»`);
/** A sentence's end after a month that ends in «г.»: one full stop, not two. */
const endSentence = (s: string) => (s.endsWith('.') ? s : `${s}.`);

import { DEFAULT_CALENDAR, isWorkingDay, type ProductionCalendar } from '../calendar/production-calendar';

/** An employment service as registered with the inspection. */
export interface EmploymentService {
  id: string;
  name: string;
  /** Two-digit regions it covers. */
  regions: string[];
  /** Where receipts and reminders go. */
  contacts: string[];
  /** The officer(s) in charge of feeds from this service: told when the feed is late. */
  officers: string[];
}

export interface FeedCheckSettings {
  /** Day of the month by which the feed is due (default 5). */
  dueDay: number;
  /** Days after the due day before the officer in charge is told (default 3). */
  escalateAfterDays: number;
}

export const DEFAULT_FEED_CHECK: FeedCheckSettings = { dueDay: 5, escalateAfterDays: 3 };

/** How a clerk uploads the feed: said in every reminder (issue 11). */
export function howToUpload(service: Pick<EmploymentService, 'id'>): string[] {
  return [
    'Как загрузить ленту:',
    '  1. Выгрузите открытые вакансии из вашей программы в Excel (.xlsx), CSV, XML или JSON «Работа России».',
    `  2. Получите ссылку загрузки (сервис выдачи ссылок УИИ, вход под ролью uii-feed-upload-${service.id}) и загрузите файл по ней.`,
    '     Если доступа нет, отправьте файл ответственному сотруднику УИИ: он загрузит его за вас.',
    '  3. Квитанция о приёме с числом принятых и отклонённых записей придёт на этот адрес через несколько минут.',
  ];
}

/**
 * FEED-MONTHLY: for each registered service whose feed for this month has not arrived by the
 * due day, a reminder to the service; from `escalateAfterDays` later, also a note to the
 * officer in charge. Nothing is sent on a non-working day of the production calendar (in the
 * service's region): the check runs daily, so the reminder goes on the next working day. Job
 * ids are fixed per service, month and audience, so each message is sent once a month.
 */
export function planFeedReminders(input: {
  today: string;
  services: readonly EmploymentService[];
  /** Services whose feed for this month has arrived. */
  received: ReadonlySet<string>;
  settings?: Partial<FeedCheckSettings>;
  calendar?: ProductionCalendar;
}): AlertJob[] {
  const { dueDay, escalateAfterDays } = { ...DEFAULT_FEED_CHECK, ...input.settings };
  const calendar = input.calendar ?? DEFAULT_CALENDAR;
  const month = input.today.slice(0, 7);
  const day = Number(input.today.slice(8, 10));
  const due = `${month}-${String(dueDay).padStart(2, '0')}`;
  if (day < dueDay) return [];
  const jobs: AlertJob[] = [];
  for (const service of input.services) {
    if (input.received.has(service.id)) continue;
    if (!isWorkingDay(input.today, calendar, service.regions[0])) continue;
    if (service.contacts.length) {
      jobs.push({
        id: `feed-missing:${service.id}:${month}:service`,
        kind: 'feed.missing',
        audience: 'employment_service',
        rule: 'FEED-MONTHLY',
        to: service.contacts,
        subject: `Напоминание: лента вакансий за ${ruMonth(month)} не получена — ${service.name}`,
        text: [
          'Здравствуйте!',
          '',
          `Лента вакансий ${quoted(service.name)} за ${ruMonth(month)} должна была поступить до ${ruDate(due)} (приказ Минтруда № 779н), но не получена.`,
          '',
          ...howToUpload(service),
          '',
          'Если лента уже отправлена, но квитанции нет, ответьте на это письмо.',
          'Это письмо отправлено автоматически.',
        ].join('\n'),
      });
    }
    if (day >= dueDay + escalateAfterDays && service.officers.length) {
      jobs.push({
        id: `feed-missing:${service.id}:${month}:officer`,
        kind: 'feed.missing',
        audience: 'officer',
        rule: 'FEED-MONTHLY',
        to: service.officers,
        subject: `Нет ленты вакансий за ${ruMonth(month)}: ${service.name}`,
        text: [
          endSentence(
            `Служба занятости ${quoted(service.name)} (${service.id}, ${plural(service.regions.length, ['регион', 'регионы', 'регионы'])} ${service.regions.join(', ') || '—'}) не прислала ленту вакансий за ${ruMonth(month)}`,
          ),
          `Срок — ${ruDate(due)}; напоминание службе отправлено. Подбор вакансий для осуждённых в этих регионах идёт по прошлой ленте.`,
          `Если служба передала файл вам, загрузите его: uii feed upload <файл> --service ${service.id}`,
        ].join('\n'),
      });
    }
  }
  return jobs;
}
