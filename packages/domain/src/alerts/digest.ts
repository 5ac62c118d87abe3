import { addDays, daysBetween, ruDate } from '../calendar/dates';
import { DEFAULT_CALENDAR, isWorkingDay, type ProductionCalendar } from '../calendar/production-calendar';
import type { RecordedEvent } from '../cases/events';
import type { Clocks } from '../deadlines/engine';
import { ruleFor } from '../deadlines/rules';
import { caseLabel, type Lang, type RenderedMessage } from './deadline-message';
import { renderPage, renderText } from './render';
import { days, plural } from './ru';

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
}

export interface DigestInput {
  officerId: string;
  /** The digest day (the inspection's local date). */
  date: string;
  /** Items dated on or after this day are «new» (the previous working day: the last digest's day). */
  since: string;
  cases: readonly DigestCase[];
  waiting?: { triage: number; quarantine: number };
  shortlists?: readonly { caseId: string; vacancies: number }[];
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
  id: 'overdue' | 'today' | 'week' | 'new' | 'findings' | 'reports' | 'shortlists' | 'waiting' | 'feeds';
  heading: string;
  color: string;
  count: number;
  items: DigestItem[];
}

export const DIGEST_HORIZON_DAYS = 7;
const URGENT_FINDINGS = new Set(['CW-EVASION', 'CW-EVASION-RISK']);

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
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: settings.timeZone || 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  const hour = Number(get('hour'));
  return { due: hour === (settings.digestHour ?? 8) && isWorkingDay(date, calendar), date, hour };
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function digestSections(input: DigestInput): DigestSection[] {
  const overdue: DigestItem[] = [];
  const today: DigestItem[] = [];
  const week: DigestItem[] = [];
  const fresh: DigestItem[] = [];
  const findings: DigestItem[] = [];
  const reports: DigestItem[] = [];
  for (const c of input.cases) {
    const who = caseLabel(c.caseId, c.person).replace(/^дело /, 'Дело ');
    for (const d of c.clocks.deadlines) {
      if (d.status === 'met') continue;
      const rule = ruleFor(d.rule, d.trigger);
      if (!rule) continue;
      const left = daysBetween(input.date, d.due);
      const base = {
        daysLeft: left,
        who,
        what: `${rule.id} — ${rule.title_ru}`,
        article: rule.source.article,
      };
      const todoBy =
        rule.actor === 'inspection'
          ? `${rule.title_ru} до ${ruDate(d.due)}`
          : `проверить: ${lower(rule.title_ru)} (до ${ruDate(d.due)})`;
      if (left < 0)
        overdue.push({
          ...base,
          badge: `просрочено ${days(-left)}`,
          todo:
            rule.actor === 'inspection'
              ? `выполнить немедленно: ${lower(rule.title_ru)}; ${rule.consequence_ru}`
              : `решить о мерах: ${rule.consequence_ru}`,
        });
      else if (left === 0) today.push({ ...base, badge: 'сегодня', todo: todoBy });
      else if (left <= DIGEST_HORIZON_DAYS)
        week.push({ ...base, badge: `${days(left)}, до ${ruDate(d.due)}`, todo: todoBy });
      else if (d.trigger >= input.since)
        fresh.push({ ...base, badge: `${days(left)}, до ${ruDate(d.due)}`, todo: todoBy });
    }
    for (const f of c.clocks.findings) {
      if (f.date < input.since || f.date > input.date) continue;
      const rule = ruleFor(f.rule, f.date);
      findings.push({
        daysLeft: URGENT_FINDINGS.has(f.rule) ? -1000 : 0,
        badge: ruDate(f.date),
        who,
        what: `${f.rule} — ${f.message}`,
        article: rule?.source.article,
        todo: rule ? lower(rule.consequence_ru) : 'проверить',
      });
    }
    const applied = (c.events ?? []).filter(
      (e) => e.source === 'mail' && (e.recordedAt ?? '').slice(0, 10) >= input.since,
    );
    if (applied.length)
      reports.push({
        daysLeft: 0,
        badge: `${applied.length} ${plural(applied.length, ['запись', 'записи', 'записей'])}`,
        who,
        what: 'Сообщения с объекта внесены в дело',
        todo: 'просмотреть внесённое',
      });
  }
  const byLeft = (a: DigestItem, b: DigestItem) =>
    a.daysLeft - b.daysLeft || a.who.localeCompare(b.who, 'ru');
  const sections: DigestSection[] = [];
  const push = (id: DigestSection['id'], heading: string, color: string, items: DigestItem[]) => {
    if (items.length) sections.push({ id, heading, color, count: items.length, items: items.sort(byLeft) });
  };
  push('overdue', 'Просрочено', '#b3261e', overdue);
  push('today', 'Сегодня последний день', '#c75300', today);
  push('week', `Ближайшие ${days(DIGEST_HORIZON_DAYS)}`, '#1f5fae', week);
  push('new', 'Новые сроки', '#37474f', fresh);
  push('findings', 'Новые нарушения и риски', '#7b1fa2', findings);
  push('reports', 'Отчёты объектов внесены', '#2e7d32', reports);
  push(
    'shortlists',
    'Подборки вакансий',
    '#00796b',
    (input.shortlists ?? []).map((s) => ({
      daysLeft: 0,
      badge: `${s.vacancies} ${plural(s.vacancies, ['вакансия', 'вакансии', 'вакансий'])}`,
      who: caseLabel(s.caseId, input.cases.find((c) => c.caseId === s.caseId)?.person).replace(
        /^дело /,
        'Дело ',
      ),
      what: 'Подобраны вакансии',
      todo: 'выдать направление',
    })),
  );
  const waiting: DigestItem[] = [];
  if (input.waiting?.triage)
    waiting.push({
      daysLeft: 0,
      badge: `${input.waiting.triage}`,
      who: 'Разбор почты',
      what: `${input.waiting.triage} ${plural(input.waiting.triage, ['сообщение ждёт', 'сообщения ждут', 'сообщений ждут'])} разбора`,
      todo: 'uii mail triage',
    });
  if (input.waiting?.quarantine)
    waiting.push({
      daysLeft: -1,
      badge: `${input.waiting.quarantine}`,
      who: 'Карантин',
      what: `${input.waiting.quarantine} ${plural(input.waiting.quarantine, ['письмо в карантине', 'письма в карантине', 'писем в карантине'])}`,
      todo: 'uii mail quarantine',
    });
  push('waiting', 'Ожидают разбора', '#5d4037', waiting);
  push(
    'feeds',
    'Нет выгрузок вакансий',
    '#455a64',
    (input.missingFeeds ?? []).map((f) => ({
      daysLeft: 0,
      badge: f.month,
      who: f.service,
      what: 'Выгрузка за месяц не поступила',
      todo: 'связаться с центром занятости',
    })),
  );
  return sections;
}

