import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { countRu } from '@uii/domain';
import { dynamoFor, localRuntime, requireLocalRuntime, sqsFor, withAwsHint } from '@uii/local/client';
import { readMailbox } from '@uii/local/mailbox';
import type { Command } from 'commander';
import { group, output, UsageError } from '../program';
import { localTimeRu } from './local-time';

/**
 * Queues and dead letters, locally (the emulator of `npm start`) or in AWS. Everything is
 * found through the queues themselves (ListQueues, RedrivePolicy), so both work alike.
 */
interface QueueRow {
  name: string;
  url: string;
  visible: number;
  inFlight: number;
  dlq?: { name: string; url: string; depth: number; maxReceiveCount: number };
}

const nameOfUrl = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const nameOfArn = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

async function attributes(sqs: SQSClient, url: string) {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  return out.Attributes ?? {};
}

/** Messages waiting and in flight; local-aws-sqs counts in-flight messages in ApproximateNumberOfMessages. */
function counts(a: Record<string, string>, local: boolean) {
  const inFlight = Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
  const total = Number(a.ApproximateNumberOfMessages ?? 0);
  return { visible: local ? Math.max(0, total - inFlight) : total, inFlight };
}

async function queueRows(sqs: SQSClient, local: boolean): Promise<QueueRow[]> {
  const urls: string[] = [];
  let token: string | undefined;
  do {
    const out = await sqs.send(
      new ListQueuesCommand({ NextToken: token, QueueNamePrefix: process.env.UII_QUEUE_PREFIX || undefined }),
    );
    urls.push(...(out.QueueUrls ?? []));
    token = out.NextToken;
  } while (token);
  const attrs = new Map(await Promise.all(urls.map(async (u) => [u, await attributes(sqs, u)] as const)));
  const byName = new Map(urls.map((u) => [nameOfUrl(u), u]));
  const dlqNames = new Set<string>();
  const rows: QueueRow[] = [];
  for (const url of urls) {
    const a = attrs.get(url)!;
    const row: QueueRow = { name: nameOfUrl(url), url, ...counts(a, local) };
    if (a.RedrivePolicy) {
      const policy = JSON.parse(a.RedrivePolicy) as {
        deadLetterTargetArn: string;
        maxReceiveCount: number | string;
      };
      const dlqName = nameOfArn(policy.deadLetterTargetArn);
      const dlqUrl = byName.get(dlqName);
      dlqNames.add(dlqName);
      if (dlqUrl) {
        const d = counts(attrs.get(dlqUrl)!, local);
        row.dlq = {
          name: dlqName,
          url: dlqUrl,
          depth: d.visible + d.inFlight,
          maxReceiveCount: Number(policy.maxReceiveCount),
        };
      }
    }
    rows.push(row);
  }
  return rows.filter((r) => !dlqNames.has(r.name)).sort((a, b) => a.name.localeCompare(b.name));
}

async function queueUrl(sqs: SQSClient, name: string): Promise<string> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
  } catch (error) {
    throw new UsageError(`нет такой очереди / no such queue: ${name}`, { cause: error });
  }
}

async function deadLetterQueueOf(sqs: SQSClient, name: string) {
  const url = await queueUrl(sqs, name);
  const a = await attributes(sqs, url);
  if (!a.RedrivePolicy)
    throw new UsageError(`у очереди ${name} нет DLQ / queue ${name} has no dead-letter queue`);
  const dlqArn = (JSON.parse(a.RedrivePolicy) as { deadLetterTargetArn: string }).deadLetterTargetArn;
  return { url, arn: a.QueueArn!, dlqArn, dlqUrl: await queueUrl(sqs, nameOfArn(dlqArn)) };
}

/** Reads up to `max` messages without deleting them, and leaves them visible. */
async function peek(sqs: SQSClient, url: string, max: number): Promise<Message[]> {
  const seen = new Map<string, Message>();
  while (seen.size < max) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: Math.min(10, max - seen.size),
        VisibilityTimeout: 5,
        WaitTimeSeconds: 0,
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const fresh = (out.Messages ?? []).filter((m) => !seen.has(m.MessageId!));
    if (fresh.length === 0) break;
    for (const m of fresh) seen.set(m.MessageId!, m);
  }
  // Looking must not hide them: make them visible again at once (a second list, a redrive).
  const peeked = [...seen.values()];
  for (let i = 0; i < peeked.length; i += 10)
    await sqs
      .send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: url,
          Entries: peeked.slice(i, i + 10).map((m, j) => ({
            Id: String(j),
            ReceiptHandle: m.ReceiptHandle!,
            VisibilityTimeout: 0,
          })),
        }),
      )
      .catch(() => {}); // they reappear after 5 s anyway
  return peeked;
}

