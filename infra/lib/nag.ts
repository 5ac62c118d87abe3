import { CfnResource, type Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { PREFIX } from './names';

/** One acknowledged cdk-nag finding: where, which, and why it is acceptable. */
export interface NagAcknowledgment {
  scope: IConstruct;
  /** The exact finding id, e.g. `AwsSolutions-IAM5[Resource::<Table.Arn>/index/*]`. */
  id: string;
  reason: string;
}

export interface NagTargets {
  main: dynamodb.ITable;
  uploads: s3.IBucket;
  inboundMail: s3.IBucket;
  functions: lambda.IFunction[];
  scheduledFunctions: lambda.IFunction[];
  schedulerRole: IConstruct;
  /** The on-failure destination of the scheduled functions (itself a dead-letter queue). */
  scheduledFailures?: IConstruct;
}

/**
 * Every cdk-nag finding this stack acknowledges, in one place, each with its reason.
 * Findings are acknowledged one by one (cdk-nag v3 has no rule-wide suppression), so a new
 * wildcard anywhere still fails the synth. The stack test reads this list.
 */
export function nagAcknowledgments(stack: Stack, t: NagTargets): NagAcknowledgment[] {
  const arn = (construct: IConstruct) => `<${logicalId(stack, construct)}.Arn>`;
  // Each acknowledgment sits on the role whose policy holds the finding, never on the stack:
  // a new wildcard on any other construct still fails the synth.
  const roles = t.functions.flatMap((fn) => (fn.role ? [fn.role] : []));
  const onRoles = (id: string, reason: string): NagAcknowledgment[] =>
    roles.map((scope) => ({ scope, id, reason }));
  const list: NagAcknowledgment[] = [
    ...onRoles(
      `AwsSolutions-IAM5[Resource::${arn(t.main)}/index/*]`,
      "Queries of the main table's own indexes (byDue: the daily scan, the service list; byOfficer and " +
        'byInspection: caseload listings). ' +
        'The wildcard never reaches beyond this one table, and PII# items carry no index keys.',
    ),
    ...onRoles(
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'Granted by CDK for the CMK-encrypted queues this function sends to, on that key only (each ' +
        'statement names one key ARN); SQS picks the GenerateDataKey variant.',
    ),
    ...onRoles(
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      'Granted by CDK for the CMK-encrypted queues this function sends to, on that key only; needed ' +
        'when a rotated key re-encrypts data keys.',
    ),
    ...[PREFIX.uploads, PREFIX.snapshots, PREFIX.receipts, PREFIX.places].flatMap((prefix) =>
      onRoles(
        `AwsSolutions-IAM5[Resource::${arn(t.uploads)}/${prefix}*]`,
        `Object keys under ${prefix} are generated (per service and month), so access is granted ` +
          'by prefix: one action (GetObject or PutObject) per function, no listing.',
      ),
    ),
    ...onRoles(
      `AwsSolutions-IAM5[Resource::${arn(t.inboundMail)}/${PREFIX.inboundMail}*]`,
      'SES names each stored mail by its message id: mail-intake reads (GetObject only) by prefix.',
    ),
    {
      scope: t.schedulerRole,
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        'Granted by CDK so the Scheduler can put an undeliverable run on the encrypted failures queue: ' +
        'on the queue key only.',
    },
    {
      scope: t.schedulerRole,
      id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      reason: 'Granted by CDK with the failures-queue send, on the queue key only (key rotation).',
    },
    ...(t.scheduledFailures
      ? [
          {
            scope: t.scheduledFailures,
            id: 'AwsSolutions-SQS3',
            reason:
              'This queue is itself the dead-letter destination of the scheduled functions (Lambda ' +
              'on-failure, Scheduler DLQ); nothing consumes it, an alarm fires on its first message.',
          },
        ]
      : []),
    ...t.scheduledFunctions.map((fn) => ({
      scope: t.schedulerRole,
      id: `AwsSolutions-IAM5[Resource::${arn(fn)}:*]`,
      reason:
        "The Scheduler target's grant also covers the function's versions and aliases (`<arn>:*`) of " +
        'this one function; nothing else.',
    })),
    ...t.functions.map((fn) => ({
      scope: fn,
      id: 'AwsSolutions-L1',
      reason:
        'The runtime is nodejs22.x on purpose (issue 2 fixes it; the team develops and tests on Node 20/22). ' +
        'Move to nodejs24.x together with the local toolchain.',
    })),
  ];

  const notifications = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (notifications) {
    list.push({
      scope: notifications,
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's own handler for Custom::S3BucketNotifications (runs only at deploy time): its role is " +
        'built by CDK with the basic execution policy, which we cannot replace.',
    });
  }
  return list;
}

export function applyNagAcknowledgments(stack: Stack, targets: NagTargets): NagAcknowledgment[] {
  const list = nagAcknowledgments(stack, targets);
  for (const { scope, id, reason } of list) Validations.of(scope).acknowledge({ id, reason });
  return list;
}

function logicalId(stack: Stack, construct: IConstruct): string {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.resolve(stack.getLogicalId(resource)) as string;
}
