import * as path from 'node:path';
import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Email } from './email';
import { type Access, FUNCTION_SPECS, type FunctionSpec } from './function-specs';
import { nameResource, type QueueName } from './names';
import { REPO_ROOT } from './paths';

/** Prefer packages' ESM builds; shared with infra/test/bundle.test.ts. */
export const MAIN_FIELDS = ['module', 'main'];
/** CommonJS dependencies (mailparser, exceljs…) call require(): give the ESM bundle one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

import type { WorkQueue } from './queues';

const QUEUE_URL_VARIABLE: Record<QueueName, string | undefined> = {
  'case-events': 'CASE_EVENTS_QUEUE_URL',
  'match-requests': 'MATCH_REQUESTS_QUEUE_URL',
  'alert-outbox': 'ALERT_OUTBOX_QUEUE_URL',
  'feed-intake': undefined, // filled by S3 only
  'mail-intake': undefined, // filled by SNS only
  'ses-events': undefined, // filled by SNS (SES configuration-set events) only
  'places-intake': undefined, // filled by S3 only
};

export interface FunctionsProps {
  key: kms.IKey;
  main: dynamodb.ITable;
  idempotency: dynamodb.ITable;
  uploads: s3.IBucket;
  inboundMail: s3.IBucket;
  queues: Record<QueueName, WorkQueue>;
  email: Email;
  logLevel: string;
  /** The operator's address (context `opsEmail`): told about feeds on unregistered prefixes. */
  opsEmail?: string;
}

/**
 * One NodejsFunction per row of FUNCTION_SPECS: bundled by the local esbuild into one ESM file
 * (no Docker), with its own log group and a role holding only what its Access row lists.
 */
export class Functions extends Construct {
  readonly byName: Record<string, nodejs.NodejsFunction> = {};
  readonly uploadUrl: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    for (const spec of FUNCTION_SPECS) this.byName[spec.name] = this.create(spec, props);

    // IAM auth: only principals we give lambda:InvokeFunctionUrl (one role per employment
    // service, or our own CLI) can ask for an upload URL. See docs/adr/0005-infrastructure.md.
    this.uploadUrl = this.byName['upload-url']!.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM,
    });
  }

  private create(spec: FunctionSpec, props: FunctionsProps): nodejs.NodejsFunction {
    const scope = new Construct(this, spec.name);
    const entry = `functions/${spec.name}/handler.ts`;

    const logGroup = new logs.LogGroup(scope, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: writes to its own log group only.
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `uii-connect ${spec.name}`,
    });
    logGroup.grantWrite(role);

    const fn = new nodejs.NodejsFunction(scope, 'Function', {
      description: spec.description,
      entry: path.join(REPO_ROOT, entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      ephemeralStorageSize: spec.ephemeralStorageMb ? Size.mebibytes(spec.ephemeralStorageMb) : undefined,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role,
      logGroup,
      environment: {
        ...environmentFor(spec.access, props),
        // The queue's own redrive count: the batch handler needs it to defer held records.
        ...(spec.trigger.kind === 'queue'
          ? { MAX_RECEIVE_COUNT: String(props.queues[spec.trigger.queue].maxReceiveCount) }
          : {}),
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node22',
        mainFields: MAIN_FIELDS,
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        keepNames: true, // typed errors log their class name (new.target.name), even minified
        sourceMap: true,
        sourcesContent: false,
        tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
        // Ship the SDK versions we test with, not whichever the runtime carries that day.
        bundleAwsSDK: true,
      },
    });
    nameResource(fn, spec.name, { 'uii:entry': entry, 'uii:handler': 'handler' });
    grantAccess(fn, spec.access, props);

    if (spec.trigger.kind === 'queue') {
      // A record that can never succeed goes to this DLQ at once (functions/shared/dead-letter.ts).
      props.queues[spec.trigger.queue].dlq.grantSendMessages(fn);
      fn.addEventSource(
        new SqsEventSource(props.queues[spec.trigger.queue].queue, {
          batchSize: spec.batchSize ?? 10,
          maxBatchingWindow: Duration.seconds(spec.trigger.batchingWindowSeconds),
          reportBatchItemFailures: true,
        }),
      );
    }
    return fn;
  }
}

