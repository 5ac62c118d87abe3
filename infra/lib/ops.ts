import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * Where alarms go: an encrypted, TLS-only topic that CloudWatch alarms of this account may
 * publish to (enforceSSL gives the topic its own policy, which then must allow CloudWatch),
 * with the on-call address (context `opsEmail`, required for deploy) subscribed.
 */
export class Ops extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: { key: kms.IKey; email?: string }) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Alarms', {
      displayName: 'uii-connect alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
          },
        },
      }),
    );
    if (props.email) {
      new sns.Subscription(this, 'Email', {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: props.email,
      });
    }
  }
}
