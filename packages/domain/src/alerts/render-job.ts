import { ruDate } from '../calendar/dates';
import { now } from '../clock';
import { findingTodo, ruleWords } from '../deadlines/rule-words';
import { RULE_IDS, RULES, ruleFor } from '../deadlines/rules';
import type { AlertJob, AlertPart } from './alert-job';
import {
  caseLabel,
  citation,
  deadlineMessage,
  isUrgentDeadline,
  type Lang,
  oneLine,
} from './deadline-message';
import { clockUid, type DeadlineEventInput, deadlineEvents } from './ics';
import { renderMail } from './render';
import { URGENT_FINDING_RULES } from './routing';
import { countRu } from './ru';

/** What rendering a job reads: the calendar SEQUENCE of a clock, the person's name parts. */
export interface RenderDeps {
  audit: { calendarSequence(uid: string, due: string, cancelled: boolean): Promise<number> };
  cases: {
    getPerson(
      caseId: string,
    ): Promise<{ lastName: string; firstName: string; middleName?: string } | undefined>;
  };
}

export interface RenderedJob {
  subject: string;
  text: string;
  html?: string;
  ics?: { method: 'PUBLISH' | 'REQUEST' | 'CANCEL'; content: string };
}

type Person = Awaited<ReturnType<RenderDeps['cases']['getPerson']>>;

export interface RenderedPart extends RenderedJob {
  /** HTML without the frame (templated deadline alerts only). */
  body?: string;
  /** The calendar event of this part's clock, with its SEQUENCE. */
  event?: DeadlineEventInput;
  urgent: boolean;
}

/**
 * A finding (no term) in the recipient's language, from the words the engine wrote in both:
 * what was found on which day, what the officer does, the law quoted in the original, the
 * footer every officer mail has. The subject says what and whom, as deadline subjects do.
 */
export function findingMessage(
  part: Pick<AlertPart, 'rule' | 'finding'>,
  caseId: string,
  person: Person,
  lang: Lang = 'ru',
): { subject: string; text: string } | undefined {
  const f = part.finding;
  const rule = f && part.rule && RULE_IDS.includes(part.rule) ? ruleFor(part.rule, f.date) : undefined;
  if (!f || !rule) return undefined;
  const en = lang === 'en';
  const words = ruleWords(rule, lang);
  const who = caseLabel(caseId, person, lang);
  const line = (x: { date: string; message: string; messageEn?: string }) =>
    `${ruDate(x.date)}: ${(en && x.messageEn) || x.message}.`;
  return {
    subject: oneLine(`${rule.id}: ${words.title} — ${who}`),
    text: [
      `${who.charAt(0).toUpperCase()}${who.slice(1)}, ${line(f)}`,
      ...(f.also ?? []).map((x) => `${en ? 'Also' : 'Также'} ${line(x)}`),
      `${en ? 'What to do' : 'Что сделать'}: ${findingTodo(rule, lang)}.`,
      '',
      `${citation(rule.source.article, lang)}: «${rule.source.text_ru}»`,
      '',
      '--',
      GROUP[lang].footer,
    ].join('\n'),
  };
}

