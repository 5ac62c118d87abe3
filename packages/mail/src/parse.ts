import {
  addressIn,
  authenticate,
  DEFAULT_TRUST_SETTINGS,
  extractFromRows,
  extractFromText,
  findLegend,
  type MailFacts,
  mailDay,
  merge,
  type NoticeItem,
  type NoticeParse,
  type SenderEvidence,
  splitBody,
  type TriageEntry,
  type TrustSettings,
  type Worksite,
  worksiteOfSender,
} from '@uii/domain';
import { type AddressObject, simpleParser } from 'mailparser';
import { AttachmentError, csvRows, docxText, kindOf, xlsxRows } from './attachments';
import { htmlTables, htmlText } from './html';
import { DEFAULT_MAIL_SETTINGS, type MailSettings } from './settings';

export interface ParseOptions {
  /** Registered worksites; the sender's worksite supplies the people to match. */
  registry?: readonly Worksite[];
  /** Match against this worksite's people whatever the sender (`uii notice parse --worksite`). */
  worksiteId?: string;
  /**
   * The worksites an address administers (the handler asks the mail store), consulted with the
   * From address the mail library parsed — never a regex over the header text (14.5).
   */
  lookup?: (address: string) => Promise<readonly Worksite[]>;
  /** SES's receipt verdicts when the mail came through SES (the handler). */
  ses?: SenderEvidence['ses'];
  /** authserv-ids of the own receiving server (MAIL_AUTHSERV_IDS). */
  trust?: TrustSettings;
  settings?: MailSettings;
}

/** What one mail says, with the sender evidence judged (ADR 0015); `autoReply`: RFC 3834, not read. */
export interface ParsedNotice extends MailFacts {
  /** The evidence the verdict was made from (From mailboxes, Authentication-Results, SES). */
  sender: SenderEvidence;
}

const AUTO_SUBJECT =
  /^\s*(?:автоматический\s+ответ|автоответ|auto(?:matic)?\s*(?:reply|response)|auto\s*:|out\s+of\s+(?:the\s+)?office)/i;

/** RFC 3834 Auto-Submitted, the common X- headers, Precedence, and the subjects mail clients put. */
function isAutoReply(lines: ReadonlyArray<{ key: string; line: string }>, subject: string | null): boolean {
  const value = (key: string) => headerValues(lines, key).map((v) => v.trim().toLowerCase());
  if (value('auto-submitted').some((v) => v !== '' && !v.startsWith('no'))) return true;
  if (value('x-autoreply').length > 0 || value('x-autorespond').length > 0) return true;
  if (value('precedence').some((v) => /^auto_reply/.test(v))) return true;
  return AUTO_SUBJECT.test(subject ?? '');
}

const MB = 1024 * 1024;

/** Every mailbox of the From header as the address parser read it (groups flattened). */
function mailboxes(a: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(a) ? a : a ? [a] : [];
  const out: string[] = [];
  const walk = (list: AddressObject['value']) => {
    for (const v of list) {
      if (v.group) walk(v.group);
      else if (v.address) out.push(v.address.toLowerCase());
    }
  };
  for (const o of objects) walk(o.value);
  return out;
}

type HeaderLines = ReadonlyArray<{ key: string; line: string }>;

function evidenceOf(
  lines: HeaderLines,
  from: AddressObject | AddressObject[] | undefined,
  ses: SenderEvidence['ses'],
): SenderEvidence {
  return {
    from: mailboxes(from),
    fromHeaders: lines.filter((l) => l.key === 'from').length,
    authResults: headerValues(lines, 'authentication-results'),
    ...(ses ? { ses } : {}),
  };
}

/** Judges the sender and finds their worksite: one envelope per parse. */
async function envelopeOf(
  mail: {
    headerLines: HeaderLines;
    from?: AddressObject | AddressObject[];
    messageId?: string;
    subject?: string;
    date?: Date;
  },
  options: ParseOptions,
) {
  const sender = evidenceOf(mail.headerLines, mail.from, options.ses);
  const authentication = authenticate(sender, options.trust ?? DEFAULT_TRUST_SETTINGS);
  // The address the verdict is about; a From with several mailboxes has none (never applied).
  const from = authentication.from ?? (sender.from.length === 1 ? sender.from[0]! : null);
  const worksite = await pickWorksite(options, sender.from.length === 1 ? from : null);
  return {
    messageId: mail.messageId ?? null,
    from,
    subject: mail.subject ?? null,
    date: mailDay(mail.date),
    authenticated: authentication.authenticated,
    authentication,
    worksite: worksite ?? null,
    sender,
  };
}

