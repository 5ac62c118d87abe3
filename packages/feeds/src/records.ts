/** One record as read from a feed: its row (or record) number and value, or why it could not be read. */
export interface RawRecord {
  row: number;
  value?: unknown;
  error?: { field: string; message: string };
  /** `value`'s strings and keys are UTF-8 bytes held as latin1 chars (see latin1.ts). */
  latin1?: boolean;
}

/** Readers yield records in batches (one batch per input chunk) to keep per-record overhead low. */
export type RecordBatches = AsyncIterable<RawRecord[]>;

/**
 * The file stops in the middle (upload cut short, unclosed quote or tag). Records before
 * `row` were read and still count; the intake and the CLI report the cut as a file error.
 */
export class FeedTruncatedError extends Error {
  override readonly name = 'FeedTruncatedError';
  constructor(
    readonly row: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
