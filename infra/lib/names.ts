import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The short, stable names of docs/architecture.md ("Template metadata"). The local runtime
 * resolves every emulated resource from these, so they are the contract: change them only
 * together with that page.
 */
export const QUEUE_NAMES = [
  'feed-intake',
  'mail-intake',
  'case-events',
  'match-requests',
  'alert-outbox',
  'ses-events',
  'places-intake',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const TABLE_NAMES = ['main', 'idempotency'] as const;
export const BUCKET_NAMES = ['uploads', 'inbound-mail'] as const;
export const SCHEDULE_NAMES = [
  'daily-deadline-scan',
  'monthly-feed-check',
  'hourly-digest',
  'daily-places-check',
] as const;

/** Key prefixes inside the buckets (the SES action and the S3 notification filter use them). */
export const PREFIX = {
  /** Feed files from employment services: uploads/<serviceId>/<file>. */
  uploads: 'uploads/',
  /** Normalised month snapshots that matching reads. */
  snapshots: 'snapshots/',
  /** Receipts and other large alert attachments, referenced by s3Key from an AlertJob. */
  receipts: 'receipts/',
  /** Proposals of places from municipalities: places/<municipalityId>/<file> (docs/places.md). */
  places: 'places/',
  /** Raw .eml objects written by the SES receipt rule. */
  inboundMail: 'inbound-mail/',
} as const;

export const dlqName = (name: QueueName) => `${name}-dlq`;

/** Stamps `uii:name` (and any extra keys) on the CloudFormation resource behind a construct. */
export function nameResource(construct: IConstruct, name: string, extra: Record<string, string> = {}): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource to carry uii:name ${name}`);
  }
  resource.addMetadata('uii:name', name);
  for (const [key, value] of Object.entries(extra)) resource.addMetadata(key, value);
}
