import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getObjectBytes, headObject } from '@uii/aws';
import { FeedStore } from '@uii/aws/feed-store';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFeedServices } from './support/feed-services';

/**
 * `uii feed upload` as a clerk runs it beside `npm start`: the CLI finds the stack through its
 * runtime.json only (no AWS_* variables inherited from the test), uploads, feed-intake reads the
 * stored bytes, and the receipt lands in the local mailbox.
 */
let stack: LocalStack;
const feed = (name: string) => join(repoRoot, 'events/feeds', name);

/** The CLI with nothing but PATH/HOME and the stack's runtime file: what a user's shell has. */
async function uii(...args: string[]) {
  try {
    const out = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'packages/cli/bin/uii.js'), ...args],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          UII_RUNTIME_FILE: stack.runtimeFile,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    return { status: 0, stdout: out.stdout, stderr: out.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { status: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['feed-intake', 'alert-outbox', 'match'],
    now: '2026-11-23T10:00:00+03:00',
    cli: true,
  });
  const store = new FeedStore(stack.env.TABLE_NAME!);
  await registerFeedServices(store);
});

afterAll(async () => {
  await stack?.stop();
});

const storedKey = (stdout: string) => /s3:\/\/[^/]+\/(uploads\/\S+)/.exec(stdout)?.[1];

describe('uii feed upload end to end', { timeout: 120_000 }, () => {
  it('stores the JSON feed byte for byte and the clerk gets the receipt', async () => {
    const up = await uii(
      'feed',
      'upload',
      feed('sample.json'),
      '--service',
      'tomsk-czn',
      '--uploader',
      'a@trud.example',
    );
    expect(up.status, up.stderr).toBe(0);
    const key = storedKey(up.stdout)!;
    expect(key).toMatch(/^uploads\/tomsk-czn\/.*sample\.json$/);
    const stored = await getObjectBytes(stack.env.UPLOADS_BUCKET!, key);
    expect(stored.equals(readFileSync(feed('sample.json')))).toBe(true);
    expect((await headObject(stack.env.UPLOADS_BUCKET!, key)).ContentEncoding).not.toBe('aws-chunked');

    await stack.drain();
    const receipt = (await stack.outbox()).find((m) => m.to.includes('a@trud.example'));
    expect(receipt?.subject).toMatch(/принята.*5 вакансий/);
  });

  it('uploads an XLSX workbook that the intake reads and receipts', async () => {
    const up = await uii(
      'feed',
      'upload',
      feed('vacancies.xlsx'),
      '--service',
      'seversk-czn',
      '--uploader',
      'b@trud.example',
    );
    expect(up.status, up.stderr).toBe(0);
    const stored = await getObjectBytes(stack.env.UPLOADS_BUCKET!, storedKey(up.stdout)!);
    expect(stored.equals(readFileSync(feed('vacancies.xlsx')))).toBe(true);
    await stack.drain();
    const receipt = (await stack.outbox()).find((m) => m.to.includes('b@trud.example'));
    expect(receipt?.subject).toMatch(/принята/);
    expect(stack.invocationsOf('feed-intake').every((i) => !i.error)).toBe(true);
  });

  it('refuses an unknown service with exit 2 and uploads nothing', async () => {
    const before = stack.invocationsOf('feed-intake').length;
    const up = await uii('feed', 'upload', feed('sample.json'), '--service', 'nosuch');
    expect(up.status).toBe(2);
    expect(up.stdout).toBe('');
    expect(up.stderr).toMatch(/«nosuch» не зарегистрирована.*seversk-czn, tomsk-czn/);
    await stack.drain();
    expect(stack.invocationsOf('feed-intake').length).toBe(before);
  });
});

describe('presigned upload through upload-url', { timeout: 120_000 }, () => {
  it('issues a URL to the service role of this account, and a PUT to it is received and receipted', async () => {
    const { handler } = await import('../functions/upload-url/handler');
    const context = { invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:upload-url' };
    const event = (userArn: string) =>
      ({
        requestContext: { requestId: 'r-1', authorizer: { iam: { userArn } } },
        queryStringParameters: { file: 'ноябрь.json', uploader: 'c@trud.example' },
      }) as unknown as Parameters<typeof handler>[0];
    const foreign = await handler(
      event('arn:aws:sts::111111111111:assumed-role/uii-feed-upload-tomsk-czn/s'),
      context,
    );
    expect(foreign).toMatchObject({ statusCode: 403 });

    // Presign as on AWS: without the emulator's checksum setting in the environment.
    const saved = process.env.AWS_REQUEST_CHECKSUM_CALCULATION;
    delete process.env.AWS_REQUEST_CHECKSUM_CALCULATION;
    let out: Awaited<ReturnType<typeof handler>>;
    try {
      out = await handler(
        event('arn:aws:sts::000000000000:assumed-role/uii-feed-upload-tomsk-czn/s'),
        context,
      );
    } finally {
      process.env.AWS_REQUEST_CHECKSUM_CALCULATION = saved;
    }
    expect(out).toMatchObject({ statusCode: 200 });
    const answer = JSON.parse(String((out as { body: string }).body));
    expect(answer.key).toMatch(/^uploads\/tomsk-czn\/.*ноябрь\.json$/);
    // A checksum of the empty body baked into the URL would make S3 reject every real upload.
    expect(answer.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i);

    const put = await fetch(answer.url, {
      method: 'PUT',
      headers: answer.headers,
      body: readFileSync(feed('sample-array.json')),
    });
    expect(put.status).toBe(200);
    await stack.drain();
    const receipt = (await stack.outbox()).find((m) => m.to.includes('c@trud.example'));
    expect(receipt?.subject).toMatch(/ЦЗН Томска/);
  });
});
