import { addDays, daysBetween, ruDate } from '../calendar/dates';
import type { Case } from '../cases/case';
import type { RecordedEvent } from '../cases/events';
import { computeClocks } from '../deadlines/engine';
import { clockKey } from '../deadlines/types';
import type { AlertJob } from './alert-job';
import {
  type DigestCase,
  type DigestPlaces,
  type DigestShortlist,
  digestDue,
  digestInstant,
  digestMessage,
  findingKey,
  firstWorkingDayOfWeek,
  headDigestMessage,
  previousWorkingDay,
  type UrgentSent,
  unactedAlerts,
} from './digest';

/** Officers, inspections and cases per officer with the directory settings the digest reads. */
export interface DigestRoster {
  officers: {
    id: string;
    email: string;
    inspectionId?: string;
    lang?: 'ru' | 'en';
    digestHour?: number;
    /** Full name, for the head's mail (directory setting). */
    name?: string;
  }[];
  inspections: Map<
    string,
    {
      id: string;
      name?: string;
      headEmail?: string;
      headLang?: 'ru' | 'en';
      timeZone?: string;
      digestHour?: number;
      headGraceWorkingDays?: number;
    }
  >;
  casesByOfficer: Map<string, Case[]>;
}

const FEED_DUE_DAY = 5;

type Person = { lastName: string; firstName?: string; middleName?: string };

export interface DigestDeps {
  roster: () => Promise<DigestRoster>;
  events: (caseId: string) => Promise<RecordedEvent[]>;
  person: (caseId: string) => Promise<Person | undefined>;
  /** Triage and quarantine waiting for an inspection's officers (ADR 0034: never another's). */
  waiting: (inspectionId?: string) => Promise<{ triage: number; quarantine: number }>;
  /** Employment services whose feed for the month has not arrived (asked once per run). */
  missingFeeds?: (month: string) => Promise<{ service: string; month: string }[]>;
  /** Working days an urgent item may stay undone before the head hears (setting, default 1). */
  headGraceWorkingDays?: number;
  /** A case's latest match shortlist (the match store), when there is one. */
  shortlist?: (caseId: string) => Promise<StoredShortlist | undefined>;
  /** Proposed places waiting on a place clock, per municipality (asked once per run). */
  placesWaiting?: () => Promise<WaitingPlaces[]>;
  /** Urgent mails to officers of an inspection that SES accepted since an instant (ISO). */
  urgentSent?: (inspectionId: string, sinceIso: string) => Promise<UrgentSent[]>;
}

/** What the digest reads of a stored shortlist (`MATCH#<case>` / `PROPOSALS`). */
export interface StoredShortlist {
  /** The day the shortlist was made. */
  asOf: string;
  vacancies: number;
  rule?: string;
  /** Days left of its clock on `asOf`. */
  daysLeft?: number;
  /** When it was made (ISO): it belongs to the first digest after that instant. */
  madeAt?: string;
}

export interface WaitingPlaces extends DigestPlaces {
  /** The municipality's officer in charge; else every officer of its inspection hears. */
  officerId?: string;
  inspectionId: string;
}

export interface DigestRun {
  at: string;
  officers: number;
  due: number;
  jobs: AlertJob[];
}

/** A digest's sections for the audit trail, as the recipient reads them: «Просрочено — 2, …». */
const sectionsSaid = (sections: readonly { heading: string; count: number }[]) =>
  sections.map((s) => `${s.heading} — ${s.count}`).join(', ');

/**
 * The findings and clocks the previous digest could show: computed from the events recorded
 * before its instant, as of its day. Undefined when no event says when it was recorded.
 */
