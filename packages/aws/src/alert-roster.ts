import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Case, concernsInspection, type DigestDeps, type WaitingPlaces } from '@uii/domain';
import { AuditStore } from './audit-store';
import { CaseStore } from './case-store';
import { documentClient } from './clients';
import { DirectoryStore } from './directory-store';
import { FeedStore } from './feed-store';
import { listQuarantine, listTriage, listWorksites } from './mail-store';
import { MatchStore } from './match-store';
import { PlacesStore } from './places-store';

/**
 * Who gets a digest: officers and inspections of the directory with their settings, and the
 * cases per officer: the directory's index partition, then each officer's caseload through the
 * byOfficer index — never a table scan (the digest has no dynamodb:Scan).
 */
export interface RosterOfficer {
  id: string;
  email: string;
  inspectionId?: string;
  /** Directory settings: language of mail (ru default), own digest hour. */
  lang?: 'ru' | 'en';
  digestHour?: number;
}
export interface RosterInspection {
  id: string;
  email?: string;
  headEmail?: string;
  /** IANA zone, e.g. Asia/Vladivostok (default Europe/Moscow). */
  timeZone?: string;
  digestHour?: number;
  headLang?: 'ru' | 'en';
  /** Working days an urgent item may stay undone before the head is told (default 1). */
  headGraceWorkingDays?: number;
}
export interface Roster {
  officers: RosterOfficer[];
  inspections: Map<string, RosterInspection>;
  casesByOfficer: Map<string, Case[]>;
}

export async function readRoster(tableName: string): Promise<Roster> {
  const { officers: officerItems, inspections: inspectionItems } = await new DirectoryStore(
    tableName,
  ).listDirectory();
  const officers = officerItems.filter((o) => o.email) as unknown as RosterOfficer[];
  const inspections = new Map(
    inspectionItems.map((i) => [String(i.id), i as unknown as RosterInspection] as const),
  );
  const cases = new CaseStore(tableName);
  const casesByOfficer = new Map<string, Case[]>();
  for (const o of officers)
    casesByOfficer.set(
      o.id,
      (await cases.listCases({ officerId: o.id })).map((c) => c.case),
    );
  officers.sort((a, b) => a.id.localeCompare(b.id));
  return { officers, inspections, casesByOfficer };
}

/**
 * The language of a case's recipient (directory setting, Russian when unset): the officer's
 * `lang` for officer mail, the inspection's `headLang` for the head's.
 */
export async function recipientLang(
  tableName: string,
  caseId: string,
  audience: 'officer' | 'supervisor',
  db = documentClient(),
): Promise<'ru' | 'en'> {
  const get = async (pk: string, sk: string) =>
    (await db.send(new GetCommand({ TableName: tableName, Key: { pk, sk } }))).Item;
  const meta = await get(`CASE#${caseId}`, 'META');
  const c = meta?.case as Case | undefined;
  const profile =
    audience === 'officer'
      ? c?.officerId
        ? await get(`OFFICER#${c.officerId}`, 'PROFILE')
        : undefined
      : c?.inspectionId
        ? await get(`INSPECTION#${c.inspectionId}`, 'PROFILE')
        : undefined;
  const lang = audience === 'officer' ? profile?.lang : profile?.headLang;
  return lang === 'en' ? 'en' : 'ru';
}

/**
 * Places with a running clock (PLACE-DECIDE, PLACE-REMARKS), one line per municipality, rule
 * and due day, with the municipality's officer in charge: the digest's «Предложения мест».
 * Both lists are one small partition each (`PLACES`, `PARTNERS`).
 */
export async function waitingPlaces(tableName: string): Promise<WaitingPlaces[]> {
  const store = new PlacesStore(tableName);
  const places = (await store.listPlaces()).filter((p) => p.clock);
  if (!places.length) return [];
  const partners = new Map((await store.listPartners()).map((p) => [p.id, p] as const));
  const lines = new Map<string, WaitingPlaces>();
  for (const p of places) {
    const partner = partners.get(p.municipalityId);
    if (!partner || !p.clock) continue;
    const key = `${partner.id}|${p.clock.rule}|${p.clock.due}`;
    const line = lines.get(key) ?? {
      municipality: partner.name,
      rule: p.clock.rule,
      due: p.clock.due,
      places: 0,
      inspectionId: partner.inspectionId,
      ...(partner.officerId ? { officerId: partner.officerId } : {}),
    };
    line.places++;
    line.placeIds = [...(line.placeIds ?? []), p.id];
    lines.set(key, line);
  }
  return [...lines.values()].sort(
    (a, b) => a.due.localeCompare(b.due) || a.municipality.localeCompare(b.municipality, 'ru'),
  );
}

/**
 * Triage and quarantine waiting for one inspection's officers (ADR 0034). An item counts for
 * the inspections it names — a triage item its worksite's, a quarantined mail those the
 * intake found (the claimed worksite's, else the inspection whose inbox received it); an older
 * record without them, its worksite's inspection. A mail no inspection can be told of (a
 * stranger's, to an address no inspection lists) is counted for every inspection, so someone
 * sees it; an officer with no inspection sees only those.
 */
export async function waitingFor(
  tableName: string,
  inspectionId: string | undefined,
): Promise<{ triage: number; quarantine: number }> {
  const [triage, quarantine] = await Promise.all([
    listTriage(tableName, { open: true }),
    listQuarantine(tableName),
  ]);
  let worksites: Map<string, string> | undefined;
  const inspectionOf = async (worksiteId: string | undefined) => {
    if (!worksiteId) return undefined;
    worksites ??= new Map((await listWorksites(tableName)).map((w) => [w.id, w.inspectionId] as const));
    return worksites.get(worksiteId);
  };
  const named = async (ids: string[] | undefined, worksiteId: string | undefined) => {
    if (ids?.length) return ids;
    const fromWorksite = await inspectionOf(worksiteId);
    return fromWorksite ? [fromWorksite] : [];
  };
  let t = 0;
  for (const item of triage)
    if (
      concernsInspection(
        await named(item.inspectionId ? [item.inspectionId] : [], item.worksiteId),
        inspectionId,
      )
    )
      t++;
  let q = 0;
  for (const item of quarantine)
    if (concernsInspection(await named(item.inspectionIds, item.worksiteId), inspectionId)) q++;
  return { triage: t, quarantine: q };
}

/** What the digest reads, from one table: the roster, each case's events and person, mail waiting. */
export function digestSources(tableName: string): DigestDeps {
  const cases = new CaseStore(tableName);
  const matches = new MatchStore(tableName);
  const audit = new AuditStore(tableName);
  return {
    roster: () => readRoster(tableName),
    events: (id) => cases.listEvents(id),
    person: (id) => cases.getPerson(id),
    waiting: (inspectionId) => waitingFor(tableName, inspectionId),
    shortlist: async (caseId) => {
      const p = await matches.getProposals(caseId);
      return p
        ? {
            asOf: p.asOf,
            vacancies: p.proposals.length,
            rule: p.rule,
            daysLeft: p.daysLeft,
            madeAt: p.updatedAt,
          }
        : undefined;
    },
    placesWaiting: () => waitingPlaces(tableName),
    urgentSent: (inspectionId, sinceIso) => audit.urgentSentSince(inspectionId, sinceIso),
    missingFeeds: async (month) => {
      const feeds = new FeedStore(tableName);
      const out: { service: string; month: string }[] = [];
      for (const s of await feeds.listServices())
        if (!(await feeds.getSummary(s.id, month)))
          out.push({ service: s.name, month: `${month.slice(5)}.${month.slice(0, 4)}` });
      return out;
    },
  };
}
