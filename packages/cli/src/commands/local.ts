import { ruDate } from '@uii/domain';
import { control, requireLocalRuntime } from '@uii/local/client';
import type { QueueDepth } from '@uii/local/runtime';
import type { ScheduledRun } from '@uii/local/scheduler';
import type { Command } from 'commander';
import { group, output, UsageError } from '../program';
import { localTimeRu } from './local-time';

interface Status {
  startedAt: string;
  pid: number;
  endpoints: Record<string, string>;
  clock: { now: string; today: string };
  functions: string[];
  queues: QueueDepth[];
  schedules: { name: string; expression: string; timezone: string }[];
  invocations: number;
  failedInvocations: number;
  scheduledRuns: ScheduledRun[];
}

interface ClockAnswer {
  now: string;
  today: string;
  runs?: ScheduledRun[];
}

function humanClock(clock: ClockAnswer): string {
  const lines = [
    `Сегодня на стенде / today: ${ruDate(clock.today)}   (${localTimeRu(clock.now, undefined)})`,
  ];
  if (clock.runs?.length) {
    lines.push('Сработали расписания / schedules fired:');
    for (const r of clock.runs)
      lines.push(
        `  ${localTimeRu(r.scheduledTime, undefined)}  ${r.schedule} → ${r.target}${r.error ? `  ОШИБКА: ${r.error}` : ''}`,
      );
  } else if (clock.runs) lines.push('Расписания не сработали / no schedule fired');
  return lines.join('\n');
}

/** Fresh one-time sign-in links from the local web (each status call mints new ones). */
async function webLinks(
  web: { url: string; controlToken: string } | undefined,
): Promise<{ url: string; officerSignIn: string; headSignIn: string } | undefined> {
  if (!web) return undefined;
  try {
    const response = await fetch(`${web.url}/local/links`, { headers: { 'x-uii-local': web.controlToken } });
    if (!response.ok) return undefined;
    const links = (await response.json()) as { officerSignIn: string; headSignIn: string };
    return { url: web.url, officerSignIn: links.officerSignIn, headSignIn: links.headSignIn };
  } catch {
    return undefined;
  }
}

export function register(program: Command): void {
  const local = group(program, 'local', 'локальный стенд (npm start) / the local stack');

  local
    .command('status')
    .description('что запущено и где / what runs and where')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const info = requireLocalRuntime();
      const status = await control<Status>(info, 'GET', '/status');
      const web = await webLinks(info.web);
      output(opts.json, { ...status, controlUrl: info.controlUrl, mailboxUrl: info.mailboxUrl, web }, () =>
        [
          `Стенд запущен / running: pid ${status.pid}, с ${localTimeRu(status.startedAt, undefined)}`,
          `Сегодня на стенде / today: ${ruDate(status.clock.today)}`,
          ...(web
            ? [
                `Веб для инспекторов / officers' web: ${web.url}`,
                `  вход инспектора (одноразовая ссылка, только на стенде): ${web.officerSignIn}`,
                `  вход начальника инспекции:                              ${web.headSignIn}`,
              ]
            : []),
          `Почтовый ящик / mailbox: ${info.mailboxUrl}`,
          ...Object.entries(status.endpoints).map(([k, v]) => `  ${k.padEnd(9)} ${v}`),
          `Функции / functions: ${status.functions.join(', ')}`,
          `Вызовов / invocations: ${status.invocations} (с ошибкой / failed: ${status.failedInvocations})`,
          'Очереди / queues (ждут / в работе / DLQ):',
          ...status.queues
            .filter((q) => q.dlq)
            .map((q) => `  ${q.name.padEnd(16)} ${q.visible} / ${q.inFlight} / ${q.dlq?.depth ?? 0}`),
          `Расписания / schedules: ${status.schedules.map((s) => `${s.name} ${s.expression}`).join('; ')}`,
        ].join('\n'),
      );
    });

  const clock = local
    .command('clock')
    .description('часы стенда / the simulated clock (get | set DATE | advance 3d)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const answer = await control<ClockAnswer>(requireLocalRuntime(), 'GET', '/clock');
      output(opts.json, answer, () => humanClock(answer));
    });
  clock
    .command('get')
    .description('показать дату стенда / show the simulated date')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const answer = await control<ClockAnswer>(requireLocalRuntime(), 'GET', '/clock');
      output(opts.json, answer, () => humanClock(answer));
    });
  clock
    .command('set')
    .description('поставить дату (расписания между ними сработают) / set the date, firing crossed schedules')
    .argument('<date>', 'ДД.ММ.ГГГГ или YYYY-MM-DD (полночь по Москве), or an ISO time')
    .option('--json', 'machine-readable output')
    .action(async (date: string, opts: { json?: boolean }) => {
      const { parseClockTime } = await import('@uii/local/sim-clock');
      let when: Date;
      try {
        when = parseClockTime(date);
      } catch {
        throw new UsageError(`не дата / not a date: ${date} (ДД.ММ.ГГГГ, YYYY-MM-DD or an ISO time)`);
      }
      const info = requireLocalRuntime();
      const now = await control<ClockAnswer>(info, 'GET', '/clock');
      if (when.getTime() < Date.parse(now.now))
        throw new UsageError(
          `часы стенда нельзя перевести назад: сейчас ${now.today}, запрошено ${date} (начните заново: npm start -- --fresh --now <дата>)`,
        );
      const answer = await control<ClockAnswer>(info, 'POST', '/clock/set', { when: when.toISOString() });
      output(opts.json, answer, () => humanClock(answer));
    });
  clock
    .command('advance')
    .description('перевести часы вперёд / move the clock forward, firing crossed schedules')
    .argument('<duration>', '1d, 3d, 12h, 30m, 2w')
    .option('--json', 'machine-readable output')
    .action(async (duration: string, opts: { json?: boolean }) => {
      if (!/^\d+\s*(m|h|d|w)$/.test(duration))
        throw new UsageError(`не длительность / not a duration: ${duration} (1d, 3d, 12h, 30m, 2w)`);
      const answer = await control<ClockAnswer>(requireLocalRuntime(), 'POST', '/clock/advance', {
        duration,
      });
      output(opts.json, answer, () => humanClock(answer));
    });
}
