import type { AlertJob } from '../alerts/alert-job';
import type { RowError } from '../vacancies/errors';

/** The counts every account of a feed gives: the receipt, the summary record, `uii feed check`. */
export interface FeedCounts {
  format: string;
  encoding: string;
  total: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

/** Picks the counts out of a fuller report, in the order `uii feed check --json` prints them. */
export function feedCounts(from: FeedCounts): FeedCounts {
  const { format, encoding, total, accepted, rejected, duplicates } = from;
  return { format, encoding, total, accepted, rejected, duplicates };
}

/** What the intake learned about one uploaded feed; the receipt tells the uploader exactly this. */
export interface FeedOutcome extends FeedCounts {
  serviceId: string;
  serviceName?: string;
  fileName: string;
  /** The month the feed is for (YYYY-MM). */
  month: string;
  /** When the upload arrived (ISO). */
  receivedAt: string;
  errors: RowError[];
  errorsOmitted: number;
  truncated: boolean;
  headerOnly: boolean;
  ignoredColumns: string[];
  hash: string;
  /** The same content was already accepted for this month: nothing changed. */
  repeated?: boolean;
}

/** How many errors the body lists; all of them go in the attached CSV. */
export const RECEIPT_ERRORS_IN_BODY = 50;

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** A header value (a subject) on one line: a CR/LF in a name must not start a header of its own. */
const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ');

function rowLabel(e: RowError): string {
  return e.row === 0 ? 'весь файл' : `строка ${e.row}`;
}

function summaryLines(o: FeedOutcome): string[] {
  const lines = [
    `Файл: ${o.fileName} (${o.format}, ${o.encoding})`,
    `Месяц: ${o.month}`,
    `Всего записей: ${o.total}`,
    `Принято вакансий: ${o.accepted}`,
    `Отклонено записей: ${o.rejected}`,
    `Повторы (дубликаты id, учтена последняя по date_modify): ${o.duplicates}`,
  ];
  if (o.repeated) lines.push('Этот файл уже был принят ранее; повторная загрузка ничего не изменила.');
  if (o.truncated)
    lines.push('Внимание: файл обрывается; записи до места обрыва приняты. Загрузите файл целиком ещё раз.');
  if (o.headerOnly) lines.push('В файле только строка заголовка: вакансий нет.');
  if (o.ignoredColumns.length) lines.push(`Не использованы столбцы: ${o.ignoredColumns.join(', ')}`);
  return lines;
}

/** The receipt email: subject, plain text and HTML (Russian), first 50 errors in the body. */
export function feedReceiptContent(o: FeedOutcome): { subject: string; text: string; html: string } {
  const who = oneLine(o.serviceName ?? o.serviceId);
  const subject = `Лента вакансий за ${o.month} принята: ${o.accepted} вакансий, ${o.rejected} отклонено — ${who}`;
  const shown = o.errors.slice(0, RECEIPT_ERRORS_IN_BODY);
  const more = o.errors.length + o.errorsOmitted - shown.length;
  const text = [
    'Здравствуйте!',
    '',
    `УИИ получила ленту вакансий от «${who}».`,
    ...summaryLines(o),
    '',
    ...(shown.length
      ? [
          `Ошибки (первые ${shown.length}; полный список — во вложении errors.csv):`,
          ...shown.map((e) => `  ${rowLabel(e)}, поле ${e.field}: ${e.message}`),
          ...(more > 0 ? [`  … и ещё ${more}`] : []),
        ]
      : ['Ошибок нет.']),
    '',
    'Форматы и столбцы: docs/feeds.md (раздел «Для служб занятости»).',
    `Контрольная сумма файла (SHA-256): ${o.hash}`,
    '',
    'Это письмо отправлено автоматически.',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="ru"><body style="font-family:sans-serif">',
    '<p>Здравствуйте!</p>',
    `<p>УИИ получила ленту вакансий от «${escapeHtml(who)}».</p>`,
    `<ul>${summaryLines(o)
      .map((l) => `<li>${escapeHtml(l)}</li>`)
      .join('')}</ul>`,
    shown.length
      ? `<p>Ошибки (первые ${shown.length}; полный список — во вложении errors.csv):</p>` +
        '<table border="1" cellpadding="4" cellspacing="0"><tr><th>Строка</th><th>Поле</th><th>Ошибка</th></tr>' +
        shown
          .map(
            (e) =>
              `<tr><td>${e.row === 0 ? 'весь файл' : e.row}</td><td>${escapeHtml(e.field)}</td><td>${escapeHtml(e.message)}</td></tr>`,
          )
          .join('') +
        '</table>' +
        (more > 0 ? `<p>… и ещё ${more}</p>` : '')
      : '<p>Ошибок нет.</p>',
    `<p style="color:#666">Контрольная сумма файла (SHA-256): ${o.hash}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/**
 * One CSV cell. A text starting with = + - @, a tab or CR would run as a formula in Excel or
 * LibreOffice (CSV injection, OWASP): it gets a leading apostrophe, which shows it as text.
 */
const csvCell = (s: string | number) => {
  const raw = String(s);
  const t = typeof s === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[";\n\r]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
};

/** All errors as CSV for Excel: UTF-8 with BOM, `;` separator, header in Russian. */
export function errorsCsv(errors: readonly RowError[]): string {
  const lines = [
    'строка;поле;ошибка',
    ...errors.map((e) => [e.row, e.field, e.message].map(csvCell).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The AlertJob for a receipt; its id depends on the content so a repeated upload is mailed once. */
export function feedReceiptJob(
  o: FeedOutcome,
  to: string[],
  attachment: { contentBase64: string } | { s3Key: string } | undefined,
): AlertJob {
  const { subject, text, html } = feedReceiptContent(o);
  return {
    id: `feed-receipt:${o.serviceId}:${o.month}:${o.hash.slice(0, 32)}`,
    kind: 'feed.receipt',
    audience: 'employment_service',
    to,
    subject,
    text,
    html,
    attachments: attachment
      ? [
          {
            filename: `errors-${o.serviceId}-${o.month}.csv`,
            contentType: 'text/csv; charset=utf-8',
            ...attachment,
          },
        ]
      : undefined,
  };
}

/** A feed refused as a whole (empty, too large, unreadable): one clear reason. */
export function feedRefusalJob(input: {
  serviceId: string;
  serviceName?: string;
  fileName: string;
  reason: string;
  /** Identifies the upload (S3 ETag): the same upload is refused once. */
  uploadId: string;
  to: string[];
}): AlertJob {
  const who = oneLine(input.serviceName ?? input.serviceId);
  const text = [
    'Здравствуйте!',
    '',
    `Файл «${input.fileName}» от «${who}» не принят: ${input.reason}`,
    '',
    'Исправьте файл и загрузите его снова. Форматы и столбцы: docs/feeds.md.',
    '',
    'Это письмо отправлено автоматически.',
  ].join('\n');
  return {
    id: `feed-refused:${input.serviceId}:${input.uploadId}`,
    kind: 'feed.refused',
    audience: 'employment_service',
    to: input.to,
    subject: `Лента вакансий не принята — ${who}`,
    text,
    html: `<!doctype html><html lang="ru"><body><p>Здравствуйте!</p><p>Файл «${escapeHtml(input.fileName)}» от «${escapeHtml(who)}» <b>не принят</b>: ${escapeHtml(input.reason)}</p><p>Исправьте файл и загрузите его снова.</p></body></html>`,
  };
}
