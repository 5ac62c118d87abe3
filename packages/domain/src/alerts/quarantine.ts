import { ruDate } from '../calendar/dates';
import { DEFAULT_TIME_ZONE, today } from '../clock';
import type { QuarantineReason } from '../notices/plan';
import type { AlertJob } from './alert-job';
import { oneLine } from './deadline-message';
import { renderMail } from './render';
import { countRu } from './ru';

/** The kind of the officer's immediate mail about a quarantined worksite mail (ADR 0034). */
export const QUARANTINE_ALERT_KIND = 'mail.quarantine';

/** What the officer is told of one quarantined mail: no body, the subject cut short. */
export interface QuarantinedMail {
  /** SES's message id: the job id derives from it, so a redelivery sends once. */
  sesMessageId: string;
  /** When SES received it (ISO). */
  receivedAt: string;
  /** The From address (untrusted: the mail may be forged). */
  from: string | null;
  /** The Subject (untrusted): shown cut to one short line, escaped in HTML. */
  subject: string | null;
  reason: QuarantineReason;
  /** The trust check's own words (Russian), e.g. «DMARC не пройден для домена …». */
  why: string;
  itemsParsed: number;
  senderNotified: boolean;
  worksite?: { id: string; name: string; validTo?: string };
  inspectionId?: string;
}

export interface QuarantineRecipient {
  address: string;
  lang?: 'ru' | 'en';
  officerId?: string;
}

/** The audit trail's words for why (no codes). */
const REASON_SHORT: Record<QuarantineReason, string> = {
  not_authenticated: 'подлинность отправителя не подтверждена',
  list_expired: 'срок согласованного перечня истёк',
  unregistered_sender: 'отправитель не зарегистрирован',
};

/** How much of the untrusted subject an officer sees: enough to recognise the mail. */
const SUBJECT_EXCERPT = 80;

const excerpt = (s: string | null): string | undefined => {
  const line = s ? oneLine(s) : '';
  if (!line) return undefined;
  const chars = [...line];
  return chars.length > SUBJECT_EXCERPT ? `${chars.slice(0, SUBJECT_EXCERPT - 1).join('')}…` : line;
};

