import type { AlertJob } from './alert-job';
import { renderPage, renderText } from './render';

export interface BouncedAlert {
  jobId: string;
  alertKey: string;
  kind: string;
  caseId?: string;
  rule?: string;
  inspectionId?: string;
}

const FOOTER = 'Сообщение uii-connect для руководителя УИИ. Отвечать на него не нужно.';

/**
 * The head's notice that an alert could not be delivered (a permanent bounce). It names the
 * case, the rule and the domain that refused, never the person or the full address.
 */
export function bounceNotice(alert: BouncedAlert, to: string[], bouncedAddresses: string[]): AlertJob {
  const domains = [...new Set(bouncedAddresses.map((a) => a.slice(a.lastIndexOf('@') + 1)))].sort();
  const what = alert.caseId
    ? `по делу ${alert.caseId}${alert.rule ? ` (${alert.rule})` : ''}`
    : `«${alert.kind}»`;
  const subject = `Письмо не доставлено: ${what}`;
  const view = {
    title: subject,
    lead: `Уведомление ${what} не доставлено: почтовый сервер ${domains.map((d) => `домена ${d}`).join(', ')} отклонил адрес (постоянный отказ). Адрес отмечен как недоставляемый; следующие письма на него не дойдут.`,
    facts: [
      ...(alert.caseId ? [{ label: 'Дело', value: alert.caseId }] : []),
      ...(alert.rule ? [{ label: 'Правило', value: alert.rule }] : []),
      { label: 'Вид уведомления', value: alert.kind },
      { label: 'Идентификатор', value: alert.alertKey },
    ],
    todo: 'проверьте адрес получателя в справочнике и сообщите ответственному сотруднику о сроке другим способом (телефон, лично).',
    footer: FOOTER,
  };
  return {
    id: `bounce:${alert.alertKey}`,
    kind: 'delivery.bounced',
    audience: 'supervisor',
    to,
    subject,
    text: renderText('bounce.text', view),
    html: renderPage(
      { lang: 'ru', title: subject, banner: 'Недоставка · uii-connect', accent: '#b3261e', footer: FOOTER },
      'bounce.html',
      view,
    ),
    caseId: alert.caseId,
    rule: alert.rule,
    inspectionId: alert.inspectionId,
    reason: `недоставка уведомления ${alert.alertKey}`,
  };
}
