import { addDays, daysBetween, ruDate } from '../calendar/dates';
import {
  addWorkingDays,
  DEFAULT_CALENDAR,
  isWorkingDay,
  type ProductionCalendar,
} from '../calendar/production-calendar';
import type { RecordedEvent } from '../cases/events';
import type { Clocks } from '../deadlines/engine';
import { findingTodo, ruleWords } from '../deadlines/rule-words';
import { ruleFor } from '../deadlines/rules';
import { clockKey, isClockDone } from '../deadlines/types';
import { WORKING_DAYS } from '../text/plural';
import { caseLabel, type Lang, type RenderedMessage } from './deadline-message';
import { renderMail } from './render';
import { URGENT_FINDING_RULES } from './routing';
import { countRu, days, enCount, ruInt, surnameInitials } from './ru';

/**
 * The officer's daily digest: one mail at the digest hour (default 08:00) of the inspection's
 * own time zone, on working days of the production calendar. Everything the officer's cases
 * need, sorted by days left; urgent items also went out at once (see `isUrgentDeadline`).
 */

export interface DigestCase {
  caseId: string;
  person?: { lastName: string; firstName?: string; middleName?: string };
  /** The case's clocks as of the digest day. */
  clocks: Clocks;
  events?: readonly RecordedEvent[];
  /**
   * What the previous digest could already show (`findingKey`, `clockKey`): anything else is new
   * today, also a finding dated earlier but reported late. When absent, «new» is by date.
   */
  knownBefore?: { findings: ReadonlySet<string>; deadlines: ReadonlySet<string> };
}

/** A finding's identity across digests: its rule and day. */
export const findingKey = (f: { rule: string; date: string }) => `${f.rule}@${f.date}`;

/** A match shortlist made since the last digest (the non-urgent ones are mailed only here). */
export interface DigestShortlist {
  caseId: string;
  vacancies: number;
  /** Days left of the clock the shortlist serves, as of the digest day. */
  daysLeft?: number;
  due?: string;
  rule?: string;
}

/** Proposed places of one municipality waiting on a place clock (PLACE-DECIDE, PLACE-REMARKS). */
export interface DigestPlaces {
  municipality: string;
  rule: 'PLACE-DECIDE' | 'PLACE-REMARKS';
  places: number;
  due: string;
  /** The places' ids, so the line says which to open (`/places/<id>`, `uii places show <id>`). */
  placeIds?: readonly string[];
}

/** «P-1, P-2, P-3 и ещё 4»: the first few ids, the rest counted. */
function idList(ids: readonly string[] | undefined, more: (n: number) => string, max = 5): string {
  if (!ids?.length) return '';
  const shown = ids.slice(0, max).join(', ');
  return ids.length > max ? `${shown} ${more(ids.length - max)}` : shown;
}

export interface DigestInput {
  officerId: string;
  /** The digest day (the inspection's local date). */
  date: string;
  /** Items dated on or after this day are «new» (the previous working day: the last digest's day). */
  since: string;
  /**
   * The previous digest's instant (ISO): reports recorded after it are new, so each report is
   * listed in one digest. When absent, by the day `since`.
   */
  sinceInstant?: string;
  cases: readonly DigestCase[];
  waiting?: { triage: number; quarantine: number };
  shortlists?: readonly DigestShortlist[];
  places?: readonly DigestPlaces[];
  missingFeeds?: readonly { service: string; month: string }[];
  lang?: Lang;
}

export interface DigestItem {
  /** Sort key: days left (negative when overdue). */
  daysLeft: number;
  badge: string;
  who: string;
  what: string;
  article?: string;
  todo: string;
}

export interface DigestSection {
  id:
    | 'overdue'
    | 'today'
    | 'week'
    | 'new'
    | 'findings'
    | 'reports'
    | 'shortlists'
    | 'places'
    | 'waiting'
    | 'feeds'
    | 'unacted';
  heading: string;
  color: string;
  count: number;
  items: DigestItem[];
}

export const DIGEST_HORIZON_DAYS = 7;

/** The previous working day before `date` (the window of «new» items). */
export function previousWorkingDay(date: string, calendar: ProductionCalendar = DEFAULT_CALENDAR): string {
  let d = addDays(date, -1);
  for (let i = 0; i < 30 && !isWorkingDay(d, calendar); i++) d = addDays(d, -1);
  return d;
}

