import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Where alarms go. Subscribe the on-call address after deploy (or pass context `opsEmail`). */
export class Ops extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: { key: kms.IKey; email?: string }) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Alarms', {
      displayName: 'uii-connect alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.email) {
      new sns.Subscription(this, 'Email', {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: props.email,
      });
    }
  }
}
