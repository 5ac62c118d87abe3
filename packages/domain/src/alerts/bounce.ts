import type { AlertJob } from './alert-job';
import { renderMail } from './render';

export interface BouncedAlert {
  jobId: string;
  alertKey: string;
  kind: string;
  caseId?: string;
  rule?: string;
  inspectionId?: string;
}

const TEXT = {
  ru: {
    footer: 'Сообщение uii-connect для руководителя УИИ. Отвечать на него не нужно.',
    what: (a: BouncedAlert) =>
      a.caseId ? `по делу ${a.caseId}${a.rule ? ` (${a.rule})` : ''}` : `«${a.kind}»`,
    subject: (what: string) => `Письмо не доставлено: ${what}`,
    lead: (what: string, domains: string[]) =>
      `Уведомление ${what} не доставлено: почтовый сервер ${domains.map((d) => `домена ${d}`).join(', ')} отклонил адрес (постоянный отказ). Адрес отмечен как недоставляемый; следующие письма на него не дойдут.`,
    labels: {
      case: 'Дело',
      rule: 'Правило',
      kind: 'Вид уведомления',
      id: 'Идентификатор',
      todo: 'Что сделать',
    },
    todo: 'проверьте адрес получателя в справочнике и сообщите ответственному сотруднику о сроке другим способом (телефон, лично).',
    banner: 'Недоставка · uii-connect',
  },
  en: {
    footer: 'uii-connect message for the head of the inspection. No reply needed.',
    what: (a: BouncedAlert) =>
      a.caseId ? `on case ${a.caseId}${a.rule ? ` (${a.rule})` : ''}` : `«${a.kind}»`,
    subject: (what: string) => `Mail not delivered: ${what}`,
    lead: (what: string, domains: string[]) =>
      `The alert ${what} was not delivered: the mail server of ${domains.map((d) => `the domain ${d}`).join(', ')} refused the address (permanent bounce). The address is marked undeliverable; further mail to it will not arrive.`,
    labels: { case: 'Case', rule: 'Rule', kind: 'Alert kind', id: 'Identifier', todo: 'What to do' },
    todo: 'check the recipient’s address in the directory and tell the officer in charge of the term another way (phone, in person).',
    banner: 'Not delivered · uii-connect',
  },
} as const;

/**
 * The head's notice that an alert could not be delivered (a permanent bounce). It names the
 * case, the rule and the domain that refused, never the person or the full address. In the
 * head's directory language (Russian by default).
 */
export function bounceNotice(
  alert: BouncedAlert,
  to: string[],
  bouncedAddresses: string[],
  lang: 'ru' | 'en' = 'ru',
): AlertJob {
  const L = TEXT[lang];
  const domains = [...new Set(bouncedAddresses.map((a) => a.slice(a.lastIndexOf('@') + 1)))].sort();
  const what = L.what(alert);
  const subject = L.subject(what);
  const view = {
    title: subject,
    lead: L.lead(what, domains),
    facts: [
      ...(alert.caseId ? [{ label: L.labels.case, value: alert.caseId }] : []),
      ...(alert.rule ? [{ label: L.labels.rule, value: alert.rule }] : []),
      { label: L.labels.kind, value: alert.kind },
      { label: L.labels.id, value: alert.alertKey },
    ],
    todoLabel: L.labels.todo,
    todo: L.todo,
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