/** Is `at` the digest hour, on a working day, in the inspection's time zone? Returns its local date. */
export function digestDue(
  at: Date,
  settings: { timeZone?: string; digestHour?: number },
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
): { due: boolean; date: string; hour: number } {
  const { date, hour } = localDateHour(at, settings.timeZone);
  return { due: hour === (settings.digestHour ?? 8) && isWorkingDay(date, calendar), date, hour };
}

/** The instant (ISO) of a local date's digest hour in an IANA zone (default Europe/Moscow). */
export function digestInstant(date: string, hour: number, timeZone?: string): string {
  const asUtc = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00.000Z`);
  const offset = new Intl.DateTimeFormat('en-US', {
    timeZone: timeZone || 'Europe/Moscow',
    timeZoneName: 'longOffset',
  })
    .formatToParts(asUtc)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '');
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(asUtc - minutes * 60_000).toISOString();
}

/** The local date and hour of an instant in an IANA zone (default Europe/Moscow). */
export function localDateHour(at: Date, timeZone?: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone || 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const enDays = (n: number) => enCount(n, 'day');

/** The digests' words, Russian first; English for recipients whose directory language is `en`. */
const T = {
  ru: {
    who: (caseId: string, person: DigestCase['person']) =>
      caseLabel(caseId, person).replace(/^дело /, 'Дело '),
    overdue: (n: number) => `просрочено ${days(n)}`,
    today: 'сегодня',
    urgent: 'срочно',
    fromTrigger: (date: string) => ` (основание от ${date})`,
    left: (n: number, due: string) => `${days(n)}, до ${due}`,
    todoInspection: (title: string, due: string) => `${title} до ${due}`,
    todoConvict: (title: string, due: string) => `проверить: ${lower(title)} (до ${due})`,
    todoLateInspection: (title: string, consequence: string) =>
      `выполнить немедленно: ${lower(title)}; ${consequence}`,
    todoLateConvict: (consequence: string) => `решить о мерах: ${consequence}`,
    checkFinding: 'проверить',
    records: (n: number) => `${countRu(n, ['запись', 'записи', 'записей'])}`,
    reportsWhat: 'Сообщения с объекта внесены в дело',
    reportsTodo: 'просмотреть внесённое',
    vacancies: (n: number) => `${countRu(n, ['вакансия', 'вакансии', 'вакансий'])}`,
    shortlistWhat: (s: DigestShortlist) =>
      `Подобраны вакансии${s.rule ? ` (${s.rule}` : ''}${s.rule && s.due ? `, срок ${ruDate(s.due)}` : ''}${s.rule ? ')' : ''}`,
    shortlistTodo: (s: DigestShortlist) =>
      `выбрать вакансию и выдать предписание: «Мои дела» → дело ${s.caseId} → «Предложенные вакансии»`,
    places: (n: number) => `${countRu(n, ['место', 'места', 'мест'])}`,
    placeWhat: (p: DigestPlaces) =>
      p.rule === 'PLACE-DECIDE'
        ? `Предложение мест ждёт решения инспекции — до ${ruDate(p.due)}`
        : `Ждём исправленное предложение после замечаний — до ${ruDate(p.due)}`,
    placeTodo: (p: DigestPlaces) => {
      const ids = idList(p.placeIds, (n) => `и ещё ${n}`);
      return p.rule === 'PLACE-DECIDE'
        ? `согласовать, отказать или направить замечания: раздел «Места»${ids ? ` — ${ids}` : ''}`
        : `при пропуске срока — напомнить муниципалитету${ids ? ` (${ids})` : ''}`;
    },
    triage: 'Разбор почты',
    triageWhat: (n: number) =>
      `${countRu(n, ['сообщение ждёт', 'сообщения ждут', 'сообщений ждут'])} разбора`,
    triageTodo: 'разобрать: раздел «Разбор»',
    quarantine: 'Карантин',
    quarantineTodo: 'проверить отправителя и решить: раздел «Карантин»',
    quarantineWhat: (n: number) =>
      `${countRu(n, ['письмо в карантине', 'письма в карантине', 'писем в карантине'])}`,
    feedWhat: 'Выгрузка за месяц не поступила',
    feedTodo: 'связаться с центром занятости',
    headings: {
      overdue: 'Просрочено',
      today: 'Сегодня последний день',
      week: `Ближайшие ${days(DIGEST_HORIZON_DAYS)}`,
      new: 'Новые сроки',
      findings: 'Новые нарушения и риски',
      reports: 'Отчёты объектов внесены',
      shortlists: 'Подбор вакансий',
      places: 'Предложения мест',
      waiting: 'Ожидают разбора',
      feeds: 'Нет выгрузок вакансий',
    },
    counts: {
      overdue: (n: number) => `просрочено: ${ruInt(n)}`,
      today: (n: number) => `последний день сегодня: ${ruInt(n)}`,
      week: (n: number) => `на неделе: ${ruInt(n)}`,
      new: (n: number) => `новые сроки: ${ruInt(n)}`,
      findings: (n: number) => `нарушения и риски: ${ruInt(n)}`,
    },
    subject: (date: string, counts: string[]) =>
      `Сводка на ${ruDate(date)}${counts.length ? ` — ${counts.join(', ')}` : ': сроков нет'}`,
    lead: (date: string, n: number) =>
      `Дела инспектора на ${ruDate(date)}, по числу оставшихся дней. Дел в работе: ${n}.`,
    empty: 'Сегодня ничего не требует действий.',
    footer:
      'Ежедневная сводка uii-connect для инспектора УИИ. Срочное приходит отдельными письмами сразу. Персональные данные — только для служебного пользования (152-ФЗ).',
    banner: 'Ежедневная сводка · uii-connect',
    head: {
      unactedHeading: (grace: number) =>
        grace === 1
          ? 'Срочное не отработано за рабочий день'
          : `Срочное не отработано за ${countRu(grace, WORKING_DAYS)}`,
      unactedBadge: (sent: string) => `письмо ${sent}`,
      officer: (id: string) => `инспектор ${id}`,
      unactedWhat: (rules: string) => `${rules}: после срочного письма по делу ничего не записано`,
      unactedTodo: 'выяснить причину, поручить исполнение',
      weekHeading: 'Неделя: просроченные сроки по инспекторам',
      weekBadge: (n: number) =>
        `${countRu(n, ['просроченный срок', 'просроченных срока', 'просроченных сроков'])}`,
      weekWho: (id: string) => `Инспектор ${id}`,
      weekWhat: (cases: number, week: number) => `дел ${cases}; сроков на неделе: ${week}`,
      weekTodo: (overdue: number) => (overdue ? 'разобрать просроченные' : 'без замечаний'),
      subjectUnacted: (n: number) =>
        `${countRu(n, ['срочное уведомление не отработано', 'срочных уведомления не отработаны', 'срочных уведомлений не отработаны'])}`,
      subjectWeekly: 'недельная сводка',
      subject: (parts: string[], date: string) => `Начальнику УИИ: ${parts.join(', ')} — ${ruDate(date)}`,
      inspection: (id: string) => `Инспекция ${id}`,
      lead: (who: string, date: string) => `${who}, ${ruDate(date)}.`,
      footer:
        'Сводка uii-connect для начальника УИИ. Персональные данные — только для служебного пользования (152-ФЗ).',
      banner: 'Начальнику инспекции · uii-connect',
    },
  },
  en: {
    who: (caseId: string, person: DigestCase['person']) =>
      caseLabel(caseId, person, 'en').replace(/^case /, 'Case '),
    overdue: (n: number) => `overdue ${enDays(n)}`,
    today: 'today',
    urgent: 'urgent',
    fromTrigger: (date: string) => ` (trigger of ${date})`,
    left: (n: number, due: string) => `${enDays(n)}, by ${due}`,
    todoInspection: (title: string, due: string) => `${title} by ${due}`,
    todoConvict: (title: string, due: string) => `check: ${title} (by ${due})`,
    todoLateInspection: (title: string, consequence: string) => `act now: ${title}; ${consequence}`,
    todoLateConvict: (consequence: string) => `decide on measures: ${consequence}`,
    checkFinding: 'check',
    records: (n: number) => enCount(n, 'record'),
    reportsWhat: 'Worksite reports recorded in the case',
    reportsTodo: 'review what was recorded',
    vacancies: (n: number) => enCount(n, 'vacancy', 'vacancies'),
    shortlistWhat: (s: DigestShortlist) =>
      `Vacancies matched${s.rule ? ` (${s.rule}` : ''}${s.rule && s.due ? `, term ${ruDate(s.due)}` : ''}${s.rule ? ')' : ''}`,
    shortlistTodo: (s: DigestShortlist) =>
      `pick a vacancy and issue a referral: «Мои дела» (My cases) → case ${s.caseId} → «Предложенные вакансии»`,
    places: (n: number) => enCount(n, 'place'),
    placeWhat: (p: DigestPlaces) =>
      p.rule === 'PLACE-DECIDE'
        ? `Proposed places await the inspection's decision — by ${ruDate(p.due)}`
        : `Awaiting the corrected proposal after remarks — by ${ruDate(p.due)}`,
    placeTodo: (p: DigestPlaces) => {
      const ids = idList(p.placeIds, (n) => `and ${n} more`);
      return p.rule === 'PLACE-DECIDE'
        ? `consent, refuse or send remarks: «Места» (Places)${ids ? ` — ${ids}` : ''}`
        : `if the term passes, remind the municipality${ids ? ` (${ids})` : ''}`;
    },
    triage: 'Mail triage',
    triageWhat: (n: number) => `${enCount(n, 'message')} waiting for triage`,
    triageTodo: 'sort them: «Разбор» (Triage)',
    quarantine: 'Quarantine',
    quarantineTodo: 'check the sender and decide: «Карантин» (Quarantine)',
    quarantineWhat: (n: number) => `${enCount(n, 'mail')} in quarantine`,
    feedWhat: 'The monthly feed has not arrived',
    feedTodo: 'contact the employment service',
    headings: {
      overdue: 'Overdue',
      today: 'Last day today',
      week: `Next ${DIGEST_HORIZON_DAYS} days`,
      new: 'New terms',
      findings: 'New breaches and risks',
      reports: 'Worksite reports recorded',
      shortlists: 'Vacancy shortlists',
      places: 'Proposed places',
      waiting: 'Waiting for triage',
      feeds: 'Missing vacancy feeds',
    },
    counts: {
      overdue: (n: number) => `${n} overdue`,
      today: (n: number) => `${n} today`,
      week: (n: number) => `${n} this week`,
      new: (n: number) => enCount(n, 'new term'),
      findings: (n: number) => enCount(n, 'breach', 'breaches'),
    },
    subject: (date: string, counts: string[]) =>
      `Digest for ${ruDate(date)}${counts.length ? `: ${counts.join(', ')}` : ': no terms'}`,
    lead: (date: string, n: number) => `The officer's cases on ${ruDate(date)}, by days left. Cases: ${n}.`,
    empty: 'Nothing needs action today.',
    footer:
      'uii-connect daily digest for inspection officers. Urgent items arrive as separate mails at once. Personal data: for official use only (152-FZ).',
    banner: 'Daily digest · uii-connect',
    head: {
      unactedHeading: (grace: number) => `Urgent, not acted on within ${enCount(grace, 'working day')}`,
      unactedBadge: (sent: string) => `mailed ${sent}`,
      officer: (id: string) => `officer ${id}`,
      unactedWhat: (rules: string) => `${rules}: nothing recorded on the case since the urgent mail`,
      unactedTodo: 'find out why, order it done',
      weekHeading: 'Week: overdue terms per officer',
      weekBadge: (n: number) => `${n} overdue`,
      weekWho: (id: string) => `Officer ${id}`,
      weekWhat: (cases: number, week: number) => `cases ${cases}; terms this week: ${week}`,
      weekTodo: (overdue: number) => (overdue ? 'go through the overdue ones' : 'no remarks'),
      subjectUnacted: (n: number) => `${enCount(n, 'urgent alert')} not acted on`,
      subjectWeekly: 'weekly summary',
      subject: (parts: string[], date: string) => `To the head: ${parts.join(', ')} — ${ruDate(date)}`,
      inspection: (id: string) => `Inspection ${id}`,
      lead: (who: string, date: string) => `${who}, ${ruDate(date)}.`,
      footer:
        'uii-connect summary for the head of the inspection. Personal data: for official use only (152-FZ).',
      banner: 'To the head of the inspection · uii-connect',
    },
  },
} as const;

