import type { DirectoryStore } from '@uii/aws/directory-store';
import {
  type AlertJob,
  type Case,
  type Clocks,
  clocksMet,
  clocksOfRecorded,
  type InspectionCalendar,
  type PlannedAlert,
  planCaseAlerts,
  project,
  type RecordedEvent,
} from '@uii/domain';

/** Clocks of a case from its recorded events, as of a day, counted for its inspection. */
export const clocksOf = clocksOfRecorded;

export function projectionOf(
  c: Case,
  events: readonly RecordedEvent[],
  asOf: string,
  inspection?: InspectionCalendar,
) {
  return project(
    c,
    events.map((r) => r.event),
    asOf,
    clocksOf(c, events, asOf, inspection),
  );
}

/**
 * The execute half: addresses the case's alert plan from the directory. The plan (domain
 * `planCaseAlerts`) folds urgent alerts found together into one mail and, given the clocks
 * before an event, adds the calendar cancellation of each clock the event met.
 */
export async function alertJobs(
  directory: DirectoryStore,
  c: Case,
  clocks: Clocks,
  planned: readonly PlannedAlert[],
  met?: { before: Clocks; asOf: string },
): Promise<{ jobs: AlertJob[]; unaddressed: number }> {
  const metNow = met ? clocksMet(met.before, clocks).length > 0 : false;
  if (!planned.length && !metNow) return { jobs: [], unaddressed: 0 };
  const recipients = await directory.recipientsFor(c.officerId, c.inspectionId);
  return planCaseAlerts({
    caseId: c.id,
    clocks,
    planned,
    recipients,
    before: met?.before,
    asOf: met?.asOf ?? planned[0]?.date ?? '',
    inspectionId: c.inspectionId,
    officerId: c.officerId,
  });
}
