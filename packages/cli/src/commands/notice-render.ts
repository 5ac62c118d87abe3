import type { QuarantineRecord, TriageRecord } from '@uii/aws/mail-store';
import { outcomeByCode, ruDate } from '@uii/domain';
import type { ParsedNotice } from '@uii/mail';
import { localTimeRu } from './local-time';

export function renderNotice(n: ParsedNotice): string {
  const lines = [
    `От / from: ${n.from ?? '—'}`,
    `Подлинность / authenticated: ${n.authenticated ? 'да / yes' : 'нет / no'} (${n.authentication.reason})`,
    `Объект / worksite: ${n.worksite ? `${n.worksite.name} (${n.worksite.id})` : 'не определён / none (matching by name only)'}`,
    `Дата письма / mail date: ${n.date ? ruDate(n.date) : '—'}`,
    '',
    `Записи / items: ${n.items.length}`,
  ];
  for (const i of n.items) {
    const what =
      i.kind === 'hours'
        ? `${String(i.hours).replace('.', ',')} ч`
        : `${i.outcome ? outcomeByCode(i.outcome).name_ru.toLowerCase() : 'неявка, причина не указана'}${i.reasonText ? ` («${i.reasonText}»)` : ''}`;
    lines.push(
      `  • ${i.date ? ruDate(i.date) : 'дата не указана'} ${i.person.name ?? '?'}${i.person.caseId ? ` [${i.person.caseId}]` : ''}: ${what}  (уверенность ${String(Math.round(i.confidence * 100) / 100).replace('.', ',')})`,
    );
  }
  lines.push('', `На разбор / triage: ${n.triage.length}`);
  for (const t of n.triage) lines.push(`  • ${t.why}: «${t.text.replace(/\s+/g, ' ').slice(0, 160)}»`);
  return lines.join('\n');
}

export function renderQuarantine(rows: QuarantineRecord[]): string {
  if (rows.length === 0) return 'Карантин пуст / quarantine is empty';
  return rows
    .map(
      (r) =>
        `${localTimeRu(r.receivedAt, undefined)}  ${r.from ?? '—'}  «${r.subject ?? ''}»  ${r.why}  [${r.sesMessageId}]`,
    )
    .join('\n');
}

export function renderTriage(rows: TriageRecord[]): string {
  if (rows.length === 0) return 'Нет фрагментов на разбор / nothing to triage';
  return rows
    .map(
      (r) =>
        `${r.itemId}  ${r.worksiteId ?? '—'}  ${r.why}\n    «${r.text.replace(/\s+/g, ' ').slice(0, 200)}»` +
        (r.attachment && r.objectKey
          ? `\n    вложение / attachment: ${r.attachment.filename} в письме / in s3://${r.bucket ?? ''}/${r.objectKey}`
          : ''),
    )
    .join('\n');
}
