/**
 * The domain's notion of "today" (Europe/Moscow business dates as YYYY-MM-DD).
 * Production reads the wall clock; the local runtime moves it (`--now`, `uii local clock`)
 * so deadline behaviour can be shown without waiting days.
 */
let override: (() => Date) | undefined;

export function setClock(now: (() => Date) | undefined): void {
  override = now;
}

export function now(): Date {
  return override ? override() : new Date();
}

/** Calendar date in Moscow time (UTC+3, no DST since 2014). */
export function today(at: Date = now()): string {
  return new Date(at.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
}
