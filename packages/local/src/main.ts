import '@uii/domain/zod-locale';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { today } from '@uii/domain';
import { startControlServer } from './control';
import { seed } from './demo/index';
import { demoContextOf } from './demo-context';
import { watchDropFolders } from './drop-folders';
import { type LocalRuntime, startRuntime } from './runtime';
import { readRuntimeInfo, removeRuntimeInfo, runtimeInfoOf, writeRuntimeInfo } from './runtime-file';
import { ensureTemplate } from './synth';
import { repoRoot } from './testing';
import { startDemoWeb } from './web';

const HELP = `npm start [-- options]   локальный стенд uii-connect / the local uii-connect stack

  --now YYYY-MM-DD   дата стенда (часы можно двигать: uii local clock advance 3d)
  --fresh            стереть данные .local/ (DynamoDB, S3) перед запуском
  --no-demo          не загружать демо-данные
  --resynth          синтезировать шаблон заново, даже если cdk.out свежий
  --log-level LEVEL  журнал функций (Powertools): DEBUG, INFO, WARN (по умолчанию), ERROR
  -h, --help
`;

const { values: args } = parseArgs({
  options: {
    now: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
    resynth: { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'WARN' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

// Lambda runs Node 22; the SDK's Node 20 end-of-support notice would only clutter the start-up screen.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = repoRoot;
// npm start always owns .local/runtime.json (UII_RUNTIME_FILE is for test stacks).
delete process.env.UII_RUNTIME_FILE;
const local = join(root, '.local');
const log = (line: string) => process.stdout.write(`${line}\n`);
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

const running = readRuntimeInfo(root);
if (running) {
  process.stderr.write(
    `Стенд уже запущен (pid ${running.pid}) / the local stack already runs: остановите его (Ctrl-C) или используйте его.\n`,
  );
  process.exit(1);
}
// A runtime.json whose process is gone: the last run did not stop cleanly (killed, crashed).
// The SQS emulator keeps messages in memory only, so whatever was queued then is lost: say so.
const staleFile = join(local, 'runtime.json');
if (!running && existsSync(staleFile)) {
  try {
    const stale = JSON.parse(readFileSync(staleFile, 'utf8')) as { pid?: number; startedAt?: string };
    process.stderr.write(
      `⚠ Предыдущий запуск (pid ${stale.pid}, ${stale.startedAt}) завершился аварийно: сообщения, ждавшие в очередях, ` +
        'потеряны (SQS эмулятор хранит их в памяти); DynamoDB и S3 сохранены. Проверьте: uii local status, uii queues.\n' +
        `⚠ The previous run (pid ${stale.pid}) did not stop cleanly: messages queued in the in-memory SQS emulator are lost.\n`,
    );
  } catch {}
  rmSync(staleFile, { force: true });
}
if (args.fresh) {
  // The template cache (.local/cdk.out) survives: it depends on the sources, not on the data.
  for (const dir of ['dynamodb', 's3', 'inbox-drop', 'feed-drop', 'runtime.json'])
    rmSync(join(local, dir), { recursive: true, force: true });
  log('Данные .local/ стёрты / local data wiped');
}
mkdirSync(local, { recursive: true });

let runtime: LocalRuntime | undefined;
let stopping = false;
const cleanups: (() => void | Promise<void>)[] = [];
async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  log('\nОстановка / stopping…');
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
  await runtime?.stop().catch(() => {});
  removeRuntimeInfo(root);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

/**
 * `kill <npm pid>` kills npm and its shell but not tsx and us (npm does not forward the
 * signal that far). Watch our ancestors: when one of them is gone, stop like on Ctrl-C.
 */
function ancestors(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  for (let i = 0; i < 3 && pid > 1; i++) {
    chain.push(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return chain;
}
const watched = ancestors();
setInterval(() => {
  for (const pid of watched) {
    try {
      process.kill(pid, 0);
    } catch {
      void shutdown(0);
    }
  }
}, 1000).unref();

try {
  log('uii-connect: запуск локального стенда / starting the local stack…');
  const template = ensureTemplate(root, { force: args.resynth }).then((r) => {
    log(
      r.reused
        ? `  шаблон / template: ${relative(root, r.path)} (свежий, без синтеза / fresh, reused)`
        : `  шаблон / template: синтез за ${(r.ms / 1000).toFixed(1)} с → ${relative(root, r.path)}`,
    );
    return r.path;
  });
  runtime = await startRuntime({
    root,
    templatePath: template,
    now: args.now,
    // One line per invocation is printed below; the functions' JSON logs only from WARN up unless asked.
    logLevel: args['log-level'],
    dynamoPath: join(local, 'dynamodb'),
    s3Directory: join(local, 's3'),
    onError: (error, where) =>
      process.stderr.write(`  ! ${where}: ${error instanceof Error ? error.message : String(error)}\n`),
    onFatal: (error) => {
      process.stderr.write(
        `\n✖ Стенд остановлен: эмулятор упал / the local stack stopped, an emulator died:\n  ${error.message}\n`,
      );
      void shutdown(1);
    },
    onInvocation: (i) => {
      const records = (i.event as { Records?: unknown[] }).Records?.length;
      const failures =
        (i.result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures?.length ?? 0;
      const outcome = i.error
        ? `ОШИБКА / error: ${i.error}`
        : failures
          ? `${failures} с ошибкой / failed`
          : 'ok';
      log(`  → ${i.functionName}${records ? ` (${records} зап.)` : ''} ${i.durationMs} мс ${outcome}`);
    },
    onScheduledRun: (run) =>
      log(`  ⏰ ${run.schedule} @ ${run.scheduledTime} → ${run.target}${run.error ? ' ОШИБКА' : ''}`),
  });
  const rt = runtime;
  const startedAt = new Date();
  const control = await startControlServer(rt, startedAt);
  cleanups.push(() => {
    control.server.closeAllConnections();
    return new Promise<void>((r) => control.server.close(() => r()));
  });
  writeRuntimeInfo(root, runtimeInfoOf(rt, { root, controlUrl: control.url, startedAt }));
  const drops = watchDropFolders({
    root,
    receiveMail: (file) => rt.receiveMail(file),
    uploadFeed: (file, serviceId) => rt.uploadFeed(file, serviceId),
    log,
  });
  cleanups.push(() => drops.close());
  const readyIn = seconds();

  const demo = demoContextOf(rt, root);
  const demoLines = args['no-demo'] ? [] : await seed(demo);
  const web = await startDemoWeb(root, () => today(rt.clock.now()));
  cleanups.push(() => web.stop());
  writeRuntimeInfo(root, {
    ...runtimeInfoOf(rt, { root, controlUrl: control.url, startedAt }),
    web: { url: web.url, controlToken: web.controlToken },
  });
  const links = web.demoLinks();

  const depths = await rt.queueDepths();
  const rel = (p: string) => relative(root, p) || '.';
  const lines = [
    '',
    `Стенд готов за ${readyIn} с / ready in ${readyIn} s   (сегодня на стенде / today: ${today(rt.clock.now())})`,
    '',
    `  Веб для инспекторов / officers' web:  ${web.url}`,
    `    вход инспектора (одноразовая ссылка, только на стенде): ${links.officerSignIn}`,
    `    вход начальника инспекции:                              ${links.headSignIn}`,
    `  Почтовый ящик / mailbox (отправленные письма):  ${rt.endpoints.ses}`,
    `  DynamoDB ${rt.endpoints.dynamodb}   SQS ${rt.endpoints.sqs}   S3 ${rt.endpoints.s3} (S3RVER/S3RVER)`,
    `  Управление / control API: ${control.url}   (.local/runtime.json)`,
    `  Функции / functions: ${rt.model.functions.map((f) => f.name).join(', ')}`,
    `  Очереди / queues: ${depths
      .filter((d) => d.dlq)
      .map((d) => d.name)
      .join(', ')} (+ -dlq)`,
    `  Расписания / schedules: ${rt.model.schedules.map((s) => `${s.name} ${s.expression}`).join('; ')}`,
    '',
    ...(demoLines.length ? ['Демо / demo:', ...demoLines.map((l) => `  ${l}`), ''] : []),
    'Как попробовать / try it:',
    `  лента вакансий: положите файл в ${rel(drops.feeds)}/<serviceId>/   или  npm run uii -- feed upload <file>`,
    `  письмо с объекта: положите .eml в ${rel(drops.inbox)}/   или  npm run uii -- mail send <file.eml> [--spf FAIL]`,
    '  npm run uii -- local status | local clock advance 3d | queues | dlq list <queue> | outbox',
    '',
    'Ctrl-C — остановить / stop',
  ];
  log(lines.join('\n'));
  if (!existsSync(join(root, 'events'))) log('(нет папки events/ — демо-данные пропущены)');
} catch (error) {
  process.stderr.write(`\nНе удалось запустить стенд / could not start: ${(error as Error).message}\n`);
  if ((error as Error).cause) process.stderr.write(`  причина / cause: ${String((error as Error).cause)}\n`);
  await shutdown(1);
}