const FOOTER =
  'Ежедневная сводка uii-connect для инспектора УИИ. Срочное приходит отдельными письмами сразу. Персональные данные — только для служебного пользования (152-ФЗ).';

/** The digest mail: «Сводка на 12.03.2026: 2 просрочено, 1 сегодня, 4 на неделе». */
export function digestMessage(input: DigestInput): RenderedMessage & { sections: DigestSection[] } {
  const sections = digestSections(input);
  const n = (id: DigestSection['id']) => sections.find((s) => s.id === id)?.count ?? 0;
  const counts = [
    n('overdue') && `${n('overdue')} просрочено`,
    n('today') && `${n('today')} сегодня`,
    n('week') && `${n('week')} на неделе`,
    n('new') && `${n('new')} ${plural(n('new'), ['новый срок', 'новых срока', 'новых сроков'])}`,
    n('findings') && `${n('findings')} ${plural(n('findings'), ['нарушение', 'нарушения', 'нарушений'])}`,
  ].filter(Boolean);
  const subject = `Сводка на ${ruDate(input.date)}${counts.length ? `: ${counts.join(', ')}` : ': сроков нет'}`;
  const view = {
    title: subject,
    lead: `Дела инспектора на ${ruDate(input.date)}, по числу оставшихся дней. Дел в работе: ${input.cases.length}.`,
    sections,
    empty: 'Сегодня ничего не требует действий.',
    footer: FOOTER,
  };
  return {
    subject,
    text: renderText('digest.text', view),
    html: renderPage(
      {
        lang: 'ru',
        title: subject,
        banner: 'Ежедневная сводка · uii-connect',
        accent: '#1f5fae',
        footer: FOOTER,
      },
      'digest.html',
      view,
    ),
    sections,
  };
}

