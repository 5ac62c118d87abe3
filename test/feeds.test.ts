import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { getObjectBytes } from '@uii/aws';
import { FeedStore } from '@uii/aws/feed-store';
import { seed as seedDemoFeeds } from '@uii/local/demo/feeds';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
  await store.putService({
    id: 'tomsk-czn',
    name: 'ЦЗН Томска',
    regions: ['70'],
    contacts: ['czn@trud.example'],
    officers: ['officer@uii.example'],
  });
  await store.putService({
    id: 'seversk-czn',
    name: 'ЦЗН Северска',
    regions: ['70'],
    contacts: ['sev@trud.example'],
    officers: ['officer@uii.example'],
  });
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

    expect(matchRequests()).toContainEqual({ reason: 'feed_received', region: '70', asOf: '2026-11-23' });

    const receipts = (await stack.outbox()).filter((m) => m.to.includes('czn@trud.example'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.subject).toMatch(/принята: 5 вакансий, 1 отклонено/);
    expect(receipts[0]!.text).toMatch(/строка 7, поле salary_min: ожидается число/);
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

  it('refuses an empty file with a clear reason to the uploader', async () => {
    await stack.uploadFeed(feed('empty.json'), 'seversk-czn');
    await stack.drain();
    const mails = (await stack.outbox()).filter((m) => m.to.includes('sev@trud.example'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/не принята/);
    expect(mails[0]!.text).toMatch(/файл пуст/);
    expect(await store.getSummary('seversk-czn', MONTH)).toBeUndefined();
  });

  it('ignores uploads from unregistered services', async () => {
    const before = (await stack.outbox()).length;
    await stack.uploadFeed(feed('sample.json'), 'nobody');
    await stack.drain();
    expect((await stack.outbox()).length).toBe(before);
  });
});

describe('FEED-MONTHLY', { timeout: 60_000 }, () => {
  it('reminds the late service, then its officer, each once', async () => {
    const { handler } = await import('../functions/feed-check/handler');
    const early = await handler({ time: '2026-11-04T06:00:00Z' });
    expect(early.jobs).toEqual([]);
    const due = await handler({ time: '2026-11-05T06:00:00Z' });
    expect(due.jobs).toEqual(['feed-missing:seversk-czn:2026-11:service']);
    const later = await handler({ time: '2026-11-08T06:00:00Z' });
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
    expect(receipt?.subject).toMatch(/принята: 5 вакансий, 0 отклонено/);

    const list = cli('feed', 'list', '--month', MONTH, '--json');
    expect(list.status, list.stderr).toBe(0);
    const listing = JSON.parse(list.stdout);
    expect(listing.services.map((s: { id: string; missing: boolean }) => [s.id, s.missing])).toEqual([
      ['seversk-czn', false],
      ['tomsk-czn', false],
    ]);
    expect(listing.services[1].months).toEqual([
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
    expect(receipt?.subject).toMatch(/принята: 30 вакансий, 0 отклонено/);
  });
});
