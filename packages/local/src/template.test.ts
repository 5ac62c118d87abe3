import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFunctionEnvironment, resourceIndex } from './env';
import { readTemplate, readTemplateFile, type Template, TemplateError } from './template';

const fixture = join(import.meta.dirname, '../test/fixtures/UiiConnect.template.json');
const index = resourceIndex({
  dynamodb: 'http://127.0.0.1:1',
  sqs: 'http://127.0.0.1:2',
  s3: 'http://127.0.0.1:3',
  ses: 'http://127.0.0.1:4',
});

describe('readTemplate', () => {
  const model = readTemplateFile(fixture);

  it('reads queues with their redrive policy pointing at the DLQ by name', () => {
    expect(model.queues.find((q) => q.name === 'alert-outbox')).toMatchObject({
      visibilityTimeout: 60,
      redrive: { deadLetterQueue: 'alert-outbox-dlq', maxReceiveCount: 5 },
    });
    expect(model.queues.find((q) => q.name === 'alert-outbox-dlq')?.redrive).toBeUndefined();
  });

  it('reads tables with keys, GSIs and TTL', () => {
    expect(model.tables.find((t) => t.name === 'main')).toMatchObject({
      keySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      globalSecondaryIndexes: [{ IndexName: 'byDue', Projection: { ProjectionType: 'ALL' } }],
      ttlAttribute: 'expiresAt',
    });
  });

  it('reads event-source mappings with batch size, window and partial responses', () => {
    expect(model.mappings.find((m) => m.functionName === 'case-events')).toEqual({
      functionName: 'case-events',
      queue: 'case-events',
      batchSize: 10,
      maximumBatchingWindowInSeconds: 1,
      reportBatchItemFailures: true,
      enabled: true,
    });
  });

  it('reads the S3 notification with its prefix filter, and the SES rule with its SNS→SQS subscription', () => {
    expect(model.notifications).toEqual([
      {
        bucket: 'uploads',
        queue: 'feed-intake',
        events: ['s3:ObjectCreated:*'],
        prefix: 'uploads/',
        suffix: undefined,
      },
    ]);
    expect(model.receiptRules[0]).toMatchObject({
      bucket: 'inbound-mail',
      objectKeyPrefix: 'inbound-mail/',
      queues: [{ name: 'mail-intake', rawMessageDelivery: false }],
    });
  });

  it('reads schedules with their function target and input', () => {
    expect(model.schedules.find((s) => s.name === 'daily-deadline-scan')).toMatchObject({
      expression: 'cron(0 6 * * ? *)',
      timezone: 'Europe/Moscow',
      target: { kind: 'function', name: 'deadline-scan' },
      input: expect.stringContaining('<aws.scheduler.scheduled-time>'),
    });
  });

  it('names a redrive target that has no uii:name', () => {
    const broken: Template = {
      Resources: {
        Q: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Nameless', 'Arn'] }, maxReceiveCount: 5 },
          },
          Metadata: { 'uii:name': 'q' },
        },
        Nameless: { Type: 'AWS::SQS::Queue' },
      },
    };
    expect(() => readTemplate(broken)).toThrow(/queue q RedrivePolicy/);
  });
});

describe('resolveFunctionEnvironment', () => {
  const model = readTemplateFile(fixture);

  it('resolves Ref of queues to URLs, of tables and buckets to names, of the configuration set to its name', () => {
    const env = resolveFunctionEnvironment(model, index);
    expect(env).toMatchObject({
      TABLE_NAME: 'main',
      UPLOADS_BUCKET: 'uploads',
      ALERT_OUTBOX_QUEUE_URL: 'http://127.0.0.1:2/000000000000/alert-outbox',
      SES_CONFIGURATION_SET: 'uii-connect',
      SES_FROM_ADDRESS: 'noreply@uii.example',
    });
  });

  it('fails loudly when two functions give one variable different values', () => {
    const template = structuredClone(model.template);
    const fn = Object.values(template.Resources).find(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['uii:name'] === 'feed-intake',
    )!;
    (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.TABLE_NAME = {
      Ref: 'IdempotencyTable0D1E2F3A',
    };
    expect(() => resolveFunctionEnvironment(readTemplate(template), index)).toThrow(TemplateError);
    expect(() => resolveFunctionEnvironment(readTemplate(template), index)).toThrow(/TABLE_NAME differs/);
  });
});
