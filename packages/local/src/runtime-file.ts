import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Endpoints } from './env';

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
}

export const runtimeFile = (root: string) => join(root, '.local', 'runtime.json');

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
