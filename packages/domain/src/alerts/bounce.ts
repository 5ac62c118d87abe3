import type { AlertJob } from './alert-job';

export interface BouncedAlert {
  jobId: string;
  alertKey: string;
  kind: string;
  caseId?: string;
  rule?: string;
  inspectionId?: string;
}

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
  const text = [
    `Уведомление ${what} не доставлено: почтовый сервер ${domains.map((d) => `домена ${d}`).join(', ')} отклонил адрес (постоянный отказ).`,
    '',
    'Адрес отмечен как недоставляемый; следующие письма на него не дойдут.',
    'Что сделать: проверьте адрес получателя в справочнике и сообщите ответственному сотруднику о сроке другим способом.',
    '',
    `Идентификатор уведомления: ${alert.alertKey}. Сообщение uii-connect.`,
  ].join('\n');
  return {
    id: `bounce:${alert.alertKey}`,
    kind: 'delivery.bounced',
    audience: 'supervisor',
    to,
    subject,
    text,
    caseId: alert.caseId,
    rule: alert.rule,
    inspectionId: alert.inspectionId,
    reason: `недоставка уведомления ${alert.alertKey}`,
  };
}