const TEXT = {
  ru: {
    subject: (from: string, day: string) => `Карантин: письмо от ${from} не прошло проверку — ${day}`,
    unknownFrom: 'неизвестного отправителя',
    lead: (worksite?: string) =>
      worksite
        ? `Письмо от имени объекта (${worksite}) не применено к делам и ждёт вашего решения в карантине.`
        : 'Письмо на адрес инспекции не применено к делам и ждёт вашего решения в карантине.',
    reason: (m: QuarantinedMail): string => {
      if (m.reason === 'not_authenticated')
        return `подлинность отправителя не подтверждена. Адрес — администратора объекта, но почтовые проверки не пройдены (${m.why}), поэтому письмо могло быть подделано`;
      if (m.reason === 'list_expired')
        return `${m.why}: после этого дня сведения с объекта автоматически не принимаются`;
      return 'адрес отправителя не зарегистрирован как адрес администратора какого-либо объекта';
    },
    labels: {
      from: 'Отправитель',
      worksite: 'Объект',
      received: 'Получено',
      subject: 'Тема письма',
      why: 'Почему в карантине',
      items: 'Сведения в письме',
      sender: 'Отправителю',
      todo: 'Что сделать',
    },
    items: (n: number) =>
      n > 0
        ? `${countRu(n, ['запись распознана', 'записи распознаны', 'записей распознано'])}, не записано ничего`
        : 'записей не распознано',
    sender: (m: QuarantinedMail) =>
      m.senderNotified
        ? 'сообщено, что письмо не принято и передано инспектору'
        : m.reason === 'unregistered_sender'
          ? 'ответ не отправлялся (адрес не зарегистрирован: ответ мог бы уйти постороннему)'
          : 'ответ не отправлялся',
    todo: (m: QuarantinedMail) =>
      `откройте раздел «Карантин» веб-приложения, проверьте отправителя и решите: ${
        m.reason === 'unregistered_sender'
          ? 'принять письмо (и зарегистрировать адрес, если это администратор объекта) или отклонить его'
          : 'принять письмо, если его действительно прислал администратор объекта, или отклонить его'
      }. Ссылки из письма в карантине не открывайте.`,
    footer:
      'Сообщение uii-connect для сотрудников УИИ. Отвечать на него не нужно. Текст письма из карантина сюда не включён: он не проверен.',
    banner: 'СРОЧНО · Карантин · uii-connect',
  },
  en: {
    subject: (from: string, day: string) => `Quarantine: mail from ${from} failed the check — ${day}`,
    unknownFrom: 'an unknown sender',
    lead: (worksite?: string) =>
      worksite
        ? `A mail in the name of the worksite (${worksite}) was not applied to any case and awaits your decision in quarantine.`
        : "A mail to the inspection's address was not applied to any case and awaits your decision in quarantine.",
    reason: (m: QuarantinedMail): string => {
      if (m.reason === 'not_authenticated')
        return "the sender is not verified. The address is the worksite administrator's, but the mail checks (SPF, DKIM, DMARC) failed, so the mail may be forged";
      if (m.reason === 'list_expired')
        return `the agreed list of the place ended${m.worksite?.validTo ? ` on ${ruDate(m.worksite.validTo)}` : ''}: after that day the worksite's reports are not applied automatically`;
      return 'the sender’s address is not registered as the administrator of any worksite';
    },
    labels: {
      from: 'Sender',
      worksite: 'Worksite',
      received: 'Received',
      subject: 'Subject',
      why: 'Why quarantined',
      items: 'Reports in the mail',
      sender: 'Reply to sender',
      todo: 'What to do',
    },
    items: (n: number) =>
      n > 0 ? `${n} ${n === 1 ? 'report' : 'reports'} read, nothing recorded` : 'no reports read',
    sender: (m: QuarantinedMail) =>
      m.senderNotified
        ? 'told that the mail was not accepted and was passed to the inspector'
        : m.reason === 'unregistered_sender'
          ? 'none (the address is not registered: a reply could reach a stranger)'
          : 'none',
    todo: (m: QuarantinedMail) =>
      `open the «Карантин» (Quarantine) screen of the web application, check the sender and decide: ${
        m.reason === 'unregistered_sender'
          ? 'accept the mail (and register the address if it is a worksite administrator) or reject it'
          : 'accept the mail if the worksite administrator really sent it, or reject it'
      }. Do not open links from the quarantined mail.`,
    footer:
      'uii-connect message for inspection staff. No reply needed. The quarantined mail’s text is not included: it is not verified.',
    banner: 'URGENT · Quarantine · uii-connect',
  },
} as const;

/** Local time of an instant, «ДД.ММ.ГГГГ ЧЧ:ММ», in the inspection's zone. */
function localStamp(iso: string, timeZone: string): { day: string; stamp: string } {
  const at = new Date(iso);
  const day = ruDate(today(at, timeZone));
  const time = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return { day, stamp: `${day} ${time}` };
}

/**
 * The immediate mail to one officer (or the inspection's inbox) about a quarantined mail
 * (ADR 0034): what came from whom, why it was not applied — in words — and what to do. No
 * body of the untrusted mail; its subject only as a short one-line excerpt (escaped in HTML).
 * The id derives from SES's message id and the recipient: a redelivery sends once.
 */
export function quarantineAlert(
  mail: QuarantinedMail,
  recipient: QuarantineRecipient,
  options: { timeZone?: string } = {},
): AlertJob {
  const lang = recipient.lang === 'en' ? 'en' : 'ru';
  const L = TEXT[lang];
  const from = mail.from ? oneLine(mail.from) : L.unknownFrom;
  const { day, stamp } = localStamp(mail.receivedAt, options.timeZone ?? DEFAULT_TIME_ZONE);
  const subject = L.subject(from, day);
  const subjectLine = excerpt(mail.subject);
  const view = {
    title: subject,
    lead: L.lead(mail.worksite?.name),
    facts: [
      { label: L.labels.from, value: from },
      ...(mail.worksite ? [{ label: L.labels.worksite, value: mail.worksite.name }] : []),
      { label: L.labels.received, value: stamp },
      ...(subjectLine ? [{ label: L.labels.subject, value: `«${subjectLine}»` }] : []),
      { label: L.labels.why, value: L.reason(mail) },
      { label: L.labels.items, value: L.items(mail.itemsParsed) },
      { label: L.labels.sender, value: L.sender(mail) },
    ],
    todoLabel: L.labels.todo,
    todo: L.todo(mail),
    footer: L.footer,
  };
  return {
    id: `mail.quarantine:${mail.sesMessageId}:${recipient.officerId ?? recipient.address.toLowerCase()}`,
    kind: QUARANTINE_ALERT_KIND,
    audience: 'officer',
    to: [recipient.address],
    subject,
    // The facts-and-what-to-do layout of the bounce notice fits this notice as it is.
    ...renderMail(
      'bounce',
      { lang, title: subject, banner: L.banner, accent: '#b3261e', footer: L.footer },
      view,
    ),
    ...(mail.inspectionId ? { inspectionId: mail.inspectionId } : {}),
    ...(recipient.officerId ? { officerId: recipient.officerId } : {}),
    lang,
    reason: `срочно: письмо в карантине (${REASON_SHORT[mail.reason]})`,
  };
}

