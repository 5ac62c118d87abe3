import { ruDate } from '../calendar/dates';
import { ruleWords } from '../deadlines/rule-words';
import { RULES } from '../deadlines/rules';
import { placeRules } from '../places/rule';
import type { AlertJob } from './alert-job';
import { oneLine } from './deadline-message';
import { alertKindRu, audienceRu } from './kind-names';
import { renderMail } from './render';

/** What the audit trail knows of the alert that bounced (AuditItem fields, all but the key optional). */
export interface BouncedAlert {
  jobId: string;
  alertKey: string;
  kind: string;
  audience?: string;
  caseId?: string;
  rule?: string;
  /** The deadline's last day (YYYY-MM-DD), when the alert was about a term. */
  due?: string;
  officerId?: string;
  /** The officer's name, when the directory has one. */
  officerName?: string;
  inspectionId?: string;
}

type Lang = 'ru' | 'en';

/**
 * What a mail was, in English words (Russian: `alertKindRu`, kind-names.ts): never the raw
 * kind. Prefix match, the longest first.
 */
const KIND_WORDS_EN: Record<string, string> = {
  'deadline.first': 'the first alert of a term',
  'deadline.reminder': 'a deadline reminder',
  'deadline.overdue': 'an overdue-term alert',
  'deadline.escalation': 'the head’s alert of a missed term',
  'deadline.met': 'the cancellation of a calendar event (term met)',
  'deadline.group': 'urgent alerts of a case in one mail',
  deadline: 'a deadline alert',
  'digest.daily': 'the officer’s daily digest',
  'digest.head': 'the head’s digest',
  'feed.receipt': 'a vacancy feed receipt',
  'feed.refused': 'a vacancy feed refusal',
  'feed.unregistered': 'a notice of a feed from an unregistered service',
  'feed.missing': 'a missing-feed reminder',
  'mail.ack': 'an acknowledgment of a mail',
  'mail.auth_failed': 'a reply to a sender whose mail failed authentication',
  'mail.list_expired': 'a reply to a mail about an expired list',
  'match.shortlist': 'a vacancy shortlist',
  'match.referral_list': 'a referral list to the employment service',
  'place.proposal': 'a proposal of places of work',
  'place.receipt': 'a receipt for a list of places',
  'place.decision': 'a decision on proposed places',
  'place.remarks': 'a reminder to fix remarks on places',
  'place.refused': 'a refusal of a proposal of places',
  'place.expiry': 'a notice that agreed places expire',
  'place.expired': 'a notice that agreed places expired',
  'place.assignment': 'a worksite’s notice of an assigned convict',
  'agreement.expiry': 'a notice that an agreement expires',
  'delivery.bounced': 'a bounce notice',
};

export function kindWords(kind: string, lang: Lang): string {
  if (lang === 'ru') return alertKindRu(kind);
  const key = Object.keys(KIND_WORDS_EN)
    .filter((k) => kind === k || kind.startsWith(`${k}.`))
    .sort((a, b) => b.length - a.length)[0];
  return key ? KIND_WORDS_EN[key]! : 'a uii-connect message';
}

const AUDIENCE = {
  ru: {
    officer: 'инспектор',
    supervisor: 'начальник УИИ',
    partner: 'орган местного самоуправления',
    worksite: 'объект (работодатель)',
    employment_service: 'центр занятости',
  },
  en: {
    officer: 'officer',
    supervisor: 'head of the inspection',
    partner: 'municipality',
    worksite: 'worksite (employer)',
    employment_service: 'employment service',
  },
} as const;

/** «инспектор officer-7 (Петров П. П.)», «начальник УИИ», … (`ruTo`: «инспектору …», kind-names.ts). */
function whoseMail(alert: BouncedAlert, form: Lang | 'ruTo'): string | undefined {
  const words =
    form === 'ruTo'
      ? {
          ...AUDIENCE.ru,
          officer: audienceRu('officer'),
          ...(alert.audience ? { [alert.audience]: audienceRu(alert.audience) } : {}),
        }
      : AUDIENCE[form];
  const role = words[alert.audience as keyof typeof words] as string | undefined;
  if (alert.audience === 'officer' || (!role && alert.officerId)) {
    const id = alert.officerId ? ` ${oneLine(alert.officerId)}` : '';
    const name = alert.officerName ? ` (${oneLine(alert.officerName)})` : '';
    return `${words.officer}${id}${name}`;
  }
  return role;
}

function ruleTitle(id: string | undefined, lang: Lang): string | undefined {
  if (!id) return undefined;
  const rule = RULES.find((r) => r.id === id) ?? placeRules().find((r) => r.id === id);
  return rule ? `${id} — ${ruleWords(rule, lang).title}` : oneLine(id);
}

