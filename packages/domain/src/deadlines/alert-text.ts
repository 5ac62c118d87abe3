import type { AlertJob } from '../alerts/alert-job';
import { ruDate } from '../calendar/dates';
import { countRu, DAYS, plural } from '../text/plural';
import { citation } from './citation';
import type { Deadline, Finding, PlannedAlert } from './engine';
import { type Rule, ruleFor } from './rules';

/** «1 день», «2 дня», «5 дней», «11 дней», «21 день». */
export const daysWord = (n: number): string => plural(n, DAYS);

/** «остался 1 день», «осталось 2 дня», «последний день — сегодня», «просрочен на 3 дня». */
export function daysLeftRu(left: number): string {
  if (left === 0) return 'последний день — сегодня';
  if (left < 0) return `просрочен на ${countRu(-left, DAYS)}`;
  const verb = left % 10 === 1 && left % 100 !== 11 ? 'остался' : 'осталось';
  return `${verb} ${countRu(left, DAYS)}`;
}

/** The subject's lead: it differs per stage and carries the days left. */
function stageRu(alert: PlannedAlert, left: number): string {
  const late = `просрочка ${countRu(-left, DAYS)}`;
  if (alert.kind === 'escalation') return `Пропущен срок инспекции (${late})`;
  if (alert.kind === 'overdue') return `Срок пропущен (${late})`;
  if (alert.kind === 'first') return `Начался срок (${daysLeftRu(left)})`;
  return left === 0 ? 'Последний день — сегодня' : `Напоминание (${daysLeftRu(left)})`;
}

export interface AlertRecipients {
  officer: string[];
  supervisor?: string[];
}

/**
 * The email for one planned alert, Russian first, quoting the legal source. The case is
 * named by its internal id only: no personal data goes into alert text.
 */
export function alertJobFor(
  caseId: string,
  alert: PlannedAlert,
  subject: Deadline | Finding,
  recipients: AlertRecipients,
  /** Earlier findings of the same rule folded into this alert (`alert.alsoDates`). */
  folded: readonly Finding[] = [],
): AlertJob | undefined {
  const to =
    alert.audience === 'supervisor' ? (recipients.supervisor ?? recipients.officer) : recipients.officer;
  if (to.length === 0) return undefined;
  const isDeadline = 'due' in subject;
  const rule = ruleFor(alert.rule, isDeadline ? subject.trigger : subject.date) as Rule;
  const lines: string[] = [];
  let title: string;
  if (isDeadline) {
    // Counted from the day the alert is for, never from the trigger.
    const left =
      alert.daysLeft ?? Math.round((Date.parse(subject.due) - Date.parse(alert.date)) / 86_400_000);
    title = `${stageRu(alert, left)}: ${rule.title_ru} — до ${ruDate(subject.due)}`;
    lines.push(
      `Дело ${caseId}: ${rule.title_ru}.`,
      `Основание: ${rule.trigger_ru}, ${ruDate(subject.trigger)}.`,
      `Срок: ${rule.duration?.days} ${rule.duration?.dayKind === 'working' ? 'рабочих' : 'календарных'} ${daysWord(rule.duration?.days ?? 0)}, последний день — ${ruDate(subject.due)} (${daysLeftRu(left)}).`,
    );
    if (alert.kind === 'overdue' || alert.kind === 'escalation')
      lines.push(`Последствие: ${rule.consequence_ru}.`);
  } else {
    title = `${rule.title_ru} — дело ${caseId}`;
    lines.push(
      `Дело ${caseId}, ${ruDate(subject.date)}: ${subject.message}.`,
      ...folded.map((f) => `Также ${ruDate(f.date)}: ${f.message}.`),
      `Что дальше: ${rule.consequence_ru}.`,
    );
  }
  lines.push(...legalFooterRu(rule));
  return {
    id: alert.id,
    kind: `deadline.${alert.kind}`,
    audience: alert.audience,
    to,
    subject: `[${rule.id}] ${title}`,
    text: lines.join('\n'),
    caseId,
    rule: rule.id,
    // A finding's words in both languages: alert-outbox writes it in the recipient's.
    ...(isDeadline
      ? {}
      : {
          finding: {
            date: subject.date,
            message: subject.message,
            ...(subject.message_en ? { messageEn: subject.message_en } : {}),
            ...(folded.length
              ? {
                  also: folded.map((f) => ({
                    date: f.date,
                    message: f.message,
                    ...(f.message_en ? { messageEn: f.message_en } : {}),
                  })),
                }
              : {}),
          },
        }),
    // Facts for alert-outbox's templates and calendar event (packages/domain/src/alerts).
    ...(isDeadline
      ? {
          deadline: {
            rule: rule.id,
            kind: alert.kind,
            trigger: subject.trigger,
            due: subject.due,
            asOf: alert.date,
          },
        }
      : {}),
  };
}

/**
 * The closing lines of every deadline mail: the legal source quoted (labelled when it is not
 * the law's own text), and the rule that sent it.
 */
export function legalFooterRu(rule: Pick<Rule, 'id' | 'source'>): string[] {
  return [
    '',
    `${citation(rule.source, 'ru')}: «${rule.source.text_ru}»`,
    '',
    `Правило ${rule.id}. Сообщение uii-connect.`,
  ];
}
