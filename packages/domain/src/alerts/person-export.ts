import { ruDate } from '../calendar/dates';
import type { Person } from '../cases/case';
import type { RecordedEvent } from '../cases/events';
import type { Clocks } from '../deadlines/engine';
import { renderPage } from './render';

/**
 * Subject access (152-FZ art. 14): everything held on one person, as JSON and as a readable
 * page. The page is built from the same data; every value is escaped.
 */
export interface PersonExportData {
  caseId: string;
  exportedAt: string;
  person?: Person;
  /** The case record and every other item of its partition (events, projection…), as stored. */
  caseItems: Record<string, unknown>[];
  events: RecordedEvent[];
  clocks?: Clocks;
  /** Delivery records of the alerts about this case (no body: none is kept). */
  alerts: Record<string, unknown>[];
  /** Earlier exports of this person's data. */
  exports: Record<string, unknown>[];
}

const str = (v: unknown) =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
const day = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? ruDate(v.slice(0, 10)) : str(v);

export function personExportHtml(data: PersonExportData): string {
  const p = data.person;
  const sections = [
    {
      heading: 'Персональные данные',
      columns: ['Поле', 'Значение'],
      rows: p
        ? (
            [
              ['Фамилия', p.lastName],
              ['Имя', p.firstName],
              ['Отчество', p.middleName],
              ['Телефон', p.phone],
              ['Эл. почта', p.email],
              ['Адрес', p.address],
              ['Номер дела', p.caseNumber],
            ] as [string, string | undefined][]
          )
            .filter(([, v]) => v)
            .map(([k, v]) => [k, str(v)])
        : [],
    },
    {
      heading: 'События дела',
      columns: ['Дата', 'Событие', 'Источник', 'Записано', 'Подробности'],
      rows: data.events.map((e) => {
        const { type, date, ...rest } = e.event as { type: string; date: string } & Record<string, unknown>;
        return [
          day(date),
          type,
          str(e.source),
          day(e.recordedAt),
          Object.keys(rest).length ? JSON.stringify(rest) : '',
        ];
      }),
    },
    {
      heading: 'Сроки',
      columns: ['Правило', 'Основание', 'Последний день', 'Состояние', 'Источник'],
      rows: (data.clocks?.deadlines ?? []).map((d) => [
        d.rule,
        day(d.trigger),
        day(d.due),
        d.status === 'met'
          ? `выполнен ${day(d.metOn)}`
          : d.metOn
            ? `выполнен с опозданием ${day(d.metOn)}`
            : d.status === 'overdue'
              ? 'просрочен'
              : 'идёт',
        d.source,
      ]),
    },
    {
      heading: 'Выводы',
      columns: ['Дата', 'Правило', 'Содержание'],
      rows: (data.clocks?.findings ?? []).map((f) => [day(f.date), f.rule, f.message]),
    },
    {
      heading: 'Отправленные уведомления',
      columns: ['Когда', 'Что', 'Кому', 'Статус', 'Почему'],
      rows: data.alerts.map((a) => [
        day(a.firstClaimedAt),
        `${str(a.kind)}${a.rule ? ` · ${str(a.rule)}` : ''}`,
        `${str(a.audience)} (${(a.recipientDomains as string[] | undefined)?.join(', ') ?? ''})`,
        str(a.status),
        str(a.reason),
      ]),
    },
    {
      heading: 'Предыдущие выгрузки',
      columns: ['Когда', 'Кем'],
      rows: data.exports.map((x) => [day(x.exportedAt), str(x.exportedBy)]),
    },
  ];
  const title = `Сведения о субъекте персональных данных — дело ${data.caseId}`;
  const footer = `Выгрузка по ст. 14 Федерального закона № 152-ФЗ «О персональных данных», ${day(data.exportedAt)}. uii-connect.`;
  return renderPage(
    { lang: 'ru', title, banner: 'Выгрузка персональных данных · uii-connect', accent: '#37474f', footer },
    'person.html',
    {
      lead: `Всё, что система хранит о лице по делу ${data.caseId}: персональные данные, события, сроки, уведомления. Полные данные — в приложенном JSON.`,
      sections,
      none: 'нет',
    },
  );
}