/** One alert (a single job or one part of a combined job), rendered as it would go alone. */
async function renderPart(
  part: AlertPart,
  ctx: {
    caseId?: string;
    audience: AlertJob['audience'];
    lang?: Lang;
    person: () => Promise<Person>;
    inGroup?: boolean;
  },
  deps: RenderDeps,
): Promise<RenderedPart> {
  const d = part.deadline;
  const rule = d && RULE_IDS.includes(d.rule) ? ruleFor(d.rule, d.trigger) : undefined;
  const urgentFinding = Boolean(part.rule && URGENT_FINDING_RULES.has(part.rule));
  if (!d || !rule || !ctx.caseId) {
    // A finding inside a combined mail: what and whom, as a deadline's subject says it.
    const urgent = d ? isUrgentDeadline(d) : urgentFinding;
    const own = ctx.caseId ? findingMessage(part, ctx.caseId, await ctx.person(), ctx.lang) : undefined;
    if (own) return { ...own, urgent };
    const finding = !d && ctx.caseId ? RULES.find((r) => r.id === part.rule) : undefined;
    const subject = finding
      ? oneLine(
          `${finding.id}: ${ruleWords(finding, ctx.lang).title} — ${caseLabel(ctx.caseId!, await ctx.person(), ctx.lang)}`,
        )
      : part.subject;
    return { subject, text: part.text, urgent };
  }
  const message = deadlineMessage({
    caseId: ctx.caseId,
    person: await ctx.person(),
    rule,
    kind: d.kind,
    audience: ctx.audience === 'supervisor' ? 'supervisor' : 'officer',
    trigger: d.trigger,
    due: d.due,
    asOf: d.asOf,
    daysLeft: d.daysLeft,
    lang: ctx.lang,
    // Inside a combined mail the calendar note is said once, for all parts.
    withCalendar: !ctx.inGroup,
  });
  const cancelled = d.kind === 'met';
  const sequence = await deps.audit.calendarSequence(
    clockUid(ctx.caseId, rule.id, d.trigger),
    d.due,
    cancelled,
  );
  return {
    ...message,
    urgent: isUrgentDeadline(d),
    event: {
      caseId: ctx.caseId,
      rule: rule.id,
      trigger: d.trigger,
      due: d.due,
      summary: message.subject,
      description: `${ruleWords(rule, ctx.lang).title}. ${rule.source.article}.`,
      sequence,
      cancelled,
      stamp: now(),
    },
  };
}

const GROUP = {
  ru: {
    more: (n: number) => `и ещё ${countRu(n, ['срочное', 'срочных', 'срочных'])}`,
    lead: (who: string, n: number) =>
      `${who.charAt(0).toUpperCase()}${who.slice(1)}: ${countRu(n, ['срочное уведомление', 'срочных уведомления', 'срочных уведомлений'])} одним письмом, самое срочное — первым.`,
    banner: 'СРОЧНО · uii-connect',
    calendar: 'Во вложении — события календаря на последние дни сроков с напоминанием накануне.',
    calendarMixed:
      'Во вложении — события календаря на последние дни сроков: у предстоящих — напоминание накануне, пропущенные отмечены без напоминания.',
    calendarPast:
      'Во вложении — события календаря, отмечающие пропущенные последние дни сроков (без напоминаний).',
    footerHead:
      'Сообщение uii-connect для начальника УИИ (контроль сроков инспекции). Отвечать на него не нужно. Персональные данные — только для служебного пользования (152-ФЗ).',
    footer:
      'Сообщение uii-connect для сотрудников УИИ. Отвечать на него не нужно. Персональные данные — только для служебного пользования (152-ФЗ).',
  },
  en: {
    more: (n: number) => `and ${n} more urgent`,
    lead: (who: string, n: number) =>
      `${who.charAt(0).toUpperCase()}${who.slice(1)}: ${n} urgent alerts in one mail, the most urgent first.`,
    banner: 'URGENT · uii-connect',
    calendar: 'Attached: calendar events on the last days, with a reminder on the working day before.',
    calendarMixed:
      'Attached: calendar events on the last days: the coming ones with a reminder the working day before, the missed ones marked without a reminder.',
    calendarPast: 'Attached: calendar events that mark the missed last days of the terms (no reminders).',
    footerHead:
      'uii-connect message for the head of the inspection (oversight of the inspection’s terms). No reply needed. Personal data: for official use only (152-FZ).',
    footer:
      'uii-connect message for inspection staff. No reply needed. Personal data: for official use only (152-FZ).',
  },
} as const;

/**
 * A part's text inside a combined mail: without its footer (the mail has one) and, for a
 * templated deadline text, without its title line (the part's heading says it). A producer's
 * own closing line («Правило X. Сообщение uii-connect.») goes too.
 */
