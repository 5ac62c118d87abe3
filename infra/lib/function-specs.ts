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
  uploads?: { read?: string[]; write?: string[]; delete?: string[] };
  inboundMail?: { read: string[] };
  sendEmail?: boolean;
  /** Gets FEED_OPERATOR_EMAIL (context `opsEmail`): who is told about stray uploads. */
  operatorEmail?: boolean;
}

export interface FunctionSpec {
  /** The folder under functions/: also the function's uii:name. */
  name: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** /tmp size (Lambda default 512 MB). */
  ephemeralStorageMb?: number;
  /** Records per invocation from its queue (default 10). */
  batchSize?: number;
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
    // Sized for a national feed of 1M records (1.9 GB) in one pass, measured with
    // `npm run bench -- feed` (docs/adr/0013-feed-intake-single-pass.md): 68–76 s of CPU, peak RSS
    // ≤ 258 MB, a 53 MB spool on /tmp. The work is one thread: 1769 MB is the memory that buys one
    // full vCPU on Lambda (less memory, proportionally less CPU); 15 minutes leave ×10 headroom
    // for a slower S3 read; 1 GB of /tmp is ×20 the measured spool (longer real records).
    timeoutSeconds: 900,
    memoryMb: 1769,
    ephemeralStorageMb: 1024,
    batchSize: 1, // one feed per invocation: never two national feeds in one 15-minute budget
    trigger: { kind: 'queue', queue: 'feed-intake', batchingWindowSeconds: 0 },
    access: {
      table: 'readWrite',
      idempotency: true,
      sendTo: ['match-requests', 'alert-outbox'],
      uploads: { read: ['uploads/'], write: ['snapshots/', 'receipts/'], delete: ['snapshots/'] },
      operatorEmail: true,
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
    name: 'match',
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
    name: 'ses-events',
    description: 'Marks alerts sent, delivered or bounced from SES events; tells the head of a bounce',
    timeoutSeconds: 30,
    memoryMb: 256,
    trigger: { kind: 'queue', queue: 'ses-events', batchingWindowSeconds: 1 },
    access: { table: 'readWrite', idempotency: true, sendTo: ['alert-outbox'] },
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
    name: 'digest',
    description:
      'Hourly: sends the daily digest to officers whose inspection is at its digest hour (working days)',
    timeoutSeconds: 120,
    memoryMb: 512,
    trigger: { kind: 'schedule' },
    access: { table: 'read', sendTo: ['alert-outbox'] },
  },
  {
    name: 'places-intake',
    description: 'Reads proposals of places uploaded by municipalities, starts PLACE-DECIDE, sends receipts',
    timeoutSeconds: 60,
    memoryMb: 512,
    trigger: { kind: 'queue', queue: 'places-intake', batchingWindowSeconds: window },
    access: {
      table: 'readWrite',
      idempotency: true,
      sendTo: ['alert-outbox'],
      uploads: { read: ['places/'] },
    },
  },
  {
    name: 'places-check',
    description:
      'Daily: PLACE-DECIDE clocks from their own PLACEDUE# index partitions, list and agreement expiry',
    timeoutSeconds: 60,
    memoryMb: 256,
    trigger: { kind: 'schedule' },
    access: { table: 'readWrite', sendTo: ['alert-outbox'] },
  },
  {
    name: 'upload-url',
    description:
      'Issues presigned PUT URLs into uploads/<serviceId>/ for employment services and places/<municipalityId>/ for municipalities',
    timeoutSeconds: 10,
    memoryMb: 256,
    trigger: { kind: 'url' },
    access: {
      table: 'read',
      tableKeys: ['SERVICE#', 'PARTNER#'],
      uploads: { write: ['uploads/', 'places/'] },
    },
  },
  {
    name: 'web',
    description:
      'The officers web: caseload, cases, triage and quarantine (server-rendered, Cognito sign-in)',
    timeoutSeconds: 15, // a save waits up to 8 s for case-events to record the event
    memoryMb: 512,
    trigger: { kind: 'url' },
    // alert-outbox: a place decided on the Места page sends its letter (docs/places.md)
    access: {
      table: 'readWrite',
      sendTo: ['case-events', 'alert-outbox'],
      inboundMail: { read: ['inbound-mail/'] },
    },
  },
];

/** The consumer of a queue (each queue has exactly one). */
export function consumerOf(queue: QueueName): FunctionSpec {
  const spec = FUNCTION_SPECS.find((f) => f.trigger.kind === 'queue' && f.trigger.queue === queue);
  if (!spec) throw new Error(`no function consumes ${queue}`);
  return spec;
}