const RU_MONTHS = ['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

/**
 * The forwarded message's own day, as mail clients write it: Gmail «пн, 9 мар. 2026 г. в 10:15»
 * and «Mon, Mar 9, 2026 at 10:15 AM», Mail.ru «Понедельник, 9 марта 2026, 10:15 +03:00»,
 * Yandex «09.03.2026, 10:15», Outlook «Monday, March 9, 2026 10:15 AM» / «9 марта 2026 г. 10:15».
 * Null when it cannot be read: then nothing relative («вчера») is resolved from it.
 */
export function forwardedDay(dateText: string | null, fallback: string | null): string | null {
  if (!dateText) return fallback;
  const pad = (n: string | number) => String(n).padStart(2, '0');
  const numeric = dateText.match(/(\d{1,2})\.(\d{1,2})\.(\d{4})/);
  if (numeric) return `${numeric[3]}-${pad(numeric[2]!)}-${pad(numeric[1]!)}`;
  const ru = dateText.toLowerCase().match(/(\d{1,2})\s+([а-яё]+)\.?,?\s+(\d{4})/);
  if (ru) {
    // biome-ignore lint/complexity/useIndexOf: not an equality test («ма» is май/мая only, others are prefixes)
    const month = RU_MONTHS.findIndex((m) => (m === 'ма' ? /^ма[йя]$/.test(ru[2]!) : ru[2]!.startsWith(m)));
    if (month >= 0) return `${ru[3]}-${pad(month + 1)}-${pad(ru[1]!)}`;
  }
  const parsed = new Date(dateText.replace(/\s+at\s+/i, ' ').replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(parsed.getTime()) ? null : mailDay(parsed);
}

/**
 * One .eml → what it reports. Pure apart from parsing: applies nothing and decides no trust
 * beyond reporting `authenticated`. Every passage that is not confidently an item lands in
 * `triage`; attachment failures are reported there too, never fatal.
 */
export async function parseNotice(raw: Buffer, options: ParseOptions = {}): Promise<ParsedNotice> {
  const settings = options.settings ?? DEFAULT_MAIL_SETTINGS;
  if (raw.length > settings.maxMessageBytes) {
    const head = raw.subarray(0, 64 * 1024);
    const meta = await simpleParser(head, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
    });
    return {
      ...(await envelopeOf(meta, options)),
      items: [],
      triage: [
        {
          text: meta.subject ?? '(без темы)',
          why: `письмо больше ${Math.round(settings.maxMessageBytes / MB)} МБ — не прочитано`,
        },
      ],
      attachmentProblems: [],
      autoReply: isAutoReply(meta.headerLines, meta.subject ?? null),
    };
  }

  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: true });
  // Who sent what, when, and whether the own server vouched for it: the same on every parse result.
  const envelope = await envelopeOf(mail, options);
  const { from, date } = envelope;
  const worksite = envelope.worksite ?? undefined;
  const ctx = {
    mailDate: date,
    people: worksite?.cases,
    threshold: settings.confidenceThreshold,
    maxRows: settings.maxTableRows,
    maxPeriodDays: settings.maxPeriodDays,
    subject: mail.subject ?? '',
  };
  const subject = mail.subject ?? null;
  if (isAutoReply(mail.headerLines, subject)) {
    // An autoresponder quotes our acknowledgment and names colleagues: nothing in it is a report.
    return {
      ...envelope,
      items: [],
      triage: [
        { text: (subject ?? '').trim() || '(без темы)', why: 'автоматический ответ — не разбирается' },
      ],
      attachmentProblems: [],
      autoReply: true,
    };
  }

  const parts: NoticeParse[] = [];
  // Bodies: the text part when there is one; HTML otherwise (tables read as rows).
  const bodyText = mail.text?.trim() ? mail.text : mail.html ? htmlText(mail.html) : '';
  if (!mail.text?.trim() && mail.html) {
    for (const rows of htmlTables(mail.html)) parts.push(extractFromRows(rows, ctx, 'таблица в письме'));
  }
  const split = splitBody(bodyText, /^\s*(fw|fwd|пересл\w*)\s*:/i.test(subject ?? ''));
  const own = extractFromText(split.own, ctx, subject ?? '');
  parts.push(own);

  const attachmentProblems: string[] = [];
  let tables = 0;
  // The body's legend («н/я — неявка») explains the codes of an attached table too.
  const legend = findLegend(bodyText.split('\n')).legend;
  const attachmentCtx = legend.size > 0 ? { ...ctx, legend } : ctx;
  for (const a of mail.attachments) {
    const filename = a.filename ?? '(без имени)';
    const kind = kindOf(filename, a.contentType);
    if (a.related || (kind === 'other' && a.contentDisposition !== 'attachment')) continue;
    const problem = (why: string) => {
      attachmentProblems.push(`${filename}: ${why}`);
      parts.push({ items: [], triage: [{ text: filename, why: `вложение: ${why}` }] });
    };
    if (kind === 'archive') problem('архивы не открываются, пришлите файл CSV или XLSX');
    else if (kind === 'evidence') {
      // Kept in the stored mail: the officer opens it there; nothing is read from it.
      parts.push({
        items: [],
        triage: [
          {
            text: filename,
            why: `вложение ${a.contentType.includes('pdf') || /\.pdf$/i.test(filename) ? 'PDF' : 'изображение'} — документ для инспектора (откройте в письме)`,
            attachment: { filename, contentType: a.contentType, size: a.size },
          },
        ],
      });
    } else if (kind === 'other') problem(`формат не поддерживается (${a.contentType})`);
    else if (a.size > settings.maxAttachmentBytes)
      problem(`больше ${Math.round(settings.maxAttachmentBytes / MB)} МБ — не прочитано`);
    else if (++tables > settings.maxAttachments) problem('слишком много вложений — не прочитано');
    else {
      try {
        if (kind === 'docx') {
          const text = await docxText(a.content, filename);
          const docx = extractFromText(text, { ...attachmentCtx, mailDate: date }, subject ?? '');
          parts.push(docx);
        } else {
          const rows = kind === 'csv' ? csvRows(a.content, filename) : await xlsxRows(a.content, filename);
          parts.push(extractFromRows(rows, attachmentCtx, `файл ${filename}`));
        }
      } catch (error) {
        problem(error instanceof AttachmentError ? error.message : 'не удалось прочитать');
      }
    }
  }

  // A forward is read only when the sender wrote nothing reportable themselves (ADR 0009).
  const fwd = split.forwarded;
  const ownSaidNothing =
    own.items.length === 0 && own.triage.length === 0 && parts.every((p) => p.items.length === 0);
  if (fwd && ownSaidNothing && fwd.text.trim()) {
    const fwdFrom = addressIn(fwd.from);
    const inner = extractFromText(fwd.text, { ...ctx, mailDate: forwardedDay(fwd.dateText, date) }, '');
    const sameWorksite =
      worksite !== undefined &&
      fwdFrom !== null &&
      worksite.administrators.some((a) => a.toLowerCase() === fwdFrom);
    if (sameWorksite || (fwdFrom !== null && fwdFrom === from)) parts.push(inner);
    else {
      parts.push({
        items: [],
        triage: [
          ...inner.items.map(
            (item): TriageEntry => ({
              text: item.source,
              why: 'пересланное сообщение от другого отправителя',
              guess: item,
            }),
          ),
          ...inner.triage,
        ],
      });
    }
  }

  const result = merge(...parts);
  if (result.items.length === 0 && result.triage.length === 0) {
    const text = (split.own || subject || '').trim();
    result.triage.push({
      text: text.slice(0, 500) || '(пустое письмо)',
      why: text ? 'сведений о неявках или часах не найдено' : 'пустое письмо',
    });
  }
  return {
    ...envelope,
    items: result.items,
    triage: result.triage,
    attachmentProblems,
    autoReply: false,
  };
}

function headerValues(lines: HeaderLines, key: string): string[] {
  return lines.filter((l) => l.key === key).map((l) => l.line.replace(/^[^:]+:\s*/, ''));
}

async function pickWorksite(options: ParseOptions, from: string | null): Promise<Worksite | undefined> {
  if (options.worksiteId) return options.registry?.find((w) => w.id === options.worksiteId);
  if (!from) return undefined;
  if (options.lookup) return worksiteOfSender(await options.lookup(from), from);
  return options.registry ? worksiteOfSender(options.registry, from) : undefined;
}

/** The public `uii notice parse --json` shape. */
export function noticeJson(n: ParsedNotice) {
  return {
    from: n.from,
    authenticated: n.authenticated,
    items: n.items.map((i: NoticeItem) => ({
      kind: i.kind,
      person: { name: i.person.name, caseId: i.person.caseId },
      date: i.date,
      hours: i.hours,
      outcome: i.outcome,
      reasonText: i.reasonText,
      confidence: i.confidence,
    })),
    triage: n.triage.map((t) => ({ text: t.text, why: t.why })),
  };
}