export function digestSections(input: DigestInput): DigestSection[] {
  const lang = input.lang ?? 'ru';
  const L = T[lang];
  const overdue: DigestItem[] = [];
  const today: DigestItem[] = [];
  const week: DigestItem[] = [];
  const fresh: DigestItem[] = [];
  const findings: DigestItem[] = [];
  const reports: DigestItem[] = [];
  for (const c of input.cases) {
    const who = L.who(c.caseId, c.person);
    // Several open clocks of one rule (CW-WARN per breach): each line says which by its trigger.
    const perRule = new Map<string, number>();
    for (const d of c.clocks.deadlines)
      if (!isClockDone(d)) perRule.set(d.rule, (perRule.get(d.rule) ?? 0) + 1);
    for (const d of c.clocks.deadlines) {
      if (isClockDone(d)) continue;
      const rule = ruleFor(d.rule, d.trigger);
      if (!rule) continue;
      const left = daysBetween(input.date, d.due);
      const words = ruleWords(rule, lang);
      const base = {
        daysLeft: left,
        who,
        what: `${rule.id} — ${words.title}${(perRule.get(d.rule) ?? 0) > 1 ? L.fromTrigger(ruDate(d.trigger)) : ''}`,
        article: rule.source.article,
      };
      const todoBy =
        rule.actor === 'inspection'
          ? L.todoInspection(words.title, ruDate(d.due))
          : L.todoConvict(words.title, ruDate(d.due));
      if (left < 0)
        overdue.push({
          ...base,
          badge: L.overdue(-left),
          todo:
            rule.actor === 'inspection'
              ? L.todoLateInspection(words.title, words.consequence)
              : L.todoLateConvict(words.consequence),
        });
      else if (left === 0) today.push({ ...base, badge: L.today, todo: todoBy });
      else if (left <= DIGEST_HORIZON_DAYS)
        week.push({ ...base, badge: L.left(left, ruDate(d.due)), todo: todoBy });
      else if (c.knownBefore ? !c.knownBefore.deadlines.has(clockKey(d)) : d.trigger >= input.since)
        fresh.push({ ...base, badge: L.left(left, ruDate(d.due)), todo: todoBy });
    }
    for (const f of c.clocks.findings) {
      const isNew = c.knownBefore ? !c.knownBefore.findings.has(findingKey(f)) : f.date >= input.since;
      if (!isNew || f.date > input.date) continue;
      const rule = ruleFor(f.rule, f.date);
      findings.push({
        daysLeft: URGENT_FINDING_RULES.has(f.rule) ? -1000 : 0,
        badge: ruDate(f.date),
        who,
        // The finding's text ends with its own citation: not said twice.
        what: `${f.rule} — ${(lang === 'en' && f.message_en) || f.message}`,
        todo: rule ? findingTodo(rule, lang) : L.checkFinding,
      });
    }
    const applied = (c.events ?? []).filter(
      (e) =>
        e.source === 'mail' &&
        (input.sinceInstant
          ? (e.recordedAt ?? '') > input.sinceInstant
          : (e.recordedAt ?? '').slice(0, 10) >= input.since),
    );
    if (applied.length)
      reports.push({
        daysLeft: 0,
        badge: L.records(applied.length),
        who,
        what: L.reportsWhat,
        todo: L.reportsTodo,
      });
  }
  const byLeft = (a: DigestItem, b: DigestItem) =>
    a.daysLeft - b.daysLeft || a.who.localeCompare(b.who, 'ru');
  const sections: DigestSection[] = [];
  const push = (id: keyof typeof L.headings, color: string, items: DigestItem[]) => {
    if (items.length)
      sections.push({ id, heading: L.headings[id], color, count: items.length, items: items.sort(byLeft) });
  };
  push('overdue', '#b3261e', overdue);
  push('today', '#c75300', today);
  push('week', '#1f5fae', week);
  push('new', '#37474f', fresh);
  push('findings', '#7b1fa2', findings);
  push('reports', '#2e7d32', reports);
  push(
    'shortlists',
    '#00796b',
    (input.shortlists ?? []).map((s) => ({
      daysLeft: s.daysLeft ?? 0,
      badge:
        s.daysLeft !== undefined && s.due
          ? `${L.vacancies(s.vacancies)}; ${s.daysLeft < 0 ? L.overdue(-s.daysLeft) : L.left(s.daysLeft, ruDate(s.due))}`
          : L.vacancies(s.vacancies),
      who: L.who(s.caseId, input.cases.find((c) => c.caseId === s.caseId)?.person),
      what: L.shortlistWhat(s),
      todo: L.shortlistTodo(s),
    })),
  );
  push(
    'places',
    '#6d4c41',
    (input.places ?? []).map((p) => {
      const left = daysBetween(input.date, p.due);
      return {
        daysLeft: left,
        badge: `${L.places(p.places)}; ${left < 0 ? L.overdue(-left) : left === 0 ? L.today : L.left(left, ruDate(p.due))}`,
        who: p.municipality,
        what: L.placeWhat(p),
        todo: L.placeTodo(p),
      };
    }),
  );
  const waiting: DigestItem[] = [];
  if (input.waiting?.triage)
    waiting.push({
      daysLeft: 0,
      badge: L.today, // the count is in the line itself
      who: L.triage,
      what: L.triageWhat(input.waiting.triage),
      todo: L.triageTodo,
    });
  if (input.waiting?.quarantine)
    waiting.push({
      daysLeft: -1,
      badge: L.urgent,
      who: L.quarantine,
      what: L.quarantineWhat(input.waiting.quarantine),
      todo: L.quarantineTodo,
    });
  push('waiting', '#5d4037', waiting);
  push(
    'feeds',
    '#455a64',
    (input.missingFeeds ?? []).map((f) => ({
      daysLeft: 0,
      badge: f.month,
      who: f.service,
      what: L.feedWhat,
      todo: L.feedTodo,
    })),
  );
  return sections;
}

