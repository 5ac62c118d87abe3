import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import type { MailVerdicts } from './demo/context';
import { EmulatorExitError, type Emulators, startEmulators } from './emulators';
import {
  type Endpoints,
  emulatorEnvironment,
  REGION,
  type ResourceIndex,
  resolveFunctionEnvironment,
  resourceIndex,
} from './env';
import { type Poller, startPoller } from './event-source';
import { startFaultProxy } from './fault-proxy';
import { type FunctionHost, type Invocation, type LambdaHandler, loadFunctions } from './functions';
import { type OutboxMail, readMailbox } from './mailbox';
import { provision } from './provision';
import { s3EventBridge } from './s3-bridge';
import { type ScheduledRun, startScheduler } from './scheduler';
import { type SesStandIn, startSesStandIn } from './ses-events';
import { buildReceipt } from './ses-inbound';
import { parseClockTime, parseDuration, SimulatedClock } from './sim-clock';
import { readTemplateFile, type StackModel } from './template';

export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
}

export interface RuntimeOptions {
  /** Repository root: function entries and events/ are relative to it. */
  root: string;
  /** The synthesized template, or its promise: synth runs while the emulators start. */
  templatePath: string | Promise<string>;
  /** Functions to run (by `uii:name`); the others' queues fill up untouched. Default: all. */
  functions?: string[] | 'all';
  /** Simulated "now": `2026-03-01` (Moscow midnight) or an ISO time. Default: the wall clock. */
  now?: string;
  /** DynamoDB Local data directory; undefined keeps the database in memory. */
  dynamoPath?: string;
  s3Directory: string;
  /** Fixed emulator ports; default free ones. */
  ports?: Partial<Record<keyof Endpoints, number>>;
  /** Overrides every queue's visibility timeout (tests: 1–2 s so retries come quickly). */
  visibilityTimeoutSeconds?: number;
  /** Caps every mapping's batching window. */
  maxBatchingWindowSeconds?: number;
  /** Put fault-injecting proxies between the functions and the emulators (resilience tests). */
  faultInjection?: boolean;
  /** Overrides functions' timeouts in seconds (tests: a short one to see it enforced). */
  timeouts?: Record<string, number>;
  /** Replaces a function's handler (tests: a handler that fails on purpose). */
  handlers?: Record<string, LambdaHandler>;
  /** Overrides POWERTOOLS_LOG_LEVEL from the template. */
  logLevel?: string;
  /** Where runtime problems (handler errors, bridge failures) are reported. */
  onError?: (error: unknown, where: string) => void;
  onInvocation?: (invocation: Invocation) => void;
  /**
   * An emulator died after start-up: the runtime has stopped its pollers and schedules (every
   * call would fail from now on) and says why. `npm start` exits; tests see it in drain().
   */
  onFatal?: (error: Error) => void;
  onScheduledRun?: (run: ScheduledRun) => void;
}

export interface QueueDepth {
  name: string;
  url: string;
  /** Messages waiting to be received. */
  visible: number;
  /** Received and not yet deleted (being processed, or waiting out a failed attempt). */
  inFlight: number;
  delayed: number;
  dlq?: { name: string; depth: number; maxReceiveCount: number };
}

export type { OutboxMail };

