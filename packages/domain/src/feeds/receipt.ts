import type { AlertJob } from '../alerts/alert-job';
import { countRu, plural } from '../text/plural';
import { FEED_COLUMNS } from '../vacancies/columns';
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
  /** This feed replaced another one of the same month, received then (ISO). */
  replacedReceivedAt?: string;
  /** Records the file's envelope says it holds (`meta.total`), when it says so. */
  declaredTotal?: number;
}

const count = (n: number, one: string, few: string, many: string) => countRu(n, [one, few, many]);

/** `2026-11` → `11.2026`; an ISO time → `ДД.ММ.ГГГГ` in Moscow time. */
const monthRu = (month: string) => `${month.slice(5, 7)}.${month.slice(0, 4)}`;
function dateRu(iso: string): string {
  const moscow = new Date(Date.parse(iso) + 3 * 3600_000).toISOString();
  return `${moscow.slice(8, 10)}.${moscow.slice(5, 7)}.${moscow.slice(0, 4)}`;
}

const LABELS = new Map(
  FEED_COLUMNS.flatMap((c) => {
    const russian = c.aliases.find((a) => /[а-яё]/i.test(a));
    return russian ? [[c.path, russian.charAt(0).toUpperCase() + russian.slice(1)] as const] : [];
  }),
);

