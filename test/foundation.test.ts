import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AuditStore } from '@uii/aws/audit-store';
import { type AlertJob, now, today } from '@uii/domain';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, recordsOf, sqsTestHandler } from './support/handlers';

// One stack for the file: emulators on free ports, in-memory DynamoDB, 1 s visibility timeouts.
let stack: LocalStack;
const sampleMail = join(repoRoot, 'events/ses/sample.eml');

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['feed-intake', 'mail-intake', 'match', 'alert-outbox', 'deadline-scan'],
    visibilityTimeoutSeconds: 1,
    now: '2026-03-01',
    cli: true,
    handlers: {
      // Stand-ins record what they receive; alert-outbox runs its real handler.
      'feed-intake': sqsTestHandler(),
      'mail-intake': sqsTestHandler(),
      match: sqsTestHandler({ fails: (body) => body.includes('"poison":true') }),
      'deadline-scan': async () => ({ ok: true }),
    },
  });
});

afterAll(async () => {
  await stack?.stop();
});

const sqs = () =>
  new SQSClient({
    endpoint: stack.endpoints.sqs,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });

describe('SQS event-source mapping', () => {
  it('moves a poison message to the DLQ after exactly maxReceiveCount attempts; its batch-mates run once', async () => {
    // Prepare: four good requests and one poison, sent in one batch so they are received together.
    const bodies = [1, 2, 3, 4].map((n) => ({
      reason: 'feed_received',
      region: '70',
      asOf: `2026-03-0${n}`,
    }));
    const poison = { reason: 'feed_received', poison: true, asOf: '2026-03-09' };
    await sqs().send(
      new SendMessageBatchCommand({
        QueueUrl: stack.queueUrls['match-requests'],
        Entries: [...bodies, poison].map((b, i) => ({ Id: String(i), MessageBody: JSON.stringify(b) })),
      }),
    );

    // Act
    await stack.drain('match-requests', { timeoutMs: 30_000 });

    // Assess
    const records = recordsOf(stack.invocationsOf('match'));
    const poisonAttempts = records.filter((r) => r.body.includes('"poison":true'));
    expect(poisonAttempts.map((r) => r.attributes.ApproximateReceiveCount)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    for (const body of bodies) expect(records.filter((r) => r.body === JSON.stringify(body))).toHaveLength(1);
    const depths = await stack.queueDepths();
    const matchRequests = depths.find((d) => d.name === 'match-requests')!;
    expect(matchRequests.dlq).toMatchObject({ name: 'match-requests-dlq', depth: 1, maxReceiveCount: 5 });
    const dlq = await sqs().send(
      new ReceiveMessageCommand({ QueueUrl: stack.queueUrls['match-requests-dlq'], MaxNumberOfMessages: 10 }),
    );
    expect(dlq.Messages?.map((m) => JSON.parse(m.Body!))).toEqual([poison]);
  });

  it('hands functions real-shaped SQS records', async () => {
    await stack.sendToQueue('match-requests', { reason: 'clock_opened', asOf: '2026-03-01' });
    await stack.drain('match-requests');
    const record = recordsOf(stack.invocationsOf('match')).at(-1)!;
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: expect.stringMatching(/^arn:aws:sqs:eu-central-1:\d{12}:match-requests$/),
      awsRegion: 'eu-central-1',
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: expect.stringMatching(/^\d+$/) },
    });
    expect(record.receiptHandle.length).toBeGreaterThan(20);
  });
});

