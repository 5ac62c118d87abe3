import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startControlServer } from './control';
import type { MailVerdicts } from './demo/context';
import type { Invocation, LambdaHandler } from './functions';
import { type LocalRuntime, type OutboxMail, type QueueDepth, startRuntime } from './runtime';
import { runtimeInfoOf } from './runtime-file';
import type { ScheduledRun } from './scheduler';
import { ensureTemplate } from './synth';

export type { Invocation, LambdaHandler, OutboxMail, QueueDepth, ScheduledRun };

/** The repository root (this file is packages/local/src/testing.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The hand-written template used before the CDK app exists. */
export const fixtureTemplate = join(repoRoot, 'packages/local/test/fixtures/UiiConnect.template.json');

export interface LocalStackOptions {
  /** Functions to run in-process, by `uii:name`. Default 'all'. Queues of the others are left alone. */
  functions?: string[] | 'all';
  /** Simulated today: `2026-03-01` or an ISO time. */
  now?: string;
  /** Every queue's visibility timeout in seconds. Default 2 (the template's values are for AWS). */
  visibilityTimeoutSeconds?: number;
  /** Caps batching windows (seconds). Default 0: a batch is invoked as soon as messages are there. */
  maxBatchingWindowSeconds?: number;
  /** Replace handlers by function name (e.g. one that fails on purpose). */
  handlers?: Record<string, LambdaHandler>;
  /** Override functions' timeouts (seconds), e.g. to see a timeout enforced quickly. */
  timeouts?: Record<string, number>;
  /** Fault-injecting proxies between functions and emulators (`runtime.setFaultRate`). */
  faultInjection?: boolean;
  /** Fixed emulator ports: a second stack in one test file must reuse the first one's (SDK clients keep them). */
  ports?: LocalRuntime['ports'];
  /** Keep DynamoDB in this directory (a restart over existing data); default in memory. */
  dynamoPath?: string;
  /** Template to read. Default: cdk.out (synthesized when stale), or the fixture while infra/ has no app. */
  template?: string;
  /** POWERTOOLS_LOG_LEVEL for the functions. Default 'WARN' (quiet test output). */
  logLevel?: string;
  /**
   * Serve the control API and write runtime.json, so `uii local clock`, `uii mail send`,
   * `uii outbox`… work against this stack. Run the CLI with an async spawn (execFile), never
   * spawnSync: the control API lives on the test's main thread.
   */
  cli?: boolean;
}

export interface LocalStack {
  /**
   * UII_RUNTIME_FILE (also set in process.env): this stack's runtime.json when started with
   * `cli: true`, else a path that does not exist (the CLI then uses the AWS_* environment).
   */
  runtimeFile: string;
  /** The functions' environment (TABLE_NAME, UPLOADS_BUCKET, *_QUEUE_URL, SES_FROM_ADDRESS…). */
  env: Record<string, string>;
  endpoints: LocalRuntime['endpoints'];
  queueUrls: Record<string, string>;
  /** Every function invocation so far, in order: what it received and what it answered. */
  invocations: Invocation[];
  /** Invocations of one function. */
  invocationsOf(functionName: string): Invocation[];
  scheduledRuns: ScheduledRun[];
  sendToQueue(name: string, body: unknown): Promise<string>;
  uploadFeed(file: string, serviceId: string, options?: { key?: string; body?: Buffer }): Promise<string>;
  receiveMail(
    file: string | Buffer,
    verdicts?: MailVerdicts,
    options?: { recipients?: string[] },
  ): Promise<{ messageId: string; objectKey: string; notification: Record<string, unknown> }>;
  putItems(items: Record<string, unknown>[]): Promise<void>;
  /** Waits until the queues (default: every polled queue) are empty and no function is running. */
  drain(queueName?: string | string[], options?: { timeoutMs?: number }): Promise<void>;
  queueDepths(): Promise<QueueDepth[]>;
  /** Mail sent through SES so far (the local mailbox). */
  outbox(): Promise<OutboxMail[]>;
  /** The SES stand-in: the sending events it published; make it refuse the next sends. */
  ses: LocalRuntime['ses'];
  /** Moves the simulated clock (`1d`, `3d`, `12h`) and waits for the schedule runs it crosses. */
  advanceClock(duration: string): Promise<Date>;
  setClock(when: string): Promise<Date>;
  /** Set once an emulator died: the stack has stopped, and this says why. */
  fatal(): Error | undefined;
  /** Errors the runtime reported (handler errors, emulator faults…), in order. */
  errors: unknown[];
  /** The Java process of DynamoDB Local (tests: kill it to see the stack stop loudly). */
  javaPid: number | undefined;
  ports: LocalRuntime['ports'];
  /** The runtime itself, for what this facade does not wrap (demo seeding). */
  runtime: LocalRuntime;
  stop(): Promise<void>;
}