/** The variables of docs/architecture.md that this access row implies, and nothing else. */
export function environmentFor(access: Access, props: FunctionsProps): Record<string, string> {
  const env: Record<string, string> = {
    POWERTOOLS_LOG_LEVEL: props.logLevel,
    NODE_OPTIONS: '--enable-source-maps',
  };
  if (access.table) env.TABLE_NAME = props.main.tableName;
  if (access.idempotency) env.IDEMPOTENCY_TABLE_NAME = props.idempotency.tableName;
  if (access.uploads) env.UPLOADS_BUCKET = props.uploads.bucketName;
  if (access.inboundMail) {
    env.INBOUND_MAIL_BUCKET = props.inboundMail.bucketName;
    // The one prefix the function may read: a notification naming any other key is refused.
    if (access.inboundMail.read.length === 1) env.INBOUND_MAIL_PREFIX = access.inboundMail.read[0]!;
  }
  for (const queue of access.sendTo ?? []) {
    const variable = QUEUE_URL_VARIABLE[queue];
    if (!variable) throw new Error(`functions do not send to ${queue}`);
    env[variable] = props.queues[queue].queue.queueUrl;
  }
  if (access.operatorEmail && props.opsEmail) env.FEED_OPERATOR_EMAIL = props.opsEmail;
  if (access.sendEmail) {
    env.SES_FROM_ADDRESS = props.email.fromAddress;
    env.SES_CONFIGURATION_SET = props.email.configurationSet.configurationSetName;
  }
  return env;
}

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * Item access to one table, without dynamodb:Scan (nothing scans: the daily scan queries the
 * byDue index) and without table administration; with `leadingKeys`, only items whose
 * partition key starts with one of them. Plus the use of the table's key that this needs.
 */
export function grantItems(
  fn: lambda.IFunction,
  table: dynamodb.ITable,
  mode: 'read' | 'readWrite',
  key: kms.IKey,
  leadingKeys?: string[],
  hasIndexes = true,
): void {
  const actions = mode === 'readWrite' ? [...TABLE_READ, ...TABLE_WRITE] : TABLE_READ;
  const indexes = `${table.tableArn}/index/*`;
  if (!hasIndexes) {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn] }));
  } else if (leadingKeys?.length) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions,
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeys.map((p) => `${p}*`) },
        },
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [indexes] }));
  } else {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn, indexes] }));
  }
  key.grant(
    fn,
    'kms:Decrypt',
    'kms:DescribeKey',
    ...(mode === 'readWrite' ? ['kms:Encrypt', 'kms:GenerateDataKey'] : []),
  );
}

function grantAccess(fn: lambda.IFunction, access: Access, props: FunctionsProps): void {
  if (access.table) grantItems(fn, props.main, access.table, props.key, access.tableKeys);
  if (access.idempotency) grantItems(fn, props.idempotency, 'readWrite', props.key, undefined, false);
  for (const queue of access.sendTo ?? []) props.queues[queue].queue.grantSendMessages(fn);
  grantObjects(fn, props.uploads, access.uploads?.read ?? [], 's3:GetObject', props.key, 'kms:Decrypt');
  grantObjects(
    fn,
    props.uploads,
    access.uploads?.write ?? [],
    's3:PutObject',
    props.key,
    'kms:GenerateDataKey',
  );
  grantObjects(fn, props.uploads, access.uploads?.delete ?? [], 's3:DeleteObject', props.key, undefined);
  grantObjects(
    fn,
    props.inboundMail,
    access.inboundMail?.read ?? [],
    's3:GetObject',
    props.key,
    'kms:Decrypt',
  );
  if (access.sendEmail) props.email.grantSend(fn);
}

/** One object action under the given prefixes (no bucket listing), plus the key use it needs. */
function grantObjects(
  fn: lambda.IFunction,
  bucket: s3.IBucket,
  prefixes: string[],
  action: string,
  key: kms.IKey,
  keyAction: string | undefined,
): void {
  if (prefixes.length === 0) return;
  iam.Grant.addToPrincipal({
    grantee: fn,
    actions: [action],
    resourceArns: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
  });
  if (keyAction) key.grant(fn, keyAction);
}
