import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { feedCounts, fieldLabel, ruMonth, today } from '@uii/domain';
import {
  checkFeed,
  FEED_FORMATS,
  type FeedReport,
  FeedUnreadableError,
  isFeedFormat,
  readFileChunks,
} from '@uii/feeds';
import { type Command, Option } from 'commander';
import { group, output, UsageError } from '../program';
import { localTimeRu } from './local-time';

/** What `uii feed check --json` prints: the public contract of issue 5. */
export function checkJson(report: FeedReport) {
  return {
    ...feedCounts(report),
    errors: report.errors.map(({ row, field, message }) => ({ row, field, message })),
  };
}

function humanCheck(file: string, report: FeedReport): string {
  const lines = [
    `${basename(file)}: ${report.format}, ${report.encoding}`,
    `Всего записей / total: ${report.total}`,
    `Принято / accepted: ${report.accepted}`,
    `Отклонено / rejected: ${report.rejected}`,
    `Дубликаты / duplicates: ${report.duplicates}`,
  ];
  if (report.declaredTotal !== undefined && report.declaredTotal > report.total)
    lines.push(`Внимание: в файле указано записей ${report.declaredTotal}, получено ${report.total}`);
  if (report.ignoredColumns.length)
    lines.push(`Пропущены столбцы / ignored columns: ${report.ignoredColumns.join(', ')}`);
  if (report.errors.length) {
    lines.push('Ошибки / errors:');
    for (const e of report.errors.slice(0, 50))
      lines.push(`  ${e.row === 0 ? 'весь файл' : `строка ${e.row}`}, «${fieldLabel(e)}»: ${e.message}`);
    const more = report.errors.length - 50 + report.errorsOmitted;
    if (more > 0) lines.push(`  … и ещё ${more} (все: --json)`);
  }
  return lines.join('\n');
}

function assertFile(file: string): string {
  if (!existsSync(file)) throw new UsageError(`файл не найден / no such file: ${file}`);
  if (statSync(file).isDirectory()) throw new UsageError(`это каталог, а не файл / is a directory: ${file}`);
  return file;
}

/**
 * Points the AWS clients at the local stack when `npm start` is running (it writes
 * `.local/runtime.json`); otherwise the usual AWS configuration and TABLE_NAME/UPLOADS_BUCKET apply.
 */
async function useLocalStack(root: string): Promise<void> {
  const { readRuntimeInfo } = await import('@uii/local/runtime-file');
  const state = readRuntimeInfo(root); // undefined when no stack runs (or a stale file)
  if (!state) return;
  const e = state.endpoints ?? {};
  if (e.s3) process.env.AWS_ENDPOINT_URL_S3 ??= e.s3;
  if (e.dynamodb) process.env.AWS_ENDPOINT_URL_DYNAMODB ??= e.dynamodb;
  if (e.sqs) process.env.AWS_ENDPOINT_URL_SQS ??= e.sqs;
  for (const [k, v] of Object.entries(state.env ?? {})) {
    if (/^(TABLE_NAME|UPLOADS_BUCKET|AWS_REGION|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY)$/.test(k))
      process.env[k] ??= v;
  }
  process.env.AWS_REGION ??= 'eu-central-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
}

/**
 * An S3 endpoint of our own (the local emulator, s3rver) does not decode the SDK's default
 * flexible-checksum upload (`content-encoding: aws-chunked`): it would store the chunk framing
 * (`16a1\r\n…`) as the object. Checksums only when an operation requires them, as the local
 * runtime's own clients do; real S3 (no endpoint override) keeps the SDK's defaults.
 */
export function emulatorChecksums(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.AWS_ENDPOINT_URL_S3) return;
  env.AWS_REQUEST_CHECKSUM_CALCULATION ??= 'WHEN_REQUIRED';
  env.AWS_RESPONSE_CHECKSUM_VALIDATION ??= 'WHEN_REQUIRED';
}

/** Refuses an unknown service before anything is uploaded (the intake could not file it). */
async function assertRegistered(serviceId: string): Promise<void> {
  const { FeedStore } = await import('@uii/aws/feed-store');
  required('TABLE_NAME');
  const store = new FeedStore();
  if (await store.getService(serviceId)) return;
  const known = (await store.listServices()).map((s) => s.id).sort();
  throw new UsageError(
    `служба занятости «${serviceId}» не зарегистрирована / unknown service; ` +
      (known.length ? `зарегистрированы: ${known.join(', ')}` : 'ни одна служба не зарегистрирована'),
  );
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new UsageError(
      `${name} не задан: запустите \`uii local start\` или задайте ${name} / ${name} not set`,
    );
  return value;
}

async function uploadFile(file: string, serviceId: string, uploader: string | undefined): Promise<string> {
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  const { s3Client } = await import('@uii/aws');
  const { SingleBar, Presets } = await import('cli-progress');
  const { Transform } = await import('node:stream');
  const bucket = required('UPLOADS_BUCKET');
  const size = statSync(file).size;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const key = `uploads/${serviceId}/${stamp}-${basename(file).replace(/[^\p{L}\p{N}._-]+/gu, '_')}`;
  const bar = new SingleBar(
    {
      format: 'загрузка / upload [{bar}] {percentage}% | {value}/{total} байт',
      stream: process.stderr,
      noTTYOutput: false,
    },
    Presets.shades_classic,
  );
  bar.start(size, 0);
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      bar.update(sent);
      done(null, chunk);
    },
  });
  try {
    await s3Client().send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: createReadStream(assertFile(file), { highWaterMark: 1024 * 1024 }).pipe(counter),
        ContentLength: size,
        Metadata: uploader ? { uploader } : undefined,
      }),
    );
  } finally {
    bar.stop();
  }
  return `s3://${bucket}/${key}`;
}