/** Why a dead letter failed, as the consumer recorded it (functions/shared/failures.ts, ADR 0025). */
interface FailureInfo {
  service?: string;
  errorName?: string;
  reason?: string;
  failedAt?: string;
  receiveCount?: number;
}

/**
 * The failure records of these message ids, from the idempotency table (IDEMPOTENCY_TABLE_NAME:
 * the local stack's, or the environment's for AWS). No table, no access: reasons stay unknown.
 */
async function failureInfo(
  dynamo: DynamoDBClient,
  table: string | undefined,
  ids: string[],
): Promise<Map<string, FailureInfo>> {
  const found = new Map<string, FailureInfo>();
  if (!table) return found;
  // Two dead letters may share a source id (a copy sent at once and one SQS moved, or two
  // copies): BatchGetItem refuses a list with a key twice.
  ids = [...new Set(ids)];
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, { S: string }>[] | undefined = ids
      .slice(i, i + 100)
      .map((id) => ({ id: { S: `failure#${id}` } }));
    while (keys?.length) {
      const out = await dynamo.send(
        new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[table] ?? [])
        found.set(item.messageId?.S ?? '', {
          service: item.service?.S,
          errorName: item.errorName?.S,
          reason: item.reason?.S,
          failedAt: item.failedAt?.S,
          receiveCount: item.receiveCount?.N ? Number(item.receiveCount.N) : undefined,
        });
      keys = out.UnprocessedKeys?.[table]?.Keys as typeof keys;
    }
  }
  return found;
}

/**
 * A record the consumer sent to the DLQ itself (it could never succeed: functions/shared/dead-letter.ts)
 * carries the failure as attributes, and the id it had on the work queue.
 */
const failureAttribute = (m: Message, name: string) =>
  m.MessageAttributes?.[`uii.failure.${name}`]?.StringValue;
const sourceIdOf = (m: Message) => failureAttribute(m, 'sourceMessageId') ?? m.MessageId!;

/** Moves messages back by hand, for queues where StartMessageMoveTask is unavailable. */
async function moveByHand(sqs: SQSClient, from: string, to: string): Promise<number> {
  let moved = 0;
  for (;;) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: from,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 30,
        WaitTimeSeconds: 0,
      }),
    );
    if (!out.Messages?.length) return moved;
    for (const m of out.Messages) {
      await sqs.send(new SendMessageCommand({ QueueUrl: to, MessageBody: m.Body! }));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: from, ReceiptHandle: m.ReceiptHandle! }));
      moved += 1;
    }
  }
}

