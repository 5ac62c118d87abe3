/** What demo seeders get: where things are, and the few ways to push data into the local stack. */
export interface DemoEnv {
  /** Function environment as resolved from the template (TABLE_NAME, UPLOADS_BUCKET, *_QUEUE_URL…). */
  vars: Record<string, string>;
  /** Queue name (`uii:name`) → queue URL in the SQS emulator. */
  queues: Record<string, string>;
  /** Bucket name (`uii:name`) → physical bucket name. */
  buckets: Record<string, string>;
  /** Table name (`uii:name`) → physical table name. */
  tables: Record<string, string>;
}

/** SES verdicts for a simulated inbound mail; anything not given is derived from the message. */
export interface MailVerdicts {
  spf?: 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';
  dkim?: 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';
  dmarc?: 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';
  spam?: 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';
  virus?: 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';
}

export interface DemoContext {
  /** Absolute path of the repository root (events/ lives there). */
  root: string;
  /** The simulated today (YYYY-MM-DD, Moscow business date). */
  today: string;
  env: DemoEnv;
  /** Uploads a feed file to the uploads bucket as `uploads/<serviceId>/<basename>`; returns the key. */
  uploadFeed(file: string, serviceId: string): Promise<string>;
  /** Delivers a raw .eml as SES inbound would (S3 + SNS→SQS); returns the SES message id. */
  receiveMail(file: string, verdicts?: MailVerdicts): Promise<string>;
  /** Sends one JSON message to a queue named by `uii:name` (e.g. `case-events`). */
  sendToQueue(name: string, body: unknown): Promise<void>;
  /** Writes items to the main table (each must carry pk and sk). */
  putItems(items: Record<string, unknown>[]): Promise<void>;
}

/** A demo seeder returns the lines to print once it has run. */
export type Seeder = (ctx: DemoContext) => Promise<string[]>;