/** The digest mail: «Сводка на 12.03.2026 — просрочено: 2, последний день сегодня: 1, на неделе: 4». */
export function digestMessage(input: DigestInput): RenderedMessage & { sections: DigestSection[] } {
  const lang = input.lang ?? 'ru';
  const L = T[lang];
  const sections = digestSections(input);
  const n = (id: DigestSection['id']) => sections.find((s) => s.id === id)?.count ?? 0;
  const counts = (['overdue', 'today', 'week', 'new', 'findings'] as const)
    .filter((id) => n(id))
    .map((id) => L.counts[id](n(id)));
  const subject = L.subject(input.date, counts);
  const view = {
    title: subject,
    lead: L.lead(input.date, input.cases.length),
    sections,
    empty: L.empty,
    footer: L.footer,
  };
  return {
    subject,
    ...renderMail(
      'digest',
      { lang, title: subject, banner: L.banner, accent: '#1f5fae', footer: L.footer },
      view,
    ),
    sections,
  };
}

/** An urgent mail to an officer whose case saw no action afterwards (issue 11, the head). */
export interface UnactedAlert {
  caseId: string;
  person?: DigestCase['person'];
  officerId: string;
  /** The rules the mail was about. */
  rules: string[];
  /** When SES accepted it (ISO). */
  sentAt: string;
}

