import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { consumerOf } from './function-specs';
import { dlqName, nameResource, QUEUE_NAMES, type QueueName } from './names';

/**
 * Receives before a message goes to its DLQ: the queue's redrive policy and its consumer's
 * `MAX_RECEIVE_COUNT` setting (the batch handler defers held records with receives to spare)
 * both come from this one number.
 */
export const MAX_RECEIVE_COUNT = 5;

/**
 * A work queue with its dead-letter queue and an alarm on the DLQ's depth: a message that
 * failed five times is a case an officer may not hear about, so someone must look.
 */
export class WorkQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly dlq: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;
  /** The redrive policy's maxReceiveCount; its consumer gets it as MAX_RECEIVE_COUNT. */
  readonly maxReceiveCount = MAX_RECEIVE_COUNT;

  constructor(scope: Construct, id: string, props: { name: QueueName; key: kms.IKey; opsTopic: sns.ITopic }) {
    super(scope, id);
    const encryption = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
    };

    this.dlq = new sqs.Queue(this, 'Dlq', { ...encryption, retentionPeriod: Duration.days(14) });
    nameResource(this.dlq, dlqName(props.name));

    // AWS guidance for Lambda consumers: at least 6× the function timeout plus the batching window.
    const consumer = consumerOf(props.name);
    const window = consumer.trigger.kind === 'queue' ? consumer.trigger.batchingWindowSeconds : 0;
    this.queue = new sqs.Queue(this, 'Queue', {
      ...encryption,
      visibilityTimeout: Duration.seconds(6 * consumer.timeoutSeconds + window),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.dlq, maxReceiveCount: this.maxReceiveCount },
    });
    nameResource(this.queue, props.name);

    this.alarm = new cloudwatch.Alarm(this, 'DlqNotEmpty', {
      alarmDescription: `Messages in ${dlqName(props.name)}: inspect with \`uii dlq list ${props.name}\`, then redrive. See docs/operations.md#dlq-not-empty`,
      metric: this.dlq.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new actions.SnsAction(props.opsTopic));
  }
}

export class Queues extends Construct {
  readonly byName: Record<QueueName, WorkQueue>;

  constructor(scope: Construct, id: string, props: { key: kms.IKey; opsTopic: sns.ITopic }) {
    super(scope, id);
    const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
    this.byName = Object.fromEntries(
      QUEUE_NAMES.map((name) => [name, new WorkQueue(this, pascal(name), { name, ...props })]),
    ) as Record<QueueName, WorkQueue>;
  }
}
