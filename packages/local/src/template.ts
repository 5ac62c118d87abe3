import { readFileSync } from 'node:fs';

/**
 * Reads the synthesized CloudFormation template into the model the local runtime builds from.
 * The template is the single source of truth (docs/adr/0002): nothing here names a queue,
 * table or function; everything comes from `uii:*` metadata and the wiring resources.
 */

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

type Json = unknown;
interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
  Metadata?: Record<string, Json>;
}
export interface Template {
  Resources: Record<string, Resource>;
}

export interface QueueSpec {
  logicalId: string;
  name: string;
  visibilityTimeout: number;
  messageRetentionPeriod?: number;
  delaySeconds?: number;
  /** The DLQ by `uii:name`, and how many receives before a message moves there. */
  redrive?: { deadLetterQueue: string; maxReceiveCount: number };
}

export interface TableSpec {
  logicalId: string;
  name: string;
  keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  attributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  globalSecondaryIndexes: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
  }[];
  ttlAttribute?: string;
}

export interface BucketSpec {
  logicalId: string;
  name: string;
}

export interface FunctionSpec {
  logicalId: string;
  name: string;
  entry: string;
  handler: string;
  timeoutSeconds: number;
  memorySize: number;
  /** Environment.Variables exactly as in the template (intrinsics unresolved). */
  rawEnvironment: Record<string, Json>;
}

export interface EventSourceMappingSpec {
  functionName: string;
  queue: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  reportBatchItemFailures: boolean;
  enabled: boolean;
}

export interface BucketNotificationSpec {
  bucket: string;
  queue: string;
  events: string[];
  prefix?: string;
  suffix?: string;
}

export interface ReceiptRuleSpec {
  name: string;
  recipients: string[];
  bucket: string;
  objectKeyPrefix: string;
  /** Logical id of the SNS topic the S3 action notifies, and the queues subscribed to it. */
  topic: string;
  topicName: string;
  queues: { name: string; rawMessageDelivery: boolean }[];
  scanEnabled: boolean;
}

export interface ScheduleSpec {
  name: string;
  expression: string;
  timezone: string;
  enabled: boolean;
  target: { kind: 'function'; name: string } | { kind: 'queue'; name: string };
  input?: string;
}

/** An SES configuration set's event destination on an SNS topic, and the queues subscribed to it. */
export interface SesEventDestinationSpec {
  configurationSet: string;
  /** Lower-case SES event types: send, delivery, bounce, complaint, reject… */
  events: string[];
  topicName: string;
  queues: { name: string; rawMessageDelivery: boolean }[];
}

export interface StackModel {
  queues: QueueSpec[];
  tables: TableSpec[];
  buckets: BucketSpec[];
  functions: FunctionSpec[];
  mappings: EventSourceMappingSpec[];
  notifications: BucketNotificationSpec[];
  receiptRules: ReceiptRuleSpec[];
  schedules: ScheduleSpec[];
  /** Where the local SES stand-in publishes sending events (optional: older templates have none). */
  sesEventDestinations?: SesEventDestinationSpec[];
  /** Logical id → `uii:name` (or a physical name for resources like the configuration set). */
  names: Map<string, { type: string; name: string }>;
  template: Template;
}

export function readTemplateFile(path: string): StackModel {
  let parsed: Template;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Template;
  } catch (error) {
    throw new TemplateError(`cannot read template ${path}: ${(error as Error).message}`, { cause: error });
  }
  return readTemplate(parsed);
}

const asObj = (v: Json): Record<string, Json> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Json>) : {};
const asArr = (v: Json): Json[] => (Array.isArray(v) ? v : []);
const num = (v: Json, fallback: number): number => (v === undefined || v === null ? fallback : Number(v));