interface FeedListing {
  month: string;
  services: Array<{
    id: string;
    name: string;
    regions: string[];
    months: Array<{
      month: string;
      accepted: number;
      rejected: number;
      duplicates: number;
      receivedAt: string;
    }>;
    missing: boolean;
  }>;
}

async function listFeeds(month: string): Promise<FeedListing> {
  const { FeedStore } = await import('@uii/aws/feed-store');
  required('TABLE_NAME');
  const store = new FeedStore();
  const services = await store.listServices();
  const out: FeedListing = { month, services: [] };
  for (const s of services.sort((a, b) => a.id.localeCompare(b.id))) {
    const months = (await store.listSummaries(s.id)).map((m) => ({
      month: m.month,
      accepted: m.accepted,
      rejected: m.rejected,
      duplicates: m.duplicates,
      receivedAt: m.receivedAt,
    }));
    out.services.push({
      id: s.id,
      name: s.name,
      regions: s.regions,
      months,
      missing: !months.some((m) => m.month === month),
    });
  }
  return out;
}

function renderFeedList(listing: FeedListing): string {
  if (!listing.services.length)
    return 'Службы занятости не зарегистрированы / no employment services registered';
  const lines = [`Месяц: ${ruMonth(listing.month)}`];
  for (const s of listing.services) {
    lines.push(
      `${s.id} — ${s.name} (регионы ${s.regions.join(', ') || '—'})${s.missing ? '  НЕТ ЛЕНТЫ / missing' : ''}`,
    );
    for (const m of s.months) {
      lines.push(
        `  ${ruMonth(m.month)}: принято ${m.accepted}, отклонено ${m.rejected}, дубликаты ${m.duplicates} (получена ${localTimeRu(m.receivedAt, undefined)})`,
      );
    }
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  const feed = group(program, 'feed', 'ленты вакансий служб занятости / vacancy feeds');

  feed
    .command('check')
    .description('проверить файл ленты без загрузки / validate a feed offline')
    .argument('<file>', 'JSON, JSONL, CSV, XML or XLSX')
    .addOption(new Option('--format <format>', 'override format detection').choices([...FEED_FORMATS]))
    .option('--max-bytes <n>', 'refuse files larger than this', Number)
    .option('--max-records <n>', 'refuse feeds with more records', Number)
    .option('--json', 'machine-readable output')
    .action(
      async (
        file: string,
        opts: { format?: string; json?: boolean; maxBytes?: number; maxRecords?: number },
      ) => {
        if (opts.format && !isFeedFormat(opts.format))
          throw new UsageError(
            `--format: неизвестный формат «${opts.format}»; допустимые: ${FEED_FORMATS.join(', ')}`,
          );
        try {
          const { report } = await checkFeed(readFileChunks(assertFile(file)), {
            format: opts.format as FeedReport['format'] | undefined,
            maxBytes: opts.maxBytes,
            maxRecords: opts.maxRecords,
          });
          output(opts.json, checkJson(report), () => humanCheck(file, report));
        } catch (error) {
          if (error instanceof FeedUnreadableError) throw new UsageError(error.message, { cause: error });
          throw error;
        }
      },
    );

  feed
    .command('upload')
    .description('загрузить ленту в хранилище / upload a feed for an employment service')
    .argument('<file>')
    .requiredOption('--service <id>', 'employment service id')
    .option('--uploader <email>', 'address for the receipt (default: the service contacts)')
    .action(async (file: string, opts: { service: string; uploader?: string }) => {
      assertFile(file);
      if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(opts.service)) {
        throw new UsageError(`некорректный id службы / bad service id: ${opts.service}`);
      }
      await useLocalStack(process.cwd());
      emulatorChecksums();
      await assertRegistered(opts.service);
      const where = await uploadFile(file, opts.service, opts.uploader);
      process.stdout.write(`Загружено / uploaded: ${where}\n`);
    });

  feed
    .command('list')
    .description('службы, месяцы, счётчики, недостающие ленты / services, months, counts, missing feeds')
    .option(
      '--month <ГГГГ-ММ>',
      'месяц (по умолчанию текущий) / month to check for missing feeds (default: this month)',
    )
    .option('--json', 'machine-readable output')
    .action(async (opts: { month?: string; json?: boolean }) => {
      const ru = opts.month ? /^(0[1-9]|1[0-2])\.(\d{4})$/.exec(opts.month) : null;
      const month = ru ? `${ru[2]}-${ru[1]}` : opts.month;
      if (month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
        throw new UsageError(
          `--month: «${opts.month}» — не месяц; нужен ГГГГ-ММ или ММ.ГГГГ, например 2026-03`,
        );
      await useLocalStack(process.cwd());
      const listing = await listFeeds(month ?? today().slice(0, 7));
      output(opts.json, listing, () => renderFeedList(listing));
    });
}
