import type { AlertJob } from '../alerts/alert-job';

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

/**
 * FEED-MONTHLY: for each registered service whose feed for this month has not arrived by the
 * due day, a reminder to the service; from `escalateAfterDays` later, also a note to the
 * officer in charge. Job ids are fixed per service, month and audience, so running the check
 * every day sends each message once (alert-outbox is idempotent on the id).
 */
export function planFeedReminders(input: {
  today: string;
  services: readonly EmploymentService[];
  /** Services whose feed for this month has arrived. */
  received: ReadonlySet<string>;
  settings?: Partial<FeedCheckSettings>;
}): AlertJob[] {
  const { dueDay, escalateAfterDays } = { ...DEFAULT_FEED_CHECK, ...input.settings };
  const month = input.today.slice(0, 7);
  const day = Number(input.today.slice(8, 10));
  const due = `${month}-${String(dueDay).padStart(2, '0')}`;
  if (day < dueDay) return [];
  const jobs: AlertJob[] = [];
  for (const service of input.services) {
    if (input.received.has(service.id)) continue;
    if (service.contacts.length) {
      jobs.push({
        id: `feed-missing:${service.id}:${month}:service`,
        kind: 'feed.missing',
        audience: 'employment_service',
        rule: 'FEED-MONTHLY',
        to: service.contacts,
        subject: `Напоминание: лента вакансий за ${month} не получена — ${service.name}`,
        text: [
          'Здравствуйте!',
          '',
          `Лента вакансий «${service.name}» за ${month} должна была поступить до ${due} (приказ Минтруда № 779н), но не получена.`,
          'Загрузите файл (JSON «Работа России», CSV, XML или Excel) через выданную ссылку загрузки.',
          '',
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
        subject: `Нет ленты вакансий за ${month}: ${service.name}`,
        text: [
          `Служба занятости «${service.name}» (${service.id}, регионы ${service.regions.join(', ') || '—'}) не прислала ленту вакансий за ${month}.`,
          `Срок — ${due}; напоминание службе отправлено. Подбор вакансий для осуждённых в этих регионах идёт по прошлой ленте.`,
        ].join('\n'),
      });
    }
  }
  return jobs;
}
