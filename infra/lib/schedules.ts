import { Duration, TimeZone } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { nameResource } from './names';

/**
 * EventBridge Scheduler, in Moscow time (the inspections' working day). Each run carries its
 * scheduled time as `{"time": …}`, which the functions use as "today": nothing reads the wall clock.
 */
export class Schedules extends Construct {
  readonly role: iam.Role;

  constructor(
    scope: Construct,
    id: string,
    props: {
      deadlineScan: lambda.IFunction;
      feedCheck: lambda.IFunction;
      digest: lambda.IFunction;
      placesCheck?: lambda.IFunction;
      opsTopic: sns.ITopic;
      /** Where a run the Scheduler could not deliver goes (also the functions' on-failure destination). */
      deadLetterQueue?: sqs.IQueue;
    },
  ) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'uii-connect schedules: invoke the scheduled functions',
    });
    const role = this.role;
    const input = scheduler.ScheduleTargetInput.fromObject({
      time: scheduler.ContextAttribute.scheduledTime,
    });
    const delivery = props.deadLetterQueue
      ? { deadLetterQueue: props.deadLetterQueue, retryAttempts: 3, maxEventAge: Duration.hours(6) }
      : {};

    const daily = new scheduler.Schedule(this, 'DailyDeadlineScan', {
      description: 'Deadline scan: every day at 06:00 Moscow, before the inspections open',
      schedule: scheduler.ScheduleExpression.cron({
        minute: '0',
        hour: '6',
        timeZone: TimeZone.EUROPE_MOSCOW,
      }),
      target: new targets.LambdaInvoke(props.deadlineScan, { role, input, ...delivery }),
    });
    nameResource(daily, 'daily-deadline-scan');

    // Runs every day: the due day (default the 5th) and the escalation delay are settings the
    // function reads, and its alert ids are deterministic, so a daily run sends each reminder once.
    const feeds = new scheduler.Schedule(this, 'MonthlyFeedCheck', {
      description: 'Monthly feed check: every day at 09:00 Moscow, acts around the due day',
      schedule: scheduler.ScheduleExpression.cron({
        minute: '0',
        hour: '9',
        timeZone: TimeZone.EUROPE_MOSCOW,
      }),
      target: new targets.LambdaInvoke(props.feedCheck, { role, input, ...delivery }),
    });
    nameResource(feeds, 'monthly-feed-check');

    // Russia spans eleven time zones: every hour, the digest function sends the digests of the
    // inspections whose local time is their digest hour (default 08:00) on a working day.
    const digest = new scheduler.Schedule(this, 'HourlyDigest', {
      description: 'Officer digests: every hour on the hour; each inspection at its own 08:00',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '*', timeZone: TimeZone.ETC_UTC }),
      target: new targets.LambdaInvoke(props.digest, { role, input, ...delivery }),
    });
    nameResource(digest, 'hourly-digest');
    // PLACE-DECIDE clocks (docs/places.md): daily at 06:30 Moscow, after the deadline scan.
    if (props.placesCheck) {
      const places = new scheduler.Schedule(this, 'DailyPlacesCheck', {
        description: 'Places check: PLACE-DECIDE clocks, list and agreement expiry, daily at 06:30 Moscow',
        schedule: scheduler.ScheduleExpression.cron({
          minute: '30',
          hour: '6',
          timeZone: TimeZone.EUROPE_MOSCOW,
        }),
        target: new targets.LambdaInvoke(props.placesCheck, { role, input, ...delivery }),
      });
      nameResource(places, 'daily-places-check');
    }

    // A scheduled run that fails has no DLQ to fill: alarm on its errors instead.
    for (const [name, fn] of [
      ['DeadlineScanErrors', props.deadlineScan],
      ['FeedCheckErrors', props.feedCheck],
      ['DigestErrors', props.digest],
      ...(props.placesCheck ? ([['PlacesCheckErrors', props.placesCheck]] as const) : []),
    ] as const) {
      const alarm = new cloudwatch.Alarm(this, name, {
        alarmDescription: `${fn.node.path}: a scheduled run failed. See docs/operations.md#scheduled-errors`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new actions.SnsAction(props.opsTopic));
    }
  }
}
