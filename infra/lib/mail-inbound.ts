import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PREFIX } from './names';

/**
 * Worksite mail: SES receives for the mail domain, stores the raw message under inbound-mail/
 * and notifies an SNS topic; the topic delivers to the mail-intake queue with the SNS envelope
 * kept (raw delivery off), which is the shape the mail-intake function unwraps.
 *
 * SES only uses the *active* receipt rule set, and CloudFormation cannot activate one:
 * after the first deploy run `aws ses set-active-receipt-rule-set --rule-set-name <RuleSetName output>`.
 */
export class MailInbound extends Construct {
  readonly topic: sns.Topic;
  readonly ruleSet: ses.ReceiptRuleSet;

  constructor(
    scope: Construct,
    id: string,
    props: { domain: string; bucket: s3.IBucket; queue: sqs.IQueue; key: kms.IKey },
  ) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Received', {
      displayName: 'uii-connect inbound mail',
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesReceiptNotifications',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic.addSubscription(new subscriptions.SqsSubscription(props.queue, { rawMessageDelivery: false }));

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', {
      dropSpam: false, // spam verdicts reach the function, which quarantines (never drops) mail
    });
    this.ruleSet.addRule('StoreAndNotify', {
      recipients: [props.domain],
      scanEnabled: true,
      // Worksites write from whatever server they have; refusing plain SMTP would lose reports.
      tlsPolicy: ses.TlsPolicy.OPTIONAL,
      actions: [
        new sesActions.S3({ bucket: props.bucket, objectKeyPrefix: PREFIX.inboundMail, topic: this.topic }),
      ],
    });
  }
}
