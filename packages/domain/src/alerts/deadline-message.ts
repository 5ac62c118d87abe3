import { daysBetween, ruDate } from '../calendar/dates';
import type { AlertKind } from '../deadlines/engine';
import { ruleWords } from '../deadlines/rule-words';
import type { Rule } from '../deadlines/rules';
import { type PageFrame, renderHtml, renderMail } from './render';
import { days, enCount, plural, surnameInitials } from './ru';

export type Lang = 'ru' | 'en';

export interface DeadlineAlertInput {
  caseId: string;
  /** The person's name parts: only surname and initials reach the message. */
  person?: { lastName: string; firstName?: string; middleName?: string };
  rule: Pick<Rule, 'id' | 'title_ru' | 'trigger_ru' | 'consequence_ru' | 'actor' | 'source' | 'duration'>;
  /** `met`: the clock was satisfied (the calendar event is withdrawn). */
  kind: AlertKind | 'met';
  audience: 'officer' | 'supervisor';
  trigger: string;
  due: string;
  /** The day the alert is about (its planned date). */
  asOf: string;
  /** Days left as the deadline engine counts them; from the dates when absent. */
  daysLeft?: number;
  lang?: Lang;
  /** Whether an ICS is attached (the message then says so). */
  withCalendar?: boolean;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** Header-safe text: no CR/LF/tab or other control characters (they would split a header). */
export const oneLine = (s: string) =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();

const EN_DAY = (n: number) => enCount(n, 'day');

/** The legal source's citation; for an English reader it says the quote is the Russian original. */
export const citation = (article: string, lang: Lang) =>
  lang === 'en' ? `${article} (the law in the original Russian)` : article;

export function daysLeftOf(input: Pick<DeadlineAlertInput, 'asOf' | 'due' | 'daysLeft'>): number {
  return input.daysLeft ?? daysBetween(input.asOf, input.due);
}

/** Urgent items go at once, bypassing the digest: ≤ 1 day left, overdue, escalations. */
export function isUrgentDeadline(
  input: Pick<DeadlineAlertInput, 'asOf' | 'due' | 'daysLeft' | 'kind'>,
): boolean {
  if (input.kind === 'met') return false;
  return input.kind === 'overdue' || input.kind === 'escalation' || daysLeftOf(input) <= 1;
}

/** «дело 123 (Иванов И. И.)» / «case 123 (Иванов И. И.)». */
export function caseLabel(caseId: string, person: DeadlineAlertInput['person'], lang: Lang = 'ru'): string {
  const who = person ? ` (${oneLine(surnameInitials(person))})` : '';
  return `${lang === 'en' ? 'case' : 'дело'} ${oneLine(caseId)}${who}`;
}

/**
 * What, whom and by when: «CL-JOBSEARCH: 2 дня до 12.03.2026 — дело 123 (Иванов И. И.)»,
 * «…: последний день 12.03.2026 — …», «…: просрочено на 3 дня (12.03.2026) — …»,
 * «…: выполнено, срок 12.03.2026 снят — …».
 */
export function deadlineSubject(input: DeadlineAlertInput): string {
  const lang = input.lang ?? 'ru';
  const left = daysLeftOf(input);
  const due = ruDate(input.due);
  const when =
    lang === 'en'
      ? input.kind === 'met'
        ? `done, ${due} withdrawn`
        : left > 0
          ? `${EN_DAY(left)} to ${due}`
          : left === 0
            ? `last day ${due}`
            : `overdue by ${EN_DAY(-left)} (${due})`
      : input.kind === 'met'
        ? `выполнено, срок ${due} снят`
        : left > 0
          ? `${days(left)} до ${due}`
          : left === 0
            ? `последний день ${due}`
            : `просрочено на ${days(-left)} (${due})`;
  return oneLine(`${input.rule.id}: ${when} — ${caseLabel(input.caseId, input.person, lang)}`);
}

const LABELS = {
  ru: {
    case: 'Дело',
    rule: 'Правило',
    due: 'Последний день',
    left: 'Осталось',
    overdue: 'Просрочено',
    trigger: 'Основание',
    term: 'Срок',
    todo: 'Что сделать',
    consequence: 'Последствие',
    banner: {
      urgent: 'СРОЧНО · uii-connect',
      normal: 'Напоминание о сроке · uii-connect',
      met: 'Срок выполнен · uii-connect',
    },
    footer:
      'Сообщение uii-connect для сотрудников УИИ. Отвечать на него не нужно. Персональные данные — только для служебного пользования (152-ФЗ).',
    calendar:
      'Во вложении — событие календаря на последний день срока с напоминанием накануне (рабочий день).',
    calendarCancel: 'Во вложении — отмена события календаря по этому сроку.',
  },
  en: {
    case: 'Case',
    rule: 'Rule',
    due: 'Last day',
    left: 'Days left',
    overdue: 'Overdue by',
    trigger: 'Trigger',
    term: 'Term',
    todo: 'What to do',
    consequence: 'Consequence',
    banner: {
      urgent: 'URGENT · uii-connect',
      normal: 'Deadline reminder · uii-connect',
      met: 'Deadline met · uii-connect',
    },
    footer:
      'uii-connect message for inspection staff. No reply needed. Personal data: for official use only (152-FZ).',
    calendar: 'Attached: a calendar event on the last day, with a reminder on the working day before.',
    calendarCancel: 'Attached: the cancellation of this deadline’s calendar event.',
  },
} as const;

/** What the recipient should do, in plain words (inspection-side terms are the officer's own work). */
function todoOf(input: DeadlineAlertInput, lang: Lang): string {
  const due = ruDate(input.due);
  const title = ruleWords(input.rule, lang).title;
  const lower = title.charAt(0).toLowerCase() + title.slice(1);
  if (input.kind === 'met')
    return lang === 'en' ? 'nothing: the term is met.' : 'ничего: срок выполнен, событие снято из календаря.';
  if (input.audience === 'supervisor')
    return lang === 'en'
      ? `make sure the officer acts: ${title} (term ${due}).`
      : `проконтролируйте исполнение: ${lower} (срок ${due}); при пропуске — доклад и меры реагирования.`;
  if (input.rule.actor === 'inspection')
    return lang === 'en' ? `${title} by ${due}.` : `${title} — не позднее ${due}.`;
  return lang === 'en'
    ? `check that the person has done it: ${title} (by ${due}); record the outcome in the case.`
    : `проверьте, что осуждённый выполнил: ${lower} (до ${due}); отметьте результат в деле.`;
}

const ACCENT = { urgent: '#b3261e', normal: '#1f5fae', met: '#2e7d32' } as const;

/**
 * A deadline alert as subject, plain text and HTML (templates `deadline.*`); `body` is the
 * HTML without the frame, for a combined mail that lists several alerts.
 */
export function deadlineMessage(input: DeadlineAlertInput): RenderedMessage & { body: string } {
  const lang = input.lang ?? 'ru';
  const L = LABELS[lang];
  const words = ruleWords(input.rule, lang);
  const left = daysLeftOf(input);
  const urgency = input.kind === 'met' ? 'met' : isUrgentDeadline(input) ? 'urgent' : 'normal';
  const d = input.rule.duration;
  const working = d?.dayKind === 'working';
  const term = d
    ? lang === 'en'
      ? `${d.days} ${working ? 'working' : 'calendar'} ${d.days === 1 ? 'day' : 'days'}`
      : `${d.days} ${plural(
          d.days,
          working
            ? ['рабочий день', 'рабочих дня', 'рабочих дней']
            : ['календарный день', 'календарных дня', 'календарных дней'],
        )}`
    : undefined;
  const facts: { label: string; value: string; strong?: boolean }[] = [
    { label: L.case, value: caseLabel(input.caseId, input.person, lang).replace(/^(дело|case) /, '') },
    { label: L.rule, value: `${input.rule.id} — ${words.title}` },
    { label: L.due, value: ruDate(input.due), strong: true },
  ];
  if (input.kind !== 'met')
    facts.push(
      left >= 0
        ? {
            label: L.left,
            value:
              left === 0
                ? lang === 'en'
                  ? 'last day today'
                  : 'последний день — сегодня'
                : lang === 'en'
                  ? EN_DAY(left)
                  : days(left),
            strong: left <= 1,
          }
        : { label: L.overdue, value: lang === 'en' ? EN_DAY(-left) : days(-left), strong: true },
    );
  facts.push({ label: L.trigger, value: `${words.trigger}, ${ruDate(input.trigger)}` });
  if (term) facts.push({ label: L.term, value: term });
  const subject = deadlineSubject(input);
  const view = {
    title: subject,
    facts,
    labels: L,
    todo: todoOf(input, lang),
    consequence:
      input.kind === 'overdue' || input.kind === 'escalation' || (input.kind !== 'met' && left <= 1)
        ? words.consequence
        : undefined,
    article: citation(input.rule.source.article, lang),
    sourceText: input.rule.source.text_ru,
    calendarNote: input.withCalendar ? (input.kind === 'met' ? L.calendarCancel : L.calendar) : undefined,
    footer: L.footer,
  };
  const frame: PageFrame = {
    lang,
    title: subject,
    banner: L.banner[urgency],
    accent: ACCENT[urgency],
    footer: L.footer,
  };
  return {
    subject,
    ...renderMail('deadline', frame, view),
    body: renderHtml('deadline.html', view),
  };
}
