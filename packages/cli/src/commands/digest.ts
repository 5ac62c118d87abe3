import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { group, output, UsageError } from '../program';
import { openTable, parseDay } from './alerts';

/**
 * `uii alert preview <alert.json> [--html|--text|--ics]`: renders a queued alert job exactly
 * as alert-outbox would, without sending (and without moving any calendar SEQUENCE).
 * `uii digest preview --officer <id> [--date D]`: that officer's digest for a day, from the stack.
 */

async function readJob(file: string) {
  const { AlertJob } = await import('@uii/domain');
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${file}: не прочитать файл / cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`${file}: не JSON / not JSON: ${(error as Error).message}`);
  }
  const parsed = AlertJob.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file}: поле ${issue?.path.join('.') || '(корень)'}: ${issue?.message}`);
  }
  return parsed.data;
}

export function register(program: Command): void {
  const alert = group(program, 'alert', 'одно уведомление / one alert');
  alert
    .command('preview')
    .description('показать письмо без отправки / render an alert job without sending it')
    .argument('<alert.json>', 'задание очереди alert-outbox / an alert-outbox job')
    .option('--html', 'HTML-часть / the HTML part')
    .option('--text', 'текстовая часть (по умолчанию) / the plain-text part (default)')
    .option('--ics', 'событие календаря / the calendar event')
    .action(async (file: string, opts: { html?: boolean; text?: boolean; ics?: boolean }) => {
      if ([opts.html, opts.text, opts.ics].filter(Boolean).length > 1)
        throw new UsageError('укажите одно из --html, --text, --ics / choose one of --html, --text, --ics');
      const job = await readJob(file);
      const { renderJob } = await import('@uii/domain');
      // With a running stack the person's name comes from it; the preview never writes.
      let person:
        | ((id: string) => Promise<{ lastName: string; firstName: string; caseId: string } | undefined>)
        | undefined;
      const { localRuntime } = await import('@uii/local/client');
      if (localRuntime() || process.env.TABLE_NAME) {
        const { table } = await openTable();
        const { CaseStore } = await import('@uii/aws/case-store');
        const store = new CaseStore(table);
        person = (id) => store.getPerson(id);
      }
      const message = await renderJob(job, {
        audit: { calendarSequence: async () => 0 },
        cases: { getPerson: async (id) => (person ? person(id) : undefined) },
      });
      if (opts.ics) {
        if (!message.ics)
          throw new UsageError(`${file}: у этого уведомления нет события календаря / no calendar event`);
        process.stdout.write(message.ics.content);
        return;
      }
      if (opts.html) {
        process.stdout.write(`${message.html ?? ''}\n`);
        return;
      }
      process.stdout.write(
        `${job.lang === 'en' ? 'Subject' : 'Тема'}: ${message.subject}\n\n${message.text}\n`,
      );
    });

  const digest = group(program, 'digest', 'ежедневная сводка / the daily digest');
  digest
    .command('preview')
    .description('сводка инспектора за день, без отправки / an officer’s digest for a day, not sent')
    .requiredOption('--officer <id>', 'инспектор / officer id')
    .option('--date <date>', 'день (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ), по умолчанию сегодня / day, default today')
    .option('--html', 'HTML-часть / the HTML part')
    .option('--json', 'machine-readable output')
    .action(async (opts: { officer: string; date?: string; html?: boolean; json?: boolean }) => {
      const date = opts.date ? parseDay(opts.date, '--date') : undefined;
      const { table, now } = await openTable();
      const { today } = await import('@uii/domain');
      const { digestSources } = await import('@uii/aws/alert-roster');
      const { runDigest } = await import('@uii/domain');
      const run = await runDigest(now, digestSources(table), {
        officerId: opts.officer,
        date: date ?? today(now),
      });
      const job = run.jobs[0];
      if (!job)
        throw new UsageError(`--officer: инспектора «${opts.officer}» нет в справочнике / no such officer`);
      if (opts.html) {
        process.stdout.write(`${job.html}\n`);
        return;
      }
      output(
        opts.json,
        { id: job.id, subject: job.subject, text: job.text },
        () => `${job.lang === 'en' ? 'Subject' : 'Тема'}: ${job.subject}\n\n${job.text}`,
      );
    });
}
