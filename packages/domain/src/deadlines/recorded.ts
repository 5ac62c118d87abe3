import type { Case } from '../cases/case';
import type { RecordedEvent } from '../cases/events';
import { today } from '../clock';
import { computeClocks } from './engine';
import { forInspection, type InspectionCalendar } from './settings';
import type { Clocks } from './types';

/** The day each stored event was recorded, in the inspection's date (for clocks learned late). */
export function recordedDays(events: readonly RecordedEvent[], timeZone?: string): (string | undefined)[] {
  return events.map((r) => (r.recordedAt ? today(new Date(r.recordedAt), timeZone) : undefined));
}

/**
 * The clocks of a stored case as every handler and the CLI count them: its recorded events,
 * in its inspection's calendar (region, regional holidays) and date (time zone).
 */
export function clocksOfRecorded(
  c: Case,
  events: readonly RecordedEvent[],
  asOf: string,
  inspection?: InspectionCalendar,
): Clocks {
  const counted = forInspection(c, inspection);
  return computeClocks(
    counted.case,
    events.map((r) => r.event),
    asOf,
    counted.settings,
    recordedDays(events, inspection?.timeZone),
  );
}
