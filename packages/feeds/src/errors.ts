/**
 * A feed that cannot be read as a whole (empty, too large, unknown encoding or format, not a
 * feed at all). The CLI exits 2 with `message`; the intake refuses the upload and says why.
 * Problems with single rows are RowErrors instead and never stop the other rows.
 */
export class FeedUnreadableError extends Error {
  override readonly name: string = 'FeedUnreadableError';
}

export class EmptyFeedError extends FeedUnreadableError {
  override readonly name = 'EmptyFeedError';
}

export class FeedTooLargeError extends FeedUnreadableError {
  override readonly name = 'FeedTooLargeError';
}

/**
 * An .xlsx that cannot be read as a workbook: `corrupt` (it breaks off or is damaged) or
 * `no-sheet` (a zip archive without an Excel sheet). Callers may say it their own way.
 */
export class UnreadableWorkbookError extends FeedUnreadableError {
  override readonly name = 'UnreadableWorkbookError';
  constructor(
    message: string,
    readonly problem: 'corrupt' | 'no-sheet',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
