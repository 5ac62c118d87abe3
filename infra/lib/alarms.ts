import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FUNCTION_SPECS } from './function-specs';
import { nameResource, type QueueName } from './names';
import type { WorkQueue } from './queues';

/** The queue where failed scheduled runs land (Lambda on-failure destination, Scheduler DLQ). */
export const SCHEDULED_FAILURES_QUEUE = 'scheduled-failures';

/** Oldest-message age worth waking someone for: 10 minutes, or 3 visibility timeouts for slow consumers. */
export function ageThresholdSeconds(spec: { timeoutSeconds: number; batchingWindowSeconds: number }): number {
  return Math.max(600, 3 * (6 * spec.timeoutSeconds + spec.batchingWindowSeconds));
}

/**
 * What the DLQ alarm alone misses (docs/operations.md says what each means and what to do):
 * a consumer that errors or is throttled, and a queue whose oldest message grows old (a stuck
 * consumer fills no DLQ). Scheduled functions get an on-failure destination, so a run that
 * failed all its attempts leaves a message behind instead of only a log line.
 */
export class Alarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly scheduledFailures: sqs.Queue;

  constructor(
    scope: Construct,
    id: string,
    props: {
      functions: Record<string, lambda.IFunction>;
      queues: Record<QueueName, WorkQueue>;
      opsTopic: sns.ITopic;
      queueKey: kms.IKey;
    },
  ) {
    super(scope, id);
    const alarm = (
      name: string,
      options: Omit<cloudwatch.AlarmProps, 'evaluationPeriods'> & { evaluationPeriods?: number },
    ) => {
      const a = new cloudwatch.Alarm(this, name, {
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      a.addAlarmAction(new actions.SnsAction(props.opsTopic));
      this.alarms.push(a);
      return a;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };

    for (const spec of FUNCTION_SPECS) {
      const fn = props.functions[spec.name];
      if (!fn) continue;
      const pascal = spec.name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
      alarm(`${pascal}Throttles`, {
        alarmDescription: `${spec.name} is throttled (concurrency limit): messages wait. See docs/operations.md#throttles`,
        metric: fn.metricThrottles(fiveMinutes),
        threshold: 0,
      });
      if (spec.trigger.kind !== 'queue') continue; // scheduled ones: error alarm in schedules.ts
      const queue = props.queues[spec.trigger.queue].queue;
      alarm(`${pascal}Errors`, {
        alarmDescription: `${spec.name} failed whole batches (errors, timeouts): see docs/operations.md#consumer-errors`,
        metric: fn.metricErrors(fiveMinutes),
        threshold: 0,
      });
      alarm(`${pascal}OldestMessage`, {
        alarmDescription: `${spec.trigger.queue}: the oldest message waits too long (stuck consumer?). See docs/operations.md#oldest-message-age`,
        metric: queue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: ageThresholdSeconds({
          timeoutSeconds: spec.timeoutSeconds,
          batchingWindowSeconds: spec.trigger.batchingWindowSeconds,
        }),
        evaluationPeriods: 2,
      });
    }

    this.scheduledFailures = new sqs.Queue(this, 'ScheduledFailures', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.queueKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    nameResource(this.scheduledFailures, SCHEDULED_FAILURES_QUEUE);
    alarm('ScheduledFailuresNotEmpty', {
      alarmDescription: `A scheduled run failed every attempt: uii dlq list is not for this one, read ${SCHEDULED_FAILURES_QUEUE}. See docs/operations.md#scheduled-failures`,
      metric: this.scheduledFailures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 0,
    });
    for (const spec of FUNCTION_SPECS) {
      const fn = props.functions[spec.name];
      if (spec.trigger.kind !== 'schedule' || !fn) continue;
      // EventBridge Scheduler invokes asynchronously: two retries, then the failure record.
      fn.configureAsyncInvoke({
        onFailure: new destinations.SqsDestination(this.scheduledFailures),
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
      });
    }
  }
}
