import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Customer-managed keys, rotated yearly. Personal data (152-FZ) lives in the table, the
 * buckets and the queue messages, so it must be under keys we control and can revoke.
 *
 * - `data`: tables and buckets;
 * - `queues`: SQS queues;
 * - `topics`: SNS topics.
 * Three keys, not one, because CDK scopes the S3 → SQS and SNS → SQS key grants to the source
 * (aws:SourceArn = the bucket, the topic): the queue key's policy names them, so neither may be
 * encrypted with the queue key, or key and resource would each wait for the other.
 *
 * AWS services that write into our encrypted resources need the key too. CDK adds the
 * statements for S3 → SQS and SNS → SQS itself; the ones here cover the producers it does not
 * know about, each limited to this account: SES writing mail into the SSE-KMS bucket and
 * publishing to topics, CloudWatch alarms publishing to the ops topic.
 */
export class Keys extends Construct {
  readonly data: kms.Key;
  readonly queues: kms.Key;
  readonly topics: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.data = new kms.Key(this, 'Data', {
      description: 'uii-connect data at rest: tables, buckets',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    allowService(this.data, 'ses.amazonaws.com', 'ses', '*');

    this.queues = new kms.Key(this, 'Queues', {
      description: 'uii-connect SQS queues',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.topics = new kms.Key(this, 'Topics', {
      description: 'uii-connect SNS topics: inbound mail, mail events, alarms',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    allowService(this.topics, 'ses.amazonaws.com', 'ses', '*');
    allowService(this.topics, 'cloudwatch.amazonaws.com', 'cloudwatch', 'alarm:*');
  }
}

/**
 * Lets one AWS service use the key on our behalf: only from this account, and only for its
 * resources in this account and region (aws:SourceArn: SES receipt rules and configuration
 * sets, CloudWatch alarms), so no other account's resource can borrow it (confused deputy).
 */
function allowService(key: kms.Key, service: string, arnService: string, resource: string): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: `Allow${service.split('.')[0]}`,
      principals: [new iam.ServicePrincipal(service)],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'], // in a key policy "*" means this key
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: {
          'aws:SourceArn': `arn:${Aws.PARTITION}:${arnService}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`,
        },
      },
    }),
  );
}

/**
 * CDK's S3 → SQS notification adds `s3.amazonaws.com` statements to the queue key: one with
 * no condition, one limited to the bucket's ARN alone. A bucket ARN names no account (and a
 * deleted bucket's name can be taken by another account), so every statement of that service
 * gets both: this account and the given bucket, so no other account's bucket can use our key
 * (call at the end of the stack, once CDK has added them).
 */
export function scopeServiceStatements(key: kms.Key, service: string, sourceArn: string): void {
  const policy = (key as unknown as { policy?: { statements?: iam.PolicyStatement[] } }).policy;
  const statements = policy?.statements ?? [];
  if (!policy) throw new Error(`${key.node.path}: no key policy to scope`);
  for (const statement of statements) {
    const json = statement.toStatementJson() as {
      Principal?: { Service?: unknown };
      Condition?: Record<string, Record<string, unknown>>;
    };
    const services = ([] as unknown[]).concat(json.Principal?.Service ?? []);
    if (!services.some((s) => String(s).includes(service))) continue;
    const keys = Object.values(json.Condition ?? {}).flatMap((c) => Object.keys(c));
    if (!keys.includes('aws:SourceAccount'))
      statement.addCondition('StringEquals', { 'aws:SourceAccount': Aws.ACCOUNT_ID });
    if (!keys.includes('aws:SourceArn')) statement.addCondition('ArnLike', { 'aws:SourceArn': sourceArn });
  }
}