export interface LocalRuntime {
  model: StackModel;
  endpoints: Endpoints;
  ports: Record<keyof Endpoints, number>;
  /** The functions' resolved environment (TABLE_NAME, *_QUEUE_URL, SES_FROM_ADDRESS…). */
  env: Record<string, string>;
  queueUrls: Record<string, string>;
  clock: SimulatedClock;
  invocations: Invocation[];
  scheduledRuns: ScheduledRun[];
  startupMs: Record<string, number>;
  javaPid: number | undefined;
  sendToQueue(
    name: string,
    body: unknown,
    options?: { messageAttributes?: Record<string, string> },
  ): Promise<string>;
  uploadFeed(file: string, serviceId: string, options?: { key?: string; body?: Buffer }): Promise<string>;
  putObject(bucket: string, key: string, body: Buffer | string): Promise<void>;
  receiveMail(
    file: string | Buffer,
    verdicts?: MailVerdicts,
    options?: { recipients?: string[] },
  ): Promise<{ messageId: string; objectKey: string; notification: Record<string, unknown> }>;
  putItems(items: Record<string, unknown>[]): Promise<void>;
  queueDepths(): Promise<QueueDepth[]>;
  outbox(): Promise<OutboxMail[]>;
  drain(queueName?: string | string[], options?: { timeoutMs?: number }): Promise<void>;
  /** The SES stand-in: sending events it published, and refusals to inject (tests). */
  ses: Pick<SesStandIn, 'failNextSends' | 'published'>;
  advanceClock(duration: string): Promise<Date>;
  setClock(when: string): Promise<Date>;
  /** With `faultInjection`: the share of the functions' AWS calls that fail (0 = none). */
  setFaultRate(
    rate: number,
    services?: readonly ('dynamodb' | 'sqs' | 's3' | 'ses')[],
    options?: { lostAnswers?: boolean },
  ): void;
  faultCounts(): { requests: number; before: number; after: number };
  /** Moves a queue's dead letters back to it (what `uii dlq redrive` does); returns how many. */
  redrive(queueName: string): Promise<number>;
  /** Set once an emulator has died: the stack is stopped and this says why. */
  fatal(): Error | undefined;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const report = options.onError ?? ((error, where) => console.error(`[${where}]`, error));
  const templateReady = Promise.resolve(options.templatePath).then((path) => {
    timings.template = Math.round(performance.now() - t0);
    return readTemplateFile(path);
  });
  templateReady.catch(() => {});
  let fatal: Error | undefined;
  let stopped: Promise<void> | undefined;
  const emulators: Emulators = await startEmulators({
    dynamoPath: options.dynamoPath,
    s3Directory: options.s3Directory,
    ports: options.ports,
    onFailure: (error) => {
      report(error, 'emulators');
      if (!(error instanceof EmulatorExitError) || fatal) return;
      fatal = error;
      // Stop loudly rather than poll a dead emulator forever.
      void stopAll().then(() => options.onFatal?.(error));
    },
  });
  timings.emulators = Math.round(performance.now() - t0);
  const stoppers: (() => Promise<void>)[] = [() => emulators.stop()];
  const stopAll = () => {
    stopped ??= (async () => {
      for (const s of stoppers.reverse()) await s().catch((e: unknown) => report(e, 'stop'));
    })();
    return stopped;
  };
  try {
    const model = await templateReady;
    // SES sending events (configuration set → SNS → SQS) come from a stand-in in front of the
    // emulator, which publishes none itself (docs/adr/0019-alert-delivery-exactly-once.md).
    let publishSesEvent: (queue: string, body: string) => Promise<void> = async () => {};
    let clockNow: () => Date = () => new Date();
    const sesStandIn: SesStandIn = await startSesStandIn({
      target: emulators.endpoints.ses,
      destinations: model.sesEventDestinations ?? [],
      publish: (queue, body) => publishSesEvent(queue, body),
      now: () => clockNow(),
      onError: (e) => report(e, 'ses-events'),
    });
    stoppers.push(() => sesStandIn.stop());
    const endpoints: Endpoints = { ...emulators.endpoints, ses: sesStandIn.url };
    const index: ResourceIndex = resourceIndex(endpoints);
    const clientConfig = {
      region: REGION,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    };
    const sqs = new SQSClient({ ...clientConfig, endpoint: endpoints.sqs });
    const s3 = new S3Client({
      ...clientConfig,
      endpoint: endpoints.s3,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const dynamo = new DynamoDBClient({ ...clientConfig, endpoint: endpoints.dynamodb });
    const documents = DynamoDBDocumentClient.from(dynamo, {
      marshallOptions: { removeUndefinedValues: true },
    });
    stoppers.push(async () => {
      sqs.destroy();
      s3.destroy();
      dynamo.destroy();
    });

    await provision(model, { sqs, s3, dynamo }, index, {
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    });
    timings.provision = Math.round(performance.now() - t0);

    // Functions read their environment at import: set it before loading any handler.
    const env = resolveFunctionEnvironment(model, index);
    if (options.logLevel) env.POWERTOOLS_LOG_LEVEL = options.logLevel;
    // The functions reach the emulators through fault proxies when asked (the runtime's own
    // clients — pollers, provisioning — do not: on AWS that side is Lambda's).
    const proxies = options.faultInjection
      ? await Promise.all(
          (['dynamodb', 'sqs', 's3', 'ses'] as const).map(
            async (k) => [k, await startFaultProxy(endpoints[k])] as const,
          ),
        )
      : [];
    stoppers.push(async () => {
      await Promise.all(proxies.map(([, p]) => p.close()));
    });
    const functionEndpoints = { ...endpoints, ...Object.fromEntries(proxies.map(([k, p]) => [k, p.url])) };
    Object.assign(process.env, env, emulatorEnvironment(functionEndpoints));

    const queueUrls = Object.fromEntries(model.queues.map((q) => [q.name, index.queueUrl(q.name)]));
    const queueUrl = (name: string) => {
      const url = queueUrls[name];
      if (!url) throw new RuntimeError(`нет такой очереди / no queue "${name}" in the template`);
      return url;
    };
    const sendToQueue: LocalRuntime['sendToQueue'] = async (name, body, sendOptions = {}) => {
      const out = await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl(name),
          MessageBody: typeof body === 'string' ? body : JSON.stringify(body),
          MessageAttributes: sendOptions.messageAttributes
            ? Object.fromEntries(
                Object.entries(sendOptions.messageAttributes).map(([k, v]) => [
                  k,
                  { DataType: 'String', StringValue: v },
                ]),
              )
            : undefined,
        }),
      );
      return out.MessageId!;
    };

