import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Endpoints, REGION } from './env';
import type { LocalRuntime } from './runtime';

/** `.local/runtime.json`: how the CLI finds the running local stack. */
export interface RuntimeInfo {
  pid: number;
  startedAt: string;
  root: string;
  region: string;
  endpoints: Endpoints;
  ports: Record<string, number>;
  /** Loopback control API of the runtime (status, clock, mail). */
  controlUrl: string;
  mailboxUrl: string;
  env: Record<string, string>;
  queueUrls: Record<string, string>;
  /** Queue name → its DLQ name. */
  deadLetterQueues: Record<string, string>;
  javaPid?: number;
  /** The officers' web (packages/local/src/web.ts): its URL and the token that mints sign-in links. */
  web?: { url: string; controlToken: string };
}

/**
 * `UII_RUNTIME_FILE` wins: the test harness points it at its own stack, so a CLI run by a test
 * (a child process inheriting the env) talks to the test's stack even while `npm start` runs.
 */
export const runtimeFile = (root: string) =>
  process.env.UII_RUNTIME_FILE || join(root, '.local', 'runtime.json');

/** The info the CLI needs about a running runtime. */
export function runtimeInfoOf(
  runtime: LocalRuntime,
  args: { root: string; controlUrl: string; startedAt: Date },
): RuntimeInfo {
  return {
    pid: process.pid,
    startedAt: args.startedAt.toISOString(),
    root: args.root,
    region: REGION,
    endpoints: runtime.endpoints,
    ports: { ...runtime.ports, control: Number(new URL(args.controlUrl).port) },
    controlUrl: args.controlUrl,
    mailboxUrl: runtime.endpoints.ses,
    env: runtime.env,
    queueUrls: runtime.queueUrls,
    deadLetterQueues: Object.fromEntries(
      runtime.model.queues.flatMap((q) => (q.redrive ? [[q.name, q.redrive.deadLetterQueue]] : [])),
    ),
    javaPid: runtime.javaPid,
  };
}

export function writeRuntimeInfo(root: string, info: RuntimeInfo): void {
  writeFileSync(runtimeFile(root), `${JSON.stringify(info, null, 2)}\n`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running stack's info, or undefined when none runs (a stale file from a crash is ignored). */
export function readRuntimeInfo(root: string): RuntimeInfo | undefined {
  const path = runtimeFile(root);
  if (!existsSync(path)) return undefined;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as RuntimeInfo;
    return alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export function removeRuntimeInfo(root: string, pid = process.pid): void {
  const path = runtimeFile(root);
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as RuntimeInfo;
    if (info.pid === pid) rmSync(path, { force: true });
  } catch {}
}