/**
 * Whether a waiting item (triage, quarantine) belongs in the digest of an inspection's officer:
 * an item tied to inspections is theirs only; an item no inspection can be told of (a stranger's
 * mail to an address no inspection lists) is shown to every inspection, so it is never lost.
 */
export function concernsInspection(
  itemInspections: readonly string[] | undefined,
  inspectionId: string | undefined,
): boolean {
  if (!itemInspections?.length) return true;
  return inspectionId !== undefined && itemInspections.includes(inspectionId);
}

/** The directory as the choice of whom to tell reads it. */
export interface QuarantineDirectory {
  officers: ReadonlyArray<{ id: string; email?: string; inspectionId?: string; lang?: 'ru' | 'en' }>;
  inspections: ReadonlyArray<{ id: string; email?: string; inboundAddresses?: string[]; timeZone?: string }>;
}

export interface QuarantineAudience {
  /** The inspections the mail concerns; empty when none can be told (every digest counts it). */
  inspectionIds: string[];
  /** Whom to mail at once; empty: nobody to tell, the digest is all that is left. */
  recipients: QuarantineRecipient[];
  /** The (first) inspection's zone, for the received date. */
  timeZone?: string;
}

const norm = (a: string) => a.trim().toLowerCase();

/**
 * Whom a quarantined mail is told to at once (ADR 0034), from most to least precise:
 * the officers in charge of the cases of the worksite the mail claims to come from; else the
 * inbox of that worksite's inspection; else its officers. With no worksite (a stranger), the
 * inspection whose inbox (`email` or one of its `inboundAddresses`) received the mail, then its
 * officers in the same order. Nobody when no inspection can be told, nor for a stranger's
 * mail SES judged spam or a virus (`junk`): a spam run must not page officers; the digest
 * still counts it.
 */
export function quarantineAudience(input: {
  worksite?: { inspectionId: string } | null;
  /** Addresses that received the mail (SES receipt recipients). */
  receivedBy: readonly string[];
  directory: QuarantineDirectory;
  /** Officer ids of the worksite's cases (from the case records). */
  caseOfficers?: readonly string[];
  /** SES's spam or virus verdict failed. */
  junk?: boolean;
}): QuarantineAudience {
  const { directory } = input;
  const received = new Set(input.receivedBy.map(norm));
  const inspectionIds = input.worksite
    ? [input.worksite.inspectionId]
    : directory.inspections
        .filter((i) => [i.email, ...(i.inboundAddresses ?? [])].some((a) => a && received.has(norm(a))))
        .map((i) => i.id);
  const inspections = inspectionIds.flatMap((id) => directory.inspections.filter((i) => i.id === id));
  const officerTo = (o: QuarantineDirectory['officers'][number]): QuarantineRecipient[] =>
    o.email ? [{ address: o.email, officerId: o.id, ...(o.lang ? { lang: o.lang } : {}) }] : [];
  const inCharge = new Set(input.caseOfficers ?? []);
  let recipients: QuarantineRecipient[] = input.worksite
    ? directory.officers.filter((o) => inCharge.has(o.id)).flatMap(officerTo)
    : [];
  if (!recipients.length) recipients = inspections.flatMap((i) => (i.email ? [{ address: i.email }] : []));
  if (!recipients.length)
    recipients = directory.officers
      .filter((o) => o.inspectionId && inspectionIds.includes(o.inspectionId))
      .flatMap(officerTo);
  if (input.junk && !input.worksite) recipients = [];
  const seen = new Set<string>();
  recipients = recipients.filter((r) => !seen.has(norm(r.address)) && seen.add(norm(r.address)));
  return {
    inspectionIds,
    recipients,
    ...(inspections[0]?.timeZone ? { timeZone: inspections[0].timeZone } : {}),
  };
}
