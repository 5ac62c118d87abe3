import { z } from 'zod';
import { isIsoDate } from '../calendar/dates';
import { DEFAULT_CALENDAR, type ProductionCalendar } from '../calendar/production-calendar';
import type { Case } from '../cases/case';

const IsoDate = z
  .string()
  .refine(isIsoDate, 'нет такой даты (ожидается ГГГГ-ММ-ДД) / must be a real date YYYY-MM-DD');

/**
 * What the law leaves open ([open] in DOMAIN.md) is a setting, with DOMAIN.md's defaults.
 * Unknown keys are rejected so a typo cannot silently fall back to a default.
 */
export const DeadlineSettings = z
  .object({
    /** Reminders this many days before the due day. */
    reminderDaysLeft: z.array(z.number().int().positive()).default([5, 2, 1]),
    /** The overdue alert goes this many days after the due day. */
    overdueAfterDays: z.number().int().positive().default(1),
    /** An alert on the due day itself («последний день — сегодня»). */
    dueDayAlert: z.boolean().default(true),
    /**
     * While an inspection-side clock stays overdue and unmet, remind the officer every this
     * many working days (0: never). DOMAIN.md leaves it open; 3 by default.
     */
    overdueRepeatWorkingDays: z.number().int().nonnegative().default(3),
    /** Escalate overdue inspection-side deadlines to the supervisor (once). */
    escalateInspectionSide: z.boolean().default(true),
    /** Move a calendar-day due date off a non-working day (the law is silent: off by default). */
    shiftDueToWorkingDay: z.boolean().default(false),
    weeklyMinHours: z.number().nonnegative().default(12),
    /** Weeks (by any day in them) where the inspection allowed fewer hours. */
    paceAllowances: z
      .array(z.object({ from: IsoDate, to: IsoDate, minHours: z.number().nonnegative() }))
      .default([]),
    hourCaps: z
      .object({
        standard: z.number().positive().default(4),
        employedWorkingDay: z.number().positive().default(2),
        employedWorkingDayWithConsent: z.number().positive().default(4),
        under15: z.number().positive().default(2),
        age15: z.number().positive().default(3),
      })
      .strict()
      .default({
        standard: 4,
        employedWorkingDay: 2,
        employedWorkingDayWithConsent: 4,
        under15: 2,
        age15: 3,
      }),
    /** Region code → extra non-working days. */
    regionalHolidays: z.record(z.string(), z.array(IsoDate)).default({}),
  })
  .strict();
export type DeadlineSettingsInput = z.input<typeof DeadlineSettings>;
export type DeadlineSettings = z.infer<typeof DeadlineSettings> & { calendar: ProductionCalendar };

export function resolveSettings(
  input: DeadlineSettingsInput = {},
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
): DeadlineSettings {
  const parsed = DeadlineSettings.parse(input);
  const merged: ProductionCalendar = Object.keys(parsed.regionalHolidays).length
    ? {
        years: calendar.years,
        regionalHolidays: { ...calendar.regionalHolidays, ...parsed.regionalHolidays },
      }
    : calendar;
  return { ...parsed, calendar: merged };
}

/** What an inspection adds to the counting of its cases (directory `INSPECTION#<id>`). */
export interface InspectionCalendar {
  /** Two-digit region code, used when the case has none. */
  region?: string;
  /** IANA time zone of the inspection (default Europe/Moscow): its own date is "today". */
  timeZone?: string;
  /** The inspection's regional non-working days (YYYY-MM-DD). */
  holidays?: readonly string[];
}

/**
 * The case and settings as counted for its inspection: the case's region (else the
 * inspection's) and the inspection's own regional holidays on top of the calendar's.
 */
export function forInspection(
  c: Case,
  inspection: InspectionCalendar | undefined,
  base: DeadlineSettings = resolveSettings(),
): { case: Case; settings: DeadlineSettings } {
  const region = c.region ?? inspection?.region;
  const holidays = inspection?.holidays ?? [];
  if (!holidays.length) return { case: region ? { ...c, region } : c, settings: base };
  // A case without a region still gets its inspection's days: keyed by the inspection.
  const key = region ?? `inspection:${c.inspectionId ?? ''}`;
  const own = base.calendar.regionalHolidays[key] ?? [];
  const calendar: ProductionCalendar = {
    years: base.calendar.years,
    regionalHolidays: { ...base.calendar.regionalHolidays, [key]: [...new Set([...own, ...holidays])] },
  };
  return { case: { ...c, region: key }, settings: { ...base, calendar } };
}