    publishSesEvent = async (queue, body) => {
      if (queueUrls[queue]) await sendToQueue(queue, body);
    };

    const selected = (
      !options.functions || options.functions === 'all'
        ? model.functions
        : model.functions.filter((f) => (options.functions as string[]).includes(f.name))
    ).map((f) => ({ ...f, timeoutSeconds: options.timeouts?.[f.name] ?? f.timeoutSeconds }));
    if (Array.isArray(options.functions))
      for (const name of options.functions)
        if (!model.functions.some((f) => f.name === name))
          throw new RuntimeError(`нет такой функции / no function "${name}" in the template`);
    // Asked for by name: a load failure is fatal. Running 'all': report it and run the others.
    const host: FunctionHost = await loadFunctions(
      options.root,
      selected,
      options.handlers,
      Array.isArray(options.functions) ? undefined : (e) => report(e, 'load'),
    );
    if (options.onInvocation) host.onInvocation(options.onInvocation);
    timings.functions = Math.round(performance.now() - t0);

    const clock = new SimulatedClock(options.now ? parseClockTime(options.now) : undefined);
    stoppers.push(async () => clock.dispose());
    clockNow = () => clock.now();
    emulators.onS3Event(
      s3EventBridge(
        model.notifications,
        async (queue, body) => void (await sendToQueue(queue, body)),
        (e) => report(e, 's3-notification'),
        () => clock.now(),
      ),
    );

    const pollers = new Map<string, Poller>();
    for (const mapping of model.mappings) {
      if (!mapping.enabled || !host.names().includes(mapping.functionName)) continue;
      pollers.set(
        mapping.queue,
        startPoller({
          sqs,
          mapping,
          queueUrl: queueUrl(mapping.queue),
          queueArn: index.queueArn(mapping.queue),
          maxBatchingWindowSeconds: options.maxBatchingWindowSeconds,
          invoke: (event: SQSEvent) => host.invoke(mapping.functionName, event),
          onError: (e) => report(e, mapping.functionName),
        }),
      );
    }
    stoppers.push(async () => {
      await Promise.all([...pollers.values()].map((p) => p.stop()));
    });

    const scheduler = startScheduler({
      specs: model.schedules,
      clock,
      runStartDay: Boolean(options.now),
      fire: async (spec, input) => {
        if (spec.target.kind === 'queue') await sendToQueue(spec.target.name, input);
        else await host.invoke(spec.target.name, input);
      },
      onRun: (run) => {
        if (run.error)
          report(new RuntimeError(`${run.schedule} at ${run.scheduledTime}: ${run.error}`), 'scheduler');
        options.onScheduledRun?.(run);
      },
    });
    stoppers.push(() => scheduler.stop());

