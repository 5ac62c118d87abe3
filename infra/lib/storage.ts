import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { nameResource, PREFIX } from './names';

/**
 * How long raw inbound mail is kept. The parsed facts live in the table; the .eml is kept for
 * disputes ("the worksite says it reported the absence"). The law sets no term [open]: a setting.
 */
const INBOUND_MAIL_DAYS = 365;

/** Buckets: feed uploads (+ snapshots, receipts), raw inbound mail, and their access logs. */
export class Storage extends Construct {
  readonly uploads: s3.Bucket;
  readonly inboundMail: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: { key: kms.IKey }) {
    super(scope, id);

    // S3 server access logging only delivers to SSE-S3 buckets, so this one cannot use the CMK.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const common: s3.BucketProps = {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true, // one KMS call per bucket key, not per object
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };

    this.uploads = new s3.Bucket(this, 'Uploads', {
      ...common,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'uploads/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { noncurrentVersionExpiration: Duration.days(90) },
      ],
    });
    nameResource(this.uploads, 'uploads');

    this.inboundMail = new s3.Bucket(this, 'InboundMail', {
      ...common,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'inbound-mail/',
      lifecycleRules: [
        {
          prefix: PREFIX.inboundMail,
          expiration: Duration.days(INBOUND_MAIL_DAYS),
          noncurrentVersionExpiration: Duration.days(30),
        },
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
    nameResource(this.inboundMail, 'inbound-mail');
  }
}