export interface HeadDigestInput {
  inspectionId: string;
  date: string;
  /** Each officer's cases with their clocks as of `date`; the officer named when the directory has a name. */
  officers: readonly { officerId: string; name?: string; cases: readonly DigestCase[] }[];
  /** The inspection's name (directory setting); its id when unset. */
  inspectionName?: string;
  /** Urgent alerts whose grace ended by this digest with no event recorded on the case since. */
  unacted?: readonly UnactedAlert[];
  /** Working days an urgent item may stay undone before the head hears of it (default 1). */
  graceWorkingDays?: number;
  /** Also the weekly summary per officer (the first working day of the week). */
  weekly: boolean;
  calendar?: ProductionCalendar;
  lang?: Lang;
  /** The inspection's zone, to show when the urgent mail went out. */
  timeZone?: string;
}

/**
 * The head's mail: urgent alerts the officer did not act on within the grace (no event
 * recorded on the case after the urgent mail: see `unactedAlerts`), and on the first working
 * day of the week a summary of overdue clocks per officer. Undefined when there is nothing to say.
 */
export function headDigestMessage(
  input: HeadDigestInput,
): (RenderedMessage & { sections: DigestSection[] }) | undefined {
  const lang = input.lang ?? 'ru';
  const L = T[lang];
  const H = L.head;
  const grace = input.graceWorkingDays ?? 1;
  // Officers by name («Смирнова Е. В.»), by directory id only when no name is on file.
  const names = new Map(input.officers.map((o) => [o.officerId, o.name] as const));
  const officerName = (id: string) => {
    const full = names.get(id)?.trim().split(/\s+/);
    return full?.length
      ? surnameInitials({ lastName: full[0]!, firstName: full[1], middleName: full[2] })
      : id;
  };
  const stale: DigestItem[] = (input.unacted ?? []).map((u) => {
    const local = localDateHour(new Date(u.sentAt), input.timeZone);
    return {
      daysLeft: -daysBetween(local.date, input.date),
      badge: H.unactedBadge(ruDate(local.date)),
      who: `${L.who(u.caseId, u.person)} · ${H.officer(officerName(u.officerId))}`,
      what: H.unactedWhat(u.rules.join(', ')),
      todo: H.unactedTodo,
    };
  });
  const perOfficer: DigestItem[] = [];
  if (input.weekly)
    for (const o of input.officers) {
      let overdue = 0;
      let week = 0;
      for (const c of o.cases)
        for (const d of c.clocks.deadlines) {
          if (isClockDone(d)) continue;
          const left = daysBetween(input.date, d.due);
          if (left < 0) overdue++;
          else if (left <= DIGEST_HORIZON_DAYS) week++;
        }
      perOfficer.push({
        daysLeft: -overdue,
        badge: H.weekBadge(overdue),
        who: H.weekWho(officerName(o.officerId)),
        what: H.weekWhat(o.cases.length, week),
        todo: H.weekTodo(overdue),
      });
    }
  const sections: DigestSection[] = [];
  if (stale.length)
    sections.push({
      id: 'unacted',
      heading: H.unactedHeading(grace),
      color: '#b3261e',
      count: stale.length,
      items: stale.sort((a, b) => a.daysLeft - b.daysLeft || a.who.localeCompare(b.who, 'ru')),
    });
  if (perOfficer.length)
    sections.push({
      id: 'week',
      heading: H.weekHeading,
      color: '#1f5fae',
      count: perOfficer.length,
      items: perOfficer.sort((a, b) => a.daysLeft - b.daysLeft),
    });
  if (!sections.length) return undefined;
  const subject = H.subject(
    [stale.length ? H.subjectUnacted(stale.length) : '', perOfficer.length ? H.subjectWeekly : ''].filter(
      Boolean,
    ),
    input.date,
  );
  const view = {
    title: subject,
    lead: H.lead(input.inspectionName ?? H.inspection(input.inspectionId), input.date),
    sections,
    empty: '',
    footer: H.footer,
  };
  return {
    subject,
    ...renderMail(
      'digest',
      { lang, title: subject, banner: H.banner, accent: '#37474f', footer: H.footer },
      view,
    ),
    sections,
  };
}

