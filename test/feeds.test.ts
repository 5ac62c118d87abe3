import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { getObjectBytes, headObject } from '@uii/aws';
import { FeedStore } from '@uii/aws/feed-store';
import { seed as seedDemoFeeds } from '@uii/local/demo/feeds';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFeedServices } from './support/feed-services';

/**
 * Vacancy feeds through the local pipeline: upload to S3 → notification → feed-intake →
 * snapshot + summary + match request + receipt (alert-outbox → SES mailbox), on the emulators.
 */
let stack: LocalStack;
let store: FeedStore;
const feed = (name: string) => join(repoRoot, 'events/feeds', name);
const MONTH = '2026-11';

const matchRequests = () =>
  stack
    .invocationsOf('match')
    .flatMap((i) =>
      ((i.event as { Records?: Array<{ body: string }> }).Records ?? []).map((r) => JSON.parse(r.body)),
    );

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['feed-intake', 'alert-outbox', 'match'],
    now: '2026-11-23T10:00:00+03:00',
  });
  store = new FeedStore(stack.env.TABLE_NAME!);
  await registerFeedServices(store);
});

afterAll(async () => {
  await stack?.stop();
});

describe('feed intake', { timeout: 120_000 }, () => {
  it('ingests a feed: snapshot, summary, match request and a Russian receipt with the errors CSV', async () => {
    await stack.uploadFeed(feed('sample.json'), 'tomsk-czn');
    await stack.drain();

    const summary = await store.getSummary('tomsk-czn', MONTH);
    expect(summary).toMatchObject({
      total: 7,
      accepted: 5,
      rejected: 1,
      duplicates: 1,
      versions: 1,
      regions: { '70': 5 },
    });
    expect(summary!.snapshotKeys).toEqual([`snapshots/70/${MONTH}/tomsk-czn.jsonl.gz`]);

    const snapshot = gunzipSync(await getObjectBytes(stack.env.UPLOADS_BUCKET!, summary!.snapshotKeys[0]!))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(snapshot).toHaveLength(5);
    expect(new Set(snapshot.map((v) => v.id)).size).toBe(5);
    expect(snapshot.find((v) => v.id === '6a1c0e52-0000-4000-8000-000000000001')).toMatchObject({
      workPlaces: 2,
      region: '70',
    });
    expect(typeof snapshot[0].addresses[0].lat).toBe('number');

    expect(matchRequests()).toContainEqual(
      expect.objectContaining({ reason: 'feed_received', region: '70', asOf: '2026-11-23' }),
    );

    const receipts = (await stack.outbox()).filter((m) => m.to.includes('czn@trud.example'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.subject).toBe(
      'Лента вакансий за 11.2026 принята частично: 5 вакансий, 1 запись отклонена — ЦЗН Томска',
    );
    expect(receipts[0]!.text).toMatch(
      /строка 7, «Количество рабочих мест»: число рабочих мест должно быть целым/,
    );
    expect(receipts[0]!.text).not.toMatch(/docs\/|packages\//);
    expect(receipts[0]!.html).toMatch(/<table/);
    expect(receipts[0]!.attachments.map((a) => a.filename)).toEqual([`errors-tomsk-czn-${MONTH}.csv`]);
  });

  it('re-uploading the same content changes nothing and mails nothing new', async () => {
    const before = (await stack.outbox()).length;
    await stack.uploadFeed(feed('sample.json'), 'tomsk-czn', { key: 'uploads/tomsk-czn/again.json' });
    await stack.drain();
    expect(await store.getSummary('tomsk-czn', MONTH)).toMatchObject({
      versions: 1,
      key: 'uploads/tomsk-czn/sample.json',
    });
    expect((await stack.outbox()).length).toBe(before);
  });

  it('warns the service when a new feed replaces the month’s earlier one', async () => {
    await stack.uploadFeed(feed('sample-array.json'), 'tomsk-czn');
    await stack.drain();
    expect(await store.getSummary('tomsk-czn', MONTH)).toMatchObject({ versions: 2 });
    const receipts = (await stack.outbox()).filter((m) => m.to.includes('czn@trud.example'));
    expect(receipts).toHaveLength(2);
    expect(receipts[1]!.text).toMatch(/заменила ленту за 11\.2026, полученную 23\.11\.2026/);
    expect(receipts[0]!.text).not.toMatch(/заменила/);
  });

  it('refuses an empty file with a clear reason to the uploader', async () => {
    await stack.uploadFeed(feed('empty.json'), 'seversk-czn');
    await stack.drain();
    const mails = (await stack.outbox()).filter((m) => m.to.includes('sev@trud.example'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/не принята/);
    expect(mails[0]!.text).toMatch(/файл пуст/);
    expect(await store.getSummary('seversk-czn', MONTH)).toBeUndefined();
  });

  it('tells the operator about a feed on an unregistered prefix, logging no file name', async () => {
    process.env.FEED_OPERATOR_EMAIL = 'ops@uii.example';
    const logged: string[] = [];
    const streams = [process.stdout, process.stderr];
    const writes = streams.map((stream) => stream.write.bind(stream));
    streams.forEach((stream, i) => {
      stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        logged.push(String(chunk));
        return writes[i]!(chunk, ...rest);
      }) as typeof stream.write;
    });
    try {
      await stack.uploadFeed(feed('sample.json'), 'nobody', {
        key: 'uploads/nobody/Иванов_Иван_01.02.1985.json',
      });
      await stack.drain();
    } finally {
      streams.forEach((stream, i) => {
        stream.write = writes[i]!;
      });
      delete process.env.FEED_OPERATOR_EMAIL;
    }
    const mails = (await stack.outbox()).filter((m) => m.to.includes('ops@uii.example'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Лента от незарегистрированной службы «nobody»');
    expect(mails[0]!.text).toContain('uploads/nobody/Иванов_Иван_01.02.1985.json');
    expect(await store.getSummary('nobody', MONTH)).toBeUndefined();
    const warning = logged.find((l) => l.includes('unregistered prefix'));
    expect(warning).toMatch(/"serviceId":"nobody"/);
    expect(logged.join('')).not.toMatch(/Иванов|1985/);
  });
});

describe('feed intake after a failure past the commit', { timeout: 120_000 }, () => {
  it('a retry after the summary write still sends the match request and a first-time receipt', async () => {
    await store.putService({
      id: 'asino-czn',
      name: 'ЦЗН Асино',
      regions: ['70'],
      contacts: ['asino@trud.example'],
      officers: [],
    });
    const queueUrl = process.env.MATCH_REQUESTS_QUEUE_URL!;
    const before = stack.invocationsOf('feed-intake').length;
    // The send to match-requests fails on the first attempt (after the summary is written).
    process.env.MATCH_REQUESTS_QUEUE_URL = `${queueUrl}-gone`;
    try {
      await stack.uploadFeed(feed('excel-utf8-bom.csv'), 'asino-czn');
      const failed = () =>
        stack
          .invocationsOf('feed-intake')
          .slice(before)
          .some(
            (i) =>
              i.error !== undefined ||
              ((i.result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures ?? []).length >
                0,
          );
      for (let i = 0; i < 100 && !failed(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(failed()).toBe(true);
      expect(await store.getSummary('asino-czn', MONTH)).toMatchObject({ versions: 1 });
    } finally {
      process.env.MATCH_REQUESTS_QUEUE_URL = queueUrl;
    }
    await stack.drain();
    const summary = await store.getSummary('asino-czn', MONTH);
    expect(summary).toMatchObject({ versions: 1 });
    expect(summary!.notifiedAt).toBeDefined();
    expect(matchRequests().filter((m) => String(m.requestId).startsWith('feed:asino-czn:'))).toHaveLength(1);
    const receipts = (await stack.outbox()).filter((m) => m.to.includes('asino@trud.example'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.text).not.toMatch(/уже был принят/);
  });

  it('two deliveries of one object at the same time are accepted once', async () => {
    const { ingestFeed } = await import('../functions/feed-intake/ingest');
    const { Logger } = await import('@aws-lambda-powertools/logger');
    await store.putService({
      id: 'kolpash-czn',
      name: 'ЦЗН Колпашево',
      regions: ['70'],
      contacts: ['kolpash@trud.example'],
      officers: [],
    });
    const key = await stack.uploadFeed(feed('sample-array.json'), 'kolpash-czn');
    const bucket = stack.env.UPLOADS_BUCKET!;
    const objectKey = key.replace(`s3://${bucket}/`, '');
    const head = await headObject(bucket, objectKey);
    const object = {
      bucket,
      key: objectKey,
      eTag: (head.ETag ?? '').replaceAll('"', ''),
      size: Number(head.ContentLength),
      eventTime: '2026-11-23T07:00:00.000Z',
    };
    const logger = new Logger({ logLevel: 'SILENT' });
    const outcomes = await Promise.all([ingestFeed(object, logger), ingestFeed(object, logger)]);
    await stack.drain();
    expect(outcomes.filter((o) => o.status === 'accepted').length).toBeLessThanOrEqual(1);
    expect(await store.getSummary('kolpash-czn', MONTH)).toMatchObject({ versions: 1 });
    expect((await stack.outbox()).filter((m) => m.to.includes('kolpash@trud.example'))).toHaveLength(1);
  });
});

describe('FEED-MONTHLY', { timeout: 60_000 }, () => {
  it('reminds the late service, then its officer, each once', async () => {
    const { handler } = await import('../functions/feed-check/handler');
    const early = await handler({ time: '2026-11-04T06:00:00Z' });
    expect(early.jobs).toEqual([]);
    const due = await handler({ time: '2026-11-05T06:00:00Z' });
    expect(due.jobs).toEqual(['feed-missing:seversk-czn:2026-11:service']);
    // Saturday 7 and Sunday 8 November: no reminders on non-working days.
    expect((await handler({ time: '2026-11-08T06:00:00Z' })).jobs).toEqual([]);
    const later = await handler({ time: '2026-11-09T06:00:00Z' });
    expect(later.jobs).toEqual([
      'feed-missing:seversk-czn:2026-11:service',
      'feed-missing:seversk-czn:2026-11:officer',
    ]);
    await stack.drain();
    const reminders = (await stack.outbox()).filter((m) => /не получена|Нет ленты/.test(m.subject));
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(['officer@uii.example', 'sev@trud.example']);
  });
});

describe('uii feed upload and list against the local stack', { timeout: 120_000 }, () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(repoRoot, 'packages/cli/bin/uii.js'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: {
        ...process.env,
        TABLE_NAME: stack.env.TABLE_NAME,
        UPLOADS_BUCKET: stack.env.UPLOADS_BUCKET,
        AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
        AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    });

  it('uploads a feed that the intake then accepts, and lists services, months and missing feeds', async () => {
    const up = cli(
      'feed',
      'upload',
      feed('excel-cp1251.csv'),
      '--service',
      'seversk-czn',
      '--uploader',
      'clerk@trud.example',
    );
    expect(up.status, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/uploads\/seversk-czn\/.*excel-cp1251\.csv/);
    await stack.drain();
    const receipt = (await stack.outbox()).find((m) => m.to.includes('clerk@trud.example'));
    expect(receipt?.subject).toBe('Лента вакансий за 11.2026 принята: 5 вакансий — ЦЗН Северска');

    const list = cli('feed', 'list', '--month', MONTH, '--json');
    expect(list.status, list.stderr).toBe(0);
    const listing = JSON.parse(list.stdout);
    const listed = listing.services.filter((s: { id: string }) =>
      ['seversk-czn', 'tomsk-czn'].includes(s.id),
    );
    expect(listed.map((s: { id: string; missing: boolean }) => [s.id, s.missing])).toEqual([
      ['seversk-czn', false],
      ['tomsk-czn', false],
    ]);
    expect(listed[1].months).toEqual([
      expect.objectContaining({ month: MONTH, accepted: 5, rejected: 1, duplicates: 1 }),
    ]);
    const december = JSON.parse(cli('feed', 'list', '--month', '2026-12', '--json').stdout);
    expect(december.services.every((s: { missing: boolean }) => s.missing)).toBe(true);
  });
});

describe('the demo feed', { timeout: 120_000 }, () => {
  it('registers the demo service, uploads the Tomsk feed and the receipt reaches the mailbox', async () => {
    const lines = await seedDemoFeeds({
      root: repoRoot,
      today: '2026-11-23',
      env: { vars: stack.env, queues: stack.queueUrls, buckets: {}, tables: {} },
      uploadFeed: (file, serviceId) => stack.uploadFeed(file, serviceId),
      receiveMail: async () => '',
      sendToQueue: async (name, body) => void (await stack.sendToQueue(name, body)),
      putItems: (items) => stack.putItems(items),
    });
    expect(lines.join('\n')).toMatch(/uploads\/demo\/demo-tomsk\.json/);
    await stack.drain();
    const receipt = (await stack.outbox()).find((m) => m.to.includes('czn-tomsk@trud.example'));
    expect(receipt?.subject).toMatch(/принята: 30 вакансий — /);
  });
});