export interface HeadDigestInput {
  inspectionId: string;
  date: string;
  /** Each officer's cases with their clocks as of `date`. */
  officers: readonly { officerId: string; cases: readonly DigestCase[] }[];
  /** Working days an urgent item may stay undone before the head hears of it (default 1). */
  graceWorkingDays?: number;
  /** Also the weekly summary per officer (the first working day of the week). */
  weekly: boolean;
  calendar?: ProductionCalendar;
}

/**
 * The head's mail: urgent items not acted on within the grace (a clock still overdue
 * `graceWorkingDays` working days after its last day — the officer had the urgent mail the day
 * before and on the day), and on the first working day of the week a summary of overdue clocks
 * per officer. Undefined when there is nothing to say.
 */
export function headDigestMessage(
  input: HeadDigestInput,
): (RenderedMessage & { sections: DigestSection[] }) | undefined {
  const calendar = input.calendar ?? DEFAULT_CALENDAR;
  const grace = input.graceWorkingDays ?? 1;
  let cutoff = input.date;
  for (let i = 0; i < grace; i++) cutoff = previousWorkingDay(cutoff, calendar);
  const stale: DigestItem[] = [];
  const perOfficer: DigestItem[] = [];
  for (const o of input.officers) {
    let overdue = 0;
    let week = 0;
    for (const c of o.cases)
      for (const d of c.clocks.deadlines) {
        if (d.status === 'met') continue;
        const left = daysBetween(input.date, d.due);
        if (left < 0) overdue++;
        else if (left <= DIGEST_HORIZON_DAYS) week++;
        if (d.due < cutoff) {
          const rule = ruleFor(d.rule, d.trigger);
          stale.push({
            daysLeft: left,
            badge: `просрочено ${days(-left)}`,
            who: `${caseLabel(c.caseId, c.person).replace(/^дело /, 'Дело ')} · инспектор ${o.officerId}`,
            what: `${d.rule} — ${rule?.title_ru ?? ''}`,
            article: rule?.source.article,
            todo: 'выяснить причину, поручить исполнение',
          });
        }
      }
    if (input.weekly)
      perOfficer.push({
        daysLeft: -overdue,
        badge: `${overdue} просроч.`,
        who: `Инспектор ${o.officerId}`,
        what: `дел ${o.cases.length}; сроков на неделе: ${week}`,
        todo: overdue ? 'разобрать просроченные' : 'без замечаний',
      });
  }
  const sections: DigestSection[] = [];
  if (stale.length)
    sections.push({
      id: 'overdue',
      heading:
        grace === 1
          ? 'Не отработано за рабочий день после срока'
          : `Не отработано за ${grace} ${plural(grace, ['рабочий день', 'рабочих дня', 'рабочих дней'])} после срока`,
      color: '#b3261e',
      count: stale.length,
      items: stale.sort((a, b) => a.daysLeft - b.daysLeft),
    });
  if (perOfficer.length)
    sections.push({
      id: 'week',
      heading: 'Неделя: просроченные сроки по инспекторам',
      color: '#1f5fae',
      count: perOfficer.length,
      items: perOfficer.sort((a, b) => a.daysLeft - b.daysLeft),
    });
  if (!sections.length) return undefined;
  const subject = `Начальнику УИИ: ${[
    stale.length &&
      `${stale.length} ${plural(stale.length, ['срок не отработан', 'срока не отработаны', 'сроков не отработаны'])} вовремя`,
    perOfficer.length && 'недельная сводка',
  ]
    .filter(Boolean)
    .join(', ')} — ${ruDate(input.date)}`;
  const footer =
    'Сводка uii-connect для начальника УИИ. Персональные данные — только для служебного пользования (152-ФЗ).';
  const view = {
    title: subject,
    lead: `Инспекция ${input.inspectionId}, ${ruDate(input.date)}.`,
    sections,
    empty: '',
    footer,
  };
  return {
    subject,
    text: renderText('digest.text', view),
    html: renderPage(
      { lang: 'ru', title: subject, banner: 'Начальнику инспекции · uii-connect', accent: '#37474f', footer },
      'digest.html',
      view,
    ),
    sections,
  };
}

/** The first working day of the ISO week containing `date`. */
export function firstWorkingDayOfWeek(date: string, calendar: ProductionCalendar = DEFAULT_CALENDAR): string {
  const monday = addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
  let d = monday;
  for (let i = 0; i < 7 && !isWorkingDay(d, calendar); i++) d = addDays(d, 1);
  return d;
}
