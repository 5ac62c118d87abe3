import { ruDate } from '../calendar/dates';
import { now } from '../clock';
import { ruleWords } from '../deadlines/rule-words';
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
 * A finding (no term) in English, from the words the engine wrote in both languages: what was
 * found on which day, what follows, the law quoted in the original. Russian recipients get the
 * producer's own text.
 */
export function findingMessageEn(
  part: Pick<AlertPart, 'rule' | 'finding'>,
  caseId: string,
  person: Person,
): { subject: string; text: string } | undefined {
  const f = part.finding;
  const rule = f && part.rule && RULE_IDS.includes(part.rule) ? ruleFor(part.rule, f.date) : undefined;
  if (!f || !rule) return undefined;
  const words = ruleWords(rule, 'en');
  const who = caseLabel(caseId, person, 'en');
  const line = (x: { date: string; message: string; messageEn?: string }) =>
    `${ruDate(x.date)}: ${x.messageEn ?? x.message}.`;
  return {
    subject: oneLine(`${rule.id}: ${words.title} — ${who}`),
    text: [
      `${who.charAt(0).toUpperCase()}${who.slice(1)}, ${line(f)}`,
      ...(f.also ?? []).map((x) => `Also ${line(x)}`),
      `What follows: ${words.consequence}.`,
      '',
      `${citation(rule.source.article, 'en')}: «${rule.source.text_ru}»`,
      '',
      `Rule ${rule.id}. A uii-connect message.`,
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
    const en =
      ctx.lang === 'en' && ctx.caseId ? findingMessageEn(part, ctx.caseId, await ctx.person()) : undefined;
    if (en) return { ...en, urgent };
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
    footer:
      'Сообщение uii-connect для сотрудников УИИ. Отвечать на него не нужно. Персональные данные — только для служебного пользования (152-ФЗ).',
  },
  en: {
    more: (n: number) => `and ${n} more urgent`,
    lead: (who: string, n: number) =>
      `${who.charAt(0).toUpperCase()}${who.slice(1)}: ${n} urgent alerts in one mail, the most urgent first.`,
    banner: 'URGENT · uii-connect',
    calendar: 'Attached: calendar events on the last days, with a reminder on the working day before.',
    footer:
      'uii-connect message for inspection staff. No reply needed. Personal data: for official use only (152-FZ).',
  },
} as const;

/** A rendered deadline text without its own title line and footer (it sits inside a combined mail). */
const innerText = (r: RenderedPart, own: boolean) => {
  if (!own) return r.text.trim();
  const cut = r.text.lastIndexOf('\n--\n');
  return (cut >= 0 ? r.text.slice(0, cut) : r.text).split('\n').slice(1).join('\n').trim();
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
    if (job.finding && job.caseId && job.lang === 'en' && !job.deadline) {
      const en = findingMessageEn(job, job.caseId, await ctx.person());
      if (en) return { ...en, ics: job.ics };
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
  return combinedMessage({ who, lang: job.lang, parts: rendered });
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
}): RenderedJob & {
  html: string;
} {
  const rendered = input.parts;
  const lang = input.lang ?? 'ru';
  const G = GROUP[lang];
  const subject = `${rendered[0]!.subject} (${G.more(rendered.length - 1)})`;
  const events = rendered.flatMap((r) => (r.event ? [r.event] : []));
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
    calendarNote: events.length ? G.calendar : undefined,
    footer: G.footer,
  };
  return {
    subject,
    ...renderMail(
      'group',
      { lang, title: subject, banner: G.banner, accent: '#b3261e', footer: G.footer },
      view,
    ),
    ...(events.length ? { ics: deadlineEvents(events) } : {}),
  };
}
