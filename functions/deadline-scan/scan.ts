import type { CaseStore, Meter } from '@uii/aws/case-store';
import type { DirectoryStore, Inspection } from '@uii/aws/directory-store';
import { type AlertJob, addDays, alertsBetween, daysBetween } from '@uii/domain';
import { alertJobs, clocksOf, projectionOf } from '../case-events/case-service';

export interface ScanResult {
  day: string;
  /** The days whose byDue partition was queried (from the day after the last run to today). */
  days: string[];
  casesDue: number;
  alerts: number;
  unaddressed: number;
  /** byDue queries only: what grows with due cases, not with all cases. */
  indexQueries: number;
  indexCapacityUnits: number;
}

export interface ScanDeps {
  cases: CaseStore;
  directory: DirectoryStore;
  emit: (jobs: AlertJob[]) => Promise<void>;
  /** Catch-up limit when the scan has not run for a while. */
  maxCatchUpDays?: number;
}

/**
 * The daily scan: for each day since the last run, one query of the byDue partition
 * `DUE#<day>`; for each case found, recompute its clocks, send the alerts planned for those
 * days (ids `<caseId>:<rule>:<kind>:<date>`, so a re-run sends nothing twice) and move
 * the case to its next due day.
 */
export async function runScan(day: string, deps: ScanDeps): Promise<ScanResult> {
  const last = await deps.cases.lastScanDate();
  const maxBack = deps.maxCatchUpDays ?? 31;
  let from = last && last < day ? addDays(last, 1) : day;
  if (daysBetween(from, day) > maxBack) from = addDays(day, -maxBack);
  const days: string[] = [];
  for (let d = from; d <= day; d = addDays(d, 1)) days.push(d);

  const meter: Meter = { requests: 0, capacityUnits: 0 };
  const due = new Set<string>();
  for (const d of days) for (const id of await deps.cases.dueOn(d, meter)) due.add(id);

  const sinceExclusive = addDays(from, -1);
  let alerts = 0;
  let unaddressed = 0;
  const inspections = new Map<string, Promise<Inspection | undefined>>();
  const inspectionOf = (id: string | undefined) => {
    if (!id) return Promise.resolve(undefined);
    if (!inspections.has(id)) inspections.set(id, deps.directory.getInspection(id));
    return inspections.get(id)!;
  };
  for (const caseId of due) {
    const stored = await deps.cases.getCase(caseId);
    if (!stored) continue;
    const events = await deps.cases.listEvents(caseId);
    const inspection = await inspectionOf(stored.case.inspectionId);
    const clocks = clocksOf(stored.case, events, day, inspection);
    const planned = alertsBetween(clocks, sinceExclusive, day);
    const out = await alertJobs(deps.directory, stored.case, clocks, planned);
    if (out.jobs.length) await deps.emit(out.jobs);
    alerts += out.jobs.length;
    unaddressed += out.unaddressed;
    // A concurrent event already moved the projection forward: that write wins.
    await deps.cases.saveProjection(
      caseId,
      projectionOf(stored.case, events, day, inspection),
      stored.version,
    );
  }
  await deps.cases.setLastScanDate(day);
  return {
    day,
    days,
    casesDue: due.size,
    alerts,
    unaddressed,
    indexQueries: meter.requests,
    indexCapacityUnits: meter.capacityUnits,
  };
}
