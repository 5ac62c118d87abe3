import type { Case } from '../cases/case';
import type { RecordedEvent } from '../cases/events';
import { computeClocks } from '../deadlines/engine';
import type { AlertJob } from './alert-job';
import { type DigestCase, digestDue, digestMessage, previousWorkingDay } from './digest';

/** Officers, inspections and cases per officer with the directory settings the digest reads. */
export interface DigestRoster {
  officers: { id: string; email: string; inspectionId?: string; lang?: 'ru' | 'en'; digestHour?: number }[];
  inspections: Map<string, { id: string; timeZone?: string; digestHour?: number }>;
  casesByOfficer: Map<string, Case[]>;
}

type Person = { lastName: string; firstName?: string; middleName?: string };

export interface DigestDeps {
  roster: () => Promise<DigestRoster>;
  events: (caseId: string) => Promise<RecordedEvent[]>;
  person: (caseId: string) => Promise<Person | undefined>;
  waiting: () => Promise<{ triage: number; quarantine: number }>;
}

export interface DigestRun {
  at: string;
  officers: number;
  due: number;
  jobs: AlertJob[];
}

/**
 * One hourly run: each officer whose inspection's local hour is the digest hour (default 08)
 * on a working day gets that day's digest. Job ids `digest:<officer>:<local date>` make a
 * repeated run (or a second schedule in the same hour) send nothing twice.
 */
export async function runDigest(
  at: Date,
  deps: DigestDeps,
  only?: { officerId?: string; date?: string },
): Promise<DigestRun> {
  const roster = await deps.roster();
  const jobs: AlertJob[] = [];
  let due = 0;
  let waiting: { triage: number; quarantine: number } | undefined;
  for (const officer of roster.officers) {
    if (only?.officerId && officer.id !== only.officerId) continue;
    const inspection = officer.inspectionId ? roster.inspections.get(officer.inspectionId) : undefined;
    const when = digestDue(at, {
      timeZone: inspection?.timeZone,
      digestHour: officer.digestHour ?? inspection?.digestHour,
    });
    const date = only?.date ?? when.date;
    if (!only && !when.due) continue;
    due++;
    waiting ??= await deps.waiting();
    const cases: DigestCase[] = [];
    for (const c of roster.casesByOfficer.get(officer.id) ?? ([] as Case[])) {
      const events = await deps.events(c.id);
      cases.push({
        caseId: c.id,
        person: await deps.person(c.id),
        clocks: computeClocks(
          c,
          events.map((e) => e.event),
          date,
        ),
        events,
      });
    }
    const message = digestMessage({
      officerId: officer.id,
      date,
      since: previousWorkingDay(date),
      cases,
      waiting,
      lang: officer.lang,
    });
    jobs.push({
      id: `digest:${officer.id}:${date}`,
      kind: 'digest.daily',
      audience: 'officer',
      to: [officer.email],
      subject: message.subject,
      text: message.text,
      html: message.html,
      officerId: officer.id,
      inspectionId: officer.inspectionId,
      reason: `ежедневная сводка на ${date}: ${message.sections.map((s) => `${s.id} ${s.count}`).join(', ') || 'пусто'}`,
    });
  }
  return { at: at.toISOString(), officers: roster.officers.length, due, jobs };
}
