import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { nameResource } from './names';

/** The single-table design of docs/architecture.md ("DynamoDB") plus Powertools' idempotency table. */
export class Data extends Construct {
  readonly main: dynamodb.Table;
  readonly idempotency: dynamodb.Table;

  constructor(scope: Construct, id: string, props: { key: kms.IKey }) {
    super(scope, id);
    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    };

    this.main = new dynamodb.Table(this, 'Main', {
      ...common,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      // Cases and their events are the inspection's records: never lost with a stack.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    // DUE#<YYYY-MM-DD> / CASE#<id>: the daily scan queries one partition per day, never scans.
    this.main.addGlobalSecondaryIndex({
      indexName: 'byDue',
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    // OFFICER#<id> / CASE#<id> and INSPECTION#<id> / CASE#<id>: an officer's or an inspection's
    // caseload (`uii case list`, CaseStore.listCases), sparse on the case META items.
    this.main.addGlobalSecondaryIndex({
      indexName: 'byOfficer',
      partitionKey: { name: 'gsi2pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi2sk', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    this.main.addGlobalSecondaryIndex({
      indexName: 'byInspection',
      partitionKey: { name: 'gsi3pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi3sk', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    nameResource(this.main, 'main');

    this.idempotency = new dynamodb.Table(this, 'Idempotency', {
      ...common,
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      // Only remembers recent deliveries (TTL): safe to drop with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    nameResource(this.idempotency, 'idempotency');
  }
}
