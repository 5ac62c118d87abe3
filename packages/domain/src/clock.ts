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

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date at `at` in an inspection's time zone (IANA name; default Moscow, UTC+3
 * with no DST since 2014). Days are counted in the inspection's own date: an event recorded
 * at 23:30 in Vladivostok belongs to that day there, not to Moscow's.
 */
export function today(at: Date = now(), timeZone: string = DEFAULT_TIME_ZONE): string {
  if (timeZone === DEFAULT_TIME_ZONE) return new Date(at.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

/** Whether a string names a time zone the runtime knows (`Asia/Vladivostok`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
