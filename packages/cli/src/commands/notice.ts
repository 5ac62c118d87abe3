import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Worksite, WorksiteRegistry } from '@uii/domain';
import type { Command } from 'commander';
import { group, output, UsageError } from '../program';

/** Reads a worksite registry file (default `events/worksites.json`) for offline matching. */
export function readRegistry(file: string): Worksite[] {
  if (!existsSync(file)) throw new UsageError(`файл объектов не найден / no worksites file: ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: не JSON / not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = WorksiteRegistry.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

function readEml(file: string): Buffer {
  if (!existsSync(file)) throw new UsageError(`файл не найден / no such file: ${file}`);
  if (statSync(file).isDirectory()) throw new UsageError(`это каталог / is a directory: ${file}`);
  return readFileSync(file);
}

/** Connection to the running local stack (`uii local start` writes .local/runtime.json). */
export function useLocalStack(root = process.cwd()): { table: string; queues: Record<string, string> } {
  const path = join(root, '.local/runtime.json');
  const state = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as {
        endpoints?: Record<string, string>;
        env?: Record<string, string>;
        vars?: Record<string, string>;
        tables?: Record<string, string>;
        queues?: Record<string, string>;
        queueUrls?: Record<string, string>;
      })
    : undefined;
  const env = { ...state?.vars, ...state?.env };
  const table = env.TABLE_NAME ?? state?.tables?.main ?? process.env.TABLE_NAME;
  if (!table)
    throw new UsageError(
      'локальный стенд не запущен: `uii local start` / no local stack (.local/runtime.json)',
    );
  const ep = state?.endpoints ?? {};
  const set = (name: string, value: string | undefined) => {
    if (value) process.env[name] ??= value;
  };
  set('AWS_ENDPOINT_URL_DYNAMODB', ep.dynamodb ?? env.AWS_ENDPOINT_URL_DYNAMODB);
  set('AWS_ENDPOINT_URL_SQS', ep.sqs ?? env.AWS_ENDPOINT_URL_SQS);
  if (state) {
    set('AWS_REGION', 'eu-central-1');
    set('AWS_ACCESS_KEY_ID', 'local');
    set('AWS_SECRET_ACCESS_KEY', 'local');
  }
  const queues = { ...state?.queueUrls, ...state?.queues };
  if (env.CASE_EVENTS_QUEUE_URL) queues['case-events'] ??= env.CASE_EVENTS_QUEUE_URL;
  return { table, queues };
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
      const { table } = useLocalStack();
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
      const { table } = useLocalStack();
      const { listTriage } = await import('@uii/aws/mail-store');
      const rows = await listTriage(table, { open: true });
      const { renderTriage } = await import('./notice-render');
      output(opts.json, rows, () => renderTriage(rows));
    });
  triage
    .command('resolve')
    .description('записать фрагмент на дело / record a triage item onto a case')
    .argument('<itemId>')
    .requiredOption('--case <caseId>', 'the case it is about')
    .option('--date <YYYY-MM-DD>', 'the day (default: the guess)')
    .option('--outcome <code>', 'absence outcome code (default: the guess, else absent_unknown)')
    .option('--hours <n>', 'hours worked (makes it an hours report)', Number)
    .option('--json', 'machine-readable output')
    .action(
      async (
        itemId: string,
        opts: { case: string; date?: string; outcome?: string; hours?: number; json?: boolean },
      ) => {
        const { table, queues } = useLocalStack();
        const { resolveTriage } = await import('./notice-resolve');
        const result = await resolveTriage({
          table,
          queueUrl: queues['case-events'] ?? process.env.CASE_EVENTS_QUEUE_URL,
          itemId,
          ...opts,
        });
        output(
          opts.json,
          result,
          () =>
            `Записано на дело / recorded on case ${result.caseId}: ${result.event.type} ${result.event.date}`,
        );
      },
    );
}
