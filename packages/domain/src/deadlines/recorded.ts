import type { RecordedEvent } from '../cases/events';
import { today } from '../clock';

/** The day each stored event was recorded, in the inspection's date (for clocks learned late). */
export function recordedDays(events: readonly RecordedEvent[], timeZone?: string): (string | undefined)[] {
  return events.map((r) => (r.recordedAt ? today(new Date(r.recordedAt), timeZone) : undefined));
}
