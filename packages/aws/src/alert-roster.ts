import { GetCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { Case, DigestDeps } from '@uii/domain';
import { CaseStore } from './case-store';
import { documentClient } from './clients';
import { FeedStore } from './feed-store';
import { listQuarantine, listTriage } from './mail-store';

/**
 * Who gets a digest: officers and inspections of the directory with their settings, and the
 * cases per officer. The directory has no listing index, so this is one Scan per run,
 * projected to the few attributes needed and filtered to directory and case items
 * (ADR 0020). Replace `casesByOfficer` by `CaseStore.listCases({ officerId })` once merged.
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

const FIELDS = [
  'type',
  'id',
  'email',
  'inspectionId',
  'lang',
  'digestHour',
  'headEmail',
  'timeZone',
  'headLang',
  'headGraceWorkingDays',
  'case',
] as const;

export async function readRoster(tableName: string, db = documentClient()): Promise<Roster> {
  const officers: RosterOfficer[] = [];
  const inspections = new Map<string, RosterInspection>();
  const casesByOfficer = new Map<string, Case[]>();
  const pages = paginateScan(
    { client: db },
    {
      TableName: tableName,
      FilterExpression: '#f0 IN (:o, :i, :c)',
      ProjectionExpression: FIELDS.map((_, i) => `#f${i}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(FIELDS.map((f, i) => [`#f${i}`, f])),
      ExpressionAttributeValues: { ':o': 'officer', ':i': 'inspection', ':c': 'case' },
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) {
      if (item.type === 'officer' && item.email) officers.push(item as RosterOfficer);
      else if (item.type === 'inspection') inspections.set(String(item.id), item as RosterInspection);
      else if (item.type === 'case' && item.case?.officerId) {
        const c = item.case as Case;
        const list = casesByOfficer.get(c.officerId!) ?? [];
        list.push(c);
        casesByOfficer.set(c.officerId!, list);
      }
    }
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
