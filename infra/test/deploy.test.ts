import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../lib/app';
import { consumerOf, FUNCTION_SPECS } from '../lib/function-specs';
import { QUEUE_NAMES } from '../lib/names';
import type { UiiConnectStack } from '../lib/stack';

/**
 * Proof 7 (issue 14), the parts that decide whether a deploy works: alarms reach someone,
 * everything is private, TLS-only and under our keys, and every grant is the least it needs.
 */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped
type Resource = { Type: string; Properties: any; Metadata?: Record<string, unknown> };
// biome-ignore lint/suspicious/noExplicitAny: IAM statement JSON is untyped
type Statement = Record<string, any>;
let stack: UiiConnectStack;
let resources: Record<string, Resource>;

beforeAll(() => {
  ({ stack } = buildApp({
    bundling: false,
    nag: false,
    cfnValidation: false,
    context: { opsEmail: 'oncall@uii.example' },
  }));
  resources = Template.fromStack(stack).toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const uiiName = (r: Resource) => r.Metadata?.['uii:name'];
const idOf = (type: string, name: string) => ofType(type).find(([, r]) => uiiName(r) === name)?.[0];
const refs = (value: unknown): string[] =>
  JSON.stringify(value)
    .match(/"(?:Ref|Fn::GetAtt)":\s*\[?"([A-Za-z0-9]+)"/g)
    ?.map((m) => m.replace(/.*"([A-Za-z0-9]+)"$/, '$1')) ?? [];
const statementsOf = (doc: { Statement: unknown[] }) => doc.Statement as Statement[];
const rolePolicies = (functionName: string) => {
  const fnId = idOf('AWS::Lambda::Function', functionName)!;
  const roleId = getRole(resources[fnId]!);
  return ofType('AWS::IAM::Policy')
    .filter(([, r]) => (r.Properties.Roles as unknown[]).some((x) => refs(x).includes(roleId)))
    .flatMap(([, r]) => statementsOf(r.Properties.PolicyDocument));
};
const getRole = (fn: Resource) => (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
const actionsOf = (s: Statement) => ([] as string[]).concat(s.Action);

describe('alarms reach someone', () => {
  it('lets CloudWatch alarms of this account publish to the encrypted alarm topic, which the on-call address is subscribed to', () => {
    const topicId = ofType('AWS::SNS::Topic').find(
      ([, r]) => r.Properties.DisplayName === 'uii-connect alarms',
    )![0];
    const policy = ofType('AWS::SNS::TopicPolicy').find(([, r]) =>
      refs(r.Properties.Topics).includes(topicId),
    )![1];
    const allow = statementsOf(policy.Properties.PolicyDocument).find(
      (s) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect(allow?.Action).toBe('sns:Publish');
    expect(allow?.Condition?.StringEquals?.['aws:SourceAccount']).toBeTruthy();
    expect(JSON.stringify(allow?.Condition?.ArnLike?.['aws:SourceArn'])).toContain(':alarm:*');
    expect(resources[topicId]!.Properties.KmsMasterKeyId).toBeTruthy();
    const subscription = ofType('AWS::SNS::Subscription').find(([, r]) =>
      refs(r.Properties.TopicArn).includes(topicId),
    );
    expect(subscription?.[1].Properties).toMatchObject({ Protocol: 'email', Endpoint: 'oncall@uii.example' });
    // Every alarm acts on that topic.
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(10);
    for (const [id, a] of alarms) expect(refs(a.Properties.AlarmActions), id).toContain(topicId);
  });

  it('alarms on each work queue: DLQ depth, consumer errors, throttles and the oldest message age', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    for (const queue of QUEUE_NAMES) {
      const queueId = idOf('AWS::SQS::Queue', queue)!;
      const dlqId = idOf('AWS::SQS::Queue', `${queue}-dlq`)!;
      const fnId = idOf('AWS::Lambda::Function', consumerOf(queue).name)!;
      const on = (metric: string, id: string) =>
        alarms.some((a) => a.MetricName === metric && refs(a.Dimensions).includes(id));
      expect(on('ApproximateNumberOfMessagesVisible', dlqId), `${queue} DLQ depth`).toBe(true);
      expect(on('ApproximateAgeOfOldestMessage', queueId), `${queue} oldest message`).toBe(true);
      expect(on('Errors', fnId), `${queue} consumer errors`).toBe(true);
      expect(on('Throttles', fnId), `${queue} consumer throttles`).toBe(true);
    }
  });

  it('gives each scheduled function an on-failure destination and the schedules a dead-letter queue', () => {
    const failuresId = idOf('AWS::SQS::Queue', 'scheduled-failures')!;
    for (const spec of FUNCTION_SPECS.filter((f) => f.trigger.kind === 'schedule')) {
      const fnId = idOf('AWS::Lambda::Function', spec.name)!;
      const config = ofType('AWS::Lambda::EventInvokeConfig').find(([, r]) =>
        refs(r.Properties.FunctionName).includes(fnId),
      );
      expect(refs(config?.[1].Properties.DestinationConfig?.OnFailure), spec.name).toContain(failuresId);
    }
    for (const [, s] of ofType('AWS::Scheduler::Schedule'))
      expect(refs(s.Properties.Target.DeadLetterConfig)).toContain(failuresId);
  });
});

describe('private, TLS-only, under our keys', () => {
  it('blocks public access to every bucket and refuses plain HTTP', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThanOrEqual(2);
    for (const [id, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => refs(p.Properties.Bucket).includes(id));
      const deny = statementsOf(policy![1].Properties.PolicyDocument).find(
        (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      );
      expect(deny, `${id} TLS-only`).toBeTruthy();
    }
  });

  it('encrypts tables, our buckets, queues and topics with customer-managed keys', () => {
    const keys = new Set(ofType('AWS::KMS::Key').map(([id]) => id));
    const usesKey = (value: unknown) => refs(value).some((r) => keys.has(r));
    for (const [id, t] of ofType('AWS::DynamoDB::Table'))
      expect(usesKey(t.Properties.SSESpecification), id).toBe(true);
    for (const [id, q] of ofType('AWS::SQS::Queue'))
      expect(usesKey(q.Properties.KmsMasterKeyId), id).toBe(true);
    for (const [id, t] of ofType('AWS::SNS::Topic'))
      expect(usesKey(t.Properties.KmsMasterKeyId), id).toBe(true);
    for (const name of ['uploads', 'inbound-mail']) {
      const b = resources[idOf('AWS::S3::Bucket', name)!]!;
      expect(usesKey(b.Properties.BucketEncryption), name).toBe(true);
    }
  });

  it('lets AWS services use a key only from this account and for their own resources here', () => {
    for (const [id, k] of ofType('AWS::KMS::Key')) {
      for (const s of statementsOf(k.Properties.KeyPolicy).filter((s) => s.Principal?.Service)) {
        const where = `${id} ${s.Principal.Service}`;
        const exact = s.Condition?.ArnEquals?.['aws:SourceArn'];
        const pattern = s.Condition?.ArnLike?.['aws:SourceArn'];
        expect(exact ?? pattern, where).toBeTruthy();
        // A pattern, or a bucket (an S3 ARN names no account), also pins the account; a
        // topic's ARN names it already.
        const names = refs(exact ?? pattern);
        const bucket = names.some((r) => resources[r]?.Type === 'AWS::S3::Bucket');
        if (bucket || JSON.stringify(exact ?? pattern).includes('*'))
          expect(s.Condition?.StringEquals?.['aws:SourceAccount'], where).toBeTruthy();
      }
    }
  });
});

describe('least privilege', () => {
  const allStatements = () =>
    ofType('AWS::IAM::Policy').flatMap(([id, r]) =>
      statementsOf(r.Properties.PolicyDocument).map((s) => ({ id, s })),
    );

  it('has no "*" action on a "*" resource, no service-wide action, and no dynamodb:Scan', () => {
    for (const { id, s } of allStatements()) {
      const actions = actionsOf(s);
      const resourcesOf = ([] as unknown[]).concat(s.Resource);
      expect(actions.includes('*') && resourcesOf.includes('*'), id).toBe(false);
      expect(
        actions.filter((a) => /^[a-z0-9-]+:\*$/.test(a)),
        id,
      ).toEqual([]);
      expect(actions, id).not.toContain('dynamodb:Scan');
    }
  });

  it('keeps upload-url and feed-check away from personal data: only SERVICE#/PARTNER#/FEED# items, read only', () => {
    const mainId = idOf('AWS::DynamoDB::Table', 'main')!;
    for (const [name, prefixes] of [
      // PARTNER#: is the caller a registered municipality (ADR 0030)
      ['upload-url', ['SERVICE#*', 'PARTNER#*']],
      ['feed-check', ['SERVICE#*', 'FEED#*']],
    ] as const) {
      const onTable = rolePolicies(name).filter(
        (s) => refs(s.Resource).includes(mainId) && actionsOf(s).some((a) => a.startsWith('dynamodb:')),
      );
      expect(onTable.length, name).toBeGreaterThan(0);
      for (const s of onTable) {
        const actions = actionsOf(s);
        expect(
          actions.every((a) => /^dynamodb:(GetItem|BatchGetItem|Query|ConditionCheckItem)$/.test(a)),
          `${name}: ${actions}`,
        ).toBe(true);
        const onIndex = JSON.stringify(s.Resource).includes('/index/*');
        if (onIndex) expect(actions, name).toEqual(['dynamodb:Query']);
        else
          expect(s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'], name).toEqual(prefixes);
      }
    }
  });

  it('gives SES sending to alert-outbox alone, and bucket access by prefix with one object action', () => {
    for (const spec of FUNCTION_SPECS) {
      const statements = rolePolicies(spec.name);
      const sends = statements.some((s) => actionsOf(s).some((a) => a.startsWith('ses:Send')));
      expect(sends, spec.name).toBe(Boolean(spec.access.sendEmail));
      for (const s of statements.filter((x) => actionsOf(x).some((a) => a.startsWith('s3:'))))
        expect(actionsOf(s).length, `${spec.name} ${actionsOf(s)}`).toBe(1);
    }
  });

  it('acknowledges cdk-nag findings on the constructs they concern, never on the whole stack', () => {
    for (const a of stack.nagAcknowledgments) expect(a.scope.node.path, a.id).not.toBe(stack.node.path);
  });
});
