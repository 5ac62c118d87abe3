import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type RuntimeInfo, readRuntimeInfo } from './runtime-file';

/**
 * How the CLI reaches the stack: the running local runtime (found through
 * `.local/runtime.json`), else the normal AWS configuration (profile, region, credentials).
 */
export class LocalStackNotRunningError extends Error {
  override readonly name = 'LocalStackNotRunningError';
}

export class ControlApiError extends Error {
  override readonly name = 'ControlApiError';
}

/** The repository root: the nearest folder upwards holding `.local/` or `cdk.json`. */
export function findRoot(from = process.cwd()): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'cdk.json')) || existsSync(join(dir, '.local', 'runtime.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
}

export function localRuntime(root = findRoot()): RuntimeInfo | undefined {
  return readRuntimeInfo(root);
}

export function requireLocalRuntime(root = findRoot()): RuntimeInfo {
  const info = readRuntimeInfo(root);
  if (!info)
    throw new LocalStackNotRunningError(
      'локальный стенд не запущен / the local stack is not running: запустите `npm start`',
    );
  return info;
}

/** The emulator's endpoint and fake credentials when the local stack runs; {} (the AWS defaults) else. */
function clientConfig(info: RuntimeInfo | undefined, service: 'sqs' | 'dynamodb') {
  return info
    ? {
        endpoint: info.endpoints[service],
        region: info.region,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }
    : {};
}

/** An SQS client for the local emulator when it runs, else for AWS. */
export const sqsFor = (info: RuntimeInfo | undefined) => new SQSClient(clientConfig(info, 'sqs'));

/** A DynamoDB client for DynamoDB Local when the local stack runs, else for AWS. */
export const dynamoFor = (info: RuntimeInfo | undefined) =>
  new DynamoDBClient(clientConfig(info, 'dynamodb'));

export async function control<T>(
  info: RuntimeInfo,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${info.controlUrl}${path}`, {
      method,
      // Moving the clock fires schedules and can take a while; a stuck stack must not hang the CLI.
      signal: AbortSignal.timeout(120_000),
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ControlApiError(`стенд не отвечает / the local stack does not answer at ${info.controlUrl}`, {
      cause: error,
    });
  }
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new ControlApiError(json.error ?? `HTTP ${response.status}`);
  return json;
}

/** Wraps an AWS failure in remote mode with the hint a user needs: start the local stack or configure AWS. */
export async function withAwsHint<T>(info: RuntimeInfo | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (info || (error as Error).name === 'UsageError') throw error;
    throw new LocalStackNotRunningError(
      `локальный стенд не запущен, а AWS не отвечает / no local stack, and AWS failed: ${(error as Error).message}. ` +
        'Запустите `npm start` или настройте AWS (AWS_PROFILE, AWS_REGION).',
      { cause: error },
    );
  }
}