describe('S3 upload notification', () => {
  it('produces exactly one S3-shaped message on feed-intake per uploaded file', async () => {
    const key = await stack.uploadFeed(join(repoRoot, 'events/feeds/sample.json'), '70', {
      key: 'uploads/70/лента вакансий.json',
      body: Buffer.from('{"status":"200","results":{"vacancies":[]}}'),
    });
    await eventually(() => stack.invocationsOf('feed-intake').length > 0);
    await stack.drain('feed-intake');
    // A late duplicate would show up within a visibility timeout.
    await new Promise((r) => setTimeout(r, 1200));

    const records = recordsOf(stack.invocationsOf('feed-intake'));
    expect(records).toHaveLength(1);
    const event = JSON.parse(records[0]!.body);
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      awsRegion: 'eu-central-1',
      s3: {
        bucket: { name: stack.env.UPLOADS_BUCKET, arn: `arn:aws:s3:::${stack.env.UPLOADS_BUCKET}` },
        object: { size: 43, eTag: expect.stringMatching(/^[0-9a-f]{32}$/), sequencer: expect.any(String) },
      },
    });
    // Keys arrive URL-encoded with '+' for spaces, as S3 sends them.
    const encoded = event.Records[0].s3.object.key as string;
    expect(encoded).toBe(
      'uploads/70/%D0%BB%D0%B5%D0%BD%D1%82%D0%B0+%D0%B2%D0%B0%D0%BA%D0%B0%D0%BD%D1%81%D0%B8%D0%B9.json',
    );
    expect(decodeURIComponent(encoded.replaceAll('+', ' '))).toBe(key);
  });

  it('does not notify for keys outside the configured prefix', async () => {
    const before = stack.invocationsOf('feed-intake').length;
    await stack.uploadFeed('x.json', 'ignored', { key: 'elsewhere/x.json', body: Buffer.from('{}') });
    await new Promise((r) => setTimeout(r, 800));
    await stack.drain('feed-intake');
    expect(stack.invocationsOf('feed-intake')).toHaveLength(before);
  });
});

describe('SES inbound mail', () => {
  it('delivers an .eml to mail-intake as an SNS-wrapped SES receipt notification, stored in S3', async () => {
    const raw = readFileSync(sampleMail);
    const received = await stack.receiveMail(sampleMail);
    await eventually(() => recordsOf(stack.invocationsOf('mail-intake')).length > 0);

    const record = recordsOf(stack.invocationsOf('mail-intake')).at(-1)!;
    const envelope = JSON.parse(record.body);
    expect(envelope).toMatchObject({
      Type: 'Notification',
      Subject: 'Amazon SES Email Receipt Notification',
      TopicArn: expect.stringMatching(/^arn:aws:sns:eu-central-1:/),
    });
    const notification = JSON.parse(envelope.Message);
    expect(notification).toMatchObject({
      notificationType: 'Received',
      mail: {
        messageId: received.messageId,
        source: 'master@stroy-primer.example',
        destination: ['uii-70@inbound.uii.example'],
        headersTruncated: false,
        commonHeaders: {
          subject: 'Табель учета рабочего времени',
          to: ['uii-70@inbound.uii.example'],
          messageId: '<sample-0001@stroy-primer.example>',
        },
      },
      receipt: {
        recipients: ['uii-70@inbound.uii.example'],
        spfVerdict: { status: 'PASS' },
        dkimVerdict: { status: 'PASS' },
        dmarcVerdict: { status: 'PASS' },
        spamVerdict: { status: 'PASS' },
        virusVerdict: { status: 'PASS' },
        action: { type: 'S3', bucketName: stack.env.INBOUND_MAIL_BUCKET, objectKey: received.objectKey },
      },
    });
    expect(notification.mail.headers).toContainEqual({
      name: 'Message-ID',
      value: '<sample-0001@stroy-primer.example>',
    });

    // The raw message is where the notification says.
    const s3 = new S3Client({
      endpoint: stack.endpoints.s3,
      region: 'eu-central-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const object = await s3.send(
      new GetObjectCommand({
        Bucket: notification.receipt.action.bucketName,
        Key: notification.receipt.action.objectKey,
      }),
    );
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(raw)).toBe(true);
  });

  it('derives verdicts from Authentication-Results, and lets the caller override them', async () => {
    const forged = readFileSync(sampleMail, 'utf8')
      .replace('dkim=pass', 'dkim=fail')
      .replace('dmarc=pass', 'dmarc=fail');
    const derived = await stack.receiveMail(Buffer.from(forged));
    expect(derived.notification).toMatchObject({
      receipt: {
        spfVerdict: { status: 'PASS' },
        dkimVerdict: { status: 'FAIL' },
        dmarcVerdict: { status: 'FAIL' },
      },
    });
    const overridden = await stack.receiveMail(sampleMail, { spf: 'FAIL' });
    expect(overridden.notification).toMatchObject({ receipt: { spfVerdict: { status: 'FAIL' } } });
    await stack.drain('mail-intake');
  });
});