    const putObject: LocalRuntime['putObject'] = async (bucket, key, body) => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    };

    const uploadsBucket = model.notifications[0]?.bucket ?? env.UPLOADS_BUCKET ?? 'uploads';
    const uploadsPrefix = model.notifications.find((n) => n.bucket === uploadsBucket)?.prefix ?? '';
    const uploadFeed: LocalRuntime['uploadFeed'] = async (file, serviceId, uploadOptions = {}) => {
      const key = uploadOptions.key ?? `${uploadsPrefix}${serviceId}/${basename(file)}`;
      await putObject(uploadsBucket, key, uploadOptions.body ?? readFileSync(file));
      return key;
    };

    const receiveMail: LocalRuntime['receiveMail'] = async (file, verdicts, mailOptions = {}) => {
      const rule = model.receiptRules[0];
      if (!rule)
        throw new RuntimeError('в шаблоне нет правила приёма почты / the template has no SES receipt rule');
      const raw = typeof file === 'string' ? readFileSync(file) : file;
      const received = await buildReceipt(raw, rule, {
        verdicts,
        now: clock.now(),
        recipients: mailOptions.recipients,
      });
      await putObject(rule.bucket, received.objectKey, raw);
      for (const q of rule.queues)
        await sendToQueue(q.name, q.rawMessageDelivery ? received.notification : received.snsEnvelope);
      return received;
    };

    const mainTable = env.TABLE_NAME ?? model.tables[0]?.name;
    const putItems: LocalRuntime['putItems'] = async (items) => {
      if (!mainTable) throw new RuntimeError('no main table');
      for (let i = 0; i < items.length; i += 25) {
        let pending: Record<string, unknown>[] | undefined = items.slice(i, i + 25);
        while (pending?.length) {
          const out: BatchWriteCommandOutput = await documents.send(
            new BatchWriteCommand({
              RequestItems: { [mainTable]: pending.map((Item) => ({ PutRequest: { Item } })) },
            }),
          );
          pending = out.UnprocessedItems?.[mainTable]?.map((r) => r.PutRequest!.Item!);
        }
      }
    };

    const queueDepths = async (): Promise<QueueDepth[]> => {
      const raw = new Map<string, { visible: number; inFlight: number; delayed: number }>();
      await Promise.all(
        model.queues.map(async (q) => {
          const out = await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: queueUrl(q.name),
              AttributeNames: [
                'ApproximateNumberOfMessages',
                'ApproximateNumberOfMessagesNotVisible',
                'ApproximateNumberOfMessagesDelayed',
              ],
            }),
          );
          const a = out.Attributes ?? {};
          const inFlight = Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
          // local-aws-sqs counts in-flight messages in ApproximateNumberOfMessages; AWS does not.
          raw.set(q.name, {
            visible: Math.max(0, Number(a.ApproximateNumberOfMessages ?? 0) - inFlight),
            inFlight,
            delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
          });
        }),
      );
      return model.queues.map((q) => {
        const d = raw.get(q.name)!;
        const dlq = q.redrive ? raw.get(q.redrive.deadLetterQueue) : undefined;
        return {
          name: q.name,
          url: queueUrl(q.name),
          ...d,
          ...(q.redrive && dlq
            ? {
                dlq: {
                  name: q.redrive.deadLetterQueue,
                  depth: dlq.visible + dlq.inFlight,
                  maxReceiveCount: q.redrive.maxReceiveCount,
                },
              }
            : {}),
        };
      });
    };

    const outbox = () => readMailbox(endpoints.ses);

    const drain: LocalRuntime['drain'] = async (queueName, drainOptions = {}) => {
      const names = queueName === undefined ? [...pollers.keys()] : [queueName].flat();
      const deadline = Date.now() + (drainOptions.timeoutMs ?? 60_000);
      let quietChecks = 0;
      while (quietChecks < 2) {
        if (fatal) throw new RuntimeError(`the local stack stopped: ${fatal.message}`, { cause: fatal });
        if (Date.now() > deadline)
          throw new RuntimeError(
            `queues ${names.join(', ')} did not drain in ${drainOptions.timeoutMs ?? 60_000} ms`,
          );
        await scheduler.settled();
        await sesStandIn.settled();
        const depths = await queueDepths();
        const busy =
          depths.some((d) => names.includes(d.name) && d.visible + d.inFlight + d.delayed > 0) ||
          names.some((n) => pollers.get(n)?.busy());
        quietChecks = busy ? 0 : quietChecks + 1;
        await sleep(busy ? 100 : 150);
      }
    };

    const redrive: LocalRuntime['redrive'] = async (queueName) => {
      const spec = model.queues.find((q) => q.name === queueName);
      if (!spec?.redrive) throw new RuntimeError(`queue ${queueName} has no dead-letter queue`);
      const from = queueUrl(spec.redrive.deadLetterQueue);
      let moved = 0;
      for (;;) {
        const out = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: from, MaxNumberOfMessages: 10, VisibilityTimeout: 30 }),
        );
        if (!out.Messages?.length) return moved;
        for (const m of out.Messages) {
          await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl(queueName), MessageBody: m.Body! }));
          await sqs.send(new DeleteMessageCommand({ QueueUrl: from, ReceiptHandle: m.ReceiptHandle! }));
          moved += 1;
        }
      }
    };

    timings.ready = Math.round(performance.now() - t0);
    return {
      model,
      endpoints,
      ports: emulators.ports,
      env,
      queueUrls,
      clock,
      invocations: host.invocations,
      scheduledRuns: scheduler.runs,
      startupMs: { ...emulators.startupMs, ...timings },
      javaPid: emulators.javaPid,
      sendToQueue,
      uploadFeed,
      putObject,
      receiveMail,
      putItems,
      queueDepths,
      outbox,
      drain,
      ses: { failNextSends: sesStandIn.failNextSends, published: sesStandIn.published },
      advanceClock: async (duration) => {
        await clock.advance(parseDuration(duration));
        return clock.now();
      },
      setClock: async (when) => {
        await clock.set(parseClockTime(when));
        return clock.now();
      },
      redrive,
      setFaultRate: (rate, services, faultOptions) => {
        for (const [k, p] of proxies)
          if (!services || services.includes(k)) p.setRate(rate, faultOptions?.lostAnswers);
      },
      faultCounts: () =>
        proxies.reduce(
          (sum, [, p]) => {
            const c = p.counts();
            return {
              requests: sum.requests + c.requests,
              before: sum.before + c.before,
              after: sum.after + c.after,
            };
          },
          { requests: 0, before: 0, after: 0 },
        ),
      fatal: () => fatal,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