const TEXT = {
  ru: {
    footer: 'Сообщение uii-connect для руководителя УИИ. Отвечать на него не нужно.',
    subject: (addr: string, about: string) => `Не доставлено письмо на ${addr}${about ? `: ${about}` : ''}`,
    more: (n: number) => ` и ещё ${n}`,
    lead: (addrs: string, who: string | undefined, what: string) =>
      `Письмо на ${addrs}${who ? ` (${who})` : ''} не доставлено: почтовый сервер получателя отклонил адрес (постоянный отказ). Что это было: ${what}. Адрес отмечен как недоставляемый: следующие письма на него не отправляются.`,
    due: (d: string) => `последний день ${d}`,
    caseWord: 'дело',
    labels: {
      to: 'Не доставлено на',
      who: 'Получатель',
      case: 'Дело',
      rule: 'Правило',
      due: 'Срок',
      kind: 'Что это было',
      todo: 'Что сделать',
    },
    todo: (who: string | undefined, due: string | undefined) =>
      `проверьте и исправьте адрес в справочнике${
        due
          ? ` и сообщите ${who ?? 'ответственному сотруднику'} о сроке (${due}) другим способом — по телефону или лично`
          : who
            ? `; если письмо важно — свяжитесь с получателем (${who}) другим способом`
            : ''
      }.`,
    admin: (key: string) => `Для администратора: ключ уведомления ${key}`,
    banner: 'Недоставка · uii-connect',
  },
  en: {
    footer: 'uii-connect message for the head of the inspection. No reply needed.',
    subject: (addr: string, about: string) => `Mail to ${addr} not delivered${about ? `: ${about}` : ''}`,
    more: (n: number) => ` and ${n} more`,
    lead: (addrs: string, who: string | undefined, what: string) =>
      `The mail to ${addrs}${who ? ` (${who})` : ''} was not delivered: the recipient’s mail server refused the address (permanent bounce). It was ${what}. The address is marked undeliverable: further mail to it is not sent.`,
    due: (d: string) => `last day ${d}`,
    caseWord: 'case',
    labels: {
      to: 'Not delivered to',
      who: 'Recipient',
      case: 'Case',
      rule: 'Rule',
      due: 'Term',
      kind: 'What it was',
      todo: 'What to do',
    },
    todo: (who: string | undefined, due: string | undefined) =>
      `check and correct the address in the directory${
        due
          ? ` and tell the ${who ?? 'officer in charge'} of the term (${due}) another way — by phone or in person`
          : who
            ? `; if the mail matters, reach the recipient (${who}) another way`
            : ''
      }.`,
    admin: (key: string) => `For the administrator: alert key ${key}`,
    banner: 'Not delivered · uii-connect',
  },
} as const;

/**
 * The head's notice that a mail could not be delivered (a permanent bounce): to which address
 * and whose mail it was, what it was (in words), and — for a deadline alert — the rule with its
 * title and the last day, so the head can pass the term on another way. The alert key is only
 * in a small line for the administrator. In the head's directory language (Russian by default).
 */
export function bounceNotice(
  alert: BouncedAlert,
  to: string[],
  bouncedAddresses: string[],
  lang: Lang = 'ru',
): AlertJob {
  const L = TEXT[lang];
  const addresses = [...new Set(bouncedAddresses.map((a) => oneLine(a.toLowerCase())))].sort();
  const who = whoseMail(alert, lang);
  const whom = whoseMail(alert, lang === 'en' ? 'en' : 'ruTo');
  const due = alert.due ? L.due(ruDate(alert.due)) : undefined;
  const what = kindWords(alert.kind, lang);
  const caseId = alert.caseId ? oneLine(alert.caseId) : undefined;
  const about = [alert.rule ? oneLine(alert.rule) : undefined, due].filter(Boolean).join(', ');
  const subjectAbout = [about || what, caseId ? `${L.caseWord} ${caseId}` : undefined]
    .filter(Boolean)
    .join(' — ');
  const first = addresses[0] ?? '?';
  const subject = oneLine(
    L.subject(`${first}${addresses.length > 1 ? L.more(addresses.length - 1) : ''}`, subjectAbout),
  );
  const view = {
    title: subject,
    lead: L.lead(addresses.join(', '), who, caseId ? `${what} (${L.caseWord} ${caseId})` : what),
    facts: [
      { label: L.labels.to, value: addresses.join(', ') },
      ...(who ? [{ label: L.labels.who, value: who }] : []),
      ...(caseId ? [{ label: L.labels.case, value: caseId }] : []),
      ...(alert.rule ? [{ label: L.labels.rule, value: ruleTitle(alert.rule, lang)! }] : []),
      ...(due ? [{ label: L.labels.due, value: due }] : []),
      { label: L.labels.kind, value: what },
    ],
    todoLabel: L.labels.todo,
    todo: L.todo(whom, due),
    admin: L.admin(alert.alertKey),
    footer: L.footer,
  };
  return {
    id: `bounce:${alert.alertKey}`,
    kind: 'delivery.bounced',
    audience: 'supervisor',
    to,
    subject,
    ...renderMail(
      'bounce',
      { lang, title: subject, banner: L.banner, accent: '#b3261e', footer: L.footer },
      view,
    ),
    caseId: alert.caseId,
    rule: alert.rule,
    inspectionId: alert.inspectionId,
    lang,
    reason: `недоставка уведомления ${alert.alertKey}`,
  };
}
