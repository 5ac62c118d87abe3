import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Outgoing mail: the domain identity (DKIM) and a configuration set whose bounce, complaint,
 * delivery and reject events go to an SNS topic and on to the ses-events queue, so a wrong partner
 * address does not fail silently.
 */
export class Email extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly eventsTopic: sns.Topic;
  readonly fromAddress: string;

  constructor(
    scope: Construct,
    id: string,
    props: { domain: string; fromAddress: string; key: kms.IKey; eventsQueue: sqs.IQueue },
  ) {
    super(scope, id);
    this.fromAddress = props.fromAddress;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      sendingEnabled: true,
      reputationMetrics: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE, // our mail carries personal data: TLS or nothing
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    this.eventsTopic = new sns.Topic(this, 'Events', {
      displayName: 'uii-connect outgoing mail events',
      masterKey: props.key,
      enforceSSL: true,
    });
    this.eventsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesEventPublishing',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.eventsTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.configurationSet.addEventDestination('ToSns', {
      destination: ses.EventDestination.snsTopic(this.eventsTopic),
      // SEND marks an alert accepted even when the sending function died right after SES took it
      // (docs/adr/0019-alert-delivery-exactly-once.md).
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.REJECT,
      ],
    });

    // SNS envelope kept (raw delivery off): the ses-events function unwraps it.
    this.eventsTopic.addSubscription(
      new subscriptions.SqsSubscription(props.eventsQueue, { rawMessageDelivery: false }),
    );

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.domain),
      configurationSet: this.configurationSet,
    });
  }

  /** ses:SendEmail/SendRawEmail on our identity, and only through our configuration set. */
  grantSend(grantee: iam.IGrantable): void {
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [this.identity.emailIdentityArn, configurationSetArn],
    });
  }
}
