import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventLineRu, type Worksite, WorksiteRegistry } from '@uii/domain';
import { type Command, InvalidArgumentError } from 'commander';
import { group, notJsonError, output, UsageError } from '../program';
import { caseIdArg } from './case-id';

/** Reads a worksite registry file (default `events/worksites.json`) for offline matching. */
export function readRegistry(file: string): Worksite[] {
  if (!existsSync(file)) throw new UsageError(`файл объектов не найден / no worksites file: ${file}`);
  let json: unknown;
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw notJsonError(file, text, error);
  }
  const parsed = WorksiteRegistry.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [row, ...field] = issue.path;
    const where =
      typeof row === 'number'
        ? `объект № ${row + 1}${field.length ? `, поле «${field.join(' → ')}»` : ''}`
        : 'файл целиком (нужен список объектов)';
    throw new UsageError(`${file}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}

/** `--hours 3,5` or `3.5`: a number of hours, or commander's invalid-argument error in words. */
function hoursArg(value: string): number {
  const n = Number(value.trim().replace(',', '.'));
  if (!value.trim() || !Number.isFinite(n)) throw new InvalidArgumentError('нужно число часов, например 3,5');
  return n;
}

const NOT_EML = 'не похоже на письмо: нужен файл .eml (в почте «Сохранить как» / «Показать оригинал»)';

/** A message starts with header lines (an mbox «From » line allowed) and names at least one we know. */
function looksLikeEml(raw: Buffer): boolean {
  const head = raw.subarray(0, 64 * 1024);
  if (head.includes(0)) return false; // a picture, an archive, a Word file
  const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const block = text.split(/\r?\n\r?\n/)[0]!.split(/\r?\n/);
  if (!/^(?:From |[A-Za-z][A-Za-z0-9-]*:)/.test(block[0] ?? '')) return false;
  return block.some((l) =>
    /^(?:from|to|date|subject|message-id|received|mime-version|return-path|content-type|delivered-to):/i.test(
      l,
    ),
  );
}

function readEml(file: string): Buffer {
  if (!existsSync(file)) throw new UsageError(`файл не найден / no such file: ${file}`);
  if (statSync(file).isDirectory()) throw new UsageError(`это каталог / is a directory: ${file}`);
  const raw = readFileSync(file);
  if (raw.length === 0) throw new UsageError(`файл пуст — ${NOT_EML} / empty file, not an email: ${file}`);
  if (!looksLikeEml(raw)) throw new UsageError(`${NOT_EML} / not an email message: ${file}`);
  return raw;
}

/**
 * The stack to talk to: the running local runtime (`.local/runtime.json`), else the usual AWS
 * configuration with TABLE_NAME / CASE_EVENTS_QUEUE_URL from the environment.
 */
export async function useStack(): Promise<{
  table: string;
  caseEventsQueueUrl: string | undefined;
  /** The stack's today (the local clock when a local stack runs). */
  today: string;
}> {
  const { control, localRuntime } = await import('@uii/local/client');
  const { today } = await import('@uii/domain');
  const info = localRuntime();
  if (info) {
    // The emulators' own settings (DynamoDB Local keeps data per access key and region).
    process.env.AWS_ENDPOINT_URL_DYNAMODB = info.endpoints.dynamodb;
    process.env.AWS_ENDPOINT_URL_SQS = info.endpoints.sqs;
    process.env.AWS_REGION = info.region;
    process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  }
  const table = info?.env.TABLE_NAME ?? process.env.TABLE_NAME;
  if (!table) {
    throw new UsageError('локальный стенд не запущен (`npm start`) и TABLE_NAME не задан / no stack to read');
  }
  const clock = info
    ? await control<{ today: string }>(info, 'GET', '/clock').catch(() => ({ today: today() }))
    : { today: today() };
  return {
    table,
    today: clock.today,
    caseEventsQueueUrl:
      info?.queueUrls['case-events'] ?? info?.env.CASE_EVENTS_QUEUE_URL ?? process.env.CASE_EVENTS_QUEUE_URL,
  };
}

export function register(program: Command): void {
  const notice = group(program, 'notice', 'сообщения с объектов (неявки, часы) / worksite notices');
  notice
    .command('parse')
    .description('разобрать письмо .eml без записи / parse a worksite mail offline, applying nothing')
    .argument('<file.eml>')
    .option('--worksite <id>', "match people against this worksite's assigned cases")
    .option(
      '--worksites <file>',
      'worksite registry JSON (default events/worksites.json); alone: match by the sender',
    )
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { worksite?: string; worksites?: string; json?: boolean }) => {
      const { parseNotice, noticeJson } = await import('@uii/mail');
      const { renderNotice } = await import('./notice-render');
      const raw = readEml(file);
      let registry: Worksite[] | undefined;
      if (opts.worksite || opts.worksites) {
        registry = readRegistry(resolve(opts.worksites ?? 'events/worksites.json'));
        if (opts.worksite && !registry.some((w) => w.id === opts.worksite)) {
          throw new UsageError(`объект не найден / unknown worksite: ${opts.worksite}`);
        }
      }
      const parsed = await parseNotice(raw, { registry, worksiteId: opts.worksite });
      output(opts.json, noticeJson(parsed), () => renderNotice(parsed));
    });

  const mail = group(program, 'mail', 'почта с объектов / worksite mail');
  mail
    .command('quarantine')
    .description('письма в карантине (не применены) / quarantined mail, never applied')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { table } = await useStack();
      const { listQuarantine } = await import('@uii/aws/mail-store');
      const rows = await listQuarantine(table);
      const { renderQuarantine } = await import('./notice-render');
      output(opts.json, rows, () => renderQuarantine(rows));
    });

  const triage = mail
    .command('triage')
    .description('фрагменты писем для ручного разбора / passages awaiting an officer')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { table } = await useStack();
      const { listTriage } = await import('@uii/aws/mail-store');
      const rows = await listTriage(table, { open: true });
      const { renderTriage } = await import('./notice-render');
      output(opts.json, rows, () => renderTriage(rows));
    });
  triage
    .command('resolve')
    .description('записать фрагмент на дело / record a triage item onto a case')
    .argument('<itemId>')
    .requiredOption('--case <caseId>', 'the case it is about', caseIdArg)
    .option('--date <ДД.ММ.ГГГГ|YYYY-MM-DD>', 'the day (default: the guess)')
    .option('--outcome <code>', 'absence outcome code (default: the guess, else absent_unknown)')
    .option('--hours <n>', 'hours worked (makes it an hours report)', hoursArg)
    .option('--json', 'machine-readable output')
    .action(
      async (
        itemId: string,
        opts: { case: string; date?: string; outcome?: string; hours?: number; json?: boolean },
      ) => {
        const { table, caseEventsQueueUrl, today } = await useStack();
        const { resolveTriage } = await import('./notice-resolve');
        const result = await resolveTriage({
          table,
          today,
          queueUrl: caseEventsQueueUrl,
          itemId,
          ...opts,
        });
        output(
          opts.json,
          result,
          () => `Записано на дело / recorded on case ${result.caseId}: ${eventLineRu(result.event)}`,
        );
      },
    );
}