/** The logical id a `Ref` or `Fn::GetAtt` points at, or undefined for anything else. */
export function referencedId(value: Json): string | undefined {
  const o = asObj(value);
  if (typeof o.Ref === 'string') return o.Ref;
  const getAtt = o['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

export function readTemplate(template: Template): StackModel {
  if (!template?.Resources) throw new TemplateError('template has no Resources');
  const resources = Object.entries(template.Resources);
  const names = new Map<string, { type: string; name: string }>();
  for (const [id, r] of resources) {
    const uiiName = r.Metadata?.['uii:name'];
    if (typeof uiiName === 'string') names.set(id, { type: r.Type, name: uiiName });
    else if (r.Type === 'AWS::SES::ConfigurationSet')
      names.set(id, { type: r.Type, name: String(r.Properties?.Name ?? id) });
  }
  const nameOf = (value: Json, expectedType: string, where: string): string => {
    const id = referencedId(value);
    const hit = id ? names.get(id) : undefined;
    if (!id || !hit || hit.type !== expectedType)
      throw new TemplateError(
        `${where}: expected a reference to an ${expectedType} with uii:name metadata, got ${JSON.stringify(value)}`,
      );
    return hit.name;
  };
  const model: StackModel = {
    queues: [],
    tables: [],
    buckets: [],
    functions: [],
    mappings: [],
    notifications: [],
    receiptRules: [],
    schedules: [],
    sesEventDestinations: [],
    names,
    template,
  };
  const subscriptions: { topic: string; queue: string; raw: boolean }[] = [];
  const receiptRuleResources: [string, Resource][] = [];
  const eventDestinations: Resource[] = [];

  for (const [id, r] of resources) {
    const p = r.Properties ?? {};
    const uiiName = names.get(id)?.name;
    switch (r.Type) {
      case 'AWS::SQS::Queue': {
        if (!uiiName) break;
        const redrive = asObj(
          typeof p.RedrivePolicy === 'string' ? JSON.parse(p.RedrivePolicy) : p.RedrivePolicy,
        );
        model.queues.push({
          logicalId: id,
          name: uiiName,
          visibilityTimeout: num(p.VisibilityTimeout, 30),
          messageRetentionPeriod:
            p.MessageRetentionPeriod === undefined ? undefined : Number(p.MessageRetentionPeriod),
          delaySeconds: p.DelaySeconds === undefined ? undefined : Number(p.DelaySeconds),
          redrive: redrive.deadLetterTargetArn
            ? {
                deadLetterQueue: nameOf(
                  redrive.deadLetterTargetArn,
                  'AWS::SQS::Queue',
                  `queue ${uiiName} RedrivePolicy`,
                ),
                maxReceiveCount: num(redrive.maxReceiveCount, 5),
              }
            : undefined,
        });
        break;
      }
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable': {
        if (!uiiName) break;
        const ttl = asObj(p.TimeToLiveSpecification);
        model.tables.push({
          logicalId: id,
          name: uiiName,
          keySchema: asArr(p.KeySchema) as TableSpec['keySchema'],
          attributeDefinitions: asArr(p.AttributeDefinitions) as TableSpec['attributeDefinitions'],
          globalSecondaryIndexes: asArr(p.GlobalSecondaryIndexes).map((g) => {
            const gsi = asObj(g);
            return {
              IndexName: String(gsi.IndexName),
              KeySchema: asArr(gsi.KeySchema) as TableSpec['keySchema'],
              Projection: asObj(gsi.Projection) as TableSpec['globalSecondaryIndexes'][number]['Projection'],
            };
          }),
          ttlAttribute: ttl.Enabled === false || !ttl.AttributeName ? undefined : String(ttl.AttributeName),
        });
        break;
      }
      case 'AWS::S3::Bucket':
        if (uiiName) model.buckets.push({ logicalId: id, name: uiiName });
        break;
      case 'AWS::Lambda::Function': {
        if (!uiiName) break;
        const entry = r.Metadata?.['uii:entry'];
        if (typeof entry !== 'string')
          throw new TemplateError(`function ${uiiName} has no uii:entry metadata`);
        model.functions.push({
          logicalId: id,
          name: uiiName,
          entry,
          handler: String(r.Metadata?.['uii:handler'] ?? 'handler'),
          timeoutSeconds: num(p.Timeout, 3),
          memorySize: num(p.MemorySize, 128),
          rawEnvironment: asObj(asObj(p.Environment).Variables),
        });
        break;
      }
      case 'AWS::SNS::Subscription':
        if (p.Protocol === 'sqs') {
          const topic = referencedId(p.TopicArn);
          const queueId = referencedId(p.Endpoint);
          if (topic && queueId && names.get(queueId))
            subscriptions.push({
              topic,
              queue: names.get(queueId)!.name,
              raw: p.RawMessageDelivery === true,
            });
        }
        break;
      case 'AWS::SES::ReceiptRule':
        receiptRuleResources.push([id, r]);
        break;
      case 'AWS::SES::ConfigurationSetEventDestination':
        eventDestinations.push(r);
        break;
    }
  }

  for (const [, r] of resources) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::Lambda::EventSourceMapping') {
      const fn = nameOf(p.FunctionName, 'AWS::Lambda::Function', 'EventSourceMapping FunctionName');
      const source = referencedId(p.EventSourceArn);
      if (!source || names.get(source)?.type !== 'AWS::SQS::Queue') continue; // only SQS sources run locally
      model.mappings.push({
        functionName: fn,
        queue: names.get(source)!.name,
        batchSize: num(p.BatchSize, 10),
        maximumBatchingWindowInSeconds: num(p.MaximumBatchingWindowInSeconds, 0),
        reportBatchItemFailures: asArr(p.FunctionResponseTypes).includes('ReportBatchItemFailures'),
        enabled: p.Enabled !== false,
      });
    } else if (r.Type === 'Custom::S3BucketNotifications') {
      const bucket = nameOf(p.BucketName, 'AWS::S3::Bucket', 'S3BucketNotifications BucketName');
      for (const c of asArr(asObj(p.NotificationConfiguration).QueueConfigurations)) {
        const conf = asObj(c);
        const rules = asArr(asObj(asObj(conf.Filter).Key).FilterRules).map(asObj);
        const rule = (n: string) =>
          rules.find((x) => String(x.Name).toLowerCase() === n)?.Value as string | undefined;
        model.notifications.push({
          bucket,
          queue: nameOf(conf.QueueArn, 'AWS::SQS::Queue', `notification of bucket ${bucket}`),
          events: asArr(conf.Events).map(String),
          prefix: rule('prefix'),
          suffix: rule('suffix'),
        });
      }
    } else if (r.Type === 'AWS::Scheduler::Schedule') {
      const target = asObj(p.Target);
      const targetId = referencedId(target.Arn);
      const hit = targetId ? names.get(targetId) : undefined;
      const name = String(r.Metadata?.['uii:name'] ?? p.Name ?? 'schedule');
      if (!hit)
        throw new TemplateError(`schedule ${name}: target ${JSON.stringify(target.Arn)} has no uii:name`);
      model.schedules.push({
        name,
        expression: String(p.ScheduleExpression),
        timezone: String(p.ScheduleExpressionTimezone ?? 'UTC'),
        enabled: p.State !== 'DISABLED',
        target:
          hit.type === 'AWS::SQS::Queue'
            ? { kind: 'queue', name: hit.name }
            : { kind: 'function', name: hit.name },
        input: typeof target.Input === 'string' ? target.Input : undefined,
      });
    }
  }

  for (const [id, r] of receiptRuleResources) {
    const rule = asObj(r.Properties?.Rule);
    for (const a of asArr(rule.Actions)) {
      const s3 = asObj(asObj(a).S3Action);
      if (!s3.BucketName) continue;
      const topic = referencedId(s3.TopicArn);
      if (!topic)
        throw new TemplateError(`receipt rule ${id}: S3Action has no TopicArn, mail would never be noticed`);
      model.receiptRules.push({
        name: String(rule.Name ?? id),
        recipients: asArr(rule.Recipients).map(String),
        bucket: nameOf(s3.BucketName, 'AWS::S3::Bucket', `receipt rule ${id}`),
        objectKeyPrefix: String(s3.ObjectKeyPrefix ?? ''),
        topic,
        topicName: names.get(topic)?.name ?? topic,
        queues: subscriptions
          .filter((s) => s.topic === topic)
          .map((s) => ({ name: s.queue, rawMessageDelivery: s.raw })),
        scanEnabled: rule.ScanEnabled === true,
      });
    }
  }
  for (const r of eventDestinations) {
    const p = r.Properties ?? {};
    const destination = asObj(p.EventDestination);
    const topic = referencedId(asObj(destination.SnsDestination).TopicARN);
    const setId = referencedId(p.ConfigurationSetName);
    if (!topic || destination.Enabled === false) continue;
    model.sesEventDestinations!.push({
      configurationSet: setId ? (names.get(setId)?.name ?? setId) : String(p.ConfigurationSetName),
      events: asArr(destination.MatchingEventTypes).map((e) => String(e).toLowerCase()),
      topicName: names.get(topic)?.name ?? topic,
      queues: subscriptions
        .filter((s) => s.topic === topic)
        .map((s) => ({ name: s.queue, rawMessageDelivery: s.raw })),
    });
  }
  return model;
}