function knownBefore(
  c: Case,
  events: readonly RecordedEvent[],
  fromIso: string,
  since: string,
): DigestCase['knownBefore'] {
  if (!events.some((e) => e.recordedAt)) return undefined;
  const known = events.filter((e) => (e.recordedAt ?? '') <= fromIso).map((e) => e.event);
  const clocks = computeClocks(c, known, since);
  return {
    findings: new Set(clocks.findings.map(findingKey)),
    deadlines: new Set(clocks.deadlines.map(clockKey)),
  };
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
  const computed = new Map<string, DigestCase[]>();
  const casesOf = async (officerId: string, date: string): Promise<DigestCase[]> => {
    const key = `${officerId}|${date}`;
    const hit = computed.get(key);
    if (hit) return hit;
    const out: DigestCase[] = [];
    for (const c of roster.casesByOfficer.get(officerId) ?? ([] as Case[])) {
      const events = await deps.events(c.id);
      out.push({
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
    computed.set(key, out);
    return out;
  };
  let due = 0;
  const waitingBy = new Map<string, { triage: number; quarantine: number }>();
  let missing: { service: string; month: string }[] | undefined;
  let placesWaiting: WaitingPlaces[] | undefined;
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
    const waitingKey = officer.inspectionId ?? '';
    const waiting = waitingBy.get(waitingKey) ?? (await deps.waiting(officer.inspectionId));
    waitingBy.set(waitingKey, waiting);
    // After the monthly due day (FEED-MONTHLY, the 5th) a feed not received is worth a line.
    if (deps.missingFeeds && Number(date.slice(8, 10)) > FEED_DUE_DAY)
      missing ??= await deps.missingFeeds(date.slice(0, 7));
    const since = previousWorkingDay(date);
    // Shortlists made since the last digest (the non-urgent ones were not mailed on their own):
    // after the previous digest's hour and by this one's, so each is listed in one digest only.
    const hour = officer.digestHour ?? inspection?.digestHour ?? 8;
    const window = {
      from: digestInstant(since, hour, inspection?.timeZone),
      to: digestInstant(date, hour, inspection?.timeZone),
    };
    // What the previous digest could already see: a report that arrived late is new today.
    const own = roster.casesByOfficer.get(officer.id) ?? [];
    const cases = (await casesOf(officer.id, date)).map((c, i) => ({
      ...c,
      knownBefore: own[i] && knownBefore(own[i], c.events ?? [], window.from, since),
    }));
    const shortlists: DigestShortlist[] = [];
    if (deps.shortlist)
      for (const c of cases) {
        const s = await deps.shortlist(c.caseId);
        if (!s?.vacancies) continue;
        const inWindow = s.madeAt
          ? s.madeAt > window.from && s.madeAt <= window.to
          : s.asOf >= since && s.asOf <= date; // a record from before `madeAt` was kept
        if (!inWindow) continue;
        const due = s.daysLeft !== undefined ? addDays(s.asOf, s.daysLeft) : undefined;
        shortlists.push({
          caseId: c.caseId,
          vacancies: s.vacancies,
          rule: s.rule,
          ...(due ? { due, daysLeft: daysBetween(date, due) } : {}),
        });
      }
    placesWaiting ??= deps.placesWaiting ? await deps.placesWaiting() : [];
    const places = placesWaiting.filter(
      (p) => p.officerId === officer.id || (!p.officerId && p.inspectionId === officer.inspectionId),
    );
    const message = digestMessage({
      officerId: officer.id,
      date,
      since,
      sinceInstant: window.from,
      cases,
      waiting,
      shortlists,
      places,
      missingFeeds: missing,
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
      reason: `ежедневная сводка на ${ruDate(date)}: ${sectionsSaid(message.sections) || 'ничего не требует действий'}`,
    });
  }
  // The head of each inspection at its digest hour: urgent items left undone, and weekly per officer.
  if (!only?.officerId)
    for (const inspection of roster.inspections.values()) {
      if (!inspection.headEmail) continue;
      const when = digestDue(at, { timeZone: inspection.timeZone, digestHour: inspection.digestHour });
      const date = only?.date ?? when.date;
      if (!only && !when.due) continue;
      const officers = roster.officers.filter((o) => o.inspectionId === inspection.id);
      const caseload = await Promise.all(
        officers.map(async (o) => ({
          officerId: o.id,
          ...(o.name ? { name: o.name } : {}),
          cases: await casesOf(o.id, date),
        })),
      );
      const grace = inspection.headGraceWorkingDays ?? deps.headGraceWorkingDays;
      const settings = {
        timeZone: inspection.timeZone,
        digestHour: inspection.digestHour,
        graceWorkingDays: grace,
      };
      // Urgent mails whose grace ends today, on cases with no event recorded since (issue 11).
      const byCase = new Map(
        caseload.flatMap((o) => o.cases.map((c) => [c.caseId, { officerId: o.officerId, case: c }] as const)),
      );
      const lookBack = `${addDays(date, -(3 * ((grace ?? 1) + 1) + 14))}T00:00:00.000Z`;
      const sent = deps.urgentSent ? await deps.urgentSent(inspection.id, lookBack) : [];
      const message = headDigestMessage({
        inspectionId: inspection.id,
        ...(inspection.name ? { inspectionName: inspection.name } : {}),
        date,
        officers: caseload,
        unacted: unactedAlerts(date, sent, byCase, settings),
        graceWorkingDays: grace,
        weekly: firstWorkingDayOfWeek(date) === date,
        lang: inspection.headLang,
        timeZone: inspection.timeZone,
      });
      if (!message) continue;
      jobs.push({
        id: `head-digest:${inspection.id}:${date}`,
        kind: 'digest.head',
        audience: 'supervisor',
        to: [inspection.headEmail],
        subject: message.subject,
        text: message.text,
        html: message.html,
        inspectionId: inspection.id,
        reason: `сводка начальнику на ${ruDate(date)}: ${sectionsSaid(message.sections)}`,
      });
    }
  return { at: at.toISOString(), officers: roster.officers.length, due, jobs };
}
