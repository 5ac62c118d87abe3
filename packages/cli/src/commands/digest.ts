import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type AlertJob, countRu } from '@uii/domain';
import type { Command } from 'commander';
import { group, notJsonError, output, UsageError, unreadableError } from '../program';
import { checkAlertJob } from './alert-check';
import { openTable, parseDay } from './alerts';

/**
 * `uii alert preview <alert.json> [--html|--text|--ics]`: renders a queued alert job exactly
 * as alert-outbox would, without sending (and without moving any calendar SEQUENCE).
 * `uii digest preview --officer <id> [--date D]`: that officer's digest for a day, from the stack.
 */

function readJob(file: string): AlertJob {
  const name = basename(file);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadableError(name, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw notJsonError(name, raw.replace(/^\uFEFF/, ''), error);
  }
  const checked = checkAlertJob(name, json);
  if (!checked.job) {
    const n = checked.errors.length;
    throw new UsageError(
      `${checked.errors.join('\n')}\nписьмо не показано: ${countRu(n, ['ошибка', 'ошибки', 'ошибок'])}`,
    );
  }
  return checked.job;
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
      const job = readJob(file);
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
          throw new UsageError(`${basename(file)}: у этого уведомления нет события календаря`);
        process.stdout.write(message.ics.content);
        return;
      }
      if (opts.html) {
        if (!message.html)
          throw new UsageError(
            `${basename(file)}: у этого уведомления нет HTML-части, только текст: покажите его без --html`,
          );
        process.stdout.write(`${message.html}\n`);
        return;
      }
      if (!message.text.trim())
        throw new UsageError(`${basename(file)}: текстовой части нет, только HTML: покажите её с --html`);
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
      const { digestSources } = await import('@uii/aws/alert-roster');
      const { runDigest } = await import('@uii/domain');
      const sources = digestSources(table);
      // Without --date, the officer's own today in the inspection's time zone (as the digest runs).
      const run = await runDigest(now, sources, { officerId: opts.officer, date });
      const job = run.jobs[0];
      if (!job) {
        const known = (await sources.roster()).officers.map((o) => o.id).sort();
        throw new UsageError(
          `--officer: инспектора «${opts.officer}» нет в справочнике; ${
            known.length
              ? `известные: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ` и ещё ${known.length - 20}` : ''}`
              : 'в справочнике нет ни одного инспектора'
          }`,
        );
      }
      // The digest goes out on working days only: a preview of another day says so (stderr).
      const day = job.id.split(':').at(-1) ?? '';
      const { isWorkingDay, DEFAULT_CALENDAR, ruDate } = await import('@uii/domain');
      if (/^\d{4}-\d\d-\d\d$/.test(day) && !isWorkingDay(day, DEFAULT_CALENDAR))
        process.stderr.write(
          `${ruDate(day)} — нерабочий день: в этот день сводка не отправляется; показано, какой она была бы.\n`,
        );
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
