import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Case, DigestDeps } from '@uii/domain';
import { CaseStore } from './case-store';
import { documentClient } from './clients';
import { DirectoryStore } from './directory-store';
import { FeedStore } from './feed-store';
import { listQuarantine, listTriage } from './mail-store';

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

/** What the digest reads, from one table: the roster, each case's events and person, mail waiting. */
export function digestSources(tableName: string): DigestDeps {
  const cases = new CaseStore(tableName);
  return {
    roster: () => readRoster(tableName),
    events: (id) => cases.listEvents(id),
    person: (id) => cases.getPerson(id),
    waiting: async () => ({
      triage: (await listTriage(tableName, { open: true })).length,
      quarantine: (await listQuarantine(tableName)).length,
    }),
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