const innerText = (r: RenderedPart, templated: boolean) => {
  const cut = r.text.lastIndexOf('\n--\n');
  const lines = (cut >= 0 ? r.text.slice(0, cut) : r.text).split('\n');
  return (templated ? lines.slice(1) : lines)
    .filter((l) => !/^(Правило|Rule) [A-Z0-9-]+\. (Сообщение uii-connect|A uii-connect message)\.$/.test(l))
    .join('\n')
    .trim();
};

/**
 * A job carrying deadline facts is rendered here (templates, surname and initials, ICS with
 * its SEQUENCE); a combined job (`parts`) lists each part as it would render alone, under the
 * most urgent one's subject, with one calendar holding every part's event; any other job is
 * sent as its producer wrote it. Rendering again on a retry gives the same message: the
 * sequence only moves when the clock's due day does.
 */
export async function renderJob(job: AlertJob, deps: RenderDeps): Promise<RenderedJob> {
  let person: Promise<Person> | undefined;
  const ctx = {
    caseId: job.caseId,
    audience: job.audience,
    lang: job.lang,
    person: () => {
      person ??= job.caseId ? deps.cases.getPerson(job.caseId) : Promise.resolve(undefined);
      return person;
    },
  };
  const parts = job.parts;
  if (!parts?.length) {
    if (job.finding && job.caseId && !job.deadline) {
      const own = findingMessage(job, job.caseId, await ctx.person(), job.lang);
      if (own) return { ...own, ics: job.ics };
    }
    if (!job.deadline || !job.caseId)
      return { subject: job.subject, text: job.text, html: job.html, ics: job.ics };
    const one = await renderPart(job as AlertPart, ctx, deps);
    const { subject, text, html } = one;
    return { subject, text, html, ...(one.event ? { ics: deadlineEvents([one.event]) } : {}) };
  }
  if (parts.length === 1) return renderJob({ ...job, ...parts[0]!, parts: undefined }, deps);
  const rendered: RenderedPart[] = [];
  for (const p of parts) rendered.push(await renderPart(p, { ...ctx, inGroup: true }, deps));
  const who = job.caseId ? caseLabel(job.caseId, await ctx.person(), job.lang) : '';
  return combinedMessage({ who, lang: job.lang, parts: rendered, audience: job.audience });
}

/** The calendar note of a combined mail: coming days get a reminder, missed ones are only marked. */
function calendarNoteOf(events: readonly DeadlineEventInput[], G: (typeof GROUP)[Lang]): string | undefined {
  if (!events.length) return undefined;
  const past = events.filter((e) => e.due < e.stamp.toISOString().slice(0, 10)).length;
  return past === 0 ? G.calendar : past === events.length ? G.calendarPast : G.calendarMixed;
}

/**
 * A combined mail from its parts, each rendered as it would go alone (the most urgent first):
 * the first part's subject with «(и ещё N срочных)», every part listed, one calendar with every
 * part's event.
 */
export function combinedMessage(input: {
  who: string;
  lang?: Lang;
  parts: readonly RenderedPart[];
  /** The head's combined escalations get the head's footer. */
  audience?: AlertJob['audience'];
}): RenderedJob & {
  html: string;
} {
  const rendered = input.parts;
  const lang = input.lang ?? 'ru';
  const G = GROUP[lang];
  const subject = `${rendered[0]!.subject} (${G.more(rendered.length - 1)})`;
  const events = rendered.flatMap((r) => (r.event ? [r.event] : []));
  const footer = input.audience === 'supervisor' ? G.footerHead : G.footer;
  const view = {
    title: subject,
    lead: G.lead(input.who, rendered.length),
    parts: rendered.map((r) => ({
      title: r.subject,
      body: r.body,
      text: innerText(r, Boolean(r.body)),
      lines: r.text.split('\n'),
      accent: r.urgent ? '#b3261e' : '#1f5fae',
    })),
    calendarNote: calendarNoteOf(events, G),
    footer,
  };
  return {
    subject,
    ...renderMail('group', { lang, title: subject, banner: G.banner, accent: '#b3261e', footer }, view),
    ...(events.length ? { ics: deadlineEvents(events) } : {}),
  };
}
