import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { addDays } from '../calendar/dates';
import { DEFAULT_CALENDAR, isWorkingDay, type ProductionCalendar } from '../calendar/production-calendar';

export interface DeadlineEventInput {
  caseId: string;
  rule: string;
  /** The day the clock started: with case and rule it names the clock, so the UID is stable. */
  trigger: string;
  due: string;
  summary: string;
  description: string;
  /** Raised by the sender each time this clock's due day moves (and once more to cancel). */
  sequence: number;
  /** The clock is met: the event is withdrawn (METHOD:CANCEL). */
  cancelled?: boolean;
  /** DTSTAMP: when this version of the event was made. */
  stamp: Date;
  calendar?: ProductionCalendar;
  region?: string;
}

/** `<case>.<rule>.<trigger>@uii-connect`: the same for every alert of one clock. */
export function clockUid(caseId: string, rule: string, trigger: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe(caseId)}.${safe(rule)}.${trigger}@uii-connect`;
}

/** The last working day before `due` (a Monday's reminder is on the Friday before, or earlier around holidays). */
export function workingDayBefore(due: string, calendar = DEFAULT_CALENDAR, region?: string): string {
  let d = addDays(due, -1);
  for (let i = 0; i < 30 && !isWorkingDay(d, calendar, region); i++) d = addDays(d, -1);
  return d;
}

/** Seconds from 09:00 on the reminder day to 00:00 on the due day (all-day events start at midnight). */
const REMINDER_HOUR = 9;

/**
 * The calendar event of one deadline alert (RFC 5545, built by ical-generator, which folds
 * lines by octets so Cyrillic survives): all-day on the due day, a display reminder at 09:00
 * of the working day before (none when the due day has passed: the event marks the missed day), UID stable per clock, SEQUENCE as given, METHOD:CANCEL when met.
 */
export function deadlineEvent(input: DeadlineEventInput): { method: 'PUBLISH' | 'CANCEL'; content: string } {
  return deadlineEvents([input]);
}

/**
 * Several clocks' events in one calendar (one mail naming several deadlines): one VEVENT per
 * clock, each with its own UID and SEQUENCE. A calendar has one METHOD, so all inputs are
 * either published or cancelled; the first decides.
 */
export function deadlineEvents(inputs: readonly DeadlineEventInput[]): {
  method: 'PUBLISH' | 'CANCEL';
  content: string;
} {
  const cancelled = Boolean(inputs[0]?.cancelled);
  const method = cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH;
  const cal = ical({
    prodId: { company: 'uii-connect', product: 'deadlines', language: 'RU' },
    method,
  });
  for (const input of inputs) {
    const [y, m, d] = input.due.split('-').map(Number) as [number, number, number];
    const event = cal.createEvent({
      id: clockUid(input.caseId, input.rule, input.trigger),
      sequence: input.sequence,
      // A floating all-day date: the due day wherever the reader is (no time-zone shift).
      start: new Date(Date.UTC(y, m - 1, d)),
      allDay: true,
      floating: true,
      summary: input.summary,
      description: input.description,
      stamp: input.stamp,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      transparency: undefined,
    });
    // A reminder before a day already gone would fire at once: a missed day gets none.
    if (!cancelled && input.due >= input.stamp.toISOString().slice(0, 10)) {
      const before = workingDayBefore(input.due, input.calendar, input.region);
      const daysBack = Math.round((Date.parse(input.due) - Date.parse(before)) / 86_400_000);
      event.createAlarm({
        type: ICalAlarmType.display,
        trigger: daysBack * 86_400 - REMINDER_HOUR * 3600,
        description: input.summary,
      });
    }
  }
  return { method: cancelled ? 'CANCEL' : 'PUBLISH', content: cal.toString() };
}
