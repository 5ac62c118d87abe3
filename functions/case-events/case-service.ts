import type { DirectoryStore } from '@uii/aws/directory-store';
import {
  type AlertJob,
  alertJobFor,
  type Case,
  type Clocks,
  clocksOfRecorded,
  foldedFindings,
  type InspectionCalendar,
  type PlannedAlert,
  project,
  type RecordedEvent,
  subjectOf,
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

/** The execute half: turns planned alerts into AlertJobs addressed from the directory. */
export async function alertJobs(
  directory: DirectoryStore,
  c: Case,
  clocks: Clocks,
  planned: readonly PlannedAlert[],
): Promise<{ jobs: AlertJob[]; unaddressed: number }> {
  if (!planned.length) return { jobs: [], unaddressed: 0 };
  const recipients = await directory.recipientsFor(c.officerId, c.inspectionId);
  const jobs: AlertJob[] = [];
  let unaddressed = 0;
  for (const alert of planned) {
    const subject = subjectOf(clocks, alert);
    const job = subject
      ? alertJobFor(c.id, alert, subject, recipients, foldedFindings(clocks, alert))
      : undefined;
    if (job) jobs.push(job);
    else unaddressed++;
  }
  return { jobs, unaddressed };
}