/** What the clerk calls the field: their own column header when the reader knew it, else a Russian name. */
export function fieldLabel(e: Pick<RowError, 'field' | 'column'>): string {
  if (e.column) return e.column;
  if (e.field === '(файл)' || e.field === '(запись)') return e.field.slice(1, -1);
  const path = e.field.replace(/\[(\d+)\]/g, '.$1');
  return LABELS.get(path) ?? LABELS.get(path.replace(/\.\d+(\.|$)/, '.0$1')) ?? e.field;
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

/** The attachment the receipt names: the same name in the text and on the file. */
const errorsFileName = (o: Pick<FeedOutcome, 'serviceId' | 'month'>) =>
  `errors-${o.serviceId}-${o.month}.csv`;

function summaryLines(o: FeedOutcome): string[] {
  const lines = [
    `Файл: ${o.fileName}`,
    `Месяц: ${monthRu(o.month)}, получена ${dateRu(o.receivedAt)}`,
    `Всего записей: ${o.total}`,
    `Принято вакансий: ${o.accepted}`,
    `Отклонено записей: ${o.rejected}`,
    `Повторы (одна вакансия несколько раз, учтена последняя по дате изменения): ${o.duplicates}`,
  ];
  if (o.repeated) lines.push('Этот файл уже был принят ранее; повторная загрузка ничего не изменила.');
  if (o.replacedReceivedAt && !o.repeated)
    lines.push(
      `Внимание: эта лента заменила ленту за ${monthRu(o.month)}, полученную ${dateRu(o.replacedReceivedAt)}; действуют только вакансии из этого файла.`,
    );
  if (o.declaredTotal !== undefined && o.declaredTotal > o.total)
    lines.push(
      `Внимание: в файле указано ${count(o.declaredTotal, 'запись', 'записи', 'записей')}, а получено ${o.total}. Возможно, выгрузка неполная.`,
    );
  if (o.truncated)
    lines.push('Внимание: файл обрывается; записи до места обрыва приняты. Загрузите файл целиком ещё раз.');
  if (o.headerOnly) lines.push('В файле только строка заголовка: вакансий нет.');
  if (o.ignoredColumns.length) lines.push(`Не использованы столбцы: ${o.ignoredColumns.join(', ')}`);
  return lines;
}

/** The receipt email: subject, plain text and HTML (Russian), first 50 errors in the body. */
export function feedReceiptContent(o: FeedOutcome): { subject: string; text: string; html: string } {
  const who = oneLine(o.serviceName ?? o.serviceId);
  const vacancies = count(o.accepted, 'вакансия', 'вакансии', 'вакансий');
  const rejected = `${count(o.rejected, 'запись', 'записи', 'записей')} ${plural(o.rejected, ['отклонена', 'отклонены', 'отклонено'])}`;
  const subject =
    o.rejected > 0 || o.truncated
      ? `Лента вакансий за ${monthRu(o.month)} принята частично: ${vacancies}, ${rejected} — ${who}`
      : `Лента вакансий за ${monthRu(o.month)} принята: ${vacancies} — ${who}`;
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
          `Ошибки (первые ${shown.length}; полный список — во вложении ${errorsFileName(o)}):`,
          ...shown.map((e) => `  ${rowLabel(e)}, «${fieldLabel(e)}»: ${e.message}`),
          ...(more > 0 ? [`  … и ещё ${more}`] : []),
        ]
      : ['Ошибок нет.']),
    '',
    'Исправленные записи можно прислать в следующей загрузке: она заменит эту ленту целиком.',
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
      ? `<p>Ошибки (первые ${shown.length}; полный список — во вложении ${escapeHtml(errorsFileName(o))}):</p>` +
        '<table border="1" cellpadding="4" cellspacing="0"><tr><th>Строка</th><th>Столбец</th><th>Ошибка</th></tr>' +
        shown
          .map(
            (e) =>
              `<tr><td>${e.row === 0 ? 'весь файл' : e.row}</td><td>${escapeHtml(fieldLabel(e))}</td><td>${escapeHtml(e.message)}</td></tr>`,
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
 * One CSV cell for Excel. Text that Excel would run as a formula (starting with = + - @, tab or
 * CR — OWASP's list) gets a leading apostrophe, so a hostile value in a feed stays text.
 */
export function csvCell(s: string | number): string {
  if (typeof s === 'number') return String(s);
  const t = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r\t]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

/** All errors as CSV for Excel: UTF-8 with BOM, `;` separator, header in Russian, the clerk's column names. */
export function errorsCsv(errors: readonly RowError[]): string {
  const lines = [
    'строка;столбец;ошибка',
    ...errors.map((e) => [e.row, fieldLabel(e), e.message].map(csvCell).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The AlertJob for a receipt; its id depends on the content so a repeated upload is mailed once,
 * and on the feed it replaced: the same file sent again after another one (A, B, A) replaces B
 * and gets its own receipt saying so.
 */
export function feedReceiptJob(
  o: FeedOutcome,
  to: string[],
  attachment: { contentBase64: string } | { s3Key: string } | undefined,
): AlertJob {
  const { subject, text, html } = feedReceiptContent(o);
  return {
    id: `feed-receipt:${o.serviceId}:${o.month}:${o.hash.slice(0, 32)}${
      o.replacedReceivedAt && !o.repeated ? `:after:${o.replacedReceivedAt}` : ''
    }`,
    kind: 'feed.receipt',
    audience: 'employment_service',
    to,
    subject,
    text,
    html,
    attachments: attachment
      ? [
          {
            filename: errorsFileName(o),
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
    'Исправьте файл и загрузите его снова (той же ссылкой загрузки или командой uii feed upload).',
    '',
    'Это письмо отправлено автоматически.',
  ].join('\n');
  return {
    id: `feed-refused:${input.serviceId}:${input.uploadId}`,
    kind: 'feed.refused',
    audience: 'employment_service',
    to: input.to,
    subject: `Лента вакансий не принята: ${oneLine(input.fileName)} — ${who}`,
    text,
    html: `<!doctype html><html lang="ru"><body><p>Здравствуйте!</p><p>Файл «${escapeHtml(input.fileName)}» от «${escapeHtml(who)}» <b>не принят</b>: ${escapeHtml(input.reason)}</p><p>Исправьте файл и загрузите его снова.</p></body></html>`,
  };
}

/** An upload under a prefix no registered service owns: the operator decides (register, or delete). */
export function feedStrayJob(input: {
  prefixId: string | undefined;
  bucket: string;
  key: string;
  size: number;
  eTag: string;
  receivedAt: string;
  to: string[];
}): AlertJob {
  const where = input.prefixId ? `«${input.prefixId}»` : 'без папки службы';
  const text = [
    `В хранилище загружен файл ленты вакансий от незарегистрированной службы занятости (${where}).`,
    `Получен: ${dateRu(input.receivedAt)}, размер: ${count(input.size, 'байт', 'байта', 'байт')}.`,
    `Объект: s3://${input.bucket}/${input.key}`,
    '',
    'Файл не обработан и не удалён. Если служба настоящая, зарегистрируйте её и загрузите файл снова;',
    'если нет — удалите объект и проверьте, кто имеет право загрузки.',
  ].join('\n');
  return {
    id: `feed-stray:${input.eTag || input.key}`,
    kind: 'feed.unregistered',
    audience: 'supervisor',
    to: input.to,
    subject: `Лента от незарегистрированной службы ${where}`,
    text,
  };
}