export function register(program: Command): void {
  program
    .command('queues')
    .description('очереди: ждут, в работе, в DLQ / queue depths and DLQ depths')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const info = localRuntime();
      const rows = await withAwsHint(info, () => queueRows(sqsFor(info), Boolean(info)));
      output(opts.json, rows, () => {
        const lines = [`${'очередь / queue'.padEnd(22)} ждут  в работе  DLQ`];
        for (const r of rows)
          lines.push(
            `${r.name.padEnd(22)} ${String(r.visible).padStart(4)}  ${String(r.inFlight).padStart(8)}  ${r.dlq ? String(r.dlq.depth).padStart(3) : '  —'}${r.dlq?.depth ? '  ⚠' : ''}`,
          );
        if (rows.some((r) => r.dlq?.depth)) lines.push('⚠ есть сообщения в DLQ: uii dlq list <queue>');
        return lines.join('\n');
      });
    });

  const dlq = group(program, 'dlq', 'очереди недоставленных сообщений / dead-letter queues');
  dlq
    .command('list')
    .description('показать сообщения в DLQ очереди / show the messages in a queue’s DLQ')
    .argument('<queue>', 'очередь, напр. / queue, e.g. alert-outbox')
    .option('--max <n>', 'не больше / at most', (v) => Number(v), 50)
    .option('--show-body', 'показать тело сообщения (может содержать персональные данные) / show each body')
    .option('--json', 'machine-readable output')
    .action(async (queue: string, opts: { json?: boolean; max: number; showBody?: boolean }) => {
      if (!Number.isInteger(opts.max) || opts.max < 1)
        throw new UsageError('--max: целое > 0 / a positive integer');
      const info = localRuntime();
      const sqs = sqsFor(info);
      const table = info ? info.env.IDEMPOTENCY_TABLE_NAME : process.env.IDEMPOTENCY_TABLE_NAME;
      const { dlqUrl, messages, failures } = await withAwsHint(info, async () => {
        const { dlqUrl } = await deadLetterQueueOf(sqs, queue);
        const messages = await peek(sqs, dlqUrl, opts.max);
        let failures = new Map<string, FailureInfo>();
        try {
          failures = await failureInfo(dynamoFor(info), table, messages.map(sourceIdOf));
        } catch {
          // The reasons are a help, not a must: without table access the list still shows.
        }
        return { dlqUrl, messages, failures };
      });
      const rows = messages.map((m) => {
        const failure = failures.get(sourceIdOf(m));
        const direct = failureAttribute(m, 'reason') !== undefined;
        return {
          messageId: m.MessageId!,
          // Moved here by its consumer (a permanent failure, or its last receive): the id its log line names.
          ...(direct
            ? { sourceMessageId: sourceIdOf(m), deadLetteredBy: failureAttribute(m, 'service') }
            : {}),
          sentAt: m.Attributes?.SentTimestamp
            ? new Date(Number(m.Attributes.SentTimestamp)).toISOString()
            : undefined,
          // The consumer's receives when it last failed (the DLQ's own count restarts on AWS moves).
          receiveCount: failure?.receiveCount ?? Number(m.Attributes?.ApproximateReceiveCount ?? 0),
          bytes: Buffer.byteLength(m.Body ?? ''),
          // This copy's own reason first; the failure record holds the last attempt's.
          errorName: failureAttribute(m, 'errorName') ?? failure?.errorName ?? null,
          reason: failureAttribute(m, 'reason') ?? failure?.reason ?? null,
          failedAt: failure?.failedAt ?? null,
          ...(opts.showBody ? { body: m.Body } : {}),
        };
      });
      output(opts.json, { queue, dlq: nameOfUrl(dlqUrl), messages: rows }, () =>
        rows.length
          ? [
              `DLQ ${nameOfUrl(dlqUrl)}: ${countRu(rows.length, ['сообщение', 'сообщения', 'сообщений'])}`,
              ...rows.map(
                (r) =>
                  `  ${r.messageId}  ${localTimeRu(r.sentAt, undefined)}  ${countRu(r.bytes, ['байт', 'байта', 'байт'])}  попыток: ${r.receiveCount}` +
                  (r.sourceMessageId
                    ? `  (перенесено функцией ${r.deadLetteredBy ?? ''} / moved by its consumer, было / was ${r.sourceMessageId})`
                    : '') +
                  '\n' +
                  `    причина / reason: ${r.reason ? `${r.errorName}: ${r.reason}` : 'неизвестна / unknown'}` +
                  (opts.showBody ? `\n    ${r.body ?? ''}` : ''),
              ),
              ...(opts.showBody ? [] : [`Тело сообщения / body: uii dlq list ${queue} --show-body`]),
              `Вернуть в очередь / redrive: uii dlq redrive ${queue}`,
            ].join('\n')
          : `DLQ ${nameOfUrl(dlqUrl)} пуста / is empty`,
      );
    });

  dlq
    .command('redrive')
    .description('вернуть сообщения из DLQ в очередь / move DLQ messages back to the queue')
    .argument('<queue>', 'очередь, напр. / queue, e.g. alert-outbox')
    .option('--json', 'machine-readable output')
    .action(async (queue: string, opts: { json?: boolean }) => {
      const info = localRuntime();
      const sqs = sqsFor(info);
      const q = await withAwsHint(info, () => deadLetterQueueOf(sqs, queue));
      let moved: number;
      let method: 'StartMessageMoveTask' | 'receive-send-delete' = 'StartMessageMoveTask';
      try {
        const task = await sqs.send(
          new StartMessageMoveTaskCommand({ SourceArn: q.dlqArn, DestinationArn: q.arn }),
        );
        const deadline = Date.now() + 120_000;
        for (;;) {
          const tasks = await sqs.send(
            new ListMessageMoveTasksCommand({ SourceArn: q.dlqArn, MaxResults: 1 }),
          );
          const t = tasks.Results?.find((r) => r.TaskHandle === task.TaskHandle) ?? tasks.Results?.[0];
          if (t?.Status === 'FAILED') throw new Error(t.FailureReason ?? 'move task failed');
          if (t?.Status === 'COMPLETED' || t?.Status === 'CANCELLED') {
            moved = Number(t.ApproximateNumberOfMessagesMoved ?? 0);
            break;
          }
          if (Date.now() > deadline) throw new Error('move task still running after 2 minutes');
          await new Promise((r) => setTimeout(r, 500));
        }
      } catch (error) {
        if (!/unsupported|unknown operation|not supported/i.test((error as Error).message)) throw error;
        method = 'receive-send-delete';
        moved = await moveByHand(sqs, q.dlqUrl, q.url);
      }
      output(opts.json, { queue, dlq: nameOfUrl(q.dlqUrl), moved, method }, () =>
        moved
          ? `Возвращено в ${queue} / redriven: ${moved} сообщ.`
          : `DLQ ${nameOfUrl(q.dlqUrl)} пуста — нечего возвращать / nothing to redrive`,
      );
    });

  program
    .command('outbox')
    .description('отправленные письма в локальном почтовом ящике / mail sent, from the local mailbox')
    .option(
      '--since <when>',
      'за последние N минут (30, 30m, 2h, 1d) или с момента ГГГГ-ММ-ДД[THH:MM] / in the last N minutes, or since a time',
    )
    .option('--json', 'machine-readable output (with the text body and attachment names)')
    .action(async (opts: { json?: boolean; since?: string }) => {
      const since = opts.since === undefined ? undefined : parseSince(opts.since, Date.now());
      const info = requireLocalRuntime();
      const mails = (await readMailbox(info.mailboxUrl, since)).map((m) => ({
        messageId: m.messageId,
        at: new Date(m.at * 1000).toISOString(),
        from: m.from,
        to: m.to,
        cc: m.cc,
        subject: m.subject,
        text: m.text ?? '',
        attachments: m.attachments.map((a) => a.filename ?? ''),
      }));
      output(opts.json, mails, () =>
        mails.length
          ? [
              `Отправлено писем / mail sent: ${mails.length}   (${info.mailboxUrl})`,
              ...mails.map(
                (m) =>
                  `  ${localTimeRu(m.at, undefined)}  → ${m.to.join(', ')}  «${m.subject}»${m.attachments.filter(Boolean).length ? `  📎 ${m.attachments.filter(Boolean).join(', ')}` : ''}`,
              ),
            ].join('\n')
          : `Писем нет / no mail sent yet   (${info.mailboxUrl})`,
      );
    });
}

/**
 * `--since` of `uii outbox`: minutes (`30`), a duration (`30m`, `2h`, `1d`) or a moment
 * (`2026-03-01`, `2026-03-01T08:00`, ISO). Returns epoch seconds; anything else is a usage error.
 */
export function parseSince(value: string, nowMs: number): number {
  const v = value.trim();
  const duration = /^(\d+(?:[.,]\d+)?)\s*(m|min|h|d)?$/i.exec(v);
  if (duration) {
    const n = Number(duration[1]!.replace(',', '.'));
    const unit = (duration[2] ?? 'm').toLowerCase();
    const minutes = unit === 'h' ? n * 60 : unit === 'd' ? n * 1440 : n;
    if (n > 0) return nowMs / 1000 - minutes * 60;
  } else if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
    const t = Date.parse(v.replace(' ', 'T'));
    if (!Number.isNaN(t)) return t / 1000;
  }
  throw new UsageError(
    `--since: «${value}» — нужно число минут > 0 (30, 2h, 1d) или дата ГГГГ-ММ-ДД[THH:MM] / minutes > 0, a duration or a date`,
  );
}