async function chooseTemplate(option: string | undefined): Promise<string> {
  if (option) return option;
  if (!existsSync(join(repoRoot, 'infra/bin/app.ts'))) return fixtureTemplate;
  return (await ensureTemplate(repoRoot)).path;
}

/**
 * Starts the whole stack for one test file: in-memory DynamoDB, temp S3 directory, free
 * ports, functions in-process. One per test file (the @uii/aws clients are created once per
 * process with the endpoints of the first stack); vitest runs files in separate processes,
 * so files run in parallel safely.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const template = chooseTemplate(options.template);
  const dir = mkdtempSync(join(tmpdir(), 'uii-stack-'));
  const errors: unknown[] = [];
  let runtime: LocalRuntime;
  try {
    runtime = await startRuntime({
      root: repoRoot,
      templatePath: template,
      functions: options.functions ?? 'all',
      now: options.now,
      s3Directory: join(dir, 's3'),
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 2,
      maxBatchingWindowSeconds: options.maxBatchingWindowSeconds ?? 0,
      handlers: options.handlers,
      timeouts: options.timeouts,
      dynamoPath: options.dynamoPath,
      ports: options.ports,
      faultInjection: options.faultInjection,
      logLevel: options.logLevel ?? 'WARN',
      // Handler errors are expected in tests (poison messages); they show in invocations.
      onError: (error) => errors.push(error),
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const r = runtime;
  // A `uii` CLI run by the test (a child process with this env) must never reach a developer's
  // `npm start`: UII_RUNTIME_FILE points at this stack's runtime.json with `cli: true`, else at
  // a file that does not exist, so the CLI uses the AWS_* / TABLE_NAME environment of this stack.
  const infoFile = join(dir, 'runtime.json');
  const control = options.cli ? await startControlServer(r, new Date()) : undefined;
  if (control)
    writeFileSync(
      infoFile,
      JSON.stringify(runtimeInfoOf(r, { root: repoRoot, controlUrl: control.url, startedAt: new Date() })),
    );
  process.env.UII_RUNTIME_FILE = infoFile;
  return {
    runtimeFile: infoFile,
    env: r.env,
    endpoints: r.endpoints,
    queueUrls: r.queueUrls,
    invocations: r.invocations,
    invocationsOf: (name) => r.invocations.filter((i) => i.functionName === name),
    scheduledRuns: r.scheduledRuns,
    sendToQueue: (name, body) => r.sendToQueue(name, body),
    uploadFeed: r.uploadFeed,
    receiveMail: r.receiveMail,
    putItems: r.putItems,
    drain: r.drain,
    queueDepths: r.queueDepths,
    outbox: r.outbox,
    ses: r.ses,
    advanceClock: r.advanceClock,
    setClock: r.setClock,
    fatal: r.fatal,
    errors,
    javaPid: r.javaPid,
    ports: r.ports,
    runtime: r,
    stop: async () => {
      if (process.env.UII_RUNTIME_FILE === infoFile) delete process.env.UII_RUNTIME_FILE;
      if (control) {
        control.server.closeAllConnections();
        await new Promise<void>((resolve) => control.server.close(() => resolve()));
      }
      await r.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
