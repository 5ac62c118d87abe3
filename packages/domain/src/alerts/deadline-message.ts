import { daysBetween, ruDate } from '../calendar/dates';
import { citation } from '../deadlines/citation';
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

/** The legal source's citation, labelled by what the quoted text is (deadlines/citation.ts). */
export { citation } from '../deadlines/citation';

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
 * «…: выполнено, срок 12.03.2026 снят — …», «…: выполнено с опозданием на 3 дня (срок 12.03.2026), событие снято — …».
 */
export function deadlineSubject(input: DeadlineAlertInput): string {
  const lang = input.lang ?? 'ru';
  const left = daysLeftOf(input);
  const due = ruDate(input.due);
  const when =
    lang === 'en'
      ? input.kind === 'met'
        ? left < 0
          ? `done ${EN_DAY(-left)} late (term ${due}), calendar event withdrawn`
          : `done, ${due} withdrawn`
        : left > 0
          ? `${EN_DAY(left)} to ${due}`
          : left === 0
            ? `last day ${due}`
            : `overdue by ${EN_DAY(-left)} (${due})`
      : input.kind === 'met'
        ? left < 0
          ? `выполнено с опозданием на ${days(-left)} (срок ${due}), событие снято`
          : `выполнено, срок ${due} снят`
        : left > 0
          ? `${days(left)} до ${due}`
          : left === 0
            ? `последний день ${due}`
            : `просрочено на ${days(-left)} (${due})`;
  // The head's copy says whom it is for: it must not read as the officer's own overdue mail.
  const forHead =
    input.audience === 'supervisor'
      ? lang === 'en'
        ? 'For the head of the inspection: '
        : 'Начальнику УИИ: '
      : '';
  return oneLine(`${forHead}${input.rule.id}: ${when} — ${caseLabel(input.caseId, input.person, lang)}`);
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
    footerHead:
      'Сообщение uii-connect для начальника УИИ (контроль сроков инспекции). Отвечать на него не нужно. Персональные данные — только для служебного пользования (152-ФЗ).',
    calendar:
      'Во вложении — событие календаря на последний день срока с напоминанием накануне (рабочий день).',
    calendarPast: (due: string) =>
      `Во вложении — событие календаря на ${due}: оно отмечает пропущенный последний день срока (без напоминания).`,
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
    footerHead:
      'uii-connect message for the head of the inspection (oversight of the inspection’s terms). No reply needed. Personal data: for official use only (152-FZ).',
    calendar: 'Attached: a calendar event on the last day, with a reminder on the working day before.',
    calendarPast: (due: string) =>
      `Attached: a calendar event on ${due} that marks the missed last day of the term (no reminder).`,
    calendarCancel: 'Attached: the cancellation of this deadline’s calendar event.',
  },
} as const;

/** The standard footer of every mail to inspection staff (deadline alerts, place proposals). */
export const OFFICER_FOOTER: Record<Lang, string> = { ru: LABELS.ru.footer, en: LABELS.en.footer };

/**
 * What the recipient should do, in plain words, for the stage the term is at: before the
 * last day «не позднее / до ДД.ММ.ГГГГ»; once it has passed «срок истёк ДД.ММ.ГГГГ: …
 * немедленно» (a day already gone is never the deadline to meet). The head is asked to make
 * the officer act; inspection-side terms are the officer's own work.
 */
function todoOf(input: DeadlineAlertInput, lang: Lang): string {
  const due = ruDate(input.due);
  const title = ruleWords(input.rule, lang).title;
  const lower = title.charAt(0).toLowerCase() + title.slice(1);
  if (input.kind === 'met') {
    // Met after its last day: done, but late (the subject and the record say by how much).
    const late = -daysLeftOf(input);
    if (late > 0)
      return lang === 'en'
        ? `nothing more: done ${EN_DAY(late)} after the last day; the calendar event is withdrawn.`
        : `больше ничего: выполнено с опозданием на ${days(late)}, событие снято из календаря.`;
    return lang === 'en' ? 'nothing: the term is met.' : 'ничего: срок выполнен, событие снято из календаря.';
  }
  const past = daysLeftOf(input) < 0;
  if (input.audience === 'supervisor') {
    // A term the convict keeps: the head checks that the officer followed it up.
    if (past && input.rule.actor !== 'inspection')
      return lang === 'en'
        ? `the term expired on ${due}: make sure the officer has checked at once whether the person has done it (${lower}) and has recorded the outcome and the measures in the case.`
        : `срок истёк ${due}: проверьте, что инспектор немедленно выяснил, выполнил ли осуждённый: ${lower}, — и отметил в деле результат и принятые меры.`;
    if (past)
      return lang === 'en'
        ? `the term expired on ${due}: have the officer ${lower} at once, find out why the term was missed and decide on measures; make sure the outcome is recorded in the case.`
        : `срок истёк ${due}: поручите инспектору немедленно ${lower}, выясните причину пропуска и примите меры реагирования; проследите, чтобы результат был отмечен в деле.`;
    return lang === 'en'
      ? `make sure the officer acts: ${title} (term ${due}).`
      : `проконтролируйте исполнение: ${lower} (срок ${due}); при пропуске — меры реагирования.`;
  }
  if (input.rule.actor === 'inspection') {
    if (past)
      return lang === 'en'
        ? `the term expired on ${due}: do it at once — ${lower}; record in the case the day it was done and why the term was missed.`
        : `срок истёк ${due}: выполнить немедленно — ${lower}; в деле отметьте день исполнения и причину пропуска.`;
    return lang === 'en' ? `${title} by ${due}.` : `${title} — не позднее ${due}.`;
  }
  if (past)
    return lang === 'en'
      ? `the term expired on ${due}: check at once whether the person has done it (${lower}); if not, record the breach in the case and decide on the measures that follow.`
      : `срок истёк ${due}: немедленно проверьте, выполнил ли осуждённый: ${lower}; если нет — отметьте нарушение в деле и решите вопрос о мерах.`;
  return lang === 'en'
    ? `check that the person has done it: ${title} (by ${due}); record the outcome in the case.`
    : `проверьте, что осуждённый выполнил: ${lower} (до ${due}); отметьте результат в деле.`;
}

/**
 * What follows a miss, as the recipient should read it: the head is not told to report to
 * the head (the clause about a report to the head is the officer's, and dropped for the head).
 */
function consequenceOf(consequence: string, audience: DeadlineAlertInput['audience']): string {
  if (audience !== 'supervisor') return consequence;
  const cut = consequence.replace(/\s*[:;,—-]\s*(доклад|report)[^:;]*(начальник|head)[^:;]*$/iu, '').trim();
  return cut || consequence;
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
  const footer = input.audience === 'supervisor' ? L.footerHead : L.footer;
  const view = {
    title: subject,
    facts,
    labels: L,
    todo: todoOf(input, lang),
    consequence:
      input.kind === 'overdue' || input.kind === 'escalation' || (input.kind !== 'met' && left <= 1)
        ? consequenceOf(words.consequence, input.audience)
        : undefined,
    article: citation(input.rule.source, lang),
    sourceText: input.rule.source.text_ru,
    calendarNote: input.withCalendar
      ? input.kind === 'met'
        ? L.calendarCancel
        : left < 0
          ? L.calendarPast(ruDate(input.due))
          : L.calendar
      : undefined,
    footer,
  };
  const frame: PageFrame = {
    lang,
    title: subject,
    banner: L.banner[urgency],
    accent: ACCENT[urgency],
    footer,
  };
  return {
    subject,
    ...renderMail('deadline', frame, view),
    body: renderHtml('deadline.html', view),
  };
}
