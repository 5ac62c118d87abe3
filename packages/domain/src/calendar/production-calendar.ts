import { z } from 'zod';
import { addDays, firstOfMonth, isIsoDate, isWeekend, lastOfMonth } from './dates';

const IsoDate = z
  .string()
  .refine(isIsoDate, 'нет такой даты (ожидается ГГГГ-ММ-ДД) / must be a real date YYYY-MM-DD');

/**
 * One year of the Russian production calendar, as the government decree publishes it:
 * days off that would otherwise be weekdays (holidays and transferred days off) and
 * weekend days made working by a transfer.
 */
export const CalendarYear = z.object({
  year: z.number().int().min(2000).max(2100),
  decree: z.string().min(1),
  /** Non-working days (holidays and transferred days off); weekends may be listed too. */
  nonWorking: z.array(IsoDate),
  /** Saturdays/Sundays that are working days by transfer. */
  workingWeekends: z.array(IsoDate).default([]),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
}

/** Parses a year loaded from a JSON file (`uii … --calendar 2027.json`); the caller does the I/O. */
export function loadCalendarYear(json: unknown): CalendarYear {
  const parsed = CalendarYear.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CalendarDataError(`calendar: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, {
      cause: parsed.error,
    });
  }
  for (const d of [...parsed.data.nonWorking, ...parsed.data.workingWeekends]) {
    if (!d.startsWith(String(parsed.data.year))) {
      throw new CalendarDataError(`calendar ${parsed.data.year}: date ${d} is outside the year`);
    }
  }
  return parsed.data;
}

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * 2025: Government Decree No. 1335 of 04.10.2024. Holidays 1–8 Jan, 23 Feb (Sun), 8 Mar (Sat),
 * 1 and 9 May, 12 Jun, 4 Nov; transfers: 4 Jan → 2 May, 5 Jan → 31 Dec, 23 Feb → 8 May,
 * 8 Mar → 13 Jun, Saturday 1 Nov worked → 3 Nov off. 247 working days.
 */
export const CALENDAR_2025: CalendarYear = {
  year: 2025,
  decree: 'Постановление Правительства РФ от 04.10.2024 № 1335',
  nonWorking: [
    ...range('2025-01-01', '2025-01-08'),
    '2025-02-23',
    '2025-03-08',
    ...range('2025-05-01', '2025-05-04'),
    ...range('2025-05-08', '2025-05-11'),
    '2025-06-12',
    '2025-06-13',
    ...range('2025-11-02', '2025-11-04'),
    '2025-12-31',
  ],
  workingWeekends: ['2025-11-01'],
};

/**
 * 2026: Government Decree No. 1466 of 24.09.2025. Non-working 1–11 Jan, 23 Feb, 9 Mar, 1 May,
 * 11 May, 12 Jun, 4 Nov, 31 Dec, plus weekends; no working Saturdays. 247 working days.
 */
export const CALENDAR_2026: CalendarYear = {
  year: 2026,
  decree: 'Постановление Правительства РФ от 24.09.2025 № 1466',
  nonWorking: [
    ...range('2026-01-01', '2026-01-11'),
    '2026-02-23',
    '2026-03-09',
    '2026-05-01',
    '2026-05-11',
    '2026-06-12',
    '2026-11-04',
    '2026-12-31',
  ],
  workingWeekends: [],
};

/**
 * 2027: Government Decree No. 1187 of 17.09.2026 «О переносе выходных дней в 2027 году».
 * Holidays 1–8 Jan, 23 Feb, 8 Mar, 1 and 9 May (Sat, Sun → Mon 3 and 10 May), 12 Jun (Sat →
 * Mon 14 Jun), 4 Nov; transfers: 2 Jan → 5 Nov, 3 Jan → 31 Dec, Saturday 20 Feb worked →
 * 22 Feb off.
 */
export const CALENDAR_2027: CalendarYear = {
  year: 2027,
  decree: 'Постановление Правительства РФ от 17.09.2026 № 1187',
  nonWorking: [
    ...range('2027-01-01', '2027-01-10'),
    '2027-02-22',
    '2027-02-23',
    '2027-03-08',
    ...range('2027-05-01', '2027-05-03'),
    '2027-05-09',
    '2027-05-10',
    ...range('2027-06-12', '2027-06-14'),
    '2027-11-04',
    '2027-11-05',
    '2027-12-31',
  ],
  workingWeekends: ['2027-02-20'],
};

/** Non-working holidays of Labour Code art. 112 (MM-DD). */
const FIXED_HOLIDAYS = new Set([
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
]);

export interface ProductionCalendar {
  /** Years with decree data; other years fall back to Monday–Friday (see `covers`). */
  readonly years: ReadonlyMap<number, CalendarYear>;
  /** Region code (2 digits, e.g. "70") → extra regional non-working days. */
  readonly regionalHolidays: Readonly<Record<string, readonly string[]>>;
}

export function createCalendar(
  years: readonly CalendarYear[] = [CALENDAR_2025, CALENDAR_2026, CALENDAR_2027],
  regionalHolidays: Record<string, readonly string[]> = {},
): ProductionCalendar {
  return { years: new Map(years.map((y) => [y.year, y])), regionalHolidays };
}

export const DEFAULT_CALENDAR = createCalendar();

const nonWorkingSets = new WeakMap<CalendarYear, { off: Set<string>; on: Set<string> }>();
function setsOf(year: CalendarYear) {
  let sets = nonWorkingSets.get(year);
  if (!sets) {
    sets = { off: new Set(year.nonWorking), on: new Set(year.workingWeekends) };
    nonWorkingSets.set(year, sets);
  }
  return sets;
}

/** Whether the calendar holds decree data for the year of `date`. */
export function covers(calendar: ProductionCalendar, date: string): boolean {
  return calendar.years.has(Number(date.slice(0, 4)));
}

export function isWorkingDay(date: string, calendar: ProductionCalendar = DEFAULT_CALENDAR, region?: string) {
  if (region && calendar.regionalHolidays[region]?.includes(date)) return false;
  const year = calendar.years.get(Number(date.slice(0, 4)));
  if (year) {
    const { off, on } = setsOf(year);
    if (on.has(date)) return true;
    if (off.has(date)) return false;
    return !isWeekend(date);
  }
  // No decree loaded for this year: weekends and the Labour Code's fixed holidays (art. 112),
  // without the government's transfers. `covers()` tells callers the answer is approximate.
  return !isWeekend(date) && !FIXED_HOLIDAYS.has(date.slice(5));
}

/**
 * The date N working days after `date` (the trigger day itself is not counted, as
 * a term starts the day after its trigger).
 */
export function addWorkingDays(
  date: string,
  n: number,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  region?: string,
): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar, region)) left--;
  }
  return d;
}

/** The first working day on or after `date`. */
export function nextWorkingDay(
  date: string,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  region?: string,
) {
  let d = date;
  while (!isWorkingDay(d, calendar, region)) d = addDays(d, 1);
  return d;
}

/** Working days in [from, to] inclusive. */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  region?: string,
): number {
  let count = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, calendar, region)) count++;
  return count;
}

/** Working days in a calendar month `YYYY-MM`. */
export function workingDaysInMonth(
  month: string,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  region?: string,
): number {
  return workingDaysBetween(firstOfMonth(month), lastOfMonth(month), calendar, region);
}