/** An urgent mail as recorded after SES accepted it (`URGENTSENT#<inspection>`). */
export interface UrgentSent {
  caseId: string;
  rules: string[];
  sentAt: string;
  jobId: string;
}

/**
 * The day the head hears of an urgent mail left undone: the first digest after a whole
 * `grace` of working days. Sent before the digest hour of a working day, that day counts.
 */
export function unactedReportDay(
  sentAt: string,
  settings: { timeZone?: string; digestHour?: number; graceWorkingDays?: number },
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
): string {
  const { date, hour } = localDateHour(new Date(sentAt), settings.timeZone);
  const grace = settings.graceWorkingDays ?? 1;
  const counted = isWorkingDay(date, calendar) && hour < (settings.digestHour ?? 8);
  return addWorkingDays(date, counted ? grace : grace + 1, calendar);
}

/**
 * The urgent mails the head hears of on `date`: those whose report day it is, on cases with
 * no event recorded after the mail. Each mail has one report day, so the head hears once.
 */
export function unactedAlerts(
  date: string,
  sent: readonly UrgentSent[],
  cases: ReadonlyMap<string, { officerId: string; case: DigestCase }>,
  settings: { timeZone?: string; digestHour?: number; graceWorkingDays?: number },
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
): UnactedAlert[] {
  const out: UnactedAlert[] = [];
  for (const s of sent) {
    const c = cases.get(s.caseId);
    if (!c || unactedReportDay(s.sentAt, settings, calendar) !== date) continue;
    const acted = (c.case.events ?? []).some((e) => (e.recordedAt ?? '') > s.sentAt);
    if (acted) continue;
    out.push({
      caseId: s.caseId,
      person: c.case.person,
      officerId: c.officerId,
      rules: s.rules,
      sentAt: s.sentAt,
    });
  }
  return out;
}

/** The first working day of the ISO week containing `date`. */
export function firstWorkingDayOfWeek(date: string, calendar: ProductionCalendar = DEFAULT_CALENDAR): string {
  const monday = addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
  let d = monday;
  for (let i = 0; i < 7 && !isWorkingDay(d, calendar); i++) d = addDays(d, 1);
  return d;
}