describe('alert-outbox', () => {
  it('sends a job enqueued twice exactly once, and audits it without the mail body', async () => {
    const job: AlertJob = {
      id: `test-once-${Date.now()}`,
      kind: 'deadline.reminder',
      audience: 'officer',
      to: ['officer@uii70.example'],
      subject: 'Напоминание: срок явки',
      text: 'Тело письма с персональными данными',
      caseId: 'case-1',
      rule: 'job-search-30d',
      attachments: [
        {
          filename: 'receipt.csv',
          contentType: 'text/csv',
          contentBase64: Buffer.from('a;b\n').toString('base64'),
        },
      ],
    };
    await stack.sendToQueue('alert-outbox', job);
    await stack.sendToQueue('alert-outbox', job);
    await stack.drain('alert-outbox', { timeoutMs: 30_000 });

    const mails = (await stack.outbox()).filter((m) => m.subject === job.subject);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: stack.env.SES_FROM_ADDRESS, to: job.to });
    expect(mails[0]!.attachments).toMatchObject([{ filename: 'receipt.csv' }]);

    const month = now().toISOString().slice(0, 7);
    const audit = (await new AuditStore(stack.env.TABLE_NAME).month(month)).filter((a) => a.jobId === job.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      kind: job.kind,
      audience: 'officer',
      recipientDomains: ['uii70.example'],
      caseId: 'case-1',
    });
    expect(JSON.stringify(audit[0])).not.toContain('officer@uii70.example');
    expect(JSON.stringify(audit[0])).not.toContain('персональными');
  });

  it('sends nothing for an invalid job and leaves it to the DLQ', async () => {
    const before = (await stack.outbox()).length;
    await stack.sendToQueue('alert-outbox', {
      id: 'broken',
      kind: 'x',
      audience: 'officer',
      to: ['not-an-address'],
    });
    await stack.drain('alert-outbox', { timeoutMs: 30_000 });
    expect(await stack.outbox()).toHaveLength(before);
    const depths = await stack.queueDepths();
    expect(depths.find((d) => d.name === 'alert-outbox')?.dlq?.depth).toBe(1);
  });
});

describe('schedules and the simulated clock', () => {
  it('starts at --now and fires each crossed run of the daily scan with its scheduled time', async () => {
    expect(today()).toBe('2026-03-01');
    // Started with --now 2026-03-01: that day's run has already happened, once.
    const timeOf = (r: { event: unknown }) =>
      JSON.stringify(r.event).match(/20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ/)?.[0];
    expect(stack.invocationsOf('deadline-scan').map(timeOf)).toEqual(['2026-03-01T03:00:00Z']);
    const before = stack.invocationsOf('deadline-scan').length;

    await stack.advanceClock('3d');

    expect(today()).toBe('2026-03-04');
    const runs = stack.invocationsOf('deadline-scan').slice(before);
    expect(runs).toHaveLength(2);
    const times = runs.map(timeOf);
    expect(times.every(Boolean)).toBe(true);
    expect([...times].sort()).toEqual(times);
    expect(JSON.stringify(runs.map((r) => r.event))).not.toContain('<aws.scheduler');
    expect(times.map((t) => t!.slice(0, 10))).toEqual(['2026-03-02', '2026-03-03']);
  });
});

describe('the uii CLI against this stack', () => {
  // Async on purpose: the control API answers on this process's main thread.
  const uii = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [join(repoRoot, 'packages/cli/bin/uii.js'), ...args],
        { cwd: repoRoot, encoding: 'utf8', env: process.env },
      );
      return { status: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { status: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  it('finds the test stack through UII_RUNTIME_FILE and lists queue and DLQ depths', async () => {
    const run = await uii('queues', '--json');
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as { name: string; dlq?: { name: string; depth: number } }[];
    expect(rows.find((r) => r.name === 'match-requests')?.dlq).toMatchObject({
      name: 'match-requests-dlq',
      depth: 1,
    });
  });

  it('delivers a mail with `uii mail send` and an overridden verdict', async () => {
    const before = recordsOf(stack.invocationsOf('mail-intake')).length;
    const run = await uii('mail', 'send', sampleMail, '--spf', 'FAIL', '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).receipt.spfVerdict).toEqual({ status: 'FAIL' });
    await eventually(() => recordsOf(stack.invocationsOf('mail-intake')).length > before);
  });

  it('reports a bad date on stderr with exit code 2', async () => {
    const run = await uii('local', 'clock', 'set', 'not-a-date');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/не дата/);
  });
});
