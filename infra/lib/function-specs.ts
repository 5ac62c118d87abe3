import type { QueueName } from './names';

/** Where a function's input comes from. */
export type Trigger =
  | { kind: 'queue'; queue: QueueName; batchingWindowSeconds: number }
  | { kind: 'schedule' }
  | { kind: 'url' };

/**
 * What a function may touch. Grants and environment variables are both derived from this,
 * so a function gets a variable exactly when it has the permission behind it.
 */
export interface Access {
  table?: 'read' | 'readWrite';
  /**
   * Partition-key prefixes of the main table this function may touch (IAM dynamodb:LeadingKeys),
   * e.g. ['SERVICE#', 'FEED#']; without it, any item. Functions that must never see personal
   * data (PII#…) list what they read. Queries of the indexes stay allowed: PII# items carry no
   * index keys, so they are never in an index.
   */
  tableKeys?: string[];
  idempotency?: boolean;
  sendTo?: QueueName[];
  /** Key prefixes (see PREFIX) in the uploads bucket. */
  uploads?: { read?: string[]; write?: string[] };
  inboundMail?: { read: string[] };
  sendEmail?: boolean;
}

export interface FunctionSpec {
  /** The folder under functions/: also the function's uii:name. */
  name: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  trigger: Trigger;
  access: Access;
}

const window = 2; // seconds: a short wait fills batches without delaying an officer's alert noticeably

/**
 * One row per folder under functions/ with a handler.ts (a stack test checks both lists agree).
 * The access rows follow the message contracts of docs/architecture.md ("Queues and messages").
 */
export const FUNCTION_SPECS: readonly FunctionSpec[] = [
  {
    name: 'feed-intake',
    description: 'Parses uploaded vacancy feeds, writes snapshots and summaries, sends receipts',
    timeoutSeconds: 120, // a month feed can be hundreds of MB (streamed)
    memoryMb: 1024,
    trigger: { kind: 'queue', queue: 'feed-intake', batchingWindowSeconds: window },
    access: {
      table: 'readWrite',
      idempotency: true,
      sendTo: ['match-requests', 'alert-outbox'],
      uploads: { read: ['uploads/'], write: ['snapshots/', 'receipts/'] },
    },
  },
  {
    name: 'mail-intake',
    description: 'Reads worksite mail stored by SES, records absences and hours, acknowledges',
    timeoutSeconds: 60,
    memoryMb: 512,
    trigger: { kind: 'queue', queue: 'mail-intake', batchingWindowSeconds: window },
    access: {
      table: 'readWrite',
      idempotency: true,
      sendTo: ['case-events', 'alert-outbox'],
      inboundMail: { read: ['inbound-mail/'] },
    },
  },
  {
    name: 'case-events',
    description: 'Records case events and recomputes the legal deadlines of the case',
    timeoutSeconds: 30,
    memoryMb: 512,
    trigger: { kind: 'queue', queue: 'case-events', batchingWindowSeconds: window },
    access: { table: 'readWrite', idempotency: true, sendTo: ['match-requests', 'alert-outbox'] },
  },
  {
    name: 'match-requests',
    description: 'Matches convicts on job clocks to open vacancies from the feed snapshots',
    timeoutSeconds: 60,
    memoryMb: 1024,
    trigger: { kind: 'queue', queue: 'match-requests', batchingWindowSeconds: 5 }, // batches pay off here
    access: {
      table: 'readWrite',
      idempotency: true,
      sendTo: ['alert-outbox'],
      uploads: { read: ['snapshots/'] },
    },
  },
  {
    name: 'alert-outbox',
    description: 'Sends alert jobs through SES and writes the audit record',
    timeoutSeconds: 30,
    memoryMb: 512,
    trigger: { kind: 'queue', queue: 'alert-outbox', batchingWindowSeconds: 1 },
    access: { table: 'readWrite', idempotency: true, uploads: { read: ['receipts/'] }, sendEmail: true },
  },
  {
    name: 'deadline-scan',
    description: 'Daily: queries the byDue index for the days since the last run and plans alerts',
    timeoutSeconds: 300,
    memoryMb: 512,
    trigger: { kind: 'schedule' },
    access: { table: 'readWrite', sendTo: ['alert-outbox'] },
  },
  {
    name: 'feed-check',
    description: 'Daily in the first part of the month: reminds services whose monthly feed is missing',
    timeoutSeconds: 60,
    memoryMb: 256,
    trigger: { kind: 'schedule' },
    access: { table: 'read', tableKeys: ['SERVICE#', 'FEED#'], sendTo: ['alert-outbox'] },
  },
  {
    name: 'upload-url',
    description: 'Issues presigned PUT URLs into uploads/<serviceId>/ for employment services',
    timeoutSeconds: 10,
    memoryMb: 256,
    trigger: { kind: 'url' },
    access: { table: 'read', tableKeys: ['SERVICE#'], uploads: { write: ['uploads/'] } },
  },
];

/** The consumer of a queue (each queue has exactly one). */
export function consumerOf(queue: QueueName): FunctionSpec {
  const spec = FUNCTION_SPECS.find((f) => f.trigger.kind === 'queue' && f.trigger.queue === queue);
  if (!spec) throw new Error(`no function consumes ${queue}`);
  return spec;
}
