import type { AuditItem } from '@uii/aws/audit-store';
import { alertKindRu, audienceRu, ruDate } from '@uii/domain';
import type { Command } from 'commander';
import { group, output, UsageError } from '../program';
import { localTimeRu } from './local-time';

/**
 * `uii alerts list`: the audit trail of alerts — who was told (audience, domains), what (kind,
 * rule, case), when, why, the SES message id and the delivery status (ADR 0019). Never the
 * body, the subject or a full address: the trail holds none of them.
 */

export const STATUS_RU: Record<string, string> = {
  claimed: 'отправляется',
  sent: 'отправлено',
  delivered: 'доставлено',
  bounced: 'не доставлено (возврат)',
  complained: 'жалоба получателя',
  rejected: 'отклонено SES',
  suppressed: 'не отправлено (адрес в стоп-листе)',
  digest: 'в ежедневной сводке',
  not_needed: 'не нужно (событие календаря не отправлялось)',
};

/** `2026-03-01` or `01.03.2026` → `2026-03-01`; anything else is a usage error. */
export function parseDay(value: string, flag: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : ru ? [ru[3], ru[2], ru[1]] : [];
  const day = y ? `${y}-${m}-${d}` : '';
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!day || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day)
    throw new UsageError(
      `${flag}: «${value}» — не дата; нужна ГГГГ-ММ-ДД или ДД.ММ.ГГГГ / not a date (YYYY-MM-DD or DD.MM.YYYY)`,
    );
  return day;
}

/**
 * Each row's time zone: its inspection's (the job's, else its case's), Moscow when the
 * inspection has none set; undefined (said as UTC) when the inspection is not known.
 */
async function zonesOf(table: string, items: readonly AuditItem[]): Promise<(string | undefined)[]> {
  const { DirectoryStore } = await import('@uii/aws/directory-store');
  const { CaseStore } = await import('@uii/aws/case-store');
  const { DEFAULT_TIME_ZONE } = await import('@uii/domain');
  const { inspections } = await new DirectoryStore(table).listDirectory();
  const zone = new Map(
    inspections.map((i) => [String(i.id), typeof i.timeZone === 'string' ? i.timeZone : DEFAULT_TIME_ZONE]),
  );
  const caseIds = [...new Set(items.filter((i) => !i.inspectionId && i.caseId).map((i) => i.caseId!))];
  const cases = caseIds.length ? await new CaseStore(table).getCases(caseIds) : new Map();
  return items.map((i) => {
    const inspection = i.inspectionId ?? (i.caseId ? cases.get(i.caseId)?.case.inspectionId : undefined);
    return inspection ? zone.get(inspection) : undefined;
  });
}

/** The local stack's table and clock when `npm start` runs, else TABLE_NAME and the real clock. */
export async function openTable(): Promise<{ table: string; now: Date; local: boolean }> {
  const { control, localRuntime } = await import('@uii/local/client');
  const info = localRuntime();
  if (info) {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = info.endpoints.dynamodb;
    process.env.AWS_ENDPOINT_URL_SQS = info.endpoints.sqs;
    process.env.AWS_ENDPOINT_URL_S3 = info.endpoints.s3;
    process.env.AWS_REGION = info.region;
    process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
    const clock = await control<{ now: string }>(info, 'GET', '/clock').catch(() => ({
      now: new Date().toISOString(),
    }));
    return { table: info.env.TABLE_NAME ?? 'main', now: new Date(clock.now), local: true };
  }
  if (process.env.TABLE_NAME) return { table: process.env.TABLE_NAME, now: new Date(), local: false };
  throw new UsageError(
    'нет локального стенда (запустите npm start) и не задан TABLE_NAME / no local stack and no TABLE_NAME',
  );
}

export interface AlertRow {
  at: string;
  jobId: string;
  kind: string;
  audience: string;
  caseId?: string;
  rule?: string;
  reason?: string;
  recipientDomains: string[];
  recipientCount: number;
  status: string;
  sesMessageId?: string;
  sentAt?: string;
  deliveredAt?: string;
  bouncedAt?: string;
  attempts: number;
}

export const rowOf = (i: AuditItem): AlertRow => ({
  at: i.firstClaimedAt,
  jobId: i.jobId,
  kind: i.kind,
  audience: i.audience,
  caseId: i.caseId,
  rule: i.rule,
  reason: i.reason,
  recipientDomains: i.recipientDomains,
  recipientCount: i.recipientCount,
  status: i.status,
  sesMessageId: i.sesMessageId || undefined,
  sentAt: i.sentAt,
  deliveredAt: i.deliveredAt,
  bouncedAt: i.bouncedAt,
  attempts: i.attempts,
});

export function register(program: Command): void {
  const alerts = group(program, 'alerts', 'уведомления: журнал отправки / alerts: the audit trail');
  alerts
    .command('list')
    .description('кому, что, когда, почему, id SES и статус доставки / who was told what, when, why, status')
    .option('--case <id>', 'только по делу / one case only')
    .option(
      '--since <date>',
      'с даты (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ), по умолчанию 30 дней / from a day, default 30 days',
    )
    .option('--bounced', 'только недоставленные (возврат, жалоба) / bounced and complained only')
    .option('--json', 'machine-readable output')
    .action(async (opts: { case?: string; since?: string; bounced?: boolean; json?: boolean }) => {
      const since = opts.since ? parseDay(opts.since, '--since') : undefined;
      if (opts.case !== undefined && !opts.case.trim())
        throw new UsageError('--case: пустой номер дела / empty case id');
      const { table, now } = await openTable();
      const { AuditStore } = await import('@uii/aws/audit-store');
      const from = since ?? new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
      const items = await new AuditStore(table).since(from, now);
      const kept = items
        .filter((i) => !opts.case || i.caseId === opts.case)
        .filter((i) => !opts.bounced || i.status === 'bounced' || i.status === 'complained');
      const rows = kept.map(rowOf);
      const zones = opts.json || !kept.length ? [] : await zonesOf(table, kept);
      const what = `${opts.bounced ? 'Недоставленных уведомлений' : 'Уведомлений'}${opts.case ? ` по делу ${opts.case}` : ''}`;
      output(opts.json, { since: from, alerts: rows }, () =>
        rows.length
          ? [
              `${opts.bounced ? 'Недоставленные уведомления' : 'Уведомления'}${opts.case ? ` по делу ${opts.case}` : ''} с ${ruDate(from)}: ${rows.length}`,
              ...rows.map(
                (r, n) =>
                  `  ${localTimeRu(r.at, zones[n])}  ${STATUS_RU[r.status] ?? r.status.replace(/_/g, ' ')}  ${alertKindRu(r.kind, r.rule)}` +
                  `${r.caseId ? `  дело ${r.caseId}` : ''}${r.rule ? `  ${r.rule}` : ''}` +
                  `  → ${audienceRu(r.audience)} (${r.recipientDomains.join(', ')})` +
                  `${r.reason ? `\n      почему: ${r.reason}` : ''}` +
                  `${r.sesMessageId ? `\n      SES ${r.sesMessageId}` : ''}`,
              ),
              ...(zones.some((z) => !z)
                ? ['  (UTC — время указано по UTC: не известно, какой инспекции адресовано уведомление)']
                : []),
            ].join('\n')
          : `${what} с ${ruDate(from)} нет`,
      );
    });
}
