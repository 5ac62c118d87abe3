import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { Alarms } from './alarms';
import { Data } from './data';
import { Email } from './email';
import { Functions } from './functions';
import { Keys, scopeServiceStatements } from './key';
import { MailInbound } from './mail-inbound';
import { applyNagAcknowledgments, type NagAcknowledgment } from './nag';
import { PREFIX } from './names';
import { Ops } from './ops';
import { Queues } from './queues';
import { Schedules } from './schedules';
import { Storage } from './storage';
import { FeedUploadRoles, MUNICIPALITY_ROLE_ID, parseUploadServices } from './upload-roles';
import { Web } from './web';

export const STACK_NAME = 'UiiConnect';

export interface UiiConnectProps extends StackProps {
  /** The domain we send from and receive worksite mail for (context `mailDomain`). */
  mailDomain: string;
  /** The From address of every outgoing mail (context `mailFrom`, default uii@<mailDomain>). */
  mailFrom: string;
  /** An address subscribed to the alarm topic (context `opsEmail`), if any. */
  opsEmail?: string;
  logLevel?: string;
}

/** The whole of uii-connect in one stack (docs/architecture.md, docs/adr/0005-infrastructure.md). */
export class UiiConnectStack extends Stack {
  /** The cdk-nag findings acknowledged on this stack, with their reasons (see nag.ts). */
  readonly nagAcknowledgments: NagAcknowledgment[];
  /** SES sending events (bounce, complaint, delivery, reject) of the configuration set. */
  readonly mailEventsTopic: sns.ITopic;

  constructor(scope: Construct, id: string, props: UiiConnectProps) {
    super(scope, id, {
      description: 'uii-connect: deadlines, vacancy feeds, worksite mail, alerts',
      ...props,
    });

    const keys = new Keys(this, 'Keys');
    const ops = new Ops(this, 'Ops', { key: keys.topics, email: props.opsEmail });
    const data = new Data(this, 'Data', { key: keys.data });
    const storage = new Storage(this, 'Storage', { key: keys.data });
    const queues = new Queues(this, 'Queues', { key: keys.queues, opsTopic: ops.topic });

    // Feed files dropped under uploads/ → one S3 event per object on feed-intake.
    storage.uploads.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(queues.byName['feed-intake'].queue),
      { prefix: PREFIX.uploads },
    );
    // Proposals of places under places/<municipalityId>/ → places-intake (docs/places.md).
    storage.uploads.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(queues.byName['places-intake'].queue),
      { prefix: PREFIX.places },
    );

    const inbound = new MailInbound(this, 'MailInbound', {
      domain: props.mailDomain,
      bucket: storage.inboundMail,
      queue: queues.byName['mail-intake'].queue,
      key: keys.topics,
    });
    const email = new Email(this, 'Email', {
      domain: props.mailDomain,
      fromAddress: props.mailFrom,
      key: keys.topics,
      eventsQueue: queues.byName['ses-events'].queue,
    });

    const functions = new Functions(this, 'Functions', {
      key: keys.data,
      main: data.main,
      idempotency: data.idempotency,
      uploads: storage.uploads,
      inboundMail: storage.inboundMail,
      queues: queues.byName,
      email,
      logLevel: props.logLevel ?? 'INFO',
      opsEmail: props.opsEmail,
    });

    // Context `feedUploadServices` (docs/feeds.md): one upload role per employment service.
    new FeedUploadRoles(this, 'FeedUploadRoles', {
      uploadUrl: functions.byName['upload-url']!,
      services: parseUploadServices(this.node.tryGetContext('feedUploadServices')),
    });
    // Context `placesUploadMunicipalities` (docs/places.md, ADR 0030): one role per municipality.
    new FeedUploadRoles(this, 'PlacesUploadRoles', {
      uploadUrl: functions.byName['upload-url']!,
      services: parseUploadServices(this.node.tryGetContext('placesUploadMunicipalities'), {
        setting: 'placesUploadMunicipalities',
        idPattern: MUNICIPALITY_ROLE_ID,
      }),
      rolePrefix: 'uii-places-upload-',
      purpose: (municipalityId) =>
        `municipality ${municipalityId} may request upload URLs for proposals of places`,
    });

    const alarms = new Alarms(this, 'Alarms', {
      functions: functions.byName,
      queues: queues.byName,
      opsTopic: ops.topic,
      queueKey: keys.queues,
    });
    const schedules = new Schedules(this, 'Schedules', {
      deadlineScan: functions.byName['deadline-scan']!,
      feedCheck: functions.byName['feed-check']!,
      digest: functions.byName.digest!,
      placesCheck: functions.byName['places-check'],
      opsTopic: ops.topic,
      deadLetterQueue: alarms.scheduledFailures,
    });
    // Hook for the alerting work: SES bounce/complaint/delivery events arrive on this topic;
    // its subscriber (a queue and consumer) is added there (mailEventsTopic.addSubscription).
    this.mailEventsTopic = email.eventsTopic;

    new Web(this, 'Web', {
      fn: functions.byName.web!,
      domainPrefix: String(this.node.tryGetContext('webAuthDomainPrefix') ?? 'uii-connect-web'),
    });

    new CfnOutput(this, 'UploadUrlEndpoint', { value: functions.uploadUrl.url });
    new CfnOutput(this, 'UploadsBucketName', { value: storage.uploads.bucketName });
    new CfnOutput(this, 'ReceiptRuleSetName', {
      value: inbound.ruleSet.receiptRuleSetName,
      description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
    });
    new CfnOutput(this, 'OpsTopicArn', { value: ops.topic.topicArn });

    scopeServiceStatements(keys.queues, 's3.amazonaws.com', storage.uploads.bucketArn);
    this.nagAcknowledgments = applyNagAcknowledgments(this, {
      main: data.main,
      uploads: storage.uploads,
      inboundMail: storage.inboundMail,
      functions: Object.values(functions.byName),
      scheduledFunctions: [
        functions.byName['deadline-scan']!,
        functions.byName['feed-check']!,
        functions.byName.digest!,
        functions.byName['places-check']!,
      ],
      schedulerRole: schedules.role,
      scheduledFailures: alarms.scheduledFailures,
    });
  }
}
