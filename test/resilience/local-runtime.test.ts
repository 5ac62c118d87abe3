import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CaseStore } from '@uii/aws/case-store';
import { seed as seedCases } from '@uii/local/demo/cases';
import { demoContextOf } from '@uii/local/demo-context';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/handlers';

/** Defect 9 (issue 14): the local runtime survives bad input, stops loudly, leaves no orphan. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const dir = mkdtempSync(join(tmpdir(), 'uii-local-runtime-'));
const stacks: LocalStack[] = [];
afterAll(async () => {
  for (const s of stacks) await s.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

const demoCaseVersions = async () => {
  const store = new CaseStore(process.env.TABLE_NAME);
  const out: Record<string, { version: number; next: string | null }> = {};
  for (const id of ['DEMO-IR-1']) {
    const c = await store.getCase(id);
    out[id] = { version: c?.version ?? -1, next: c?.projection?.nextActionDate ?? null };
  }
  return out;
};

describe('the local runtime', () => {
  it('refuses a 300-byte key segment with a clear 400 and keeps SQS and S3 working; enforces timeouts; restarts over data without resetting the demo', async () => {
    const options = {
      functions: ['case-events', 'match'],
      now: '2026-03-02',
      visibilityTimeoutSeconds: 1,
      dynamoPath: join(dir, 'dynamodb'),
      timeouts: { match: 1 },
      handlers: {
        match: async () => {
          await new Promise((r) => setTimeout(r, 2500));
          return { batchItemFailures: [] };
        },
      },
    };
    const first = await startLocalStack(options);
    stacks.push(first);

    // A key segment longer than a file name may be: refused, and nothing dies.
    const s3 = new S3Client({
      endpoint: first.endpoints.s3,
      region: 'eu-central-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const bucket = first.env.UPLOADS_BUCKET!;
    const put = (key: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
    await expect(put(`uploads/svc-1/${'д'.repeat(150)}.csv`)).rejects.toThrow(
      /key segment is longer than 255 bytes/,
    );
    await put('other/ok.txt');
    await first.sendToQueue('match-requests', { reason: 'feed_received', region: '70', asOf: '2026-03-02' });

    // A function past its timeout fails as on Lambda ("Task timed out after 1.00 seconds").
    const timedOut = (await eventually(
      () => first.invocationsOf('match').find((i) => i.error?.includes('Task timed out after 1.00 seconds')),
      10_000,
    ))!;
    expect(timedOut.error).toMatch(/^Sandbox\.Timedout/);
    expect(first.fatal()).toBeUndefined();

    // Demo seeded through the stores; the events give the case its projection.
    const ctx = demoContextOf(first.runtime, repoRoot);
    await seedCases(ctx);
    await first.drain('case-events', { timeoutMs: 30_000 });
    const seeded = await demoCaseVersions();
    expect(seeded['DEMO-IR-1']!.version).toBeGreaterThan(0);
    expect(seeded['DEMO-IR-1']!.next).toBeTruthy();
    await first.stop();
    stacks.pop();

    // A restart over the same data keeps the case as it was.
    const second = await startLocalStack({ ...options, ports: first.ports });
    stacks.push(second);
    const lines = await seedCases(demoContextOf(second.runtime, repoRoot));
    await second.drain('case-events', { timeoutMs: 30_000 });
    expect(await demoCaseVersions()).toEqual(seeded);
    expect(lines.join('\n')).toMatch(/уже загружены/);

    // DynamoDB Local dies later on: the stack says so and stops, instead of failing forever.
    process.kill(second.javaPid!, 'SIGKILL');
    await eventually(() => second.fatal(), 10_000);
    expect(second.fatal()?.message).toMatch(/DynamoDB Local exited/);
    await expect(second.drain()).rejects.toThrow(/the local stack stopped/);
    console.info(
      `[defect 9] 300-byte key: 400 KeyTooLongError, emulators alive; timeout enforced: ${timedOut.durationMs} ms; ` +
        `demo after restart: version ${seeded['DEMO-IR-1']!.version} kept; DynamoDB exit: stopped loudly`,
    );
  }, 120_000);

  it('leaves no Java process behind when node is killed with SIGKILL', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'test/resilience/fixtures/emulators-child.ts')],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c) => {
      out += String(c);
    });
    const javaPid = (await eventually(() => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      return line ? (JSON.parse(line) as { javaPid: number }).javaPid : undefined;
    }, 60_000))!;
    expect(alive(javaPid)).toBe(true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const started = Date.now();
    await eventually(() => !alive(javaPid), 10_000);
    console.info(`[defect 9] SIGKILL to node: Java ${javaPid} gone after ${Date.now() - started} ms`);
  }, 90_000);
});
